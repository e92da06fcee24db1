// gan translate as a user runs it: each usage mistake exits with code 2 and a message naming the
// option and what it accepts, before anything is written; an unwritable --out exits with 1.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "../cli/run_gan.h"
#include "gan/io/npy.h"

namespace {

struct UsageCase {
  const char* arguments;
  const char* message;
};

}  // namespace

TEST_CASE("gan translate reports each usage error with exit code 2, naming the option", "[translate][cli]") {
  const std::string out = cli_scratch("translate-usage-no-run");
  std::filesystem::remove_all(out);
  const UsageCase cases[] = {
      {"translate", "usage: gan translate train"},
      {"translate convert", "gan translate: ACTION must be train or apply, got 'convert'"},
      {"translate train --model unit", "gan translate train: --model must be one of pix2pix|cyclegan, got 'unit'"},
      {"translate train --task horse2zebra",
       "gan translate train: --task must be one of edges2digit|digit2edges|thin2bold|bold2thin, got 'horse2zebra'"},
      {"translate train --loss l1", "gan translate train: --loss must be one of auto|minimax|nonsaturating|lsgan|hinge|wgan, got 'l1'"},
      {"translate train --epochs 0", "gan translate train: --epochs must be in [1, 1000000], got 0"},
      {"translate train --batch 0", "gan translate train: --batch must be in [1, 4096], got 0"},
      {"translate train --lambda-l1 -1", "gan translate train: --lambda-l1 must be in [0, 1e+06], got -1"},
      {"translate train --features 7", "gan translate train: --features must be even, got 7"},
      {"translate train --eval-count 5", "gan translate train: --eval-count must be in [10, 2000], got 5"},
      {"translate train --frobnicate 1", "gan translate train: unknown option --frobnicate"},
      {"translate apply --input x.npy --out y.npy", "gan translate apply: --checkpoint is required"},
      {"translate apply --checkpoint g.ckpt --input x.npy --out y.jpg",
       "gan translate apply: --out must end in .npy or .png, got 'y.jpg'"},
      {"translate apply --checkpoint g.ckpt --input x.npy --out y.npy --direction up",
       "gan translate apply: --direction must be one of a2b|b2a, got 'up'"},
  };
  int index = 0;
  for (const UsageCase& usage : cases) {
    const bool train = std::string(usage.arguments).rfind("translate train", 0) == 0;
    const std::string arguments = std::string(usage.arguments) + (train ? " --out " + out : "");
    GanRun run = run_gan("translate-usage-" + std::to_string(index++), arguments);
    INFO(arguments);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.out + run.err, Catch::Contains(usage.message));
  }
  CHECK_FALSE(std::filesystem::exists(out));
}

TEST_CASE("gan translate train with an --out that cannot be made exits with code 1", "[translate][cli]") {
  GanRun run = run_gan("translate-bad-out", "translate train --epochs 1 --out /dev/null/run");
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Catch::Contains("gan translate: error: --out /dev/null/run: /dev/null/run: cannot create the "
                                      "output folder"));
}

TEST_CASE("gan translate apply runs a trained G on an IDX file, in the input's order", "[translate][cli]") {
  const std::string out = cli_scratch("translate-apply-run");
  std::filesystem::remove_all(out);
  GanRun train = run_gan("translate-apply-train", "translate train --epochs 1 --steps-per-epoch 2 --batch 4 --features 4 "
                                                  "--eval-count 10 --threads 1 --out " + out);
  REQUIRE(train.exit_code == 0);
  GanRun apply = run_gan("translate-apply", "translate apply --checkpoint " + out + "/generator.ckpt --input " GAN_SOURCE_DIR
                                            "/data/mnist/t10k-images-2k-idx3-ubyte --make-input --out " + out + "/y.npy");
  INFO(apply.err);
  REQUIRE(apply.exit_code == 0);
  CHECK(gan::read_npy(out + "/y.npy").shape == std::vector<int64_t>{2000, 1, 28, 28});
  GanRun no_f = run_gan("translate-apply-no-f", "translate apply --checkpoint " + out + "/generator.ckpt --input " GAN_SOURCE_DIR
                                                "/data/mnist/t10k-images-2k-idx3-ubyte --direction b2a --out " + out + "/f.npy");
  CHECK(no_f.exit_code == 1);
  CHECK_THAT(no_f.err, Catch::Contains("a pix2pix run has no F (B -> A)"));
}
