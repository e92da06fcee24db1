// gan toy as a user runs it: the console lines the issue asks for, and its usage errors (exit 2,
// a message naming the option and what it accepts, nothing written) and an unwritable --out (exit 1).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "run_gan.h"

namespace {

// Every usage case writes to a scratch folder that must stay absent: a usage error writes nothing.
const std::string kOut = " --out " GAN_BINARY_DIR "/test-tmp/cli/toy-usage-no-run";

struct ToyUsageCase {
  const char* name;
  const char* arguments;
  const char* message;
};

}  // namespace

TEST_CASE("gan toy --dist mixture1d prints JSD, V(D*,G) and an identity error below 1e-9", "[cli][toy][smoke]") {
  const std::string out = cli_scratch("toy-mixture1d");
  std::filesystem::remove_all(out);
  GanRun run = run_gan("toy-mixture1d", "toy --dist mixture1d --epochs 2 --steps-per-epoch 30 --hidden 32 "
                                        "--samples 1000 --threads 1 --out " + out);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("epoch   2/2  JSD "));
  CHECK_THAT(run.out, Catch::Contains("V(D*,G) "));
  // Every "identity error" printed is of the form d.de-XX with XX >= 10.
  for (size_t at = run.out.find("identity error "); at != std::string::npos;
       at = run.out.find("identity error ", at + 1)) {
    const double error = std::stod(run.out.substr(at + 15, 8));
    CHECK(error < 1e-9);
  }
  CHECK(std::filesystem::is_regular_file(out + "/fields/epoch_0002.png"));
}

TEST_CASE("gan toy --dist ring8 prints modes covered", "[cli][toy][smoke]") {
  const std::string out = cli_scratch("toy-ring8");
  std::filesystem::remove_all(out);
  GanRun run = run_gan("toy-ring8", "toy --dist ring8 --epochs 1 --steps-per-epoch 30 --hidden 32 --samples 1000 "
                                    "--threads 1 --out " + out);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("epoch   1/1  modes "));
  CHECK_THAT(run.out, Catch::Contains("/8  high quality "));
  CHECK_THAT(run.out, Catch::Contains("|dl/dx| minimax "));
}

TEST_CASE("gan toy reports each usage error with exit code 2, naming the option and what it accepts",
          "[cli][toy][reliability]") {
  const ToyUsageCase cases[] = {
      {"toy-unknown-dist", "toy --dist moons",
       "gan toy: --dist must be one of gauss1d|mixture1d|ring8|grid25|spiral, got 'moons'"},
      {"toy-unknown-loss", "toy --loss l1", "gan toy: --loss must be one of minimax|nonsaturating|lsgan|hinge|wgan, got 'l1'"},
      {"toy-negative-epochs", "toy --epochs -1", "gan toy: --epochs must be in [0, 1000000], got -1"},
      {"toy-zero-steps", "toy --steps-per-epoch 0", "gan toy: --steps-per-epoch must be in [1, 100000000], got 0"},
      {"toy-zero-batch", "toy --batch 0", "gan toy: --batch must be in [1, 1048576], got 0"},
      {"toy-one-sample", "toy --samples 1", "gan toy: --samples must be in [2, 4194304], got 1"},
      {"toy-negative-bandwidth", "toy --bandwidth -0.1", "gan toy: --bandwidth must be in [0, 100], got -0.1"},
      {"toy-mode-share-above-1", "toy --mode-share 2", "gan toy: --mode-share must be in [1e-06, 1], got 2"},
      {"toy-zero-fields-every", "toy --fields-every 0", "gan toy: --fields-every must be in [1, 1000000], got 0"},
      {"toy-negative-d-only", "toy --train-d-only -5", "gan toy: --train-d-only must be in [0, 100000000], got -5"},
      {"toy-zero-lr", "toy --lr-g 0", "gan toy: --lr-g must be in [1e-12, 10], got 0"},
      {"toy-text-hidden", "toy --hidden wide", "gan toy: --hidden must be a whole number, got 'wide'"},
      {"toy-unknown-flag", "toy --frobnicate 3", "gan toy: unknown option --frobnicate; valid options: --dist --loss"},
  };
  std::filesystem::remove_all(GAN_BINARY_DIR "/test-tmp/cli/toy-usage-no-run");
  for (const ToyUsageCase& c : cases) {
    const std::string arguments = c.arguments + kOut;
    GanRun run = run_gan(c.name, arguments);
    INFO(c.name << ": gan " << arguments << "\nstderr: " << run.err);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err, Catch::Contains(c.message));
  }
  CHECK_FALSE(std::filesystem::exists(GAN_BINARY_DIR "/test-tmp/cli/toy-usage-no-run"));
}

TEST_CASE("gan toy with an --out that cannot be made stops before training, with exit code 1",
          "[cli][toy][reliability]") {
  GanRun run = run_gan("toy-unwritable-out", "toy --dist mixture1d --out /dev/null/run");
  CHECK(run.exit_code == 1);
  CHECK_THAT(run.err, Catch::Contains("gan toy: error: --out /dev/null/run: /dev/null/run: cannot create the output "
                                      "folder: Not a directory; expected a folder that can be created and written"));
  CHECK(run.out.find("epoch") == std::string::npos);
}
