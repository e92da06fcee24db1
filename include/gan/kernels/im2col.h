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
// sums to combine, and because one big product splits evenly between threads. The price is a move
// between layouts: weight * cols comes out channel-major, (C_out, N, H_out, W_out), so conv2d's
// forward takes the product transposed, pixel-major (N, H_out*W_out, C_out), and transpose_planes
// moves that to (N, C_out, H_out, W_out) (D.8.2); an (N, C, H, W) operand that a product needs
// channel-major is read where it lies, through gemm.h's ChannelMajor view.
//
// Never written out. cols holds about K*K / stride^2 entries per pixel of x, 4 at DCGAN's K 4 and
// stride 2: 12.8 MB for D's second convolution at batch 64, written once and then read again by the
// GEMM's packing, which copies it into slivers. `Patches` gives the GEMM the same matrix without
// the 12.8 MB: entry (r, j) is one read from x inside a border of zeros, at an offset that is a sum
// of two parts,
//
//   cols[r][j] = padded[tap_offset[r] + window_offset[j]],
//   tap_offset[(c, kh, kw)]    = (c*H_p + kh)*W_p + kw,        H_p = H + 2 padding, W_p likewise
//   window_offset[(n, oh, ow)] = n*C*H_p*W_p + oh*stride*W_p + ow*stride,
//
// so gemm_patches (gemm.h) reads each entry straight from the image: the same values as reading
// cols, hence the same bits. A convolution keeps its Patches (the padded copy of x,
// a third of cols' size there) for dL/dweight instead of cols.
//
// Parallelism. Patches pads its (n, c) planes and col2im adds into its (n, c) planes each by one
// thread, in a fixed order, so both give the same bits for any thread count. col2im does not check
// bounds per element: its loops start and end where the taps leave the padding. The `_ref` twins are
// plain loops with the bounds checks written out; im2col_ref, cols written out, is what Patches is
// tested against.
//
//   ConvGeometry g{N, C, H, W, K, stride, padding};
//   Patches cols(g, x);  // cols.at(r, j) == im2col(x)[r][j]
#pragma once

#include <cstdint>
#include <vector>

#include "gan/tensor/cache_line_allocator.h"
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

// The patch matrix im2col(x), (C*K*K, N*H_out*W_out), read in place: at(r, j) == cols[r][j]. Holds a
// copy of x inside a border of `padding` zeros, or, with padding 0, x itself, which must then
// outlive it.
class Patches {
 public:
  Patches(const ConvGeometry& g, const Scalar* x);
  const ConvGeometry& geometry() const { return g_; }
  // The image the offsets point into, and the two halves of each entry's offset (see above).
  const Scalar* image() const { return image_; }
  const int64_t* tap_offsets() const { return tap_offsets_.data(); }        // g.rows() of them
  const int64_t* window_offsets() const { return window_offsets_.data(); }  // g.columns() of them
  Scalar at(int64_t r, int64_t j) const { return image_[tap_offsets_[r] + window_offsets_[j]]; }

 private:
  ConvGeometry g_;
  CacheLineArray<Scalar> padded_;  // (N, C, H + 2 padding, W + 2 padding); empty for padding 0
  const Scalar* image_;
  std::vector<int64_t> tap_offsets_, window_offsets_;
};

// cols = im2col(x), written out.  x: (N, C, H, W);  cols: (C*K*K, N*H_out*W_out), every entry
// overwritten. The definition (D.8.1) as a plain loop, for the tests of Patches.
void im2col_ref(const ConvGeometry& g, const Scalar* x, Scalar* cols);

// x += col2im(cols), the adjoint of im2col.  cols: (C*K*K, N*H_out*W_out);  x: (N, C, H, W).
// Given channel_start (C values), x = channel_start[c] + col2im(cols) instead, plane (n, c) by
// plane: x's old values are never read, so x may be fresh memory. A plane starts at its value just
// before its terms are added, in cache, where a fill of the whole x first is one more pass over
// megabytes (conv_transpose2d's bias, or 0 for a fresh gradient).
void col2im(const ConvGeometry& g, const Scalar* cols, Scalar* x, const Scalar* channel_start = nullptr);
void col2im_ref(const ConvGeometry& g, const Scalar* cols, Scalar* x);

// out[n, c, p] = in[n, p, c] (or += when accumulate): each of N (P, C) planes transposed, images in
// parallel. Moves a pixel-major product (N*H*W, C) to (N, C, H, W): conv2d's y, conv_transpose2d's
// dL/dx.
void transpose_planes(int N, int P, int C, const Scalar* in, Scalar* out, bool accumulate);

}  // namespace gan::kernels
