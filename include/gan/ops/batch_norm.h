// Batch normalisation (Ioffe & Szegedy 2015, Algorithm 1 and Sec. 3.1), the layer that lets
// DCGAN train at all (Radford et al. 2015, Sec. 3). Derivations: docs/derivations/batch_norm.md,
// section D.10.
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// The running estimates of each channel's mean and variance, used in evaluation.
// mean, variance: (C) for images or (D) for feature vectors; they start at 0 and 1.
struct BatchNormStatistics {
  Tensor mean, variance;

  static BatchNormStatistics initial(int channels) {
    return {Tensor({channels}, 0.0f), Tensor({channels}, 1.0f)};
  }
};

// Each channel c is normalised over the m values it takes in the batch and given a learned scale
// and shift:
//   x_hat = (x - mu_c) / sqrt(var_c + eps)          y = gamma_c x_hat + beta_c         (D.10.1)
//   x: (N, D), one channel per feature, m = N (BatchNorm1d); or (N, C, H, W), statistics per
//   channel over N, H and weight, m = N*H*W (BatchNorm2d).   gamma, beta: (C) or (D).   y: x's shape.
//
// training = true: mu_c and var_c are the batch's mean and biased variance (divided by m), and
//   running is updated as in PyTorch, with the unbiased variance (divided by m - 1):
//     running.mean     = (1 - momentum) running.mean     + momentum mu_c
//     running.variance = (1 - momentum) running.variance + momentum var_c m / (m - 1)
//   Since mu_c and var_c depend on every x in the channel, so does each y (D.10.2):
//     dL/dx = gamma / (m sqrt(var + eps)) (m dL/dy - sum dL/dy - x_hat sum dL/dy x_hat)     (D.10.3)
//   requires m >= 2.
// training = false: mu_c and var_c are running's (left unchanged); each y depends on its own x:
//     dL/dx = gamma / sqrt(var + eps) dL/dy                                                 (D.10.4)
// Both modes: dL/dgamma = sum dL/dy x_hat,  dL/dbeta = sum dL/dy, sums over the channel's m values.
//
//   BatchNormStatistics running = BatchNormStatistics::initial(64);
//   Variable h = batch_norm(conv2d(x, weight, Variable(), 2, 1), gamma, beta, running, true);
Variable batch_norm(const Variable& x, const Variable& gamma, const Variable& beta, BatchNormStatistics& running,
                    bool training, float momentum = 0.1f, float eps = 1e-5f);

}  // namespace gan
