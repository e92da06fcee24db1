#include <catch2/catch.hpp>

#include <filesystem>

#include "run_gan.h"

TEST_CASE("gan report takes one run folder, and names what is wrong with a bad one", "[cli][reliability]") {
  GanRun none = run_gan("report-no-folder", "report");
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("gan report: expected one RUN_DIR, got 0"));

  GanRun two = run_gan("report-two-folders", "report a b");
  CHECK(two.exit_code == 2);
  CHECK_THAT(two.err, Catch::Contains("gan report: expected one RUN_DIR, got 2"));

  const std::string missing = cli_scratch("report-missing-run");
  std::filesystem::remove_all(missing);
  GanRun nothing = run_gan("report-missing", "report " + missing);
  CHECK(nothing.exit_code == 1);
  CHECK_THAT(nothing.err, Catch::Contains(missing + ": expected a run folder (what gan train --out wrote), found nothing"));

  const std::string empty = cli_scratch("report-empty-run");
  std::filesystem::create_directories(empty);
  GanRun no_config = run_gan("report-empty", "report " + empty);
  CHECK(no_config.exit_code == 1);
  CHECK_THAT(no_config.err, Catch::Contains(empty + "/config.json: expected the run's settings"));
  CHECK(!std::filesystem::exists(empty + "/report.html"));
}
