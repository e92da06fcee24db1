#include "gan/metrics/wasserstein.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "gan/kernels/gemm.h"
#include "gan/metrics/assignment.h"
#include "gan/metrics/checks.h"

namespace gan::metrics {

namespace {

// W1 between the empirical distributions of two sorted samples: walk the merged steps of the
// two quantile functions. On (t_prev, t_next] the quantiles are a[i] and b[j]; a's step ends at
// (i + 1)/n and b's at (j + 1)/m, compared exactly as (i + 1) m vs (j + 1) n in integers.
double wasserstein1_sorted(const std::vector<float>& a, const std::vector<float>& b) {
  int64_t n = static_cast<int64_t>(a.size()), m = static_cast<int64_t>(b.size());
  int64_t i = 0, j = 0;
  double t_prev = 0.0, total = 0.0;
  while (i < n && j < m) {
    int64_t a_end = (i + 1) * m, b_end = (j + 1) * n;  // both scaled by n m
    double t_next = static_cast<double>(std::min(a_end, b_end)) / static_cast<double>(n * m);
    total += std::abs(static_cast<double>(a[i]) - b[j]) * (t_next - t_prev);
    t_prev = t_next;
    if (a_end <= b_end) ++i;
    if (b_end <= a_end) ++j;
  }
  return total;
}

}  // namespace

double wasserstein1_1d(std::vector<float> a, std::vector<float> b) {
  if (a.empty() || b.empty()) {
    throw std::invalid_argument("wasserstein1_1d: a and b must not be empty, got " + std::to_string(a.size()) +
                                " and " + std::to_string(b.size()) + " values");
  }
  require_finite("wasserstein1_1d", "a", a);
  require_finite("wasserstein1_1d", "b", b);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return wasserstein1_sorted(a, b);
}

double wasserstein1_assignment(const Tensor& x, const Tensor& y) {
  require_features("wasserstein1_assignment", "x", x, 1);
  require_features("wasserstein1_assignment", "y", y, 1);
  require_same_features("wasserstein1_assignment", "x", x, "y", y);
  require_shape("wasserstein1_assignment", "y", y.shape, x.shape);  // equal N: a permutation
  int N = x.size(0), D = x.size(1);
  Matrix cost(N, N);
  for (int i = 0; i < N; ++i) {
    const float* x_i = x.ptr() + static_cast<int64_t>(i) * D;
    for (int j = 0; j < N; ++j) {
      const float* y_j = y.ptr() + static_cast<int64_t>(j) * D;
      double sum = 0.0;
      for (int d = 0; d < D; ++d) {
        double difference = static_cast<double>(x_i[d]) - y_j[d];
        sum += difference * difference;
      }
      cost(i, j) = std::sqrt(sum);
    }
  }
  return solve_assignment(cost).total_cost / N;
}

double sliced_wasserstein1(const Tensor& x, const Tensor& y, Rng& rng, const SlicedSettings& settings) {
  require_features("sliced_wasserstein1", "x", x, 1);
  require_features("sliced_wasserstein1", "y", y, 1);
  require_same_features("sliced_wasserstein1", "x", x, "y", y);
  int P = settings.projections;
  if (P < 1) {
    throw std::invalid_argument("sliced_wasserstein1: settings.projections must be >= 1, got " +
                                std::to_string(P));
  }
  int N_x = x.size(0), N_y = y.size(0), D = x.size(1);
  // Directions (P, D): a standard normal vector divided by its norm is uniform on the sphere.
  std::vector<float> theta(static_cast<size_t>(P) * D);
  for (int p = 0; p < P; ++p) {
    float* direction = theta.data() + static_cast<size_t>(p) * D;
    double norm_squared = 0.0;
    while (norm_squared == 0.0) {  // redraw the (probability 0) zero vector
      for (int d = 0; d < D; ++d) {
        direction[d] = rng.normal();
        norm_squared += static_cast<double>(direction[d]) * direction[d];
      }
    }
    double inverse_norm = 1.0 / std::sqrt(norm_squared);
    for (int d = 0; d < D; ++d) direction[d] = static_cast<float>(direction[d] * inverse_norm);
  }
  // Projections, transposed so that each direction's values are contiguous: (P, N) = theta x^T.
  std::vector<float> x_proj(static_cast<size_t>(P) * N_x), y_proj(static_cast<size_t>(P) * N_y);
  kernels::gemm(false, true, P, N_x, D, 1.0f, theta.data(), x.ptr(), 0.0f, x_proj.data());
  kernels::gemm(false, true, P, N_y, D, 1.0f, theta.data(), y.ptr(), 0.0f, y_proj.data());
  double total = 0.0;
  for (int p = 0; p < P; ++p) {
    auto x_begin = x_proj.begin() + static_cast<int64_t>(p) * N_x;
    auto y_begin = y_proj.begin() + static_cast<int64_t>(p) * N_y;
    std::vector<float> a(x_begin, x_begin + N_x), b(y_begin, y_begin + N_y);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    total += wasserstein1_sorted(a, b);
  }
  return total / P;
}

}  // namespace gan::metrics
