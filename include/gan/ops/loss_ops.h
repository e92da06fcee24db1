// Losses on logits and on values, each one fused op with a stable forward and a one-pass backward.
// The GAN objectives (losses/) are built from these. Derivations: docs/derivations/elementwise.md,
// section D.6.
//
//   Variable d_real = binary_cross_entropy_with_logits(D(x), Tensor(D(x).shape(), 1.0f));
#pragma once

#include <vector>

#include "gan/autograd/variable.h"

namespace gan {

// Binary cross-entropy of sigma(x) against targets t in [0, 1], averaged over all M entries:
//   L = (1/M) sum_i -[t_i ln sigma(x_i) + (1 - t_i) ln(1 - sigma(x_i))]
//     = (1/M) sum_i t_i softplus(-x_i) + (1 - t_i) softplus(x_i)   finite for finite x   (D.6.1)
//   dL/dx_i = (sigma(x_i) - t_i) / M                                                  (D.6.2)
// logits: any shape; targets: the same shape, constants (no gradient); L: ().
Variable binary_cross_entropy_with_logits(const Variable& logits, Tensor targets);

// Mean squared error: L = (1/M) sum_i (a_i - b_i)^2.   a, b: the same shape; L: ().
//   dL/da_i = 2 (a_i - b_i) / M      dL/db_i = -dL/da_i                               (D.6.3)
Variable mse(const Variable& a, const Variable& b);

// Cross-entropy of softmax(logits) against class labels, averaged over the batch:
//   L = (1/N) sum_n [ln sum_d exp(x[n, d]) - x[n, y_n]]                               (D.6.4)
//   dL/dx[n, d] = (softmax(x)[n, d] - [d == y_n]) / N                                 (D.6.5)
// logits: (N, D); labels: N class indices, each in [0, D); L: ().
Variable cross_entropy(const Variable& logits, const std::vector<int>& labels);

}  // namespace gan
