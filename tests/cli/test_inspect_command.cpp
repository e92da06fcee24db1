#include <catch2/catch.hpp>

#include "run_gan.h"

// A checkpoint for the error cases: one short epoch of a small run, made once.
static std::string tiny_checkpoint() {
  static const std::string folder = cli_scratch("inspect-run");
  static const bool made = [] {
    return run_gan("inspect-train", "train --model dcgan --data mnist --limit 64 --epochs 1 --batch 32 --seed 1 --out " +
                                        folder + " --threads 1")
               .exit_code == 0;
  }();
  REQUIRE(made);
  return folder + "/checkpoints/latest.ckpt";
}

TEST_CASE("gan inspect names the option and what it expects for each usage error", "[cli]") {
  const std::string ckpt = tiny_checkpoint();
  const std::string out = cli_scratch("inspect-out");
  struct Case {
    std::string arguments, message;
    int exit_code;
  };
  const Case cases[] = {
      {"inspect", "usage: gan inspect TOOL", 2},
      {"inspect frobnicate --checkpoint " + ckpt, "TOOL must be one of layers|occlusion|maxact|dissect|ablate|latent, got 'frobnicate'", 2},
      {"inspect occlusion --out " + out, "--checkpoint is required", 2},
      {"inspect occlusion --checkpoint " + ckpt, "--out is required", 2},
      {"inspect layers --checkpoint /nonexistent/x.ckpt", "/nonexistent/x.ckpt", 1},
      {"inspect dissect --checkpoint " + ckpt + " --out " + out + " --layer generator.42",
       "--layer must name a generator layer, one of generator.0|generator.1", 2},
      {"inspect maxact --checkpoint " + ckpt + " --out " + out + " --layer generator.3",
       "--layer must name a discriminator layer", 2},
      {"inspect ablate --checkpoint " + ckpt + " --out " + out + " --layer generator.6 --units 3,64",
       "unit 64 is out of range: generator.6 has 64 units, 0..63", 2},
      {"inspect ablate --checkpoint " + ckpt + " --out " + out + " --units three", "--units must be a comma-separated list", 2},
      {"inspect ablate --checkpoint " + ckpt + " --out " + out, "give --units, --concept C (with --top N) or --artifacts", 2},
      {"inspect occlusion --checkpoint " + ckpt + " --out " + out + " --patch 0", "--patch must be in [1, 4096], got 0", 2},
      {"inspect occlusion --checkpoint " + ckpt + " --out " + out + " --fill 2", "--fill must be in [-1, 1], got 2", 2},
      {"inspect occlusion --checkpoint " + ckpt + " --out " + out + " --images 99999", "index 99999 is out of range", 2},
      {"inspect latent --checkpoint " + ckpt + " --out " + out + " --from 10", "--from must be a class in [0, 9], got 10", 2},
      {"inspect occlusion --checkpoint " + ckpt + " --out /dev/null/inspect", "--out /dev/null/inspect: cannot create the output folder", 1},
  };
  for (const Case& c : cases) {
    GanRun run = run_gan("inspect-usage", c.arguments);
    INFO(c.arguments << "\n" << run.err);
    CHECK(run.exit_code == c.exit_code);
    CHECK_THAT(run.err + run.out, Catch::Contains(c.message));
  }
}

TEST_CASE("gan inspect layers lists the checkpoint's layers with their shapes", "[cli]") {
  GanRun run = run_gan("inspect-layers", "inspect layers --checkpoint " + tiny_checkpoint());
  CHECK(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("generator.3") && Catch::Contains("ReLU") && Catch::Contains("(128, 7, 7)"));
  CHECK_THAT(run.out, Catch::Contains("discriminator.6"));
}
