#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

#include "gan/io/atomic_file.h"
#include "gan/kernels/parallel.h"
#include "gan/train/trainer.h"
#include "../test_files.h"

namespace fs = std::filesystem;

namespace {

// steps.csv without its last column (wall-clock seconds, the one value that may differ between runs).
std::string steps_without_seconds(const std::string& run) {
  std::istringstream lines(gan::read_file(run + "/steps.csv"));
  std::string line, kept;
  while (std::getline(lines, line)) kept += line.substr(0, line.rfind(',')) + "\n";
  return kept;
}

gan::TrainConfig small_run(const std::string& name) {
  gan::TrainConfig config;
  config.model = "dcgan";
  config.data = "mnist";
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.limit = 128;
  config.batch = 32;
  config.epochs = 2;
  config.seed = 5;
  config.out = scratch_path("train", name);
  fs::remove_all(config.out);
  return config;
}

gan::TrainOptions quiet() {
  gan::TrainOptions options;
  options.show_progress = false;
  return options;
}

}  // namespace

TEST_CASE("a run is reproducible from its seed with 1 and with 2 threads", "[train][smoke]") {
  gan::TrainConfig one = small_run("threads-1");
  one.threads = 1;
  gan::TrainConfig two = small_run("threads-2");
  two.threads = 2;
  REQUIRE(gan::train_gan(one, quiet()) == 0);
  REQUIRE(gan::train_gan(two, quiet()) == 0);
  gan::kernels::set_num_threads(2);
  CHECK(gan::read_file(one.out + "/checkpoints/latest.ckpt") == gan::read_file(two.out + "/checkpoints/latest.ckpt"));
  CHECK(steps_without_seconds(one.out) == steps_without_seconds(two.out));
  CHECK(steps_without_seconds(one.out).find("nan") == std::string::npos);
  for (const char* file : {"/config.json", "/epochs.csv", "/samples/epoch_0001.png", "/samples/epoch_0002.png",
                           "/probabilities/epoch_0002.csv"}) {
    CHECK(fs::exists(one.out + file));
  }
}

TEST_CASE("a run stopped after epoch 2 and resumed ends with the bytes of one that never stopped", "[train][smoke]") {
  gan::TrainConfig straight = small_run("straight");
  straight.epochs = 3;
  REQUIRE(gan::train_gan(straight, quiet()) == 0);

  gan::TrainConfig interrupted = small_run("interrupted");
  interrupted.epochs = 2;
  REQUIRE(gan::train_gan(interrupted, quiet()) == 0);
  gan::TrainConfig more = interrupted;
  more.epochs = 3;
  gan::TrainOptions resume = quiet();
  resume.resume = interrupted.out;
  REQUIRE(gan::train_gan(more, resume) == 0);

  CHECK(gan::read_file(straight.out + "/checkpoints/latest.ckpt") ==
        gan::read_file(interrupted.out + "/checkpoints/latest.ckpt"));
  CHECK(steps_without_seconds(straight.out) == steps_without_seconds(interrupted.out));
  // The report's records continue on the projection fitted before the stop (read back, not refitted).
  for (const char* file : {"/projection/epoch_0003.csv", "/activations/epoch_0003.csv", "/tensorpath/epoch_0003_layer2.png",
                           "/probes/epoch_0003.png", "/filters/epoch_0003.png"}) {
    INFO(file);
    CHECK(gan::read_file(straight.out + file) == gan::read_file(interrupted.out + file));
  }
}

TEST_CASE("a batch larger than the data set is refused before training", "[train]") {
  gan::TrainConfig config = small_run("too-big");
  config.batch = 1000;
  CHECK_THROWS_WITH(gan::train_gan(config, quiet()), Catch::Contains("--batch 1000 is larger than the data set (128"));
  CHECK_THROWS_AS(gan::train_gan(config, quiet()), gan::SettingError);  // `gan train` makes it a usage error
}
