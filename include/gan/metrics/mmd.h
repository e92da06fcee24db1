// Maximum mean discrepancy (MMD; Gretton et al. 2012, "A Kernel Two-Sample Test", JMLR): the
// distance between two distributions P, Q measured through a kernel k,
//
//   MMD^2 = E k(x, x') + E k(y, y') - 2 E k(x, y),   x, x' ~ P,  y, y' ~ Q
//
// and its unbiased estimate from samples x_1..x_m ~ P, y_1..y_n ~ Q (Lemma 6, MMD^2_u):
//
//   MMD^2_u = 1/(m(m-1)) sum_{i != j} k(x_i, x_j) + 1/(n(n-1)) sum_{i != j} k(y_i, y_j)
//             - 2/(m n) sum_{i, j} k(x_i, y_j)
//
// Leaving out the diagonal terms k(x_i, x_i) removes the bias, so the estimate is centred on the
// true MMD^2: for P = Q it scatters around 0 and can be slightly negative. Its standard error
// shrinks like 1/m; m = n = 1000 already separates clearly different distributions.
//
// Two kernels:
//   - Gaussian, k(x, y) = exp(-||x - y||^2 / (2 sigma^2)), sigma by the median heuristic (the
//     median distance between points of the pooled sample; Gretton et al. 2012, Sec. 8) unless
//     given. `gaussian_mmd2` uses every pair: O((m + n)^2 D), 10k x 10k at 128-d in about a second.
//   - KID (Binkowski, Sutherland, Arbel and Gretton 2018, "Demystifying MMD GANs"): the cubic
//     polynomial kernel k(x, y) = (x.y / D + 1)^3 on features, estimated as the mean of MMD^2_u
//     over `subsets` random subsets of `subset_size` points drawn without replacement from each
//     set (their code's defaults: 100 subsets of 1000), reported as mean +- std over subsets.
//     Unlike FID, KID is unbiased, so values at different sample sizes can be compared.
//
//   MmdResult r = gaussian_mmd2(real, fake, rng);            // (N_r, D), (N_f, D)
//   MeanStd kid = kernel_inception_distance(real, fake, rng);
#pragma once

#include "gan/metrics/summary.h"
#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

// The three kernel sums MMD^2_u needs.
struct KernelSums {
  double xx = 0.0;  // sum over i != j of k(x_i, x_j)
  double yy = 0.0;  // sum over i != j of k(y_i, y_j)
  double xy = 0.0;  // sum over all i, j of k(x_i, y_j)
  int m = 0;        // number of x samples, >= 2
  int n = 0;        // number of y samples, >= 2
};

// MMD^2_u from the kernel sums (the formula above).
double mmd2_unbiased(const KernelSums& sums);

struct MmdSettings {
  double bandwidth = 0.0;     // sigma of the Gaussian kernel; 0: the median heuristic
  int median_samples = 1000;  // the median is taken over the pairs of this many pooled points
};

struct MmdResult {
  double mmd2 = 0.0;
  double bandwidth = 0.0;  // the sigma used
};

// Gaussian-kernel MMD^2_u between x (M, D) and y (N, D), M, N >= 2. The rng picks the points of
// the median heuristic (not used when settings.bandwidth > 0).
MmdResult gaussian_mmd2(const Tensor& x, const Tensor& y, Rng& rng, const MmdSettings& settings = {});

struct KidSettings {
  int subset_size = 1000;  // points per set in each subset; min(subset_size, N_r, N_f) is used
  int subsets = 100;
};

// KID between real (N_r, D) and fake (N_f, D) features, N_r, N_f >= 2: mean +- std of MMD^2_u
// with the cubic kernel over the subsets.
MeanStd kernel_inception_distance(const Tensor& real, const Tensor& fake, Rng& rng,
                                  const KidSettings& settings = {});

}  // namespace gan::metrics
