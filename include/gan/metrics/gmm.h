// Gaussian mixture models: a density p(x) = sum_m w_m N(x | mu_m, Sigma_m) fitted to points
// (N, D) by expectation-maximisation (Dempster, Laird and Rubin 1977; Bishop 2006, Pattern
// Recognition and Machine Learning, Sec. 9.2.2):
//
//   E step: responsibilities r_nm = w_m N(x_n | mu_m, Sigma_m) / p(x_n)   (in log space)
//   M step: N_m = sum_n r_nm,  w_m = N_m / N,  mu_m = (1/N_m) sum_n r_nm x_n,
//           Sigma_m = (1/N_m) sum_n r_nm (x_n - mu_m)(x_n - mu_m)^T + floor I
//
// repeated until the mean log-likelihood improves by less than `tolerance`. Maximum likelihood,
// so the covariances are the biased (1/N_m) ones. EM only finds a local optimum; it starts from
// k-means++ seeding (Arthur and Vassilvitskii 2007) followed by a few Lloyd iterations, all
// drawn from the rng, so a seed fixes the fit.
//
// Full covariances, not diagonal: Dist-Diff fits mixtures to ~10 PCA coordinates, where a full
// D x D covariance costs little, and the generated data's coordinates are correlated in the
// real data's PCA basis (only the real data's are decorrelated), which a diagonal model would
// miss. The floor, `regularisation` times the data's mean variance, keeps every Sigma_m positive
// definite when a component sits on few or collinear points.
// Needs N >= components; N of at least ~10 D per component for a stable fit.
//
//   GaussianMixture gmm = fit_gmm(points, rng);           // points: Matrix (N, D)
//   std::vector<double> lp = gmm_log_density(gmm, points); // (N): log p(x_n)
#pragma once

#include <vector>

#include "gan/metrics/linear_algebra.h"
#include "gan/tensor/rng.h"

namespace gan::metrics {

struct GaussianMixture {
  std::vector<double> weights;             // (M), summing to 1
  std::vector<std::vector<double>> means;  // M x (D)
  std::vector<Matrix> covariances;         // M x (D, D)
  std::vector<Matrix> choleskies;          // M x (D, D): L_m L_m^T = Sigma_m, for densities and sampling
  int em_steps = 0;                        // EM steps taken; max_iterations when it did not converge
};

struct GmmSettings {
  int components = 5;           // M
  int max_iterations = 100;     // EM steps at most
  double tolerance = 1e-4;      // stop when the mean log-likelihood gains less than this (nats per
                                // point): well below the ~1e-2 Monte Carlo error of Dist-Diff
  double regularisation = 1e-6; // covariance floor, relative to the data's mean variance
  int kmeans_iterations = 10;   // Lloyd steps after k-means++ seeding
};

// x: (N, D), N >= components >= 1, finite.
GaussianMixture fit_gmm(const Matrix& x, Rng& rng, const GmmSettings& settings = {});

// log p(x_n) for each row of x (N, D) -> (N).
std::vector<double> gmm_log_density(const GaussianMixture& gmm, const Matrix& x);

// count independent draws from the mixture -> (count, D).
Matrix sample_gmm(const GaussianMixture& gmm, int count, Rng& rng);

}  // namespace gan::metrics
