// The dense linear algebra the metrics need, in double precision: sample mean and covariance,
// a plain matrix product, the symmetric eigendecomposition, the square root of a symmetric
// positive semi-definite matrix, and Cholesky factors with their triangular solve.
//
// The decompositions are Eigen's (SelfAdjointEigenSolver, LLT): here a library beats our own
// code: robust, widely tested and fast algorithms, and not what this codebase sets out to teach.
// Eigen stays inside src/metrics/linear_algebra.cpp, compiled scalar so that every CPU and build
// gives the same bytes; this header and `Matrix` are ours. Every matrix here is D x D with D in
// the hundreds at most (feature sizes, PCA dimensions); float products of big data matrices go
// through kernels::gemm instead.
//
//   Matrix C = covariance(features, column_means(features));  // (D, D), unbiased
//   SymmetricEigen e = symmetric_eigen(C);                      // C = V diag(values) V^T
//   Matrix S = sqrt_psd(C);                                     // S S = C, S symmetric
#pragma once

#include <vector>

#include "gan/tensor/tensor.h"

namespace gan::metrics {

// A dense row-major matrix of doubles: element (i, j) is data[i * cols + j].
struct Matrix {
  int rows = 0;
  int cols = 0;
  std::vector<double> data;

  Matrix() = default;
  Matrix(int rows, int cols, double fill = 0.0);

  double& operator()(int i, int j) { return data[static_cast<size_t>(i) * cols + j]; }
  double operator()(int i, int j) const { return data[static_cast<size_t>(i) * cols + j]; }
  double* row(int i) { return data.data() + static_cast<size_t>(i) * cols; }
  const double* row(int i) const { return data.data() + static_cast<size_t>(i) * cols; }
};

// a (M, K) times b (K, N) -> (M, N); plain loops in double, each element summed in k order.
Matrix multiply(const Matrix& a, const Matrix& b);
Matrix transpose(const Matrix& a);
double trace(const Matrix& a);

// mu_d = (1/N) sum_n x_nd.   x: (N, D) -> (D)
std::vector<double> column_means(const Tensor& x);

// The unbiased sample covariance, C = (1/(N-1)) sum_n (x_n - mu)(x_n - mu)^T.   x: (N, D) -> (D, D)
// Accumulated in double over centred rows, O(N D^2). requires: N >= 2. C is full rank only
// when N > D (and the data are not degenerate); nothing here requires that.
Matrix covariance(const Tensor& x, const std::vector<double>& mean);

// A = V diag(values) V^T for a symmetric A (D, D): `values` in descending order, the matching
// unit eigenvectors in the columns of `vectors` (D, D).
struct SymmetricEigen {
  std::vector<double> values;
  Matrix vectors;
};

// Eigen's SelfAdjointEigenSolver: Householder reduction to tridiagonal form, then implicit
// symmetric QR steps (Golub and Van Loan, Matrix Computations, Sec. 8.3). Eigenvalues come out
// accurate to about 1e-15 times ||A||. D = 128 takes milliseconds, D = 784 under a second.
// requires: a square and symmetric (to 1e-9 of its norm).
SymmetricEigen symmetric_eigen(const Matrix& a);

// The symmetric square root S of a symmetric positive semi-definite A: S S = A, S = V diag(sqrt
// lambda) V^T. Eigenvalues that rounding made slightly negative (down to -1e-9 * lambda_max) are
// clamped to 0; a clearly negative one means A is not PSD and throws.
Matrix sqrt_psd(const Matrix& a);

// The lower-triangular L with L L^T = A for a symmetric positive definite A (D, D), by Eigen's
// LLT. Throws if A is not positive definite.
Matrix cholesky(const Matrix& a);

// Solves L y = b for y, L lower triangular (D, D), b (D); in place: b becomes y.
void solve_lower(const Matrix& L, double* b);

// log det A = 2 sum_i log L_ii from the Cholesky factor L of A.
double log_det_from_cholesky(const Matrix& L);

}  // namespace gan::metrics
