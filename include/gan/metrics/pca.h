// Principal component analysis: the k orthonormal directions along which features (N, D) vary
// most, i.e. the top-k eigenvectors of their covariance C. Used by Dist-Diff (dist_diff.h) to
// bring 784-pixel images or 128-d features down to ~10 dimensions where mixtures can be fitted.
//
// Method: randomized subspace (orthogonal) iteration (Golub and Van Loan, Matrix Computations,
// Sec. 8.2.4; Halko, Martinsson and Tropp 2011 for the oversampling). Keep q = k + 10 orthonormal
// columns Q (D, q), started random; repeat Q <- orth(X_c^T (X_c Q)) with X_c the centred data,
// which multiplies by C (N - 1) without forming it, two GEMMs of O(N D q) per step; then one
// Rayleigh-Ritz step: the eigendecomposition of the small (q, q) matrix Q^T C Q
// (symmetric_eigen) turns Q into eigenvector estimates. A component converges like
// (lambda_{q+1} / lambda_i)^iterations, so the extra columns make the top k accurate in a few
// dozen steps. For D = 784 that is a few dozen float GEMMs of (N, 784, 20), O(N D q) each,
// instead of forming C in double, O(N D^2), and decomposing all of it.
//
//   Pca pca = fit_pca(real, 10, rng);           // real: (N, D)
//   Matrix z = project(pca, fake);              // (N_f, 10), in the real data's PCA coordinates
#pragma once

#include <vector>

#include "gan/metrics/linear_algebra.h"
#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

struct Pca {
  std::vector<double> mean;        // (D)
  Matrix components;               // (k, D): orthonormal rows, by decreasing variance
  std::vector<double> variances;   // (k): the (unbiased) variance of the data along each row
};

// x: (N, D), N >= 2, finite; 1 <= k <= D. The rng draws the starting subspace.
Pca fit_pca(const Tensor& x, int k, Rng& rng, int iterations = 30);

// The coordinates (x_n - mean) . component_i.   x: (N, D) -> (N, k)
Matrix project(const Pca& pca, const Tensor& x);

}  // namespace gan::metrics
