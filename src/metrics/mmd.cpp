#include "gan/metrics/mmd.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "gan/kernels/gemm.h"
#include "gan/metrics/checks.h"

namespace gan::metrics {

namespace {

// Rows of x per GEMM: a block of dot products (256, N) stays a few MB even for N = 10k.
constexpr int kRowBlock = 256;

std::vector<double> squared_norms(const float* x, int count, int D) {
  std::vector<double> norms(count);
  for (int i = 0; i < count; ++i) {
    const float* row = x + static_cast<int64_t>(i) * D;
    double sum = 0.0;
    for (int d = 0; d < D; ++d) sum += static_cast<double>(row[d]) * row[d];
    norms[i] = sum;
  }
  return norms;
}

// sum over i < m, j < n of k(x_i, y_j) for x (m, D), y (n, D); the kernel sees the dot product
// x_i.y_j (from a GEMM block) and the squared norms. When `same` (x and y are one set), only the
// pairs j > i are computed and doubled: the sum over i != j of a symmetric kernel.
template <typename Kernel>
double kernel_sum(const float* x, int m, const float* y, int n, int D, bool same, Kernel kernel) {
  std::vector<double> x_norms = squared_norms(x, m, D);
  std::vector<double> y_norms = same ? x_norms : squared_norms(y, n, D);
  std::vector<float> dots(static_cast<size_t>(kRowBlock) * n);
  double total = 0.0;
  for (int row_begin = 0; row_begin < m; row_begin += kRowBlock) {
    int rows = std::min(kRowBlock, m - row_begin);
    int col_begin = same ? row_begin : 0;  // for the same set, columns before the block are done
    int cols = n - col_begin;
    kernels::gemm(false, true, rows, cols, D, 1.0f, x + static_cast<int64_t>(row_begin) * D,
                  y + static_cast<int64_t>(col_begin) * D, 0.0f, dots.data());
    for (int i = 0; i < rows; ++i) {
      const float* dot_row = dots.data() + static_cast<size_t>(i) * cols;
      double row_sum = 0.0;
      for (int j = same ? i + 1 : 0; j < cols; ++j) {
        row_sum += kernel(dot_row[j], x_norms[row_begin + i], y_norms[col_begin + j]);
      }
      total += row_sum;
    }
  }
  return same ? 2.0 * total : total;
}

// The median heuristic: sigma = median ||a - b|| over the distinct pairs of up to `samples`
// points drawn without replacement from the pooled x and y.
double median_distance(const Tensor& x, const Tensor& y, Rng& rng, int samples) {
  int M = x.size(0), N = y.size(0), D = x.size(1);
  std::vector<int> pool(M + N);
  std::iota(pool.begin(), pool.end(), 0);
  int count = std::min(samples, M + N);
  for (int i = 0; i < count; ++i) {  // partial Fisher-Yates: a uniform subset at the front
    std::swap(pool[i], pool[i + rng.uniform_int(M + N - i)]);
  }
  auto point = [&](int index) {
    return index < M ? x.ptr() + static_cast<int64_t>(index) * D
                     : y.ptr() + static_cast<int64_t>(index - M) * D;
  };
  std::vector<double> distances;
  distances.reserve(static_cast<size_t>(count) * (count - 1) / 2);
  for (int i = 0; i < count; ++i) {
    for (int j = i + 1; j < count; ++j) {
      const float* a = point(pool[i]);
      const float* b = point(pool[j]);
      double sum = 0.0;
      for (int d = 0; d < D; ++d) {
        double difference = static_cast<double>(a[d]) - b[d];
        sum += difference * difference;
      }
      distances.push_back(std::sqrt(sum));
    }
  }
  size_t middle = distances.size() / 2;
  std::nth_element(distances.begin(), distances.begin() + middle, distances.end());
  double median = distances[middle];
  if (distances.size() % 2 == 0) {  // even count: the mean of the two middle values
    median = 0.5 * (median + *std::max_element(distances.begin(), distances.begin() + middle));
  }
  return median;
}

// Rows `indices` of x, (count, D), contiguous for the GEMM.
std::vector<float> gather_rows(const Tensor& x, const std::vector<int>& indices, int count) {
  int D = x.size(1);
  std::vector<float> rows(static_cast<size_t>(count) * D);
  for (int i = 0; i < count; ++i) {
    std::copy_n(x.ptr() + static_cast<int64_t>(indices[i]) * D, D,
                rows.begin() + static_cast<int64_t>(i) * D);
  }
  return rows;
}

}  // namespace

double mmd2_unbiased(const KernelSums& sums) {
  if (sums.m < 2 || sums.n < 2) {
    throw std::invalid_argument("mmd2_unbiased: needs m, n >= 2 samples, got m=" +
                                std::to_string(sums.m) + ", n=" + std::to_string(sums.n));
  }
  double m = sums.m, n = sums.n;
  return sums.xx / (m * (m - 1.0)) + sums.yy / (n * (n - 1.0)) - 2.0 * sums.xy / (m * n);
}

MmdResult gaussian_mmd2(const Tensor& x, const Tensor& y, Rng& rng, const MmdSettings& settings) {
  require_features("gaussian_mmd2", "x", x, 2);
  require_features("gaussian_mmd2", "y", y, 2);
  require_same_features("gaussian_mmd2", "x", x, "y", y);
  if (settings.bandwidth < 0.0 || (settings.bandwidth == 0.0 && settings.median_samples < 2)) {
    throw std::invalid_argument(
        "gaussian_mmd2: settings need bandwidth > 0, or bandwidth 0 and median_samples >= 2, got bandwidth " +
        std::to_string(settings.bandwidth) + ", median_samples " + std::to_string(settings.median_samples));
  }
  MmdResult result;
  result.bandwidth = settings.bandwidth > 0.0 ? settings.bandwidth
                                               : median_distance(x, y, rng, settings.median_samples);
  if (!(result.bandwidth > 0.0)) {
    throw std::invalid_argument(
        "gaussian_mmd2: the median heuristic found bandwidth 0 (the sampled points coincide); set settings.bandwidth");
  }
  double scale = 1.0 / (2.0 * result.bandwidth * result.bandwidth);
  // ||a - b||^2 = ||a||^2 + ||b||^2 - 2 a.b; clamped at 0, where float rounding can dip below.
  auto gaussian = [scale](float dot, double a_norm, double b_norm) {
    return std::exp(-std::max(0.0, a_norm + b_norm - 2.0 * dot) * scale);
  };
  int M = x.size(0), N = y.size(0), D = x.size(1);
  KernelSums sums;
  sums.m = M;
  sums.n = N;
  sums.xx = kernel_sum(x.ptr(), M, x.ptr(), M, D, true, gaussian);
  sums.yy = kernel_sum(y.ptr(), N, y.ptr(), N, D, true, gaussian);
  sums.xy = kernel_sum(x.ptr(), M, y.ptr(), N, D, false, gaussian);
  result.mmd2 = mmd2_unbiased(sums);
  return result;
}

MeanStd kernel_inception_distance(const Tensor& real, const Tensor& fake, Rng& rng,
                                  const KidSettings& settings) {
  require_features("kernel_inception_distance", "real", real, 2);
  require_features("kernel_inception_distance", "fake", fake, 2);
  require_same_features("kernel_inception_distance", "real", real, "fake", fake);
  if (settings.subset_size < 2 || settings.subsets < 1) {
    throw std::invalid_argument(
        "kernel_inception_distance: settings need subset_size >= 2 and subsets >= 1, got " +
        std::to_string(settings.subset_size) + " and " + std::to_string(settings.subsets));
  }
  int N_r = real.size(0), N_f = fake.size(0), D = real.size(1);
  int size = std::min({settings.subset_size, N_r, N_f});
  double inverse_D = 1.0 / D;
  auto cubic = [inverse_D](float dot, double, double) {
    double base = dot * inverse_D + 1.0;
    return base * base * base;
  };
  std::vector<int> real_order(N_r), fake_order(N_f);
  std::iota(real_order.begin(), real_order.end(), 0);
  std::iota(fake_order.begin(), fake_order.end(), 0);
  std::vector<double> estimates;
  for (int s = 0; s < settings.subsets; ++s) {
    // A partial Fisher-Yates shuffle puts a uniform subset without replacement at the front.
    for (int i = 0; i < size; ++i) std::swap(real_order[i], real_order[i + rng.uniform_int(N_r - i)]);
    for (int i = 0; i < size; ++i) std::swap(fake_order[i], fake_order[i + rng.uniform_int(N_f - i)]);
    std::vector<float> x = gather_rows(real, real_order, size);
    std::vector<float> y = gather_rows(fake, fake_order, size);
    KernelSums sums;
    sums.m = sums.n = size;
    sums.xx = kernel_sum(x.data(), size, x.data(), size, D, true, cubic);
    sums.yy = kernel_sum(y.data(), size, y.data(), size, D, true, cubic);
    sums.xy = kernel_sum(x.data(), size, y.data(), size, D, false, cubic);
    estimates.push_back(mmd2_unbiased(sums));
  }
  return mean_std(estimates);
}

}  // namespace gan::metrics
