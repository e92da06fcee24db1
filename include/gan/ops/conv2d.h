// 2-D convolution (cross-correlation, as in every deep-learning library).
// Derivations: docs/derivations/convolution.md, section D.8.
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// y[n, o, i, j] = b[o] + sum over c, kh, kw of weight[o, c, kh, kw] * x[n, c, i*stride - padding + kh,
//                                                                              j*stride - padding + kw]
// with x read as 0 outside the image (zero padding).
//   x: (N, C_in, H, W)   weight: (C_out, C_in, K, K)   b: (C_out), or Variable() for no bias
//   y: (N, C_out, H_out, W_out),  H_out = (H + 2 padding - K) / stride + 1  (likewise W_out)
// As one GEMM over the whole batch, with cols = im2col(x) (kernels/im2col.h), which the GEMM's
// packing reads from x itself (kernels::Patches, gemm_patches):
//   y = weight cols + b         weight as (C_out, C_in*K*K), cols (C_in*K*K, N*H_out*W_out)  (D.8.2)
//   dL/dweight = dL/dy cols^T   dL/dy as (C_out, N*H_out*W_out)                               (D.8.4)
//   dL/dx = col2im(weight^T dL/dy)                                                          (D.8.5)
//   dL/db[o] = sum over n, i, j of dL/dy[n, o, i, j]                                        (D.8.6)
// requires: stride >= 1, padding >= 0, K <= H + 2 padding and K <= W + 2 padding.
//
//   Variable h = conv2d(x, weight, Variable(), 2, 1);  // (64, 1, 28, 28) -> (64, 64, 14, 14), K = 4
Variable conv2d(const Variable& x, const Variable& weight, const Variable& b, int stride, int padding);

}  // namespace gan
