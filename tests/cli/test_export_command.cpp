// gan export's failures on bad input: a missing checkpoint and an unwritable output, each exit 1
// with the path and the reason (docs/reliability.md). Success is checked in PyTorch by
// tests/cli/check_export_in_torch.sh.
#include <catch2/catch.hpp>

#include <filesystem>

#include "run_gan.h"

TEST_CASE("gan export: a missing checkpoint and an unwritable output fail with their paths", "[cli][reliability]") {
  GanRun missing = run_gan("export-missing", "export --checkpoint /nonexistent/latest.ckpt --out " +
                                                 cli_scratch("export-missing.npz"));
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("/nonexistent/latest.ckpt"));

  const std::string run = cli_scratch("export-run");
  std::filesystem::remove_all(run);
  REQUIRE(run_gan("export-train", "train --model mlp --data mnist --limit 32 --epochs 1 --batch 32 --eval-every 0 "
                                  "--quiet --out " + run).exit_code == 0);
  GanRun unwritable = run_gan("export-unwritable", "export --checkpoint " + run +
                                                       "/checkpoints/latest.ckpt --out /nonexistent/folder/w.npz");
  CHECK(unwritable.exit_code == 1);
  CHECK_THAT(unwritable.err, Catch::Contains("/nonexistent/folder/w.npz"));

  GanRun written = run_gan("export-written", "export --checkpoint " + run + "/checkpoints/latest.ckpt --out " +
                                                 run + "/w.safetensors");
  CHECK(written.exit_code == 0);
  CHECK(std::filesystem::file_size(run + "/w.safetensors") > 4 * 1400000);  // the MLP GAN: 1.4 M+ floats
}
