// gan eval, run as a program on a checkpoint trained for one short epoch.
#include <catch2/catch.hpp>

#include <filesystem>

#include "gan/io/atomic_file.h"
#include "gan/io/json.h"
#include "gan/train/trainer.h"
#include "run_gan.h"

namespace {

std::string tiny_checkpoint(const std::string& name) {
  gan::TrainConfig config;
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.limit = 128;
  config.batch = 64;
  config.epochs = 1;
  config.eval_every = 0;
  config.out = cli_scratch(name);
  std::filesystem::remove_all(config.out);
  gan::TrainOptions options;
  options.show_progress = false;
  REQUIRE(gan::train_gan(config, options) == 0);
  return config.out + "/checkpoints/latest.ckpt";
}

}  // namespace

TEST_CASE("gan eval scores a checkpoint's samples against held-out digits and writes the JSON", "[cli][metrics][smoke]") {
  std::string checkpoint = tiny_checkpoint("eval-run");
  std::string out = cli_scratch("eval.json");
  std::filesystem::remove(out);
  GanRun run = run_gan("eval", "eval --checkpoint " + checkpoint + " --n 200 --seed 3 --out " + out);
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(gan::read_file(out) == run.out);
  gan::JsonValue json = gan::parse_json(run.out, "gan eval");
  CHECK(json.at("data").as_string() == "mnist-test");  // the held-out split of the run's mnist
  CHECK(json.at("epoch").as_number() == 1);
  CHECK(json.at("real_count").as_number() == 200);
  CHECK(json.at("fake_count").as_number() == 200);
  // One epoch of 2 steps: blobs, far from digits, that the classifier sees as few classes.
  CHECK(json.at("fid").as_number() > 100.0);
  CHECK(json.at("precision").as_number() >= 0.0);
  CHECK(json.at("recall").as_number() <= 1.0);
  CHECK(json.at("kid").at("subsets").as_number() == 1);  // 200 vs 200 fits in one subset
  CHECK(json.at("inception_score").at("mean").as_number() >= 1.0);
  CHECK(json.at("inception_score").at("mean").as_number() <= 10.0);
  double histogram_total = 0;
  for (const gan::JsonValue& count : json.at("modes").at("histogram").items()) histogram_total += count.as_number();
  CHECK(histogram_total == 200);
  CHECK(json.at("diversity").at("pairs").as_number() == 2000);
  CHECK(json.at("real_diversity").as_number() > 1.0);

  GanRun again = run_gan("eval-again", "eval --checkpoint " + checkpoint + " --n 200 --seed 3");
  CHECK(again.out == run.out);  // same seed, same numbers

  GanRun too_many = run_gan("eval-too-many", "eval --checkpoint " + checkpoint + " --n 5000");
  CHECK(too_many.exit_code == 2);
  CHECK_THAT(too_many.err, Catch::Contains("--n 5000 is more than the 2000 images of mnist-test"));
  GanRun no_checkpoint = run_gan("eval-none", "eval --n 10");
  CHECK(no_checkpoint.exit_code == 2);
  CHECK_THAT(no_checkpoint.err, Catch::Contains("--checkpoint is required"));
}
