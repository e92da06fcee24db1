// gan translate as a user runs it: each usage mistake exits with code 2 and a message naming the
// option and what it accepts, before anything is written; an unwritable --out exits with 1.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "../cli/run_gan.h"

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
      {"translate apply", "gan translate: ACTION must be train, got 'apply'"},
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
  };
  int index = 0;
  for (const UsageCase& usage : cases) {
    const std::string arguments = std::string(usage.arguments) + (index == 0 ? "" : " --out " + out);
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
