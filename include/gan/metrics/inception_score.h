// Inception Score analogue (Salimans et al. 2016, "Improved Techniques for Training GANs",
// Sec. 4): a classifier's predicted class probabilities p(y|x) for N generated samples,
//
//   IS = exp( E_x KL(p(y|x) || p(y)) ),   p(y) = E_x p(y|x),
//   KL(p || q) = sum_k p_k log(p_k / q_k),   0 log 0 = 0
//
// High when each sample is classified confidently (p(y|x) peaked) AND the classes are spread
// over the samples (p(y) flat). Ranges from 1 (every sample gets the same prediction) to K (each
// prediction one-hot, classes equally often). "Analogue": the original uses an ImageNet
// Inception network; we use whatever classifier the data set has, so the numbers are only
// comparable between runs with the same classifier.
//
// Estimator: the N samples are cut into `splits` contiguous splits; IS is computed in each
// (with that split's own p(y)) and reported as mean +- population std over the splits, as in
// the reference code (10 splits of 5000 samples). Plug-in p(y) makes each split's IS biased
// downward for small splits (the KL of a finite sample), so compare at equal split sizes;
// a few thousand samples per split for K = 10 classes.
//
//   MeanStd score = inception_score(class_probabilities, 10);  // (N, K) rows summing to 1
#pragma once

#include "gan/metrics/summary.h"
#include "gan/tensor/tensor.h"

namespace gan::metrics {

// probabilities: (N, K), rows summing to 1 (within 1e-3), N >= splits >= 1.
// Split s holds rows [s N / splits, (s + 1) N / splits).
MeanStd inception_score(const Tensor& probabilities, int splits = 10);

}  // namespace gan::metrics
