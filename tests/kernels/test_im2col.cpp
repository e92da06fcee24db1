#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstring>
#include <vector>

#include "gan/kernels/im2col.h"
#include "gan/kernels/parallel.h"
#include "gan/tensor/rng.h"

using gan::Scalar;
using gan::kernels::ConvGeometry;

namespace {

std::vector<Scalar> random_values(int64_t count, gan::Rng& rng) {
  std::vector<Scalar> values(count);
  for (Scalar& v : values) v = rng.normal();
  return values;
}

int64_t image_size(const ConvGeometry& g) { return int64_t{g.N} * g.C * g.H * g.W; }

// cols = im2col(x) as the GEMM reads it: every entry of the Patches of x, written out.
std::vector<Scalar> cols_of(const ConvGeometry& g, const Scalar* x) {
  const gan::kernels::Patches patches(g, x);
  std::vector<Scalar> cols(g.rows() * g.columns());
  for (int64_t r = 0; r < g.rows(); ++r) {
    for (int64_t j = 0; j < g.columns(); ++j) cols[r * g.columns() + j] = patches.at(r, j);
  }
  return cols;
}

// Every geometry on odd sizes 1, 7, 33 whose kernel fits the padded image. Stride 3 and padding 2
// reach the cases DCGAN's K4 s2 p1 does not: a padding wider than the stride, and taps that repeat
// the pixels of the tap one stride before.
std::vector<ConvGeometry> odd_geometries() {
  std::vector<ConvGeometry> geometries;
  for (int H : {1, 7, 33})
    for (int W : {1, 7, 33})
      for (int K : {1, 3, 4})
        for (int stride : {1, 2, 3})
          for (int padding : {0, 1, 2}) {
            if (K > H + 2 * padding || K > W + 2 * padding) continue;
            geometries.push_back({2, 3, H, W, K, stride, padding});
          }
  return geometries;
}

}  // namespace

TEST_CASE("Patches lays out the patches of a 3x3 image for a 2x2 kernel", "[kernels]") {
  // x = 1 2 3 / 4 5 6 / 7 8 9; four windows, one column each; rows (kh, kw).
  std::vector<Scalar> x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  ConvGeometry g{1, 1, 3, 3, 2, 1, 0};
  REQUIRE(g.rows() == 4);
  REQUIRE(g.columns() == 4);
  CHECK(cols_of(g, x.data()) == std::vector<Scalar>{1, 2, 4, 5,    // (kh, kw) = (0, 0)
                                                    2, 3, 5, 6,    // (0, 1)
                                                    4, 5, 7, 8,    // (1, 0)
                                                    5, 6, 8, 9});  // (1, 1)
}

TEST_CASE("Patches reads zeros from the padding", "[kernels]") {
  // A 2x2 image, K=3, stride 1, padding 1: four windows centred on the four pixels.
  std::vector<Scalar> x = {1, 2, 3, 4};
  ConvGeometry g{1, 1, 2, 2, 3, 1, 1};
  const std::vector<Scalar> cols = cols_of(g, x.data());
  // Row (kh, kw) = (1, 1) is the centre tap: the image itself. Row (0, 0) sees only the pixel up
  // and to the left of each centre, which exists only for the bottom-right window.
  CHECK(std::vector<Scalar>(cols.begin() + 16, cols.begin() + 20) == std::vector<Scalar>{1, 2, 3, 4});
  CHECK(std::vector<Scalar>(cols.begin(), cols.begin() + 4) == std::vector<Scalar>{0, 0, 0, 1});
}

TEST_CASE("col2im adds each column entry back onto its pixel", "[kernels]") {
  // All-ones columns for the 3x3 image and 2x2 kernel: each pixel gets the number of windows
  // that contain it.
  ConvGeometry g{1, 1, 3, 3, 2, 1, 0};
  std::vector<Scalar> cols(16, 1.0f), x(9, 0.5f);
  gan::kernels::col2im(g, cols.data(), x.data());
  CHECK(x == std::vector<Scalar>{1.5f, 2.5f, 1.5f, 2.5f, 4.5f, 2.5f, 1.5f, 2.5f, 1.5f});
}

TEST_CASE("Patches and col2im match their plain loops on odd sizes", "[kernels]") {
  gan::Rng rng(3);
  for (const ConvGeometry& g : odd_geometries()) {
    INFO("H=" << g.H << " W=" << g.W << " K=" << g.K << " stride=" << g.stride << " padding=" << g.padding);
    auto x = random_values(image_size(g), rng);
    std::vector<Scalar> cols_ref(g.rows() * g.columns(), NAN);
    gan::kernels::im2col_ref(g, x.data(), cols_ref.data());
    REQUIRE(cols_of(g, x.data()) == cols_ref);  // copies, and zeros on the padding

    auto dcols = random_values(g.rows() * g.columns(), rng);
    auto dx = random_values(image_size(g), rng), dx_ref = dx;
    gan::kernels::col2im(g, dcols.data(), dx.data());
    gan::kernels::col2im_ref(g, dcols.data(), dx_ref.data());
    REQUIRE(dx == dx_ref);  // the same sums in the same order
  }
}

TEST_CASE("Patches and col2im match their plain loops at DCGAN-28's sizes", "[kernels]") {
  // K4 s2 p1: 28 -> 14 -> 7, and an odd 15 -> 7 whose last row and column of pixels no window reads.
  gan::Rng rng(7);
  for (const ConvGeometry& g : {ConvGeometry{3, 2, 28, 28, 4, 2, 1}, ConvGeometry{3, 5, 14, 14, 4, 2, 1},
                                ConvGeometry{3, 5, 15, 15, 4, 2, 1}}) {
    INFO("H=" << g.H);
    auto x = random_values(image_size(g), rng);
    std::vector<Scalar> cols_ref(g.rows() * g.columns(), NAN);
    gan::kernels::im2col_ref(g, x.data(), cols_ref.data());
    REQUIRE(cols_of(g, x.data()) == cols_ref);

    auto dcols = random_values(g.rows() * g.columns(), rng);
    auto dx = random_values(image_size(g), rng), dx_ref = dx;
    gan::kernels::col2im(g, dcols.data(), dx.data());
    gan::kernels::col2im_ref(g, dcols.data(), dx_ref.data());
    REQUIRE(dx == dx_ref);
  }
}

TEST_CASE("col2im with channel_start sets each plane to its channel's value plus the terms, not reading x", "[kernels]") {
  // The bits of col2im_ref on an x filled with channel_start: the K4 s2 p1 register path (W = 14)
  // and the plain loops (K 3, stride 1), over a NaN-filled x that would show any read.
  gan::Rng rng(12);
  for (const ConvGeometry& g : {ConvGeometry{3, 4, 14, 14, 4, 2, 1}, ConvGeometry{2, 3, 5, 6, 3, 1, 1}}) {
    INFO("H=" << g.H << " K=" << g.K);
    const auto dcols = random_values(g.rows() * g.columns(), rng);
    const auto start = random_values(g.C, rng);
    std::vector<Scalar> x(image_size(g), NAN), x_ref(image_size(g));
    for (size_t i = 0; i < x_ref.size(); ++i) x_ref[i] = start[(i / (size_t(g.H) * g.W)) % g.C];
    gan::kernels::col2im(g, dcols.data(), x.data(), start.data());
    gan::kernels::col2im_ref(g, dcols.data(), x_ref.data());
    REQUIRE(std::memcmp(x.data(), x_ref.data(), x.size() * sizeof(Scalar)) == 0);
  }
}

TEST_CASE("col2im keeps the plain loop's bits, -0 included, on rows of up to 16 pixels at K4 s2 p1", "[kernels]") {
  // The geometry col2im runs one image row per register for (W = 2 W_out <= 16): each pixel's terms
  // in the order (kh, kw), none for the taps on the padding. With every term and pixel -0 the
  // sums stay -0, and an added zero for a padding tap would turn one into +0.
  gan::Rng rng(11);
  for (const ConvGeometry& g : {ConvGeometry{2, 3, 14, 14, 4, 2, 1}, ConvGeometry{2, 3, 7, 14, 4, 2, 1},
                                ConvGeometry{1, 2, 16, 16, 4, 2, 1}, ConvGeometry{2, 2, 6, 2, 4, 2, 1},
                                ConvGeometry{3, 1, 5, 8, 4, 2, 1}}) {
    INFO("H=" << g.H << " W=" << g.W);
    for (bool negative_zeros : {false, true}) {
      auto dcols = negative_zeros ? std::vector<Scalar>(g.rows() * g.columns(), -0.0f) : random_values(g.rows() * g.columns(), rng);
      auto dx = negative_zeros ? std::vector<Scalar>(image_size(g), -0.0f) : random_values(image_size(g), rng);
      auto dx_ref = dx;
      gan::kernels::col2im(g, dcols.data(), dx.data());
      gan::kernels::col2im_ref(g, dcols.data(), dx_ref.data());
      REQUIRE(std::memcmp(dx.data(), dx_ref.data(), dx.size() * sizeof(Scalar)) == 0);
      if (negative_zeros) CHECK(std::signbit(dx[0]));
    }
  }
}

TEST_CASE("col2im is the adjoint of im2col", "[kernels]") {
  // <im2col(x), c> = <x, col2im(c)> for every x and c (D.8.3).
  gan::Rng rng(4);
  ConvGeometry g{3, 2, 7, 6, 3, 2, 1};
  auto x = random_values(image_size(g), rng);
  auto c = random_values(g.rows() * g.columns(), rng);
  const std::vector<Scalar> cols = cols_of(g, x.data());
  std::vector<Scalar> back(x.size(), 0.0f);
  gan::kernels::col2im(g, c.data(), back.data());
  double left = 0.0, right = 0.0;
  for (size_t i = 0; i < c.size(); ++i) left += double{cols[i]} * c[i];
  for (size_t i = 0; i < x.size(); ++i) right += double{x[i]} * back[i];
  CHECK(left == Approx(right).epsilon(1e-5));
}

TEST_CASE("transpose_planes moves (N, P, C) to (N, C, P), assigning or adding", "[kernels]") {
  // P = 49 and 196 (a 7 x 7 and a 14 x 14 plane) leave a last group of fewer than 8 rows; C = 100
  // a last panel of fewer than 32 columns; N = 64 runs in parallel
  for (const auto& [N, P, C] : {std::array<int, 3>{3, 49, 128}, std::array<int, 3>{2, 196, 100}, {1, 5, 3},
                                {64, 49, 16}}) {
    std::vector<Scalar> in(size_t(N) * P * C), out(in.size(), NAN), sums(in.size());
    for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<Scalar>(i);
    for (size_t i = 0; i < sums.size(); ++i) sums[i] = static_cast<Scalar>(0.5 * i);
    gan::kernels::transpose_planes(N, P, C, in.data(), out.data(), false);
    gan::kernels::transpose_planes(N, P, C, in.data(), sums.data(), true);
    bool all_moved = true, all_added = true;
    for (int n = 0; n < N; ++n)
      for (int p = 0; p < P; ++p)
        for (int c = 0; c < C; ++c) {
          const size_t to = (size_t(n) * C + c) * P + p;
          all_moved &= out[to] == in[(size_t(n) * P + p) * C + c];
          all_added &= sums[to] == static_cast<Scalar>(0.5 * to) + in[(size_t(n) * P + p) * C + c];
        }
    INFO("N=" << N << " P=" << P << " C=" << C);
    CHECK(all_moved);
    CHECK(all_added);
  }
}

TEST_CASE("Patches and col2im give the same bits with 1 and 2 threads", "[kernels]") {
  gan::Rng rng(6);
  ConvGeometry g{16, 8, 14, 14, 4, 2, 1};  // big enough to run in parallel
  auto x = random_values(image_size(g), rng);
  auto dcols = random_values(g.rows() * g.columns(), rng);
  std::vector<Scalar> cols[2], dx[2];
  int saved = gan::kernels::num_threads();
  for (int threads : {1, 2}) {
    gan::kernels::set_num_threads(threads);
    dx[threads - 1].assign(x.size(), 0.0f);
    cols[threads - 1] = cols_of(g, x.data());  // the padded copy is made in parallel
    gan::kernels::col2im(g, dcols.data(), dx[threads - 1].data());
  }
  gan::kernels::set_num_threads(saved);
  CHECK(cols[0] == cols[1]);
  CHECK(dx[0] == dx[1]);
}
