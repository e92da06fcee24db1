#include <catch2/catch.hpp>

#include "run_gan.h"

// The FLOP counts must be the reference's, or the two programs' GFLOP/s could not be compared:
// `tests/bench/torch_reference.py bench` prints flops_per_step=1077444608 (MLP GAN) and
// 10289692672 (DCGAN-28) at batch 64. gan.cpp's own work is less by D's weight gradients in the
// generator step, which it skips: 64 x 1065472 FLOPs (MLP GAN), 16 x 13259008 (DCGAN-28 at batch 16).
TEST_CASE("gan bench counts the reference's FLOPs per step and prints its key=value summary", "[cli]") {
  GanRun mlp = run_gan("bench_mlp", "bench --model mlp --batch 64 --steps 1 --warmup 0 --reps 1");
  REQUIRE(mlp.exit_code == 0);
  CHECK_THAT(mlp.out, Catch::Contains("flops model=mlp batch=64 flops_per_step=1077444608 gflop_per_step=1.0774 "
                                      "work_flops_per_step=1009254400"));
  CHECK_THAT(mlp.out, Catch::Contains("model=mlp threads=1 batch=64 steps_per_s="));
  CHECK_THAT(mlp.out, Catch::Contains("work_gflop_s="));
  CHECK_THAT(mlp.out, Catch::Contains("peak_rss_mb="));

  GanRun dcgan = run_gan("bench_dcgan", "bench --model dcgan --batch 16 --steps 1 --warmup 0 --reps 1");
  REQUIRE(dcgan.exit_code == 0);
  CHECK_THAT(dcgan.out, Catch::Contains("flops model=dcgan batch=16 flops_per_step=2572423168 "));  // 10289692672 / 4
  CHECK_THAT(dcgan.out, Catch::Contains("work_flops_per_step=2360279040"));  // 9441435648 / 4
}
