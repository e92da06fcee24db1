// Mode coverage: which classes ("modes") a generator produces and how evenly. Classify N
// generated samples, count them per class (the histogram h over K classes), then report
//
//   covered modes = #{k : h_k / N >= threshold}     (threshold 1%: a class the generator makes
//                                                    at a tenth of the uniform rate for K = 10)
//   KL(h || uniform) = sum_k q_k log(q_k K),   q_k = h_k / N,   0 log 0 = 0
//
// The protocol of the stacked-MNIST experiments (Metz et al. 2017, "Unrolled GANs": modes
// counted; Srivastava et al. 2017, "VEEGAN": KL to uniform). A generator that covers all K
// classes equally gets K modes and KL 0; one that collapses onto one class gets 1 mode and
// KL = log K. Assumes the real data are uniform over the classes.
//
// Estimator: plug-in; KL(h || uniform) is biased upwards by about (K - 1) / (2N) (a finite
// sample of a uniform distribution is never exactly flat), so use N >= 100 K samples.
//
//   ModeCoverage m = mode_coverage(class_probabilities);  // (N, K): predicted class = argmax
//   ModeCoverage m = mode_coverage(labels, 10);           // std::vector<int>, labels in [0, K)
#pragma once

#include <vector>

#include "gan/tensor/tensor.h"

namespace gan::metrics {

struct ModeCoverage {
  std::vector<int> histogram;  // (K): samples per class
  int covered_modes = 0;       // classes holding >= threshold of the samples
  double kl_to_uniform = 0.0;  // KL(histogram / N || uniform over K), in nats
};

// labels: N >= 1 values in [0, classes); threshold in (0, 1].
ModeCoverage mode_coverage(const std::vector<int>& labels, int classes, double threshold = 0.01);

// probabilities: (N, K) rows summing to 1; each sample counts for its most probable class
// (the first one on ties).
ModeCoverage mode_coverage(const Tensor& probabilities, double threshold = 0.01);

}  // namespace gan::metrics
