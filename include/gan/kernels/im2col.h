// im2col and col2im: how a convolution becomes one matrix product. Derivations:
// docs/derivations/convolution.md, D.8 and D.9.
//
// Each output pixel of a K x K convolution is a dot product of the kernel with the K x K patch of
// the input under it. im2col copies every patch of the batch into one column of a matrix, so that
// the whole convolution is ONE GEMM with the kernel seen as a (C_out, C*K*K) matrix:
//
//   x:    (N, C, H, W)
//   cols: (C*K*K, N*H_out*W_out)   row (c, kh, kw), column (n, oh, ow)              (D.8.1)
//         cols[(c*K + kh)*K + kw][(n*H_out + oh)*W_out + ow] = x[n, c, ih, iw]  with
//         ih = oh*stride - padding + kh,  iw = ow*stride - padding + kw,  and 0 where (ih, iw)
//         falls on the zero padding.
//   H_out = (H + 2 padding - K) / stride + 1, and the same for W_out.
//
// col2im is the adjoint (the transpose) of im2col: it adds every entry of cols back onto the pixel
// it was copied from, so a pixel that lies in several patches receives their sum (D.8.3).
//
// Why this layout. The batch is folded into the GEMM's long side: at DCGAN's sizes (batch 64) each
// pass is one product with N*H_out*W_out = 3136 to 12544 columns. On one thread, 64 per-image
// products (49 to 196 columns each) measured about as fast; the whole-batch product wins because
// dL/dweight = dL/dy cols^T then sums over the batch inside the GEMM's own reduction, with no partial
// sums to combine, and because one big product splits evenly between threads. The price is that
// weight * cols comes out channel-major, (C_out, N, H_out, W_out); swap_leading_axes reorders it to
// (N, C_out, H_out, W_out), one copy of the output (D.8.2).
//
// Parallelism. im2col splits its work into (c, n) planes and col2im into (n, c) planes. Each plane's
// outputs (K*K pieces of rows of cols, or one image plane of x) are written by one thread, in a fixed
// order, so both give the same bits for any thread count. Neither checks bounds per element: im2col
// first copies the plane into a zero border of width `padding`, and col2im's loops start and end where
// the taps leave the padding. im2col also copies most of a piece from the piece of the tap one stride
// above or to the left, which saw the same pixels one window later (see the .cpp). The `_ref` twins
// are plain loops with the bounds checks written out.
//
//   ConvGeometry g{N, C, H, W, K, stride, padding};
//   std::vector<Scalar> cols(g.rows() * g.columns());
//   im2col(g, x, cols.data());
#pragma once

#include <cstdint>
#include <memory>

#include "gan/tensor/scalar.h"

namespace gan::kernels {

// A K x K window swept over an image batch (N, C, H, W) with a stride and zero padding.
struct ConvGeometry {
  int N, C, H, W;
  int K, stride, padding;

  int H_out() const { return (H + 2 * padding - K) / stride + 1; }
  int W_out() const { return (W + 2 * padding - K) / stride + 1; }
  int64_t rows() const { return int64_t{C} * K * K; }                        // of cols
  int64_t columns() const { return int64_t{N} * H_out() * W_out(); }         // of cols
};

// cols = im2col(x).  x: (N, C, H, W);  cols: (C*K*K, N*H_out*W_out), every entry overwritten.
void im2col(const ConvGeometry& g, const Scalar* x, Scalar* cols);
void im2col_ref(const ConvGeometry& g, const Scalar* x, Scalar* cols);

// x += col2im(cols), the adjoint of im2col.  cols: (C*K*K, N*H_out*W_out);  x: (N, C, H, W).
void col2im(const ConvGeometry& g, const Scalar* cols, Scalar* x);
void col2im_ref(const ConvGeometry& g, const Scalar* cols, Scalar* x);

// out[b, a, p] = in[a, b, p] (or += when accumulate): swaps the two leading axes of (A, B, P).
// Moves a GEMM's channel-major (C, N, H*W) result to (N, C, H*W) and back.
void swap_leading_axes(int A, int B, int64_t P, const Scalar* in, Scalar* out, bool accumulate);
void swap_leading_axes_ref(int A, int B, int64_t P, const Scalar* in, Scalar* out, bool accumulate);

// Uninitialised floats for cols and for channel-major products, which the kernels above and gemm
// with beta = 0 overwrite entirely. Unlike a Tensor they are not zero-filled first: at DCGAN's sizes
// that would be an extra pass over up to 13 MB per buffer.
inline std::unique_ptr<Scalar[]> scratch(int64_t count) { return std::unique_ptr<Scalar[]>(new Scalar[count]); }

}  // namespace gan::kernels
