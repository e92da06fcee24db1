// Frechet Inception Distance (Heusel et al. 2017, "GANs Trained by a Two Time-Scale Update Rule
// Converge to a Local Nash Equilibrium", Sec. "Frechet Inception Distance"): fit a Gaussian to
// the features of real and of generated samples and report the Frechet (2-Wasserstein) distance
// between the two Gaussians, which has a closed form (Dowson and Landau 1982):
//
//   FID = ||mu_r - mu_g||^2 + Tr(C_r + C_g - 2 (C_r^{1/2} C_g C_r^{1/2})^{1/2})
//
// Tr((C_r^{1/2} C_g C_r^{1/2})^{1/2}) equals the usual Tr((C_r C_g)^{1/2}) (the two matrices are
// similar), but the symmetric form only needs symmetric eigendecompositions: we take
// S = C_r^{1/2}, then the eigenvalues lambda_i of S C_g S (PSD) and sum sqrt(lambda_i), with
// eigenvalues that rounding pushed slightly below 0 clamped to 0. All in double.
//
// A common mistake, made by at least one well-known C++ implementation: using ||mu_r - mu_g||
// (not squared) and an element-wise square root of C_r C_g instead of the matrix square root.
// Both agree with the formula only in special cases (equal means, diagonal covariances);
// tests/metrics/test_fid.cpp shows how far apart they are otherwise.
//
// Estimator: mu by the sample mean, C by the unbiased sample covariance (N - 1). FID itself is
// still biased upwards: the mean term alone adds Tr(C_r)/N_r + Tr(C_g)/N_g in expectation, and
// the trace term adds more (about linear in 1/N, Chong and Forsyth 2020, "Effectively Unbiased
// FID"), so FIDs are only comparable at equal sample sizes; the standard protocol uses 50k
// generated samples (10k at least). N >= 2 is required; N > D (a full-rank covariance)
// is NOT required: the matrix square roots are defined for singular PSD matrices too, though the
// estimate is then poor. Cost: O(N D^2) for the covariances plus two symmetric
// eigendecompositions (Eigen's), O(D^3) each: ~2 ms each at D = 128 (FID of 2000 x 128 features
// in ~20 ms all told), ~0.4 s at D = 784; D = 2048 Inception features would take seconds.
//
//   Tensor real_features = ..., fake_features = ...;   // (N_r, D), (N_g, D)
//   double score = fid(real_features, fake_features);  // 0 for identical statistics
#pragma once

#include <vector>

#include "gan/metrics/linear_algebra.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

// The Gaussian fitted to a feature set: mean (D) and unbiased covariance (D, D).
struct GaussianStats {
  std::vector<double> mean;
  Matrix covariance;
};

// x: (N, D), N >= 2, finite.
GaussianStats gaussian_stats(const Tensor& x);

// The closed-form Frechet distance between N(a.mean, a.covariance) and N(b.mean, b.covariance).
// requires: equal D; both covariances symmetric PSD.
double frechet_distance(const GaussianStats& a, const GaussianStats& b);

// FID between real (N_r, D) and generated (N_g, D) features; N_r, N_g >= 2.
double fid(const Tensor& real, const Tensor& fake);

}  // namespace gan::metrics
