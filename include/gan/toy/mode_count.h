// Modes covered and high-quality samples: how the mixture toys (ring8, grid25, and the 1-D ones)
// measure mode collapse, following Srivastava et al. (2017, "VEEGAN", Sec. 5.1) and Metz et al.
// (2017, "Unrolled GANs"). For N samples of G and a mixture of K modes mu_k, each of standard
// deviation sigma per axis:
//
//   a sample is high-quality   when it lies within 3 sigma of its nearest mode: ||s - mu_k|| <= 3 sigma
//   a mode is covered          when at least `share` of all N samples are high-quality samples of it
//   high-quality share         = (high-quality samples) / N
//
// In 2-D, 3 sigma holds 98.9% of a mode's own samples (the chi distribution with 2 degrees of
// freedom: 1 - e^(-9/2)); in 1-D, 99.7%. So a perfect G scores nearly 1, and a G that collapsed
// onto one mode (constant output there) covers 1 mode with a high-quality share of 1: quality
// without diversity, which is why both numbers are reported.
//
//   ModeCount count = count_modes(G_samples, ring.modes, ring.sigma, 0.01);
//   std::printf("%d/%zu modes\n", count.covered, ring.modes.size());
#pragma once

#include <vector>

#include "gan/tensor/tensor.h"
#include "gan/toy/distributions.h"

namespace gan::toy {

struct ModeCount {
  std::vector<int> per_mode;  // (K): high-quality samples nearest each mode
  int covered = 0;            // modes with per_mode[k] >= share N
  double high_quality = 0;    // share of the N samples within 3 sigma of their nearest mode
};

// samples: (N, D), D = 1 or 2 (1-D samples are compared with the modes' x). requires: N >= 1,
// at least one mode, sigma > 0, share in (0, 1]. Ties go to the first nearest mode.
ModeCount count_modes(const Tensor& samples, const std::vector<Point2>& modes, double sigma, double share);

}  // namespace gan::toy
