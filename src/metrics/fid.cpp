#include "gan/metrics/fid.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "gan/metrics/checks.h"

namespace gan::metrics {

GaussianStats gaussian_stats(const Tensor& x) {
  require_features("gaussian_stats", "x", x, 2);
  GaussianStats stats;
  stats.mean = column_means(x);
  stats.covariance = covariance(x, stats.mean);
  return stats;
}

namespace {
std::string describe(const GaussianStats& s) {
  return "mean (" + std::to_string(s.mean.size()) + ") covariance (" + std::to_string(s.covariance.rows) + ", " +
         std::to_string(s.covariance.cols) + ")";
}
}  // namespace

double frechet_distance(const GaussianStats& a, const GaussianStats& b) {
  int D = static_cast<int>(a.mean.size());
  if (static_cast<int>(b.mean.size()) != D || a.covariance.rows != D || a.covariance.cols != D ||
      b.covariance.rows != D || b.covariance.cols != D) {
    throw std::invalid_argument("frechet_distance: a and b must have mean (D) and covariance (D, D), one D, got " +
                                describe(a) + " and " + describe(b));
  }
  // BEGIN TASK 5.1: FID, the Frechet distance of two Gaussians
  double mean_term = 0.0;
  for (int d = 0; d < D; ++d) mean_term += (a.mean[d] - b.mean[d]) * (a.mean[d] - b.mean[d]);

  Matrix S = sqrt_psd(a.covariance);
  Matrix M = multiply(multiply(S, b.covariance), S);
  for (int i = 0; i < D; ++i) {  // S C_b S is symmetric in exact arithmetic; make it so in floating point
    for (int j = i + 1; j < D; ++j) M(i, j) = M(j, i) = 0.5 * (M(i, j) + M(j, i));
  }
  // Tr(M^{1/2}) = sum_i sqrt(lambda_i). M is PSD, so a negative lambda_i is rounding error,
  // as big as about 1e-16 times the norms that went into M: clamp it to 0.
  double trace_sqrt = 0.0;
  for (double lambda : symmetric_eigen(M).values) trace_sqrt += std::sqrt(std::max(0.0, lambda));
  return mean_term + trace(a.covariance) + trace(b.covariance) - 2.0 * trace_sqrt;
  // END TASK 5.1
}

double fid(const Tensor& real, const Tensor& fake) {
  require_features("fid", "real", real, 2);
  require_features("fid", "fake", fake, 2);
  require_same_features("fid", "real", real, "fake", fake);
  return frechet_distance(gaussian_stats(real), gaussian_stats(fake));
}

}  // namespace gan::metrics
