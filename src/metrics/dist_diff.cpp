#include "gan/metrics/dist_diff.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/metrics/checks.h"
#include "gan/metrics/pca.h"

namespace gan::metrics {

DistDiff dist_diff(const Tensor& real, const Tensor& fake, Rng& rng, const DistDiffSettings& settings) {
  int min_samples = std::max(2, settings.gmm.components);
  require_features("dist_diff", "real", real, min_samples);
  require_features("dist_diff", "fake", fake, min_samples);
  require_same_features("dist_diff", "real", real, "fake", fake);
  if (settings.dimensions < 1 || settings.dimensions > real.size(1)) {
    throw std::invalid_argument("dist_diff: settings.dimensions must be in [1, D] with D=" +
                                std::to_string(real.size(1)) + ", got " + std::to_string(settings.dimensions));
  }
  if (settings.monte_carlo_samples < 2) {
    throw std::invalid_argument("dist_diff: settings.monte_carlo_samples must be >= 2, got " +
                                std::to_string(settings.monte_carlo_samples));
  }
  Pca pca = fit_pca(real, settings.dimensions, rng, settings.pca_iterations);
  Matrix real_points = project(pca, real);  // (N_r, dimensions)
  Matrix fake_points = project(pca, fake);  // (N_f, dimensions)

  // The same seed for both fits: the two models differ only because the data differ.
  uint64_t fit_seed = (static_cast<uint64_t>(rng.next_u32()) << 32) | rng.next_u32();
  Rng real_fit_rng(fit_seed), fake_fit_rng(fit_seed);
  GaussianMixture p = fit_gmm(real_points, real_fit_rng, settings.gmm);
  GaussianMixture q = fit_gmm(fake_points, fake_fit_rng, settings.gmm);

  Matrix draws = sample_gmm(p, settings.monte_carlo_samples, rng);
  std::vector<double> log_p = gmm_log_density(p, draws);
  std::vector<double> log_q = gmm_log_density(q, draws);
  int S = settings.monte_carlo_samples;
  double sum = 0.0;
  for (int s = 0; s < S; ++s) sum += log_p[s] - log_q[s];
  DistDiff result;
  result.kl = sum / S;
  double squares = 0.0;
  for (int s = 0; s < S; ++s) squares += (log_p[s] - log_q[s] - result.kl) * (log_p[s] - log_q[s] - result.kl);
  result.standard_error = std::sqrt(squares / (S - 1) / S);
  return result;
}

}  // namespace gan::metrics
