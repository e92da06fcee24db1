#include "gan/metrics/pca.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "gan/kernels/gemm.h"
#include "gan/metrics/checks.h"

namespace gan::metrics {

namespace {

// Extra columns beyond k, so that the k-th wanted direction converges at the rate set by the
// (k + 10)-th eigenvalue, not the (k + 1)-th.
constexpr int kOversampling = 10;

// Makes the columns of Q (D, q) orthonormal by modified Gram-Schmidt, run twice ("twice is
// enough": one pass loses orthogonality when columns are nearly dependent). A column that
// vanishes (the data span fewer than q directions) is replaced by a random one.
void orthonormalise_columns(Matrix& Q, Rng& rng) {
  int D = Q.rows, q = Q.cols;
  for (int c = 0; c < q; ++c) {
    for (int attempt = 0;; ++attempt) {
      double original = 0.0;
      for (int d = 0; d < D; ++d) original += Q(d, c) * Q(d, c);
      for (int pass = 0; pass < 2; ++pass) {
        for (int prev = 0; prev < c; ++prev) {
          double dot = 0.0;
          for (int d = 0; d < D; ++d) dot += Q(d, prev) * Q(d, c);
          for (int d = 0; d < D; ++d) Q(d, c) -= dot * Q(d, prev);
        }
      }
      double norm = 0.0;
      for (int d = 0; d < D; ++d) norm += Q(d, c) * Q(d, c);
      norm = std::sqrt(norm);
      if (norm > 1e-10 * std::sqrt(original)) {
        for (int d = 0; d < D; ++d) Q(d, c) /= norm;
        break;
      }
      if (attempt == 100) throw std::runtime_error("fit_pca: could not extend the basis to q orthonormal columns");
      for (int d = 0; d < D; ++d) Q(d, c) = rng.normal();
    }
  }
}

std::vector<float> to_float(const Matrix& m) { return std::vector<float>(m.data.begin(), m.data.end()); }

}  // namespace

Pca fit_pca(const Tensor& x, int k, Rng& rng, int iterations) {
  require_features("fit_pca", "x", x, 2);
  int N = x.size(0), D = x.size(1);
  if (k < 1 || k > D || iterations < 1) {
    throw std::invalid_argument("fit_pca: k must be in [1, D] with D=" + std::to_string(D) +
                                " and iterations >= 1, got k=" + std::to_string(k) + ", iterations " +
                                std::to_string(iterations));
  }
  Pca pca;
  pca.mean = column_means(x);
  // The centred data, centred in double and stored in float for the GEMMs.  (N, D)
  std::vector<float> centred(x.data.size());
  for (int n = 0; n < N; ++n) {
    for (int d = 0; d < D; ++d) {
      centred[static_cast<size_t>(n) * D + d] = static_cast<float>(x.at(n, d) - pca.mean[d]);
    }
  }
  int q = std::min(k + kOversampling, D);
  Matrix Q(D, q);
  for (double& value : Q.data) value = rng.normal();
  orthonormalise_columns(Q, rng);

  std::vector<float> Y(static_cast<size_t>(N) * q), Z(static_cast<size_t>(D) * q);
  for (int step = 0; step < iterations; ++step) {
    std::vector<float> Q_float = to_float(Q);
    // Y = X_c Q (N, q), then Z = X_c^T Y (D, q): one multiplication by (N - 1) C.
    kernels::gemm(false, false, N, q, D, 1.0f, centred.data(), Q_float.data(), 0.0f, Y.data());
    kernels::gemm(true, false, D, q, N, 1.0f, centred.data(), Y.data(), 0.0f, Z.data());
    std::copy(Z.begin(), Z.end(), Q.data.begin());
    orthonormalise_columns(Q, rng);
  }

  // Rayleigh-Ritz: B = Q^T C Q = (X_c Q)^T (X_c Q) / (N - 1), (q, q); B = W diag(lambda) W^T, and
  // the columns of Q W are the eigenvector estimates, with variances lambda.
  std::vector<float> Q_float = to_float(Q);
  kernels::gemm(false, false, N, q, D, 1.0f, centred.data(), Q_float.data(), 0.0f, Y.data());
  Matrix B(q, q);
  for (int n = 0; n < N; ++n) {
    const float* y = Y.data() + static_cast<size_t>(n) * q;
    for (int i = 0; i < q; ++i) {
      for (int j = i; j < q; ++j) B(i, j) += static_cast<double>(y[i]) * y[j];
    }
  }
  for (int i = 0; i < q; ++i) {
    for (int j = i; j < q; ++j) B(j, i) = B(i, j) = B(i, j) / (N - 1);
  }
  SymmetricEigen eigen = symmetric_eigen(B);
  Matrix QW = multiply(Q, eigen.vectors);  // (D, q)
  pca.components = Matrix(k, D);
  pca.variances.assign(eigen.values.begin(), eigen.values.begin() + k);
  for (int i = 0; i < k; ++i) {
    for (int d = 0; d < D; ++d) pca.components(i, d) = QW(d, i);
  }
  return pca;
}

Matrix project(const Pca& pca, const Tensor& x) {
  int k = pca.components.rows, D = pca.components.cols;
  require_rank("project", "x", x.shape, 2, "(N, D)");
  if (x.size(1) != D) {
    throw std::invalid_argument("project: x must be (N, D) with D=" + std::to_string(D) + " (the PCA's), got " +
                                x.shape.str());
  }
  require_finite("project", "x", x);
  int N = x.size(0);
  Matrix z(N, k);
  std::vector<double> centred(D);
  for (int n = 0; n < N; ++n) {
    for (int d = 0; d < D; ++d) centred[d] = x.at(n, d) - pca.mean[d];
    for (int i = 0; i < k; ++i) {
      const double* component = pca.components.row(i);
      double sum = 0.0;
      for (int d = 0; d < D; ++d) sum += component[d] * centred[d];
      z(n, i) = sum;
    }
  }
  return z;
}

}  // namespace gan::metrics
