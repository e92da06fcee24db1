// The per-epoch metric columns of epochs.csv (trainer.cpp, train/evaluation.h).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "gan/train/trainer.h"
#include "../test_files.h"

namespace {

std::vector<std::vector<std::string>> read_rows(const std::string& path) {
  std::ifstream file(path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(file, line)) {
    std::vector<std::string> cells;
    std::stringstream stream(line);
    std::string cell;
    while (std::getline(stream, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

}  // namespace

TEST_CASE("epochs.csv holds D's AUC every epoch and the sample metrics every --eval-every epochs", "[train][metrics]") {
  gan::TrainConfig config;
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.limit = 128;
  config.batch = 64;
  config.epochs = 2;
  config.eval_every = 2;
  config.eval_samples = 100;
  config.out = scratch_path("train", "epoch-metrics");
  std::filesystem::remove_all(config.out);
  gan::TrainOptions options;
  options.show_progress = false;
  REQUIRE(gan::train_gan(config, options) == 0);

  std::vector<std::vector<std::string>> rows = read_rows(config.out + "/epochs.csv");
  REQUIRE(rows.size() == 3);
  const std::vector<std::string> metric_columns = {"d_auc",  "fid",     "kid",      "kid_std", "inception_score",
                                                   "inception_score_std", "precision", "recall", "modes",
                                                   "modes_kl", "diversity", "dist_diff", "collapse", "eval_seconds"};
  const std::vector<std::string>& header = rows[0];
  REQUIRE(header.size() == 11 + metric_columns.size());
  CHECK(std::vector<std::string>(header.begin() + 11, header.end()) == metric_columns);
  for (const auto& row : {rows[1], rows[2]}) REQUIRE(row.size() == header.size());
  double auc = std::stod(rows[1][11]);
  CHECK(auc >= 0.0);
  CHECK(auc <= 1.0);
  for (size_t column = 12; column < header.size(); ++column) {
    INFO(header[column]);
    CHECK(rows[1][column].empty());   // epoch 1 is not a multiple of --eval-every 2
    // Dist-Diff needs 500 samples (10 per mixture component and dimension): blank at 100.
    CHECK(rows[2][column].empty() == (header[column] == "dist_diff"));
  }
  CHECK(std::stod(rows[2][12]) > 0.0);  // FID
  int modes = std::stoi(rows[2][19]);
  CHECK(modes >= 1);
  CHECK(modes <= 10);
}
