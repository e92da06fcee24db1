// Structural similarity (SSIM; Wang, Bovik, Sheikh and Simoncelli 2004, "Image Quality
// Assessment: From Error Visibility to Structural Similarity") and the sample diversity built on
// it.
//
// SSIM compares two images window by window. In each window, with Gaussian weights w_i (11 x 11,
// sigma 1.5, summing to 1; Sec. III-C), local means, variances and covariance (Eq. 14-16):
//   mu_x = sum_i w_i x_i,   sigma_x^2 = sum_i w_i (x_i - mu_x)^2,
//   sigma_xy = sum_i w_i (x_i - mu_x)(y_i - mu_y)
// give the local index (Eq. 13)
//   SSIM(x, y) = (2 mu_x mu_y + C1)(2 sigma_xy + C2) / ((mu_x^2 + mu_y^2 + C1)(sigma_x^2 + sigma_y^2 + C2))
// with C1 = (K1 L)^2, C2 = (K2 L)^2, K1 = 0.01, K2 = 0.03 and L the dynamic range of the data:
// L = 2 for our images in [-1, 1] (using the paper's 255 would make C1, C2 huge and every pair
// look similar). The image's SSIM is the mean of the index over all windows that fit inside the
// image ('valid', no padding; Eq. 17). 1 means identical; it can go down to -1.
// Multi-channel images get one map per channel; their SSIM is the mean over channels.
//
// Diversity (as in GANViz, Wang et al. 2018; AC-GAN, Odena et al. 2017, used the mean pairwise
// MS-SSIM the same way): samples of a collapsed generator look alike, so
//   diversity = 1 / mean over pairs i != j of SSIM(x_i, x_j)
// is low (near 1) for collapse and higher for varied samples. With n samples there are
// n (n - 1) / 2 pairs: all of them are used when that is at most `pairs`, otherwise `pairs` pairs
// are drawn uniformly (with replacement) with the rng. The sampled mean is an unbiased estimate
// of the all-pairs mean; its standard error is about std(SSIM) / sqrt(pairs), ~0.005 for 2000.
//
//   std::vector<double> s = ssim(a, b);            // a, b: (N, 1, H, W) in [-1, 1]; s: (N)
//   Diversity div = ssim_diversity(samples, rng);   // samples: (N, 1, H, W), N >= 2
#pragma once

#include <vector>

#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

struct SsimSettings {
  int window = 11;              // Wang et al. 2004, Sec. III-C
  double sigma = 1.5;           // of the Gaussian window, in pixels
  double k1 = 0.01;             // Eq. 7
  double k2 = 0.03;             // Eq. 9
  double dynamic_range = 2.0;   // L: the width of the value range, [-1, 1]
};

// Per-image SSIM of a[n] against b[n].  a, b: (N, C, H, W), H and W >= window  ->  (N)
std::vector<double> ssim(const Tensor& a, const Tensor& b, const SsimSettings& settings = {});

struct DiversitySettings {
  int pairs = 2000;  // the most pairs compared; all pairs when there are no more than this
  SsimSettings ssim;
};

struct Diversity {
  double mean_ssim = 0.0;
  double diversity = 0.0;  // 1 / mean_ssim; +infinity when mean_ssim <= 0 (as unlike as SSIM measures)
  int pairs = 0;           // the number of pairs averaged
};

// samples: (N, C, H, W), N >= 2. The rng is only used when pairs are sampled.
Diversity ssim_diversity(const Tensor& samples, Rng& rng, const DiversitySettings& settings = {});

}  // namespace gan::metrics
