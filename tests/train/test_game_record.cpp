#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "../test_files.h"
#include "gan/io/csv.h"
#include "gan/train/game_record.h"

using gan::Probes;
using gan::ProbePass;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

namespace {

// A DCGAN and 10 probes: few enough to run fast, more than one batch of 4 and than the 4 + 4
// TensorPath probes.
struct Game {
  gan::GanModels models;
  Probes probes;
  explicit Game(uint64_t seed) {
    gan::Rng rng(seed);
    models = gan::make_gan(gan::ModelSettings{}, rng);
    probes.real = Tensor({10, 1, 28, 28});
    rng.fill_uniform(probes.real, -1.0f, 1.0f);
    probes.z = Tensor({10, 100});
    rng.fill_normal(probes.z, 0.0f, 1.0f);
  }
};

}  // namespace

TEST_CASE("run_probes, in batches, gives D's evaluation-mode logits and each unit's mean", "[train][report]") {
  Game game(1);
  ProbePass pass = gan::run_probes(*game.models.generator, *game.models.discriminator, game.probes, 4);

  // The whole set at once, the same way.
  gan::Discriminator& D = *game.models.discriminator;
  D.set_training(false);
  game.models.generator->set_training(false);
  std::vector<Tensor> hidden;
  Tensor logits = D.forward_recording(Variable(game.probes.real), {}, hidden).value();
  Tensor fake = game.models.generator->forward(Variable(game.probes.z), {}).value();
  D.set_training(true);
  game.models.generator->set_training(true);

  CHECK(pass.d_real_logits == logits.data);  // bit for bit: a probe's output does not depend on its batch
  CHECK(pass.fake.data == fake.data);
  REQUIRE(pass.hidden_shapes.size() == 2);
  CHECK(pass.hidden_shapes[0] == Shape{64, 14, 14});
  CHECK(pass.hidden_shapes[1] == Shape{128, 7, 7});
  REQUIRE(pass.real_unit_means[0].size() == 64);
  REQUIRE(pass.real_unit_means[1].size() == 128);
  for (int unit : {0, 17, 63}) {
    double sum = 0;
    for (int n = 0; n < 10; ++n) {
      for (int h = 0; h < 14; ++h) {
        for (int w = 0; w < 14; ++w) sum += hidden[0].at(n, unit, h, w);
      }
    }
    CHECK(pass.real_unit_means[0][unit] == Approx(sum / (10 * 14 * 14)).epsilon(1e-12));
  }
  CHECK(pass.real_features.shape == Shape{10, 128 * 7 * 7});
  CHECK(std::vector<float>(pass.real_features.data.begin(), pass.real_features.data.begin() + 6272) ==
        std::vector<float>(hidden[1].data.begin(), hidden[1].data.begin() + 6272));
  // TensorPath: the first 4 real probes, then the first 4 fake ones.
  REQUIRE(pass.tensorpath[0].shape == Shape{8, 64, 14, 14});
  const int64_t one = 64 * 14 * 14;
  CHECK(std::vector<float>(pass.tensorpath[0].data.begin(), pass.tensorpath[0].data.begin() + 4 * one) ==
        std::vector<float>(hidden[0].data.begin(), hidden[0].data.begin() + 4 * one));
}

TEST_CASE("fit_projection finds the direction of most variance, and the fitted points are centred", "[train][report]") {
  // 200 points spread along (1, 1, 0) / sqrt(2) (std 10) and a little along (1, -1, 0) / sqrt(2)
  // (std 1), with a small third coordinate (std 0.1).
  gan::Rng rng(4);
  Tensor noise({200, 3});
  rng.fill_normal(noise, 0.0f, 1.0f);
  Tensor x({200, 3});
  for (int n = 0; n < 200; ++n) {
    const float along = 10.0f * noise.at(n, 0), across = noise.at(n, 1);
    x.at(n, 0) = 5.0f + (along + across) / std::sqrt(2.0f);
    x.at(n, 1) = -2.0f + (along - across) / std::sqrt(2.0f);
    x.at(n, 2) = 0.1f * noise.at(n, 2);
  }
  gan::Rng fit_rng(5);
  gan::ProjectionBasis basis = gan::fit_projection(x, fit_rng);
  CHECK(std::fabs(basis.x_axis[0]) == Approx(std::sqrt(0.5)).margin(0.02));
  CHECK(basis.x_axis[0] * basis.x_axis[1] > 0);  // (1, 1, 0), either sign
  CHECK(std::fabs(basis.y_axis[0]) == Approx(std::sqrt(0.5)).margin(0.02));
  CHECK(basis.y_axis[0] * basis.y_axis[1] < 0);  // (1, -1, 0)
  std::vector<double> xy = gan::project_rows(basis, x);
  double mean_x = 0, mean_y = 0, var_x = 0, var_y = 0;
  for (int n = 0; n < 200; ++n) mean_x += xy[2 * n] / 200, mean_y += xy[2 * n + 1] / 200;
  for (int n = 0; n < 200; ++n) {
    var_x += (xy[2 * n] - mean_x) * (xy[2 * n] - mean_x) / 199;
    var_y += (xy[2 * n + 1] - mean_y) * (xy[2 * n + 1] - mean_y) / 199;
  }
  CHECK(std::fabs(mean_x) < 1e-5);  // centred on the fitted mean, up to its rounding to float
  CHECK(std::fabs(mean_y) < 1e-5);
  CHECK(var_x > var_y);
  CHECK_THROWS_WITH(gan::project_rows(basis, Tensor({2, 4})), "project_rows: a basis of 3 dimensions for rows of 4");
}

TEST_CASE("GameRecorder writes the records the report reads, and a second recorder reads the bases back", "[train][report]") {
  const std::string out = scratch_path("train", "game-record");
  std::filesystem::remove_all(out);
  for (const std::string& folder : gan::game_record_folders()) std::filesystem::create_directories(out + "/" + folder);
  Game game(2);
  ProbePass pass = gan::run_probes(*game.models.generator, *game.models.discriminator, game.probes, 64);
  gan::GameRecorder recorder(out, 9);
  recorder.record("epoch_0001", pass, game.probes, *game.models.discriminator);

  gan::CsvTable activations = gan::read_csv(out + "/activations/epoch_0001.csv");
  CHECK(activations.header == std::vector<std::string>{"layer", "shape", "unit", "real_mean", "fake_mean"});
  REQUIRE(activations.rows.size() == 64 + 128);
  CHECK(activations.rows[0][1] == "64x14x14");
  CHECK(activations.rows[64][0] == "2");
  CHECK(activations.rows[64][1] == "128x7x7");
  CHECK(std::stod(activations.rows[5][3]) == Approx(pass.real_unit_means[0][5]));

  gan::CsvTable projection = gan::read_csv(out + "/projection/epoch_0001.csv");
  REQUIRE(projection.rows.size() == 20);
  double mean_feature_x = 0, mean_pixel_y = 0;
  for (int n = 0; n < 10; ++n) {
    CHECK(projection.rows[n][0] == "real");
    mean_feature_x += std::stod(projection.rows[n][2]) / 10;
    mean_pixel_y += std::stod(projection.rows[n][5]) / 10;
  }
  CHECK(std::fabs(mean_feature_x) < 1e-4);  // the real probes are what the axes were fitted on
  CHECK(std::fabs(mean_pixel_y) < 1e-4);
  CHECK(projection.rows[10][0] == "fake");
  for (const char* file : {"/probes/real.png", "/probes/epoch_0001.png", "/tensorpath/epoch_0001_layer1.png",
                           "/tensorpath/epoch_0001_layer2.png", "/filters/epoch_0001.png",
                           "/projection/basis_features.npy", "/projection/basis_pixels.npy"}) {
    INFO(file);
    CHECK(std::filesystem::exists(out + file));
  }

  // A resumed run: a new recorder over the same folder projects along the saved axes.
  gan::GameRecorder resumed(out, 9);
  resumed.record("epoch_0002", pass, game.probes, *game.models.discriminator);
  CHECK(gan::read_file(out + "/projection/epoch_0002.csv") == gan::read_file(out + "/projection/epoch_0001.csv"));

  gan::write_file_atomically(out + "/projection/basis_pixels.npy", "not an array");
  gan::GameRecorder broken(out, 9);
  CHECK_THROWS_WITH(broken.record("epoch_0003", pass, game.probes, *game.models.discriminator),
                    Catch::Contains(out + "/projection/basis_pixels.npy"));
}
