// Dist-Diff: how far the distribution of generated samples is from the real one, measured as a
// KL divergence between density models fitted to each in a common low-dimensional space:
//
//   1. PCA on the real features (N_r, D) -> the top `dimensions` directions (pca.h);
//      both sets are projected onto them, in the real data's coordinates.
//   2. A Gaussian mixture p fitted to the projected real points, q to the projected fakes
//      (gmm.h: EM, full covariances, k-means++ start).
//   3. Dist-Diff = KL(p || q) = E_{x ~ p}[log p(x) - log q(x)], by Monte Carlo: the KL between two
//      mixtures has no closed form (Hershey and Olsen 2007, "Approximating the Kullback Leibler
//      divergence between Gaussian mixture models"), so draw S points from p and average.
//
// 0 when the fitted models agree; large when the fakes miss regions where the reals have mass
// (KL(p || q) punishes q ~ 0 where p > 0: missing modes). This is the course's metric, not a
// published standard, so numbers compare only between runs with the same settings.
//
// Estimator: the Monte Carlo average is unbiased for the KL between the two fitted models, with
// the returned standard error std(log p - log q) / sqrt(S); the fits themselves are plug-in
// estimates (maximum likelihood), so the whole is biased (upwards, for small N) as an estimate
// of the KL between the true distributions. Both mixtures start from the same seed, so identical
// inputs give exactly 0. Needs N of ~10 x dimensions per mixture component in each set
// (10 dims x 5 components: 500 at least, a few thousand to be stable).
//
//   DistDiff dd = dist_diff(real, fake, rng);   // (N_r, D), (N_f, D); dd.kl +- dd.standard_error
#pragma once

#include "gan/metrics/gmm.h"
#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

struct DistDiffSettings {
  int dimensions = 10;              // PCA components kept (k <= D)
  int pca_iterations = 30;          // subspace iteration steps (pca.h)
  GmmSettings gmm;                  // mixture components (5), EM steps, covariance floor
  int monte_carlo_samples = 10000;  // S points drawn from p
};

struct DistDiff {
  double kl = 0.0;              // Monte Carlo estimate of KL(p || q), nats
  double standard_error = 0.0;  // of that estimate: std(log p - log q) / sqrt(S)
};

// real: (N_r, D), fake: (N_f, D), N_r, N_f >= max(2, gmm.components).
DistDiff dist_diff(const Tensor& real, const Tensor& fake, Rng& rng, const DistDiffSettings& settings = {});

}  // namespace gan::metrics
