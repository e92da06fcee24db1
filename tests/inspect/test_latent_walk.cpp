#include <catch2/catch.hpp>

#include <cmath>

#include "gan/inspect/latent_walk.h"
#include "gan/train/evaluation.h"
#include "test_inspect_fixtures.h"

using namespace gan;
using namespace gan::inspect;

TEST_CASE("slerp's endpoints equal the seeds' images", "[inspect]") {
  GanModels models = untrained_dcgan();
  Rng rng(11);
  Tensor seeds({2, 100});
  rng.fill_normal(seeds, 0.0f, 1.0f);
  std::vector<float> z0(seeds.data.begin(), seeds.data.begin() + 100), z1(seeds.data.begin() + 100, seeds.data.end());
  Tensor path = latent_path(z0, z1, 5, true);
  CHECK(std::vector<float>(path.data.begin(), path.data.begin() + 100) == z0);
  CHECK(std::vector<float>(path.data.end() - 100, path.data.end()) == z1);
  Tensor walk = generate_images(*models.generator, path, {}, 64);
  Tensor ends = generate_images(*models.generator, seeds, {}, 64);
  const int64_t size = 28 * 28;
  CHECK(std::equal(ends.data.begin(), ends.data.begin() + size, walk.data.begin()));
  CHECK(std::equal(ends.data.begin() + size, ends.data.end(), walk.data.end() - size));
  // the middle of slerp keeps the norm that lerp loses: |z| stays near that of the seeds
  std::vector<float> middle = slerp(z0, z1, 0.5), straight = lerp(z0, z1, 0.5);
  double norm_slerp = 0.0, norm_lerp = 0.0, norm0 = 0.0;
  for (int i = 0; i < 100; ++i) norm_slerp += middle[i] * middle[i], norm_lerp += straight[i] * straight[i], norm0 += z0[i] * z0[i];
  CHECK(norm_slerp > norm_lerp);
  CHECK(std::sqrt(norm_slerp) == Approx(std::sqrt(norm0)).epsilon(0.15));
}

TEST_CASE("the series sin and arccos agree with the C library's", "[inspect]") {
  for (double x : {0.0, 0.1, 1.0, 1.5707963267948966, 3.0}) CHECK(series_sin(x) == Approx(std::sin(x)).margin(1e-15));
  for (double c : {-0.999, -0.3, 0.0, 0.5, 0.999}) CHECK(series_arccos(c) == Approx(std::acos(c)).margin(1e-14));
  for (double c : {-1.0, 1.0}) CHECK(series_arccos(c) == Approx(std::acos(c)).margin(1e-7));  // cos is flat there
}
