// Max and average pooling over K x K windows, no padding: the downsampling of a LeNet-size
// classifier (LeCun et al. 1998). Derivations: docs/derivations/convolution.md, section D.11.
//
// Both take x: (N, C, H, W) and return (N, C, H_out, W_out), H_out = (H - K) / stride + 1 (likewise
// W_out), each channel of each image pooled on its own. requires: K >= 1, stride >= 1, K <= H, K <= weight.
//
//   Variable h = max_pool2d(relu(conv2d(x, weight, b, 1, 0)), 2, 2);   // (N, 6, 24, 24) -> (N, 6, 12, 12)
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// y[n, c, i, j] = max over the window (i*stride + u, j*stride + v), u, v in [0, K).
// dL/dx: each dL/dy goes to the position of its window's maximum, and nowhere else   (D.11.1)
// (ties: the first maximum in row-major order, where finite differences are undefined anyway).
Variable max_pool2d(const Variable& x, int kernel, int stride);

// y[n, c, i, j] = (1 / K^2) sum over the window of x.
// dL/dx: each dL/dy, divided by K^2, goes to every position of its window             (D.11.2)
Variable avg_pool2d(const Variable& x, int kernel, int stride);

}  // namespace gan
