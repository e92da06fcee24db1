// 2-D transposed convolution: the upsampling layer of DCGAN's generator.
// Derivations: docs/derivations/convolution.md, section D.9.
//
// What it is. A convolution with a fixed weight w is a linear map x -> conv2d(x, w); conv_transpose2d
// is its adjoint (its transpose as a matrix), the map with <conv2d(x, w), y> = <x, conv_transpose2d(y, w)>
// for every x and y (D.9.1). Where conv2d gathers a K x K patch into one output pixel, the
// transposed convolution scatters each input pixel, weighted by the kernel, onto a K x K patch of
// the output; with stride 2 the patches are placed 2 pixels apart, so the image doubles in size.
// It is the gradient of conv2d with respect to its input, used as a layer of its own.
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// How it runs. It is conv2d's passes in the other order (D.9.2):
//   forward:     cols = weight^T x, one GEMM, then y = col2im(cols)   (conv2d's dL/dx)
//   dL/dx:       dL/dx = weight im2col(dL/dy), one GEMM                (conv2d's forward)
//   dL/dweight:  dL/dweight = x im2col(dL/dy)^T, one GEMM              (conv2d's dL/dweight, transposed)
// where the im2col/col2im geometry is that of a convolution over the OUTPUT image, which has
// exactly H x W window positions; both products read im2col(dL/dy) from dL/dy itself
// (kernels::Patches, gemm_patches).
//
// y[n, o, i*stride - padding + kh, j*stride - padding + kw] += x[n, c, i, j] weight[c, o, kh, kw],
// summed over c, i, j, kh, kw (terms landing outside the output are dropped), then + b[o].
//   x: (N, C_in, H, W)   weight: (C_in, C_out, K, K) (PyTorch's layout)   b: (C_out), or Variable()
//   y: (N, C_out, H_out, W_out),  H_out = (H - 1) stride - 2 padding + K + output_padding
//   dL/db[o] = sum over n, i, j of dL/dy[n, o, i, j]                                     (D.9.3)
// output_padding adds rows and columns at the bottom and right, so that stride-s layers can reach
// every output size: conv2d maps s different sizes to the same H, and output_padding picks one.
// requires: stride >= 1, padding >= 0, 0 <= output_padding < stride, H_out >= 1 and W_out >= 1.
//
//   Variable h = conv_transpose2d(x, weight, Variable(), 2, 1);  // (64, 128, 7, 7) -> (64, 64, 14, 14), K = 4
Variable conv_transpose2d(const Variable& x, const Variable& weight, const Variable& b, int stride, int padding,
                          int output_padding = 0);

}  // namespace gan
