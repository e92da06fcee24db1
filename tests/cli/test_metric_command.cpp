// gan metric, run as a program: values against closed forms, the kinds of input and their
// scaling, and the errors bad input gets.
#include <catch2/catch.hpp>

#include <cmath>

#include "gan/io/idx.h"
#include "gan/io/json.h"
#include "gan/io/npy.h"
#include "gan/tensor/rng.h"
#include "run_gan.h"

namespace {

// Random features (N, D), N(0, 1), plus `shift` on every value.
std::string write_features(const std::string& name, int N, int D, float shift, uint64_t seed = 1) {
  gan::Rng rng(seed);
  std::vector<float> values(static_cast<size_t>(N) * D);
  for (float& value : values) value = rng.normal() + shift;
  std::string path = cli_scratch(name + ".npy");
  gan::write_npy_float32(path, {N, D}, values.data());
  return path;
}

std::string write_scores(const std::string& name, const std::vector<float>& scores) {
  std::string path = cli_scratch(name + ".npy");
  gan::write_npy_float32(path, {static_cast<int64_t>(scores.size())}, scores.data());
  return path;
}

// A column of scores (N, 1), the shape NumPy code keeps D's outputs in. write_npy_float32 lays it
// out byte for byte as NumPy does (tests/io/test_npy.cpp, "write_npy_float32 writes NumPy's exact
// bytes"), so these are the files a Python user hands over.
std::string write_score_column(const std::string& name, const std::vector<float>& scores) {
  std::string path = cli_scratch(name + ".npy");
  gan::write_npy_float32(path, {static_cast<int64_t>(scores.size()), 1}, scores.data());
  return path;
}

gan::JsonValue metric_json(const std::string& name, const std::string& arguments) {
  GanRun run = run_gan(name, "metric " + arguments);
  INFO("stderr: " << run.err);
  REQUIRE(run.exit_code == 0);
  return gan::parse_json(run.out, name);
}

double number(const gan::JsonValue& json, const std::string& key) { return json.at(key).as_number(); }

}  // namespace

TEST_CASE("gan metric fid: 0 for a file with itself, the squared shift for shifted features", "[cli][metrics]") {
  std::string x = write_features("fid-x", 300, 8, 0.0f);
  std::string shifted = write_features("fid-shifted", 300, 8, 0.5f);
  gan::JsonValue same = metric_json("fid-same", "fid --real " + x + " --fake " + x);
  CHECK(std::abs(number(same, "value")) < 1e-9);
  CHECK(same.at("metric").as_string() == "fid");
  CHECK(same.at("on").as_string() == "values as given (D = 8)");
  CHECK(same.at("fake").at("kind").as_string() == "features");
  // The same covariance, the mean moved by 0.5 in each of 8 dimensions: FID = 8 * 0.5^2 = 2.
  gan::JsonValue moved = metric_json("fid-moved", "fid --real " + x + " --fake " + shifted);
  CHECK(number(moved, "value") == Approx(2.0).epsilon(1e-4));
}

TEST_CASE("gan metric wasserstein: W1 of a shifted set is the shift, in 1-D and between point sets", "[cli][metrics]") {
  std::vector<float> a = {0.0f, 1.0f, 3.0f, 7.0f, 2.5f}, b;
  for (float value : a) b.push_back(value + 0.75f);
  gan::JsonValue one_d = metric_json("w1-1d", "wasserstein --real " + write_scores("w1-a", a) + " --fake " +
                                                  write_scores("w1-b", b));
  CHECK(number(one_d, "value") == Approx(0.75));
  CHECK(one_d.at("method").as_string() == "exact in 1-D (sorted samples)");
  // Moving every point by c costs at least ||c|| (Jensen), and the identity assignment achieves it:
  // 0.5 in each of 4 dimensions is ||c|| = 1.
  std::string x = write_features("w1-x", 40, 4, 0.0f), y = write_features("w1-y", 40, 4, 0.5f);
  gan::JsonValue sets = metric_json("w1-sets", "wasserstein --real " + x + " --fake " + y);
  CHECK(number(sets, "value") == Approx(1.0).epsilon(1e-5));
}

TEST_CASE("gan metric auc: 1 for separable scores, 0.5 for identical ones", "[cli][metrics]") {
  std::string low = write_scores("auc-low", {-3.0f, -2.0f, -1.5f, 0.0f});
  std::string high = write_scores("auc-high", {0.5f, 1.0f, 2.0f});
  CHECK(number(metric_json("auc-1", "auc --real " + high + " --fake " + low), "value") == 1.0);
  CHECK(number(metric_json("auc-0", "auc --real " + low + " --fake " + high), "value") == 0.0);
  CHECK(number(metric_json("auc-half", "auc --real " + low + " --fake " + low), "value") == 0.5);
}

TEST_CASE("gan metric auc and wasserstein take a column of scores (N, 1), wasserstein with any N",
          "[cli][metrics]") {
  std::string low = write_score_column("column-low", {-3.0f, -2.0f, -1.5f, 0.0f});
  std::string high = write_score_column("column-high", {0.5f, 1.0f, 2.0f});
  gan::JsonValue auc = metric_json("column-auc", "auc --real " + high + " --fake " + low);
  CHECK(number(auc, "value") == 1.0);
  CHECK(auc.at("fake").at("kind").as_string() == "scores");
  CHECK(gan::to_json(auc.at("fake").at("shape")) == "[4, 1]");  // the shape as in the file
  // A column and a plain vector hold the same kind of sample.
  std::string plain_high = write_scores("plain-high", {0.5f, 1.0f, 2.0f});
  CHECK(number(metric_json("column-auc-mixed", "auc --real " + plain_high + " --fake " + low), "value") == 1.0);

  // The exact 1-D W1 between {0, 2} and {0, 1, 5}, the area between the two step CDFs:
  // |1/2 - 1/3| on [0, 1) + |1/2 - 2/3| on [1, 2) + |1 - 2/3| * 3 on [2, 5) = 1/6 + 1/6 + 1 = 4/3.
  std::string two = write_score_column("column-two", {0.0f, 2.0f});
  std::string three = write_score_column("column-three", {5.0f, 0.0f, 1.0f});
  gan::JsonValue w1 = metric_json("column-w1", "wasserstein --real " + two + " --fake " + three);
  CHECK(number(w1, "value") == Approx(4.0 / 3.0).epsilon(1e-12));
  CHECK(w1.at("method").as_string() == "exact in 1-D (sorted samples)");

  // One column is scores, two are features: the kinds do not mix.
  std::string features = write_features("column-vs-features", 3, 2, 0.0f);
  GanRun mixed = run_gan("column-vs-features", "metric auc --real " + high + " --fake " + features);
  CHECK(mixed.exit_code == 1);
  CHECK_THAT(mixed.err, Catch::Contains("--real " + high + " holds scores (3, 1) and --fake " + features +
                                        " holds features (3, 2): both must hold the same kind of sample"));
}

TEST_CASE("gan metric is and modes: K for uniform one-hot probabilities", "[cli][metrics]") {
  const int N = 100, K = 10;
  std::vector<float> one_hot(N * K, 0.0f);
  for (int n = 0; n < N; ++n) one_hot[n * K + n % K] = 1.0f;
  std::string path = cli_scratch("one-hot.npy");
  gan::write_npy_float32(path, {N, K}, one_hot.data());
  gan::JsonValue is = metric_json("is-uniform", "is --fake " + path);
  CHECK(number(is, "mean") == Approx(10.0));
  CHECK(number(is, "std") == Approx(0.0).margin(1e-9));
  CHECK(number(is, "splits") == 10);
  CHECK(is.find("real") == nullptr);
  gan::JsonValue modes = metric_json("modes-uniform", "modes --fake " + path + " --real " + path);
  CHECK(number(modes, "covered") == 10);
  CHECK(number(modes, "kl_to_uniform") == Approx(0.0).margin(1e-12));
  CHECK(number(modes.at("real"), "covered") == 10);
}

TEST_CASE("gan metric reads uint8, [0, 1] and [-1, 1] images alike, through the classifier", "[cli][metrics]") {
  gan::IdxImages digits = gan::read_idx_images(GAN_SOURCE_DIR "/data/mnist/t10k-images-2k-idx3-ubyte");
  const int N = 60, pixels = 28 * 28;
  std::vector<uint8_t> bytes(digits.pixels.begin(), digits.pixels.begin() + N * pixels);
  std::vector<float> unit(N * pixels), symmetric(N * pixels);
  for (int i = 0; i < N * pixels; ++i) {
    unit[i] = bytes[i] / 255.0f;
    symmetric[i] = bytes[i] / 127.5f - 1.0f;
  }
  std::string u8 = cli_scratch("digits-u8.npy"), f01 = cli_scratch("digits-01.npy"), f11 = cli_scratch("digits-11.npy");
  gan::write_npy_uint8(u8, {N, 28, 28}, bytes.data());
  gan::write_npy_float32(f01, {N, 1, 28, 28}, unit.data());
  gan::write_npy_float32(f11, {N, 1, 28, 28}, symmetric.data());

  gan::JsonValue fid = metric_json("images-fid", "fid --real " + u8 + " --fake " + f11);
  CHECK(std::abs(number(fid, "value")) < 1e-3);
  CHECK(fid.at("real").at("range").as_string() == "uint8");
  CHECK(fid.at("fake").at("range").as_string() == "minus1to1");
  CHECK(fid.at("classifier").as_string() == GAN_SOURCE_DIR "/data/classifier/mnist_lenet.ckpt");
  gan::JsonValue ssim = metric_json("images-ssim", "ssim --range 0to1 --real " + f01 + " --fake " + f01);
  CHECK(number(ssim, "mean") == Approx(1.0).epsilon(1e-9));
  CHECK(number(ssim, "pairs") == N);
  gan::JsonValue pr = metric_json("images-pr", "precision-recall --real " + u8 + " --fake " + u8);
  CHECK(number(pr, "precision") == 1.0);
  CHECK(number(pr, "recall") == 1.0);
}

TEST_CASE("gan metric all runs what applies and says why it skipped the rest", "[cli][metrics]") {
  std::string x = write_features("all-x", 50, 6, 0.0f, 3), y = write_features("all-y", 50, 6, 0.0f, 4);
  gan::JsonValue all = metric_json("all-features", "all --seed 7 --kid-subsets 5 --real " + x + " --fake " + y);
  const gan::JsonValue& results = all.at("results");
  for (const char* name : {"fid", "kid", "precision-recall", "mmd", "wasserstein", "sliced-wasserstein", "dist-diff"}) {
    INFO(name);
    CHECK(results.find(name) != nullptr);
  }
  CHECK(results.at("kid").at("subsets").as_number() == 1);  // 50 vs 50 fits in one subset of 1000
  CHECK(all.at("seed").as_string() == "7");
  const gan::JsonValue& skipped = all.at("skipped");
  CHECK_THAT(skipped.at("ssim").as_string(), Catch::Contains("ssim needs images; "));
  CHECK_THAT(skipped.at("is").as_string(), Catch::Contains("is needs images or class probabilities (N, K): "));
  CHECK_THAT(skipped.at("auc").as_string(), Catch::Contains("auc needs scores (N)"));
  // Each metric has its own Rng(seed): the kid of `all` is the kid of `gan metric kid`.
  gan::JsonValue kid = metric_json("all-kid", "kid --seed 7 --kid-subsets 5 --real " + x + " --fake " + y);
  CHECK(number(kid, "mean") == number(results.at("kid"), "mean"));
}

TEST_CASE("gan metric: bad input gets exit code 2 (usage) or 1 (files) and says what is wrong", "[cli][metrics]") {
  std::string x = write_features("bad-x", 20, 4, 0.0f), narrow = write_features("bad-narrow", 20, 3, 0.0f);
  std::string one = write_features("bad-one", 1, 4, 0.0f);

  GanRun unknown = run_gan("bad-name", "metric fidd --real " + x + " --fake " + x);
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Contains("unknown metric 'fidd'; valid names: fid, kid, precision-recall, is, modes, "
                                          "ssim, diversity, mmd, wasserstein, sliced-wasserstein, dist-diff, auc, all"));
  GanRun no_real = run_gan("bad-no-real", "metric fid --fake " + x);
  CHECK(no_real.exit_code == 2);
  CHECK_THAT(no_real.err, Catch::Contains("--real is required"));
  GanRun bad_range = run_gan("bad-range-flag", "metric fid --range 0to255 --real " + x + " --fake " + x);
  CHECK(bad_range.exit_code == 2);
  CHECK_THAT(bad_range.err, Catch::Contains("--range must be one of auto|uint8|0to1|minus1to1, got '0to255'"));

  GanRun mismatch = run_gan("bad-mismatch", "metric fid --real " + x + " --fake " + narrow);
  CHECK(mismatch.exit_code == 1);
  CHECK_THAT(mismatch.err, Catch::Contains("holds features (20, 4) and --fake " + narrow +
                                           " holds features (20, 3): both must hold the same kind of sample"));
  GanRun few = run_gan("bad-few", "metric fid --real " + x + " --fake " + one);
  CHECK(few.exit_code == 1);
  CHECK_THAT(few.err, Catch::Contains("fid needs at least 2 samples (a covariance); " + one + " holds 1"));
  GanRun missing = run_gan("bad-missing", "metric fid --real " + x + " --fake " + cli_scratch("absent.npy"));
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("absent.npy: cannot read: No such file or directory"));

  std::vector<float> with_nan = {0.0f, 1.0f, 2.0f, 3.0f, std::nanf(""), 5.0f};
  std::string nan_path = cli_scratch("bad-nan.npy");
  gan::write_npy_float32(nan_path, {3, 2}, with_nan.data());
  GanRun nan = run_gan("bad-nan", "metric fid --real " + nan_path + " --fake " + nan_path);
  CHECK(nan.exit_code == 1);
  CHECK_THAT(nan.err, Catch::Contains(nan_path + ": value nan at (2, 0) is not finite"));

  std::vector<float> bright = {0.0f, 0.5f, 255.0f, 0.0f};
  std::string bright_path = cli_scratch("bad-bright.npy");
  gan::write_npy_float32(bright_path, {1, 2, 2}, bright.data());
  GanRun outside = run_gan("bad-outside", "metric diversity --fake " + bright_path);
  CHECK(outside.exit_code == 1);
  CHECK_THAT(outside.err, Catch::Contains(bright_path + ": value 255 at (0, 1, 0) is outside -1 .. 1, the range "
                                                        "--range minus1to1 says"));
}
