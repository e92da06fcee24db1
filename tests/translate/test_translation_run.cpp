#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "gan/data/dataset.h"

#include "gan/io/atomic_file.h"
#include "gan/kernels/parallel.h"
#include "gan/translate/domains.h"
#include "gan/translate/translation_run.h"

using namespace gan;
using namespace gan::translate;

namespace {

TranslateConfig short_run(const std::string& model, const std::string& task, const std::string& out) {
  TranslateConfig c;
  c.model = model;
  c.task = task;
  c.epochs = 1;
  c.steps_per_epoch = 3;
  c.batch = 4;
  c.features = 4;
  c.eval_count = 20;
  c.data_dir = GAN_SOURCE_DIR "/data";
  c.out = std::string(GAN_BINARY_DIR) + "/translate_tests/" + out;
  prepare_translation_folder(c.out);
  return c;
}

}  // namespace

TEST_CASE("a short pix2pix run writes the same bytes at 1 and 2 threads", "[translate][smoke]") {
  std::string bytes[2];
  for (int threads : {1, 2}) {
    TranslateConfig c = short_run("pix2pix", "edges2digit", "pix2pix_t" + std::to_string(threads));
    c.threads = threads;
    run_translation(c, false);
    bytes[threads - 1] = read_file(c.out + "/epochs.csv") + read_file(c.out + "/generator.ckpt") +
                         read_file(c.out + "/grids/epoch_0001.png");
  }
  kernels::set_num_threads(1);
  CHECK(bytes[0] == bytes[1]);
}

TEST_CASE("a short CycleGAN run measures the cycle and writes the same bytes at 1 and 2 threads", "[translate][smoke]") {
  std::string bytes[2];
  for (int threads : {1, 2}) {
    TranslateConfig c = short_run("cyclegan", "thin2bold", "cyclegan_t" + std::to_string(threads));
    c.threads = threads;
    const JsonValue result = run_translation(c, false);
    CHECK(result.at("cycle_a").as_number() >= 0);
    bytes[threads - 1] = read_file(c.out + "/epochs.csv") + read_file(c.out + "/generator.ckpt");
  }
  kernels::set_num_threads(1);
  CHECK(bytes[0] == bytes[1]);
}

TEST_CASE("a short seeded pix2pix run lowers the L1 to the target below the input's own", "[translate]") {
  TranslateConfig c = short_run("pix2pix", "edges2digit", "pix2pix_learns");
  c.steps_per_epoch = 60;
  c.batch = 16;
  c.features = 8;
  c.lr = 1e-3f;
  const JsonValue result = run_translation(c, false);
  CHECK(result.at("l1").as_number() < result.at("l1_input").as_number());
}

TEST_CASE("unknown models and tasks are named in the error", "[translate]") {
  TranslateConfig c = short_run("pix2pix", "edges2digit", "bad");
  c.model = "unit";
  CHECK_THROWS_WITH(run_translation(c, false), Catch::Contains("pix2pix|cyclegan"));
  c.model = "pix2pix";
  c.task = "horse2zebra";
  CHECK_THROWS_WITH(run_translation(c, false), Catch::Contains("edges2digit|"));
}

TEST_CASE("the saved generator reproduces the run's last L1 on the test digits", "[translate]") {
  TranslateConfig c = short_run("pix2pix", "edges2digit", "pix2pix_saved");
  const JsonValue result = run_translation(c, false);
  std::string task;
  auto G = load_translation_generator(c.out + "/generator.ckpt", "G", &task);
  CHECK(task == "edges2digit");
  const Dataset test = load_dataset("mnist-test", c.data_dir);
  Tensor digits({c.eval_count, 1, 28, 28});
  std::copy_n(test.images.ptr(), digits.numel(), digits.ptr());
  const Tensor out = translate_images(*G, edges(digits));
  double total = 0;
  for (int64_t i = 0; i < out.numel(); ++i) total += std::fabs(out.data[i] - digits.data[i]);
  CHECK(total / out.numel() == Approx(result.at("l1").as_number()).epsilon(1e-12));
  CHECK_THROWS_WITH(load_translation_generator(c.out + "/generator.ckpt", "F", &task),
                    Catch::Contains("a pix2pix run has no F"));
}
