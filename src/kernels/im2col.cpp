#include "gan/kernels/im2col.h"

#include <algorithm>
#include <vector>

#include "gemm_microkernel.h"  // transpose_rows

#if defined(__AVX512F__) && !defined(GAN_DOUBLE_PRECISION)
#include <immintrin.h>
#endif

namespace gan::kernels {

namespace {

// Below this many floats copied, a team of threads costs more than it saves.
constexpr int64_t kParallelMinElements = 1 << 15;

// The output positions o in [begin, end) of [0, n_out) whose tap o*stride + offset falls inside an
// axis of n pixels; the taps of the other positions fall on the zero padding. col2im runs its loops
// over this range only, so it needs neither bounds checks nor a padded copy of the plane.
struct Inside {
  int begin, end;
  Inside(int offset, int n, int stride, int n_out) {
    end = n - offset <= 0 ? 0 : std::min(n_out, (n - offset + stride - 1) / stride);
    begin = std::min(end, offset >= 0 ? 0 : (-offset + stride - 1) / stride);
  }
};

// The references' one loop: every tap (kh, kw) of every window (n, oh, ow) of every channel c, in
// the order (c, kh, kw, n, oh, ow). visit(entry, pixel) gets entry, the place of row (c, kh, kw)
// and column (n, oh, ow) in cols, and pixel, the place in x of the image pixel the tap reads
// (D.8.1), or -1 where the tap falls on the zero padding.
template <typename Visit>
void for_each_tap_ref(const ConvGeometry& g, Visit visit) {
  const int H_out = g.H_out(), W_out = g.W_out();
  for (int c = 0; c < g.C; ++c)
    for (int kh = 0; kh < g.K; ++kh)
      for (int kw = 0; kw < g.K; ++kw)
        for (int n = 0; n < g.N; ++n)
          for (int oh = 0; oh < H_out; ++oh)
            for (int ow = 0; ow < W_out; ++ow) {
              const int ih = oh * g.stride - g.padding + kh, iw = ow * g.stride - g.padding + kw;
              const bool inside = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W;
              const int64_t row = (int64_t{c} * g.K + kh) * g.K + kw;
              const int64_t column = (int64_t{n} * H_out + oh) * W_out + ow;
              visit(row * g.columns() + column, inside ? ((int64_t{n} * g.C + c) * g.H + ih) * g.W + iw : int64_t{-1});
            }
}

}  // namespace

Patches::Patches(const ConvGeometry& g, const Scalar* x) : g_(g), image_(x) {
  const int Hp = g.H + 2 * g.padding, Wp = g.W + 2 * g.padding;
  const int64_t padded_plane = int64_t{Hp} * Wp;
  if (g.padding > 0) {
    // Plane by plane, each by one thread: zeros over the whole plane, then its rows inside the
    // border. One fill a plane, and the rows by a loop the compiler vectorises in place: filling
    // the border piece by piece and copying row by row had cost a call of memset or memcpy for
    // every 1 to 28 floats, 2 to 3 % of a DCGAN step.
    const int64_t planes = int64_t{g.N} * g.C;
    padded_ = uninitialized_array<Scalar>(planes * padded_plane);
#pragma omp parallel for schedule(static) if (planes * padded_plane >= kParallelMinElements)
    for (int64_t plane = 0; plane < planes; ++plane) {
      Scalar* to = padded_.get() + plane * padded_plane;
      const Scalar* from = x + plane * g.H * g.W;
      std::fill(to, to + padded_plane, 0.0f);
      for (int h = 0; h < g.H; ++h) {
        Scalar* row = to + int64_t{h + g.padding} * Wp + g.padding;
        const Scalar* source = from + int64_t{h} * g.W;
#pragma omp simd
        for (int w = 0; w < g.W; ++w) row[w] = source[w];
      }
    }
    image_ = padded_.get();
  }
  // (D.8.1) in padded coordinates: tap (kh, kw) of window (oh, ow) reads (oh*stride + kh, ow*stride + kw).
  tap_offsets_.reserve(g.rows());
  for (int c = 0; c < g.C; ++c)
    for (int kh = 0; kh < g.K; ++kh)
      for (int kw = 0; kw < g.K; ++kw) tap_offsets_.push_back((int64_t{c} * Hp + kh) * Wp + kw);
  window_offsets_.reserve(g.columns());
  for (int n = 0; n < g.N; ++n)
    for (int oh = 0; oh < g.H_out(); ++oh)
      for (int ow = 0; ow < g.W_out(); ++ow) {
        window_offsets_.push_back(int64_t{n} * g.C * padded_plane + int64_t{oh} * g.stride * Wp + int64_t{ow} * g.stride);
      }
}

void im2col_ref(const ConvGeometry& g, const Scalar* x, Scalar* cols) {
  for_each_tap_ref(g, [&](int64_t entry, int64_t pixel) { cols[entry] = pixel < 0 ? Scalar{0} : x[pixel]; });
}

#if defined(__AVX512F__) && !defined(GAN_DOUBLE_PRECISION)
// col2im of one plane for DCGAN's K 4, stride 2, padding 1 on rows of at most 16 pixels (W = 2 W_out):
// one image row in one register instead of 16 scalar passes over the plane.
//
// Row ih gets, from the taps of one kh, the window row oh = (ih + 1 - kh) / 2, and pixel iw of it
// gets two terms: an even iw those of kw = 1 (window iw / 2) and kw = 3 (window iw / 2 - 1), an odd
// iw those of kw = 0 (window (iw + 1) / 2) and kw = 2 (window (iw - 1) / 2). So the first terms of
// all pixels, kw 1 and 0 interleaved, make one vector, and the second, kw 3 and 2, another: two
// masked adds per (kh, ih), which keep each pixel's terms in col2im's order (kh, then kw) and skip
// the two terms that fall on the padding (kw = 0 at the last pixel, kw = 3 at the first) rather than
// adding a zero, which would turn a -0 into +0.
//
// Lane iw of the first vector is kw = 1's window iw / 2 (index iw / 2 of the permutation's first
// operand) for an even iw, kw = 0's window (iw + 1) / 2 (index 16 + (iw + 1) / 2, the second
// operand) for an odd one; of the second vector, kw = 3's window iw / 2 - 1 and kw = 2's (iw - 1) / 2
// (lane 0 reads window 0 of kw = 3, and is masked off).
alignas(64) constexpr int kFirstTerms[16] = {0, 17, 1, 18, 2, 19, 3, 20, 4, 21, 5, 22, 6, 23, 7, 24};
alignas(64) constexpr int kSecondTerms[16] = {0, 16, 0, 17, 1, 18, 2, 19, 3, 20, 4, 21, 5, 22, 6, 23};

void col2im_plane_k4_s2(const ConvGeometry& g, const Scalar* pieces, int64_t columns, Scalar* image) {
  const int H_out = g.H_out(), W_out = g.W_out();
  const __mmask16 row = static_cast<__mmask16>((1u << g.W) - 1), window_row = static_cast<__mmask16>((1u << W_out) - 1);
  const __mmask16 first = row & static_cast<__mmask16>(~(1u << (g.W - 1))), second = row & static_cast<__mmask16>(~1u);
  const __m512i first_lanes = _mm512_load_si512(kFirstTerms), second_lanes = _mm512_load_si512(kSecondTerms);
  for (int kh = 0; kh < 4; ++kh) {
    const Scalar* tap = pieces + int64_t{kh} * 4 * columns;  // tap (kh, kw) at tap + kw * columns
    for (int oh = 0; oh < H_out; ++oh) {  // (D.8.3)
      const int ih = 2 * oh + kh - 1;
      if (ih < 0 || ih >= g.H) continue;  // the window row's taps of this kh fall on the padding
      const int64_t at = int64_t{oh} * W_out;
      const __m512 kw0 = _mm512_maskz_loadu_ps(window_row, tap + at), kw1 = _mm512_maskz_loadu_ps(window_row, tap + columns + at);
      const __m512 kw2 = _mm512_maskz_loadu_ps(window_row, tap + 2 * columns + at);
      const __m512 kw3 = _mm512_maskz_loadu_ps(window_row, tap + 3 * columns + at);
      Scalar* out = image + int64_t{ih} * g.W;
      __m512 pixels = _mm512_maskz_loadu_ps(row, out);
      pixels = _mm512_mask_add_ps(pixels, first, pixels, _mm512_permutex2var_ps(kw1, first_lanes, kw0));
      pixels = _mm512_mask_add_ps(pixels, second, pixels, _mm512_permutex2var_ps(kw3, second_lanes, kw2));
      _mm512_mask_storeu_ps(out, row, pixels);
    }
  }
}
#endif

void col2im(const ConvGeometry& g, const Scalar* cols, Scalar* x, const Scalar* channel_start) {
  const int H_out = g.H_out(), W_out = g.W_out();
  const int64_t P = int64_t{H_out} * W_out;
  const int64_t columns = g.columns();
  const int64_t planes = int64_t{g.N} * g.C;
  // Plane (n, c) of x gathers from the K*K row pieces cols[(c, kh, kw)][n*P, (n+1)*P). It is the
  // only writer of its pixels, and adds their terms to x in the order (kh, kw, oh, ow), skipping the
  // terms that fall on the padding, as col2im_ref does: the same sums in the same order. It adds in
  // place, without the zero fill and the two copies per plane that a padded scratch plane costs.
  // The planes go in the order (c, n): the next plane's pieces then continue the same K*K rows of
  // cols, which the hardware prefetcher streams, where the order (n, c) jumped between rows.
#pragma omp parallel for schedule(static) if (g.rows() * columns >= kParallelMinElements)
  for (int64_t item = 0; item < planes; ++item) {
    const int c = static_cast<int>(item / g.N), n = static_cast<int>(item % g.N);
    Scalar* image = x + (int64_t{n} * g.C + c) * g.H * g.W;
    if (channel_start) std::fill(image, image + int64_t{g.H} * g.W, channel_start[c]);
#if defined(__AVX512F__) && !defined(GAN_DOUBLE_PRECISION)
    if (g.K == 4 && g.stride == 2 && g.padding == 1 && g.W == 2 * W_out && g.W <= 16) {
      col2im_plane_k4_s2(g, cols + int64_t{c} * g.K * g.K * columns + n * P, columns, image);
      continue;
    }
#endif
    for (int kh = 0; kh < g.K; ++kh) {
      const Inside rows(kh - g.padding, g.H, g.stride, H_out);
      for (int kw = 0; kw < g.K; ++kw) {
        const Inside taps(kw - g.padding, g.W, g.stride, W_out);
        const Scalar* piece = cols + ((int64_t{c} * g.K + kh) * g.K + kw) * columns + n * P;
        for (int oh = rows.begin; oh < rows.end; ++oh) {  // (D.8.3)
          Scalar* out = image + int64_t{oh * g.stride + kh - g.padding} * g.W;
          const Scalar* in = piece + int64_t{oh} * W_out;
          for (int ow = taps.begin; ow < taps.end; ++ow) out[ow * g.stride + kw - g.padding] += in[ow];
        }
      }
    }
  }
}

void col2im_ref(const ConvGeometry& g, const Scalar* cols, Scalar* x) {
  for_each_tap_ref(g, [&](int64_t entry, int64_t pixel) {
    if (pixel >= 0) x[pixel] += cols[entry];  // the terms on the padding belong to no pixel
  });
}

void transpose_planes(int N, int P, int C, const Scalar* in, Scalar* out, bool accumulate) {
  const int64_t plane = int64_t{P} * C;
#pragma omp parallel if (N * plane >= kParallelMinElements)
  {
    // To add, each thread moves a plane into its own scratch plane (25 to 50 KB at DCGAN's sizes,
    // in cache), then adds that to out, so the register transpose itself never reads out.
    std::vector<Scalar> moved(accumulate ? plane : 0);
#pragma omp for schedule(static)
    for (int n = 0; n < N; ++n) {
      Scalar* to = out + n * plane;
      if (!accumulate) {
        detail::transpose_rows(P, C, 0, P, in + n * plane, to);
        continue;
      }
      detail::transpose_rows(P, C, 0, P, in + n * plane, moved.data());
      for (int64_t i = 0; i < plane; ++i) to[i] += moved[i];
    }
  }
}

}  // namespace gan::kernels
