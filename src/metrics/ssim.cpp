#include "gan/metrics/ssim.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "gan/metrics/checks.h"

namespace gan::metrics {

namespace {

// The 1-D Gaussian g (window), normalised to sum 1. The 2-D window is g g^T: it also sums to 1,
// and filtering with it is a pass along rows then a pass along columns.
std::vector<double> gaussian_window(int window, double sigma) {
  std::vector<double> g(window);
  double sum = 0.0;
  for (int i = 0; i < window; ++i) {
    double offset = i - (window - 1) / 2.0;
    g[i] = std::exp(-offset * offset / (2.0 * sigma * sigma));
    sum += g[i];
  }
  for (double& value : g) value /= sum;
  return g;
}

// 'Valid' separable filtering of an (H, W) image with g g^T -> (H - window + 1, W - window + 1).
std::vector<double> filter_valid(const std::vector<double>& image, int H, int W, const std::vector<double>& g) {
  int window = static_cast<int>(g.size());
  int H_out = H - window + 1, W_out = W - window + 1;
  std::vector<double> rows(static_cast<size_t>(H) * W_out, 0.0);  // filtered along w
  for (int h = 0; h < H; ++h) {
    for (int w = 0; w < W_out; ++w) {
      double sum = 0.0;
      for (int k = 0; k < window; ++k) sum += g[k] * image[static_cast<size_t>(h) * W + w + k];
      rows[static_cast<size_t>(h) * W_out + w] = sum;
    }
  }
  std::vector<double> out(static_cast<size_t>(H_out) * W_out, 0.0);  // then along h
  for (int h = 0; h < H_out; ++h) {
    double* out_row = out.data() + static_cast<size_t>(h) * W_out;
    for (int k = 0; k < window; ++k) {
      const double* in_row = rows.data() + static_cast<size_t>(h + k) * W_out;
      for (int w = 0; w < W_out; ++w) out_row[w] += g[k] * in_row[w];
    }
  }
  return out;
}

// Mean SSIM over the valid windows of one channel: x and y point at (H, W) planes.
double ssim_plane(const float* x, const float* y, int H, int W, const std::vector<double>& g,
                  const SsimSettings& settings) {
  // BEGIN TASK 5.2: SSIM of one plane
  size_t count = static_cast<size_t>(H) * W;
  std::vector<double> xs(count), ys(count), xx(count), yy(count), xy(count);
  for (size_t i = 0; i < count; ++i) {
    xs[i] = x[i];
    ys[i] = y[i];
    xx[i] = xs[i] * xs[i];
    yy[i] = ys[i] * ys[i];
    xy[i] = xs[i] * ys[i];
  }
  // Local moments E_w[x], E_w[x^2], ...; the weighted (co)variances of Eq. 15-16 follow as
  // E_w[x^2] - mu_x^2 because the weights sum to 1.
  std::vector<double> mu_x = filter_valid(xs, H, W, g), mu_y = filter_valid(ys, H, W, g);
  std::vector<double> e_xx = filter_valid(xx, H, W, g), e_yy = filter_valid(yy, H, W, g);
  std::vector<double> e_xy = filter_valid(xy, H, W, g);
  double C1 = (settings.k1 * settings.dynamic_range) * (settings.k1 * settings.dynamic_range);
  double C2 = (settings.k2 * settings.dynamic_range) * (settings.k2 * settings.dynamic_range);
  double sum = 0.0;
  for (size_t i = 0; i < mu_x.size(); ++i) {
    double var_x = e_xx[i] - mu_x[i] * mu_x[i];
    double var_y = e_yy[i] - mu_y[i] * mu_y[i];
    double cov_xy = e_xy[i] - mu_x[i] * mu_y[i];
    sum += (2.0 * mu_x[i] * mu_y[i] + C1) * (2.0 * cov_xy + C2) /
           ((mu_x[i] * mu_x[i] + mu_y[i] * mu_y[i] + C1) * (var_x + var_y + C2));
  }
  return sum / mu_x.size();
  // END TASK 5.2
}

void require_images(const char* where, const char* what, const Tensor& images, const SsimSettings& settings) {
  require_rank(where, what, images.shape, 4, "(N, C, H, W)");
  if (settings.window < 1 || settings.sigma <= 0.0 || settings.dynamic_range <= 0.0) {
    throw std::invalid_argument(std::string(where) + ": settings must have window >= 1, sigma > 0 and " +
                                "dynamic_range > 0, got window " + std::to_string(settings.window) +
                                ", sigma " + std::to_string(settings.sigma) + ", dynamic_range " +
                                std::to_string(settings.dynamic_range));
  }
  if (images.size(2) < settings.window || images.size(3) < settings.window) {
    throw std::invalid_argument(std::string(where) + ": " + what + " must be (N, C, H, W) with H, W >= " +
                                std::to_string(settings.window) + " (the window), got " +
                                images.shape.str());
  }
  require_finite(where, what, images);
}

// SSIM of image i of `a` against image j of `b`, averaged over channels.
double ssim_pair(const Tensor& a, int i, const Tensor& b, int j, const std::vector<double>& g,
                 const SsimSettings& settings) {
  int C = a.size(1), H = a.size(2), W = a.size(3);
  int64_t plane = static_cast<int64_t>(H) * W;
  double sum = 0.0;
  for (int c = 0; c < C; ++c) {
    sum += ssim_plane(a.ptr() + (static_cast<int64_t>(i) * C + c) * plane,
                      b.ptr() + (static_cast<int64_t>(j) * C + c) * plane, H, W, g, settings);
  }
  return sum / C;
}

}  // namespace

std::vector<double> ssim(const Tensor& a, const Tensor& b, const SsimSettings& settings) {
  require_images("ssim", "a", a, settings);
  require_images("ssim", "b", b, settings);
  require_shape("ssim", "b", b.shape, a.shape);
  std::vector<double> g = gaussian_window(settings.window, settings.sigma);
  std::vector<double> result(a.size(0));
  for (int n = 0; n < a.size(0); ++n) result[n] = ssim_pair(a, n, b, n, g, settings);
  return result;
}

Diversity ssim_diversity(const Tensor& samples, Rng& rng, const DiversitySettings& settings) {
  require_images("ssim_diversity", "samples", samples, settings.ssim);
  int N = samples.size(0);
  if (N < 2) {
    throw std::invalid_argument("ssim_diversity: samples must be (N, C, H, W) with N >= 2, got " +
                                samples.shape.str());
  }
  if (settings.pairs < 1) {
    throw std::invalid_argument("ssim_diversity: settings.pairs must be >= 1, got " +
                                std::to_string(settings.pairs));
  }
  std::vector<double> g = gaussian_window(settings.ssim.window, settings.ssim.sigma);
  int64_t all_pairs = static_cast<int64_t>(N) * (N - 1) / 2;
  double sum = 0.0;
  Diversity result;
  if (all_pairs <= settings.pairs) {
    for (int i = 0; i < N; ++i) {
      for (int j = i + 1; j < N; ++j) sum += ssim_pair(samples, i, samples, j, g, settings.ssim);
    }
    result.pairs = static_cast<int>(all_pairs);
  } else {
    for (int p = 0; p < settings.pairs; ++p) {
      // A uniform ordered pair i != j: j drawn from the N - 1 other indices.
      int i = rng.uniform_int(N);
      int j = rng.uniform_int(N - 1);
      if (j >= i) ++j;
      sum += ssim_pair(samples, i, samples, j, g, settings.ssim);
    }
    result.pairs = settings.pairs;
  }
  result.mean_ssim = sum / result.pairs;
  result.diversity =
      result.mean_ssim > 0.0 ? 1.0 / result.mean_ssim : std::numeric_limits<double>::infinity();
  return result;
}

}  // namespace gan::metrics
