#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/dist_diff.h"
#include "gan/metrics/linear_algebra.h"

using gan::Tensor;
using namespace gan::metrics;

namespace {

// Closed-form KL(N(mu0, S0) || N(mu1, S1)) =
//   1/2 [tr(S1^-1 S0) + (mu1 - mu0)^T S1^-1 (mu1 - mu0) - D + log det S1 - log det S0].
double gaussian_kl(const std::vector<double>& mu0, const Matrix& S0, const std::vector<double>& mu1, const Matrix& S1) {
  int D = S0.rows;
  Matrix L1 = cholesky(S1);
  double trace_term = 0.0;  // tr(S1^-1 S0) = ||L1^-1 L0||_F^2
  Matrix L0 = cholesky(S0);
  for (int j = 0; j < D; ++j) {
    std::vector<double> column(D);
    for (int i = 0; i < D; ++i) column[i] = L0(i, j);
    solve_lower(L1, column.data());
    for (double v : column) trace_term += v * v;
  }
  std::vector<double> diff(D);
  for (int d = 0; d < D; ++d) diff[d] = mu1[d] - mu0[d];
  solve_lower(L1, diff.data());
  double mahalanobis = 0.0;
  for (double v : diff) mahalanobis += v * v;
  return 0.5 * (trace_term + mahalanobis - D + log_det_from_cholesky(L1) - log_det_from_cholesky(L0));
}

// The maximum-likelihood (1/N) covariance, as EM fits it.
Matrix ml_covariance(const Tensor& x, const std::vector<double>& mean) {
  Matrix C = covariance(x, mean);
  for (double& v : C.data) v *= (x.size(0) - 1.0) / x.size(0);
  return C;
}

Tensor correlated_samples(int N, const std::vector<double>& mean, const std::vector<double>& L, gan::Rng& rng) {
  int D = static_cast<int>(mean.size());
  Tensor x({N, D});
  for (int n = 0; n < N; ++n) {
    std::vector<double> z(D);
    for (double& v : z) v = rng.normal();
    for (int i = 0; i < D; ++i) {
      double value = mean[i];
      for (int k = 0; k <= i; ++k) value += L[i * D + k] * z[k];
      x.at(n, i) = static_cast<float>(value);
    }
  }
  return x;
}

}  // namespace

TEST_CASE("Dist-Diff of identical sets is exactly 0", "[metrics]") {
  gan::Rng data_rng(24);
  Tensor x({1500, 12});
  data_rng.fill_normal(x, 0.0f, 1.0f);
  for (int n = 0; n < 500; ++n) x.at(n, 0) += 4.0f;  // something for the mixture to find
  gan::Rng rng(25);
  DistDiffSettings settings;
  settings.dimensions = 4;
  settings.gmm.components = 3;
  settings.monte_carlo_samples = 2000;
  DistDiff dd = dist_diff(x, x, rng, settings);
  CHECK(dd.kl == 0.0);
  CHECK(dd.standard_error == 0.0);
}

TEST_CASE("Dist-Diff with one component equals the closed-form Gaussian KL within Monte Carlo error", "[metrics]") {
  gan::Rng rng(26);
  // D = 3, all dimensions kept: PCA is then a rotation and translation, which leaves the KL unchanged.
  Tensor real = correlated_samples(4000, {0, 0, 0}, {1.0, 0, 0, 0.3, 0.8, 0, -0.2, 0.1, 1.2}, rng);
  Tensor fake = correlated_samples(4000, {0.5, -0.3, 0.2}, {1.3, 0, 0, -0.4, 0.9, 0, 0.3, 0.2, 0.7}, rng);
  std::vector<double> mu_r = column_means(real), mu_f = column_means(fake);
  double expected = gaussian_kl(mu_r, ml_covariance(real, mu_r), mu_f, ml_covariance(fake, mu_f));
  DistDiffSettings settings;
  settings.dimensions = 3;
  settings.gmm.components = 1;
  settings.monte_carlo_samples = 100000;
  DistDiff dd = dist_diff(real, fake, rng, settings);
  INFO("Monte Carlo " << dd.kl << " +- " << dd.standard_error << ", closed form " << expected);
  CHECK(expected > 0.3);
  CHECK(dd.standard_error < 0.01);
  CHECK(std::abs(dd.kl - expected) < 4.0 * dd.standard_error + 1e-4);
}

TEST_CASE("Dist-Diff grows when the fakes miss a mode", "[metrics]") {
  gan::Rng rng(27);
  Tensor real({2000, 6}), fake({2000, 6});
  rng.fill_normal(real, 0.0f, 1.0f);
  rng.fill_normal(fake, 0.0f, 1.0f);
  for (int n = 0; n < 1000; ++n) real.at(n, 0) += 6.0f;  // two modes in real, one in fake
  DistDiffSettings settings;
  settings.dimensions = 3;
  settings.gmm.components = 2;
  settings.monte_carlo_samples = 5000;
  DistDiff missing = dist_diff(real, fake, rng, settings);
  for (int n = 0; n < 1000; ++n) fake.at(n, 0) += 6.0f;
  DistDiff both = dist_diff(real, fake, rng, settings);
  INFO("missing " << missing.kl << ", both " << both.kl);
  CHECK(missing.kl > 1.0);
  CHECK(both.kl < 0.1);
  CHECK_THROWS_WITH(dist_diff(real, Tensor({2000, 5}), rng, settings), Catch::Contains("same D"));
  settings.dimensions = 7;
  CHECK_THROWS_WITH(dist_diff(real, fake, rng, settings), Catch::Contains("dimensions must be in [1, D] with D=6"));
}
