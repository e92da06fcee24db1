#include "gan/kernels/im2col.h"

#include <algorithm>
#include <vector>

namespace gan::kernels {

namespace {

// Below this many floats copied, a team of threads costs more than it saves.
constexpr int64_t kParallelMinElements = 1 << 15;

// One image plane inside a border of `padding` zeros, (H + 2 padding, W + 2 padding): a thread's
// scratch copy, so that every tap of every window is an ordinary read, without bounds checks.
struct PaddedPlane {
  int H, W, padding;
  int Hp() const { return H + 2 * padding; }
  int Wp() const { return W + 2 * padding; }
  // Copies `plane` (H, W) inside the border of `padded`, whose border is left as it is.
  void fill(const float* plane, float* padded) const {
    for (int h = 0; h < H; ++h) {
      std::copy(plane + int64_t{h} * W, plane + int64_t{h + 1} * W, padded + int64_t{h + padding} * Wp() + padding);
    }
  }
  // Copies the inside of `padded` back to `plane`.
  void unfill(const float* padded, float* plane) const {
    for (int h = 0; h < H; ++h) {
      const float* row = padded + int64_t{h + padding} * Wp() + padding;
      std::copy(row, row + W, plane + int64_t{h} * W);
    }
  }
};

}  // namespace

void im2col(const ConvGeometry& g, const float* x, float* cols) {
  const int H_out = g.H_out(), W_out = g.W_out();
  const int64_t P = int64_t{H_out} * W_out;  // window positions per image
  const int64_t columns = g.columns();
  const int64_t planes = int64_t{g.C} * g.N;
  const PaddedPlane pad{g.H, g.W, g.padding};
#pragma omp parallel if (g.rows() * columns >= kParallelMinElements)
  {
    // This thread's padded plane; its border is zeroed once and never written.
    std::vector<float> padded(g.padding > 0 ? int64_t{pad.Hp()} * pad.Wp() : 0, 0.0f);
    // Plane (c, n) writes the K*K row pieces cols[(c, kh, kw)][n*P, (n+1)*P), read from x[n, c].
    // Planes run c-major so that neighbouring planes write neighbouring pieces of the same rows.
#pragma omp for schedule(static)
    for (int64_t plane = 0; plane < planes; ++plane) {
      const int c = static_cast<int>(plane / g.N), n = static_cast<int>(plane % g.N);
      const float* image = x + (int64_t{n} * g.C + c) * g.H * g.W;
      if (g.padding > 0) {
        pad.fill(image, padded.data());
        image = padded.data();
      }
      for (int kh = 0; kh < g.K; ++kh) {
        for (int kw = 0; kw < g.K; ++kw) {
          float* piece = cols + ((int64_t{c} * g.K + kh) * g.K + kw) * columns + n * P;
          for (int oh = 0; oh < H_out; ++oh) {  // (D.8.1), in padded coordinates
            const float* in = image + int64_t{oh * g.stride + kh} * pad.Wp() + kw;
            float* out = piece + int64_t{oh} * W_out;
            for (int ow = 0; ow < W_out; ++ow) out[ow] = in[ow * g.stride];
          }
        }
      }
    }
  }
}

void im2col_ref(const ConvGeometry& g, const float* x, float* cols) {
  const int H_out = g.H_out(), W_out = g.W_out();
  for (int c = 0; c < g.C; ++c)
    for (int kh = 0; kh < g.K; ++kh)
      for (int kw = 0; kw < g.K; ++kw)
        for (int n = 0; n < g.N; ++n)
          for (int oh = 0; oh < H_out; ++oh)
            for (int ow = 0; ow < W_out; ++ow) {
              int ih = oh * g.stride - g.padding + kh, iw = ow * g.stride - g.padding + kw;
              bool inside = ih >= 0 && ih < g.H && iw >= 0 && iw < g.W;
              int64_t row = (int64_t{c} * g.K + kh) * g.K + kw;
              int64_t column = (int64_t{n} * H_out + oh) * W_out + ow;
              cols[row * g.columns() + column] =
                  inside ? x[((int64_t{n} * g.C + c) * g.H + ih) * g.W + iw] : 0.0f;
            }
}

void col2im(const ConvGeometry& g, const float* cols, float* x) {
  const int H_out = g.H_out(), W_out = g.W_out();
  const int64_t P = int64_t{H_out} * W_out;
  const int64_t columns = g.columns();
  const int64_t planes = int64_t{g.N} * g.C;
  const PaddedPlane pad{g.H, g.W, g.padding};
#pragma omp parallel if (g.rows() * columns >= kParallelMinElements)
  {
    std::vector<float> padded(g.padding > 0 ? int64_t{pad.Hp()} * pad.Wp() : 0);
    // Plane (n, c) of x gathers from the K*K row pieces cols[(c, kh, kw)][n*P, (n+1)*P). It is the
    // only writer of its pixels, and adds their terms to x in the order (kh, kw, oh, ow).
#pragma omp for schedule(static)
    for (int64_t plane = 0; plane < planes; ++plane) {
      const int n = static_cast<int>(plane / g.C), c = static_cast<int>(plane % g.C);
      float* image = x + plane * g.H * g.W;
      if (g.padding > 0) {  // x's plane inside a zero border that catches the padding's terms
        std::fill(padded.begin(), padded.end(), 0.0f);
        pad.fill(image, padded.data());
        image = padded.data();
      }
      for (int kh = 0; kh < g.K; ++kh) {
        for (int kw = 0; kw < g.K; ++kw) {
          const float* piece = cols + ((int64_t{c} * g.K + kh) * g.K + kw) * columns + n * P;
          for (int oh = 0; oh < H_out; ++oh) {  // (D.8.3)
            float* out = image + int64_t{oh * g.stride + kh} * pad.Wp() + kw;
            const float* in = piece + int64_t{oh} * W_out;
            for (int ow = 0; ow < W_out; ++ow) out[ow * g.stride] += in[ow];
          }
        }
      }
      if (g.padding > 0) pad.unfill(padded.data(), x + plane * g.H * g.W);
    }
  }
}

void col2im_ref(const ConvGeometry& g, const float* cols, float* x) {
  const int H_out = g.H_out(), W_out = g.W_out();
  for (int c = 0; c < g.C; ++c)
    for (int kh = 0; kh < g.K; ++kh)
      for (int kw = 0; kw < g.K; ++kw)
        for (int n = 0; n < g.N; ++n)
          for (int oh = 0; oh < H_out; ++oh)
            for (int ow = 0; ow < W_out; ++ow) {
              int ih = oh * g.stride - g.padding + kh, iw = ow * g.stride - g.padding + kw;
              if (ih < 0 || ih >= g.H || iw < 0 || iw >= g.W) continue;
              int64_t row = (int64_t{c} * g.K + kh) * g.K + kw;
              int64_t column = (int64_t{n} * H_out + oh) * W_out + ow;
              x[((int64_t{n} * g.C + c) * g.H + ih) * g.W + iw] += cols[row * g.columns() + column];
            }
}

void swap_leading_axes(int A, int B, int64_t P, const float* in, float* out, bool accumulate) {
  // Block (b, a) of out, P contiguous floats, comes from block (a, b) of in; b runs in parallel.
#pragma omp parallel for schedule(static) if (int64_t{A} * B * P >= kParallelMinElements)
  for (int b = 0; b < B; ++b) {
    for (int a = 0; a < A; ++a) {
      const float* from = in + (int64_t{a} * B + b) * P;
      float* to = out + (int64_t{b} * A + a) * P;
      if (accumulate) {
        for (int64_t p = 0; p < P; ++p) to[p] += from[p];
      } else {
        std::copy(from, from + P, to);
      }
    }
  }
}

void swap_leading_axes_ref(int A, int B, int64_t P, const float* in, float* out, bool accumulate) {
  for (int a = 0; a < A; ++a)
    for (int b = 0; b < B; ++b)
      for (int64_t p = 0; p < P; ++p) {
        float value = in[(int64_t{a} * B + b) * P + p];
        float& target = out[(int64_t{b} * A + a) * P + p];
        target = accumulate ? target + value : value;
      }
}

}  // namespace gan::kernels
