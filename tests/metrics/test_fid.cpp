#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/fid.h"
#include "gan/tensor/rng.h"

using gan::Tensor;
using namespace gan::metrics;

namespace {

GaussianStats stats(std::vector<double> mean, std::vector<double> covariance) {
  GaussianStats s;
  int D = static_cast<int>(mean.size());
  s.mean = std::move(mean);
  s.covariance = Matrix(D, D);
  s.covariance.data = std::move(covariance);
  return s;
}

// The flawed formula described in fid.h: unsquared mean distance and an element-wise square
// root of the product C_a C_b. Kept here only to show that it disagrees with the real one.
double flawed_frechet_distance(const GaussianStats& a, const GaussianStats& b) {
  double squared = 0.0;
  for (size_t d = 0; d < a.mean.size(); ++d) squared += (a.mean[d] - b.mean[d]) * (a.mean[d] - b.mean[d]);
  Matrix product = multiply(a.covariance, b.covariance);
  double trace_elementwise_sqrt = 0.0;
  for (int i = 0; i < product.rows; ++i) trace_elementwise_sqrt += std::sqrt(product(i, i));
  return std::sqrt(squared) + trace(a.covariance) + trace(b.covariance) - 2.0 * trace_elementwise_sqrt;
}

// N samples of N(mean, L L^T) in D dimensions.
Tensor gaussian_samples(int N, const std::vector<double>& mean, const Matrix& L, gan::Rng& rng) {
  int D = static_cast<int>(mean.size());
  Tensor x({N, D});
  std::vector<double> z(D);
  for (int n = 0; n < N; ++n) {
    for (int d = 0; d < D; ++d) z[d] = rng.normal();
    for (int i = 0; i < D; ++i) {
      double value = mean[i];
      for (int k = 0; k < D; ++k) value += L(i, k) * z[k];
      x.at(n, i) = static_cast<float>(value);
    }
  }
  return x;
}

}  // namespace

TEST_CASE("frechet_distance equals hand values for diagonal covariances", "[metrics][golden][task 5.1]") {
  // ||(1, 2)||^2 = 5; Tr = (1 + 4) + (4 + 9) - 2 (sqrt(1 * 4) + sqrt(4 * 9)) = 18 - 16 = 2.
  GaussianStats a = stats({0, 0}, {1, 0, 0, 4});
  GaussianStats b = stats({1, 2}, {4, 0, 0, 9});
  CHECK(frechet_distance(a, b) == Approx(7.0).epsilon(1e-12));
  CHECK(frechet_distance(b, a) == Approx(7.0).epsilon(1e-12));
  // One dimension: (mu_a - mu_b)^2 + (sigma_a - sigma_b)^2.
  CHECK(frechet_distance(stats({3}, {4}), stats({1}, {25})) == Approx(4.0 + 9.0).epsilon(1e-12));
  // A singular covariance is allowed: N(0, 0) vs N(0, 9) in 1-D is (0 - 3)^2.
  CHECK(frechet_distance(stats({0}, {0}), stats({0}, {9})) == Approx(9.0).epsilon(1e-12));
}

TEST_CASE("frechet_distance handles correlated covariances, unlike the flawed formula", "[metrics][golden][task 5.1]") {
  // Equal covariances C = [[2, 1], [1, 2]]: the trace term is exactly 0, FID = ||(3, 4)||^2 = 25.
  GaussianStats a = stats({0, 0}, {2, 1, 1, 2});
  GaussianStats b = stats({3, 4}, {2, 1, 1, 2});
  CHECK(frechet_distance(a, b) == Approx(25.0).epsilon(1e-12));
  // The flawed version: sqrt(25) + 8 - 2 * 2 sqrt(5) = 13 - 4 sqrt 5 ~ 4.06.
  CHECK(flawed_frechet_distance(a, b) == Approx(13.0 - 4.0 * std::sqrt(5.0)));
  // Rotated covariances: C_a = diag(4, 1) and C_b its rotation by 90 degrees, diag(1, 4).
  // (C_a^1/2 C_b C_a^1/2)^1/2 = diag(2, 2) (times 1 and 2 swapped), Tr = 4: FID = 10 - 8 = 2.
  // Written with a 45-degree basis change so that neither matrix is diagonal:
  // R diag(4, 1) R^T = [[2.5, 1.5], [1.5, 2.5]], R diag(1, 4) R^T = [[2.5, -1.5], [-1.5, 2.5]].
  GaussianStats c = stats({0, 0}, {2.5, 1.5, 1.5, 2.5});
  GaussianStats d = stats({0, 0}, {2.5, -1.5, -1.5, 2.5});
  CHECK(frechet_distance(c, d) == Approx(2.0).epsilon(1e-12));
  // Non-commuting covariances. For 2x2 PSD M, Tr M^1/2 = sqrt(Tr M + 2 sqrt(det M)); with
  // C_e = [[2, 1], [1, 2]] and C_f = diag(1, 3): Tr(C_e C_f) = 8, det = 9, so FID = 8 - 2 sqrt 14.
  // The element-wise root uses diag(C_e C_f) = (2, 6) instead: 8 - 2 (sqrt 2 + sqrt 6).
  GaussianStats e = stats({0, 0}, {2, 1, 1, 2});
  GaussianStats f = stats({0, 0}, {1, 0, 0, 3});
  CHECK(frechet_distance(e, f) == Approx(8.0 - 2.0 * std::sqrt(14.0)).epsilon(1e-12));
  CHECK(flawed_frechet_distance(e, f) == Approx(8.0 - 2.0 * (std::sqrt(2.0) + std::sqrt(6.0))));
  CHECK(frechet_distance(e, f) - flawed_frechet_distance(e, f) > 0.2);
}

TEST_CASE("fid of a set with itself is 0", "[metrics][task 5.1]") {
  gan::Rng rng(5);
  Tensor x({500, 16});
  rng.fill_normal(x, 0.3f, 2.0f);
  CHECK(std::abs(fid(x, x)) < 1e-6);
}

TEST_CASE("fid of Gaussian samples approaches the closed form of the true Gaussians", "[metrics]") {
  gan::Rng rng(6);
  // D = 3, correlated covariances via Cholesky factors L_a, L_b.
  Matrix L_a(3, 3), L_b(3, 3);
  L_a.data = {1.0, 0, 0, 0.5, 1.0, 0, -0.3, 0.2, 0.8};
  L_b.data = {1.5, 0, 0, -0.4, 0.7, 0, 0.6, 0.1, 1.2};
  GaussianStats truth_a = stats({0, 0, 0}, multiply(L_a, transpose(L_a)).data);
  GaussianStats truth_b = stats({1, -0.5, 0.25}, multiply(L_b, transpose(L_b)).data);
  double expected = frechet_distance(truth_a, truth_b);
  Tensor real = gaussian_samples(20000, truth_a.mean, L_a, rng);
  Tensor fake = gaussian_samples(20000, truth_b.mean, L_b, rng);
  // Sampling error of FID at N = 20000 in 3-D: ~0.02 around a value of ~2.
  CHECK(fid(real, fake) == Approx(expected).margin(0.05));
  CHECK(expected > 1.0);
}

TEST_CASE("fid rejects mismatched or bad inputs", "[metrics]") {
  CHECK_THROWS_WITH(fid(Tensor({4, 3}), Tensor({4, 2})), Catch::Contains("same D"));
  CHECK_THROWS_WITH(fid(Tensor({1, 3}), Tensor({4, 3})), Catch::Contains("N >= 2"));
  Tensor bad({4, 3}, 1.0f);
  bad.at(3, 2) = std::nanf("");
  CHECK_THROWS_WITH(fid(Tensor({4, 3}), bad), Catch::Contains("fake has a non-finite value (nan) at (3, 2)"));
}

TEST_CASE("frechet_distance names mismatched statistics", "[metrics]") {
  CHECK_THROWS_WITH(frechet_distance(stats({0, 0}, {1, 0, 0, 1}), stats({0}, {1})),
                    Catch::Contains("got mean (2) covariance (2, 2) and mean (1) covariance (1, 1)"));
}
