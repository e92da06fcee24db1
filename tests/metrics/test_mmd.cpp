#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/mmd.h"

using gan::Tensor;
using namespace gan::metrics;

namespace {
Tensor normal_samples(int N, int D, float mean, gan::Rng& rng) {
  Tensor x({N, D});
  rng.fill_normal(x, mean, 1.0f);
  return x;
}
}  // namespace

TEST_CASE("mmd2_unbiased combines the kernel sums", "[metrics][golden]") {
  KernelSums sums;
  sums.xx = 2.0;
  sums.yy = 6.0;
  sums.xy = 8.0;
  sums.m = sums.n = 2;
  CHECK(mmd2_unbiased(sums) == Approx(2.0 / 2.0 + 6.0 / 2.0 - 2.0 * 8.0 / 4.0).margin(1e-15));
  sums.m = 1;
  CHECK_THROWS_WITH(mmd2_unbiased(sums), Catch::Contains("m, n >= 2"));
}

TEST_CASE("Gaussian MMD^2 matches a hand-worked case", "[metrics][golden]") {
  // x = {0, 1}, y = {0, 2}, sigma = 1, k(a, b) = exp(-(a - b)^2 / 2):
  // xx: 2 e^-1/2 / 2; yy: 2 e^-2 / 2; xy: (1 + e^-2 + 2 e^-1/2) 2/4  ->  MMD^2 = (e^-2 - 1) / 2.
  gan::Rng rng(1);
  MmdSettings settings;
  settings.bandwidth = 1.0;
  MmdResult r = gaussian_mmd2(Tensor::from({2, 1}, {0, 1}), Tensor::from({2, 1}, {0, 2}), rng, settings);
  CHECK(r.mmd2 == Approx((std::exp(-2.0) - 1.0) / 2.0).epsilon(1e-6));
  CHECK(r.bandwidth == 1.0);
}

TEST_CASE("the median heuristic takes the median pooled distance", "[metrics]") {
  // Pooled {0, 1, 3, 7}: distances 1, 3, 7, 2, 6, 4 -> median (3 + 4) / 2.
  gan::Rng rng(1);
  MmdResult r = gaussian_mmd2(Tensor::from({2, 1}, {0, 1}), Tensor::from({2, 1}, {3, 7}), rng);
  CHECK(r.bandwidth == Approx(3.5));
}

TEST_CASE("Gaussian MMD^2 is ~0 for one distribution and clearly positive for a shift", "[metrics]") {
  gan::Rng rng(2);
  Tensor x = normal_samples(800, 8, 0.0f, rng);
  Tensor y = normal_samples(800, 8, 0.0f, rng);
  Tensor shifted = normal_samples(800, 8, 0.5f, rng);
  double same = gaussian_mmd2(x, y, rng).mmd2;
  double different = gaussian_mmd2(x, shifted, rng).mmd2;
  INFO("same " << same << " shifted " << different);
  CHECK(std::abs(same) < 0.003);
  CHECK(different > 0.03);
}

TEST_CASE("KID matches a hand-worked case", "[metrics][golden]") {
  // D = 1, k(a, b) = (a b + 1)^3; x = {0, 1}, y = {1, 2}, one subset holding everything:
  // xx: 2 k(0, 1) / 2 = 1; yy: 2 k(1, 2) / 2 = 27; xy: (1 + 1 + 8 + 27) 2/4 = 18.5  ->  9.5.
  gan::Rng rng(3);
  KidSettings settings;
  settings.subset_size = 5;  // clamped to the 2 points available
  settings.subsets = 3;
  MeanStd kid = kernel_inception_distance(Tensor::from({2, 1}, {0, 1}), Tensor::from({2, 1}, {1, 2}), rng, settings);
  CHECK(kid.mean == Approx(9.5).epsilon(1e-6));
  CHECK(kid.std == Approx(0.0).margin(1e-5));
}

TEST_CASE("KID is ~0 for one distribution and clearly positive for a shift", "[metrics]") {
  gan::Rng rng(4);
  Tensor x = normal_samples(1000, 16, 0.0f, rng);
  Tensor y = normal_samples(1000, 16, 0.0f, rng);
  Tensor shifted = normal_samples(1000, 16, 0.5f, rng);
  KidSettings settings;
  settings.subset_size = 200;
  settings.subsets = 20;
  MeanStd same = kernel_inception_distance(x, y, rng, settings);
  MeanStd different = kernel_inception_distance(x, shifted, rng, settings);
  INFO("same " << same.mean << " +- " << same.std << ", shifted " << different.mean << " +- " << different.std);
  // With u = x.y / D and E(u + 1)^3 expanded to second moments, a shift by delta in every
  // coordinate gives MMD^2 = (1 + delta^2)^3 - 1 + O(1/D) ~ 1.0 for delta = 0.5.
  CHECK(std::abs(same.mean) < 0.05);
  CHECK(different.mean == Approx(1.0).margin(0.25));
  CHECK(different.mean > 10.0 * (std::abs(same.mean) + same.std));
  CHECK_THROWS_WITH(kernel_inception_distance(x, Tensor({5, 3}), rng), Catch::Contains("same D"));
}
