#include "gan/metrics/precision_recall.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/kernels/gemm.h"
#include "gan/metrics/checks.h"

namespace gan::metrics {

namespace {

// Rows per GEMM block: a (256, N) block of dot products.
constexpr int kRowBlock = 256;

std::vector<double> squared_norms(const Tensor& x) {
  int N = x.size(0), D = x.size(1);
  std::vector<double> norms(N);
  for (int i = 0; i < N; ++i) {
    double sum = 0.0;
    for (int d = 0; d < D; ++d) sum += static_cast<double>(x.at(i, d)) * x.at(i, d);
    norms[i] = sum;
  }
  return norms;
}

// Calls visit(i, j, ||a_i - b_j||^2) for every pair, one block of rows of a at a time:
// ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b with the dot products from a GEMM, clamped at 0.
template <typename Visit>
void for_each_squared_distance(const Tensor& a, const Tensor& b, Visit visit) {
  int M = a.size(0), N = b.size(0), D = a.size(1);
  std::vector<double> a_norms = squared_norms(a), b_norms = squared_norms(b);
  std::vector<float> dots(static_cast<size_t>(kRowBlock) * N);
  for (int row_begin = 0; row_begin < M; row_begin += kRowBlock) {
    int rows = std::min(kRowBlock, M - row_begin);
    kernels::gemm(false, true, rows, N, D, 1.0f, a.ptr() + static_cast<int64_t>(row_begin) * D, b.ptr(),
                  0.0f, dots.data());
    for (int r = 0; r < rows; ++r) {
      int i = row_begin + r;
      const float* dot_row = dots.data() + static_cast<size_t>(r) * N;
      for (int j = 0; j < N; ++j) visit(i, j, std::max(0.0, a_norms[i] + b_norms[j] - 2.0 * dot_row[j]));
    }
  }
}

// The squared distance from each point of x to its k-th nearest other point of x.
std::vector<double> squared_knn_radii(const Tensor& x, int k) {
  int N = x.size(0);
  // nearest[i] holds the k smallest squared distances from point i seen so far, ascending.
  std::vector<double> nearest(static_cast<size_t>(N) * k, std::numeric_limits<double>::infinity());
  for_each_squared_distance(x, x, [&](int i, int j, double distance) {
    if (i == j) return;  // a point is not its own neighbour (a duplicate elsewhere is)
    double* best = nearest.data() + static_cast<size_t>(i) * k;
    if (distance >= best[k - 1]) return;
    int slot = k - 1;  // insertion into the short sorted list
    while (slot > 0 && best[slot - 1] > distance) {
      best[slot] = best[slot - 1];
      --slot;
    }
    best[slot] = distance;
  });
  std::vector<double> radii(N);
  for (int i = 0; i < N; ++i) radii[i] = nearest[static_cast<size_t>(i) * k + k - 1];
  return radii;
}

}  // namespace

PrecisionRecall precision_recall(const Tensor& real, const Tensor& fake, int k) {
  if (k < 1) throw std::invalid_argument("precision_recall: k must be >= 1, got " + std::to_string(k));
  require_features("precision_recall", "real", real, k + 1);
  require_features("precision_recall", "fake", fake, k + 1);
  require_same_features("precision_recall", "real", real, "fake", fake);
  std::vector<double> real_radii = squared_knn_radii(real, k);
  std::vector<double> fake_radii = squared_knn_radii(fake, k);
  // One pass over the fake-real distances answers both questions: fake j lies in real i's ball
  // (precision) and real i lies in fake j's ball (recall).
  std::vector<char> fake_inside_real(fake.size(0), 0), real_inside_fake(real.size(0), 0);
  for_each_squared_distance(real, fake, [&](int i, int j, double distance) {
    if (distance <= real_radii[i]) fake_inside_real[j] = 1;
    if (distance <= fake_radii[j]) real_inside_fake[i] = 1;
  });
  auto fraction = [](const std::vector<char>& inside) {
    return static_cast<double>(std::count(inside.begin(), inside.end(), 1)) / inside.size();
  };
  PrecisionRecall result;
  result.precision = fraction(fake_inside_real);
  result.recall = fraction(real_inside_fake);
  return result;
}

}  // namespace gan::metrics
