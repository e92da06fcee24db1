// Same bytes on every CPU and build: Eigen's vectorised loops (the dot products and rank-2
// updates of its tridiagonalisation, its matrix products) combine partial sums in an order set by
// the SIMD width, so an AVX2 and an AVX-512 build would differ in the last bits. Scalar Eigen sums
// in the order its source fixes (and -ffp-contract=off, set in CMakeLists.txt, keeps every a*b+c
// as written). Its OpenMP would split the work by thread count: off too. Both must come before
// the first Eigen include.
#define EIGEN_DONT_VECTORIZE
#define EIGEN_DONT_PARALLELIZE
#include "gan/metrics/linear_algebra.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace gan::metrics {

namespace {

// Our Matrix seen by Eigen, without a copy: same row-major layout.
using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixMap = Eigen::Map<const RowMajorMatrix>;
using MatrixMap = Eigen::Map<RowMajorMatrix>;

ConstMatrixMap as_eigen(const Matrix& a) { return ConstMatrixMap(a.data.data(), a.rows, a.cols); }

void require_square(const char* function, const Matrix& a) {
  if (a.rows != a.cols) {
    throw std::invalid_argument(std::string(function) + ": a must be square (D, D), got (" +
                                std::to_string(a.rows) + ", " + std::to_string(a.cols) + ")");
  }
}

}  // namespace

Matrix::Matrix(int rows_, int cols_, double fill)
    : rows(rows_), cols(cols_), data(static_cast<size_t>(rows_) * cols_, fill) {}

Matrix multiply(const Matrix& a, const Matrix& b) {
  if (a.cols != b.rows) {
    throw std::invalid_argument("multiply: a is (M, K) with K=" + std::to_string(a.cols) +
                                " so b must have K=" + std::to_string(a.cols) + " rows, got " +
                                std::to_string(b.rows));
  }
  Matrix c(a.rows, b.cols);
  // i-k-j order: the inner loop runs along rows of b and c, contiguous in memory.
  for (int i = 0; i < a.rows; ++i) {
    double* c_row = c.row(i);
    for (int k = 0; k < a.cols; ++k) {
      double a_ik = a(i, k);
      const double* b_row = b.row(k);
      for (int j = 0; j < b.cols; ++j) c_row[j] += a_ik * b_row[j];
    }
  }
  return c;
}

Matrix transpose(const Matrix& a) {
  Matrix t(a.cols, a.rows);
  for (int i = 0; i < a.rows; ++i) {
    for (int j = 0; j < a.cols; ++j) t(j, i) = a(i, j);
  }
  return t;
}

double trace(const Matrix& a) {
  double sum = 0.0;
  for (int i = 0; i < std::min(a.rows, a.cols); ++i) sum += a(i, i);
  return sum;
}

std::vector<double> column_means(const Tensor& x) {
  require_rank("column_means", "x", x.shape, 2, "(N, D)");
  int N = x.size(0), D = x.size(1);
  std::vector<double> mean(D, 0.0);
  for (int n = 0; n < N; ++n) {
    const float* row = x.ptr() + static_cast<int64_t>(n) * D;
    for (int d = 0; d < D; ++d) mean[d] += row[d];
  }
  for (double& m : mean) m /= N;
  return mean;
}

Matrix covariance(const Tensor& x, const std::vector<double>& mean) {
  require_rank("covariance", "x", x.shape, 2, "(N, D)");
  int N = x.size(0), D = x.size(1);
  if (N < 2) throw std::invalid_argument("covariance: x must be (N, D) with N >= 2, got " + x.shape.str());
  if (static_cast<int>(mean.size()) != D) {
    throw std::invalid_argument("covariance: mean must be (D) with D=" + std::to_string(D) + ", got (" +
                                std::to_string(mean.size()) + ")");
  }
  // Sum of outer products of centred rows, upper triangle only (the lower one is its mirror).
  Matrix C(D, D);
  std::vector<double> centred(D);
  for (int n = 0; n < N; ++n) {
    const float* row = x.ptr() + static_cast<int64_t>(n) * D;
    for (int d = 0; d < D; ++d) centred[d] = row[d] - mean[d];
    for (int i = 0; i < D; ++i) {
      double c_i = centred[i];
      double* C_row = C.row(i);
      for (int j = i; j < D; ++j) C_row[j] += c_i * centred[j];
    }
  }
  for (int i = 0; i < D; ++i) {
    for (int j = i; j < D; ++j) {
      C(i, j) /= N - 1;  // Bessel's correction: unbiased
      C(j, i) = C(i, j);
    }
  }
  return C;
}

SymmetricEigen symmetric_eigen(const Matrix& a) {
  require_square("symmetric_eigen", a);
  int D = a.rows;
  double norm_squared = 0.0;
  for (double value : a.data) norm_squared += value * value;
  for (int i = 0; i < D; ++i) {
    for (int j = i + 1; j < D; ++j) {
      if (std::abs(a(i, j) - a(j, i)) > 1e-9 * std::sqrt(norm_squared)) {
        throw std::invalid_argument("symmetric_eigen: a must be symmetric, a(" + std::to_string(i) + ", " +
                                    std::to_string(j) + ") != a(" + std::to_string(j) + ", " +
                                    std::to_string(i) + ")");
      }
    }
  }
  // Eigen reads the lower triangle only; the check above makes that the whole matrix.
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(as_eigen(a));
  if (solver.info() != Eigen::Success) {
    throw std::runtime_error("symmetric_eigen: Eigen's QR iteration did not converge");
  }
  // Eigen sorts the eigenvalues ascending; we list the largest first.
  const Eigen::VectorXd& values = solver.eigenvalues();
  const Eigen::MatrixXd& vectors = solver.eigenvectors();
  SymmetricEigen result;
  result.values.resize(D);
  result.vectors = Matrix(D, D);
  for (int r = 0; r < D; ++r) {
    result.values[r] = values(D - 1 - r);
    for (int k = 0; k < D; ++k) result.vectors(k, r) = vectors(k, D - 1 - r);
  }
  return result;
}

Matrix sqrt_psd(const Matrix& a) {
  SymmetricEigen eigen = symmetric_eigen(a);
  int D = a.rows;
  double largest = D > 0 ? std::max(0.0, eigen.values[0]) : 0.0;
  std::vector<double> root(D);
  for (int i = 0; i < D; ++i) {
    double lambda = eigen.values[i];
    if (lambda < -1e-9 * largest) {
      throw std::invalid_argument("sqrt_psd: a must be positive semi-definite, it has eigenvalue " +
                                  std::to_string(lambda) + " (largest " + std::to_string(largest) + ")");
    }
    root[i] = std::sqrt(std::max(0.0, lambda));
  }
  // S = V diag(root) V^T, summed as sum_r root_r v_r v_r^T.
  Matrix S(D, D);
  for (int r = 0; r < D; ++r) {
    if (root[r] == 0.0) continue;
    for (int i = 0; i < D; ++i) {
      double scaled = root[r] * eigen.vectors(i, r);
      double* S_row = S.row(i);
      for (int j = 0; j < D; ++j) S_row[j] += scaled * eigen.vectors(j, r);
    }
  }
  return S;
}

Matrix cholesky(const Matrix& a) {
  require_square("cholesky", a);
  int D = a.rows;
  Eigen::LLT<Eigen::MatrixXd> llt(as_eigen(a));  // reads the lower triangle
  if (llt.info() != Eigen::Success) {
    throw std::invalid_argument("cholesky: a must be positive definite, Eigen's LLT met a pivot <= 0");
  }
  Matrix L(D, D);
  MatrixMap(L.data.data(), D, D) = llt.matrixL();  // the strict upper triangle stays 0
  return L;
}

void solve_lower(const Matrix& L, double* b) {
  Eigen::Map<Eigen::VectorXd> y(b, L.rows);
  as_eigen(L).triangularView<Eigen::Lower>().solveInPlace(y);
}

double log_det_from_cholesky(const Matrix& L) {
  double sum = 0.0;
  for (int i = 0; i < L.rows; ++i) sum += std::log(L(i, i));
  return 2.0 * sum;
}

}  // namespace gan::metrics
