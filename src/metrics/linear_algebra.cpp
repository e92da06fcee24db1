#include "gan/metrics/linear_algebra.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace gan::metrics {

Matrix::Matrix(int rows_, int cols_, double fill)
    : rows(rows_), cols(cols_), data(static_cast<size_t>(rows_) * cols_, fill) {}

Matrix Matrix::identity(int n) {
  Matrix I(n, n);
  for (int i = 0; i < n; ++i) I(i, i) = 1.0;
  return I;
}

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
  if (a.rows != a.cols) {
    throw std::invalid_argument("symmetric_eigen: a must be square (D, D), got (" + std::to_string(a.rows) +
                                ", " + std::to_string(a.cols) + ")");
  }
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

  Matrix A = a;
  Matrix V = Matrix::identity(D);
  constexpr int kMaxSweeps = 100;  // never reached in practice: convergence is quadratic
  int sweep = 0;
  for (;; ++sweep) {
    double off_squared = 0.0;
    for (int p = 0; p < D; ++p) {
      for (int q = p + 1; q < D; ++q) off_squared += 2.0 * A(p, q) * A(p, q);
    }
    if (off_squared <= 1e-28 * norm_squared) break;
    if (sweep == kMaxSweeps) {
      throw std::runtime_error("symmetric_eigen: Jacobi did not converge in " + std::to_string(kMaxSweeps) +
                               " sweeps");
    }
    for (int p = 0; p < D; ++p) {
      for (int q = p + 1; q < D; ++q) {
        double a_pq = A(p, q);
        if (a_pq == 0.0) continue;
        // The rotation J = [[c, s], [-s, c]] in the (p, q) plane with (J^T A J)_pq = 0:
        // t = tan(phi) solves t^2 + 2 theta t - 1 = 0, theta = (a_qq - a_pp) / (2 a_pq); the
        // smaller root (|phi| <= pi/4) keeps the rotation close to the identity, which is what
        // makes the sweeps converge.
        double theta = (A(q, q) - A(p, p)) / (2.0 * a_pq);
        double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::hypot(theta, 1.0));
        double c = 1.0 / std::sqrt(t * t + 1.0);
        double s = t * c;
        for (int k = 0; k < D; ++k) {  // A <- A J: columns p and q
          double a_kp = A(k, p), a_kq = A(k, q);
          A(k, p) = c * a_kp - s * a_kq;
          A(k, q) = s * a_kp + c * a_kq;
        }
        for (int k = 0; k < D; ++k) {  // A <- J^T A: rows p and q
          double a_pk = A(p, k), a_qk = A(q, k);
          A(p, k) = c * a_pk - s * a_qk;
          A(q, k) = s * a_pk + c * a_qk;
        }
        A(p, q) = A(q, p) = 0.0;  // zero by construction; do not keep the rounding residue
        for (int k = 0; k < D; ++k) {  // V <- V J accumulates the eigenvectors
          double v_kp = V(k, p), v_kq = V(k, q);
          V(k, p) = c * v_kp - s * v_kq;
          V(k, q) = s * v_kp + c * v_kq;
        }
      }
    }
  }

  std::vector<int> order(D);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int i, int j) { return A(i, i) > A(j, j); });
  SymmetricEigen result;
  result.values.resize(D);
  result.vectors = Matrix(D, D);
  for (int r = 0; r < D; ++r) {
    result.values[r] = A(order[r], order[r]);
    for (int k = 0; k < D; ++k) result.vectors(k, r) = V(k, order[r]);
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
  if (a.rows != a.cols) {
    throw std::invalid_argument("cholesky: a must be square (D, D), got (" + std::to_string(a.rows) + ", " +
                                std::to_string(a.cols) + ")");
  }
  int D = a.rows;
  Matrix L(D, D);
  // Column by column: L_jj = sqrt(a_jj - sum_k L_jk^2), L_ij = (a_ij - sum_k L_ik L_jk) / L_jj.
  for (int j = 0; j < D; ++j) {
    double pivot = a(j, j);
    for (int k = 0; k < j; ++k) pivot -= L(j, k) * L(j, k);
    if (!(pivot > 0.0)) {
      throw std::invalid_argument("cholesky: a must be positive definite, pivot " + std::to_string(j) +
                                  " is " + std::to_string(pivot));
    }
    L(j, j) = std::sqrt(pivot);
    for (int i = j + 1; i < D; ++i) {
      double sum = a(i, j);
      for (int k = 0; k < j; ++k) sum -= L(i, k) * L(j, k);
      L(i, j) = sum / L(j, j);
    }
  }
  return L;
}

void solve_lower(const Matrix& L, double* b) {
  for (int i = 0; i < L.rows; ++i) {
    double sum = b[i];
    const double* L_row = L.row(i);
    for (int k = 0; k < i; ++k) sum -= L_row[k] * b[k];
    b[i] = sum / L_row[i];
  }
}

double log_det_from_cholesky(const Matrix& L) {
  double sum = 0.0;
  for (int i = 0; i < L.rows; ++i) sum += std::log(L(i, i));
  return 2.0 * sum;
}

}  // namespace gan::metrics
