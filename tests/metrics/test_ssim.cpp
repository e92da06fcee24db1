#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/ssim.h"

using gan::Tensor;
using namespace gan::metrics;

namespace {

// The 11-tap Gaussian window with sigma 1.5, normalised, summed with alternating signs:
// the local mean of a +-1 checkerboard is +-(this)^2.
double alternating_window_sum() {
  double sum = 0.0, signed_sum = 0.0;
  for (int i = 0; i < 11; ++i) {
    double g = std::exp(-(i - 5.0) * (i - 5.0) / (2.0 * 1.5 * 1.5));
    sum += g;
    signed_sum += (i % 2 == 0 ? 1.0 : -1.0) * g;
  }
  return signed_sum / sum;
}

Tensor checkerboard(int N, int H, int W, float amplitude) {
  Tensor x({N, 1, H, W});
  for (int n = 0; n < N; ++n) {
    for (int h = 0; h < H; ++h) {
      for (int w = 0; w < W; ++w) x.at(n, 0, h, w) = (h + w) % 2 == 0 ? amplitude : -amplitude;
    }
  }
  return x;
}

}  // namespace

TEST_CASE("SSIM of an image with itself is 1", "[metrics][task 5.2]") {
  gan::Rng rng(9);
  Tensor x({3, 1, 16, 20});
  rng.fill_uniform(x, -1.0f, 1.0f);
  for (double s : ssim(x, x)) CHECK(s == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("SSIM of two constant images is the luminance term", "[metrics][golden][task 5.2]") {
  // mu_x = 0.5, mu_y = -0.5, no variance: (2 mu_x mu_y + C1) / (mu_x^2 + mu_y^2 + C1), C1 = 0.02^2.
  Tensor a({1, 1, 12, 13}, 0.5f), b({1, 1, 12, 13}, -0.5f);
  CHECK(ssim(a, b)[0] == Approx((-0.5 + 0.0004) / (0.5 + 0.0004)).epsilon(1e-12));
}

TEST_CASE("SSIM of a checkerboard and its negative matches the hand formula", "[metrics][golden][task 5.2]") {
  // x = +-c checkerboard, y = -x. In every window: mu_x = +-c s^2 (s the alternating window sum),
  // E[x^2] = c^2, so sigma_x^2 = sigma_y^2 = c^2 (1 - s^4), sigma_xy = -sigma_x^2, mu_y = -mu_x.
  double c = 0.75, s = alternating_window_sum();  // 0.75: exact in float
  double mu2 = c * c * s * s * s * s, var = c * c * (1.0 - s * s * s * s);
  double C1 = 0.02 * 0.02, C2 = 0.06 * 0.06;
  double expected = (-2.0 * mu2 + C1) * (-2.0 * var + C2) / ((2.0 * mu2 + C1) * (2.0 * var + C2));
  Tensor x = checkerboard(2, 15, 14, static_cast<float>(c));
  Tensor y = checkerboard(2, 15, 14, static_cast<float>(-c));
  for (double value : ssim(x, y)) CHECK(value == Approx(expected).epsilon(1e-10));
  CHECK(expected < -0.9);  // a structural inversion: SSIM near -1
}

TEST_CASE("ssim checks shapes and window size", "[metrics]") {
  CHECK_THROWS_WITH(ssim(Tensor({1, 1, 10, 20}), Tensor({1, 1, 10, 20})), Catch::Contains("H, W >= 11"));
  CHECK_THROWS_WITH(ssim(Tensor({1, 1, 12, 12}), Tensor({2, 1, 12, 12})), Catch::Contains("b must be (1, 1, 12, 12)"));
  CHECK_THROWS_WITH(ssim(Tensor({12, 12}), Tensor({12, 12})), Catch::Contains("(N, C, H, W)"));
}

TEST_CASE("diversity is 1 for identical samples and averages all pairs when few", "[metrics]") {
  gan::Rng rng(10);
  Tensor same({4, 1, 12, 12});
  Tensor one({1, 1, 12, 12});
  rng.fill_uniform(one, -1.0f, 1.0f);
  for (int n = 0; n < 4; ++n) std::copy(one.data.begin(), one.data.end(), same.data.begin() + n * 144);
  Diversity d = ssim_diversity(same, rng);
  CHECK(d.pairs == 6);
  CHECK(d.mean_ssim == Approx(1.0).epsilon(1e-12));
  CHECK(d.diversity == Approx(1.0).epsilon(1e-12));

  Tensor varied({3, 1, 12, 12});
  rng.fill_uniform(varied, -1.0f, 1.0f);
  Tensor a({3, 1, 12, 12}), b({3, 1, 12, 12});  // pairs (0, 1), (0, 2), (1, 2)
  int first[3] = {0, 0, 1}, second[3] = {1, 2, 2};
  for (int p = 0; p < 3; ++p) {
    std::copy_n(varied.data.begin() + first[p] * 144, 144, a.data.begin() + p * 144);
    std::copy_n(varied.data.begin() + second[p] * 144, 144, b.data.begin() + p * 144);
  }
  std::vector<double> pair_ssim = ssim(a, b);
  double mean = (pair_ssim[0] + pair_ssim[1] + pair_ssim[2]) / 3.0;
  Diversity dv = ssim_diversity(varied, rng);
  CHECK(dv.pairs == 3);
  CHECK(dv.mean_ssim == Approx(mean).epsilon(1e-12));
  CHECK(dv.diversity == Approx(1.0 / mean).epsilon(1e-12));
  CHECK(dv.diversity > 5.0);  // independent noise images are far from alike
}

TEST_CASE("diversity samples pairs when there are many, reproducibly", "[metrics]") {
  // 40 images: half copies of one image A, half of another B; SSIM(A, A) = 1 for 2 x 190 of the
  // 780 pairs and SSIM(A, B) = s for the other 400, so the all-pairs mean is (380 + 400 s) / 780.
  gan::Rng rng(11);
  Tensor A({1, 1, 12, 12}), B({1, 1, 12, 12});
  rng.fill_uniform(A, -1.0f, 1.0f);
  rng.fill_uniform(B, -1.0f, 1.0f);
  double s = ssim(A, B)[0];
  Tensor samples({40, 1, 12, 12});
  for (int n = 0; n < 40; ++n) {
    const Tensor& source = n % 2 == 0 ? A : B;
    std::copy(source.data.begin(), source.data.end(), samples.data.begin() + n * 144);
  }
  DiversitySettings settings;
  settings.pairs = 500;  // fewer than the 780 pairs: sampled
  gan::Rng first(12), second(12);
  Diversity d1 = ssim_diversity(samples, first, settings);
  Diversity d2 = ssim_diversity(samples, second, settings);
  CHECK(d1.pairs == 500);
  CHECK(d1.mean_ssim == d2.mean_ssim);
  // P(same image) = 380/780 ~ 0.49: the sampled mean has std ~ (1 - s) 0.5 / sqrt(500).
  double expected = (380.0 + 400.0 * s) / 780.0;
  CHECK(d1.mean_ssim == Approx(expected).margin(4.0 * (1.0 - s) * 0.5 / std::sqrt(500.0)));
}
