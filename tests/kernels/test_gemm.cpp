#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <vector>

#include "gan/kernels/gemm.h"
#include "gan/kernels/im2col.h"
#include "gan/kernels/parallel.h"
#include "gan/tensor/rng.h"

using gan::Scalar;
using gan::kernels::gemm;
using gan::kernels::gemm_plan;
using gan::kernels::gemm_ref;
using gan::kernels::GemmPlan;
using gan::kernels::Operands;

namespace {

std::vector<Scalar> random_values(size_t count, gan::Rng& rng) {
  std::vector<Scalar> values(count);
  for (Scalar& v : values) v = rng.normal();
  return values;
}

bool same_bits(const std::vector<Scalar>& x, const std::vector<Scalar>& y) {
  return x.size() == y.size() && std::memcmp(x.data(), y.data(), x.size() * sizeof(Scalar)) == 0;
}

// gemm and gemm_ref on the same random A, B and C; with beta = 0, C starts as NaN.
void check_same_bits_as_ref(bool ta, bool tb, int M, int N, int K, Scalar alpha, Scalar beta,
                            gan::Rng& rng) {
  INFO("M=" << M << " N=" << N << " K=" << K << " ta=" << ta << " tb=" << tb << " alpha=" << alpha
            << " beta=" << beta);
  auto A = random_values(size_t(M) * K, rng);
  auto B = random_values(size_t(K) * N, rng);
  auto C = beta == 0.0f ? std::vector<Scalar>(size_t(M) * N, NAN) : random_values(size_t(M) * N, rng);
  auto C_ref = C;
  gemm(ta, tb, M, N, K, alpha, A.data(), B.data(), beta, C.data());
  gemm_ref(ta, tb, M, N, K, alpha, A.data(), B.data(), beta, C_ref.data());
  REQUIRE(same_bits(C, C_ref));
  REQUIRE(std::none_of(C.begin(), C.end(), [](Scalar c) { return std::isnan(c); }));
}

void check_all_variants(int M, int N, int K, gan::Rng& rng) {
  for (int flags = 0; flags < 4; ++flags) {
    for (Scalar alpha : {1.0f, 0.5f}) {
      for (Scalar beta : {0.0f, 1.0f, 0.5f}) {
        check_same_bits_as_ref(flags & 1, flags & 2, M, N, K, alpha, beta, rng);
      }
    }
  }
}

// The blocking constants, read back from plans that reach them.
const GemmPlan kLargest = gemm_plan(1 << 14, 1 << 14, 1 << 20);
const int kMR = kLargest.kernel_rows, kNR = kLargest.kernel_cols, kKC = kLargest.block_depth;
const int kMC = kLargest.tile_rows, kNC = kLargest.block_cols;

}  // namespace

TEST_CASE("gemm_ref computes C = alpha op(A) op(B) + beta C", "[kernels]") {
  gan::Rng rng(1);
  const int M = 5, N = 4, K = 9;
  for (int flags = 0; flags < 4; ++flags) {
    bool ta = flags & 1, tb = flags & 2;
    auto A = random_values(M * K, rng), B = random_values(K * N, rng), C = random_values(M * N, rng);
    auto C_old = C;
    gemm_ref(ta, tb, M, N, K, 0.5f, A.data(), B.data(), 2.0f, C.data());
    for (int i = 0; i < M; ++i) {
      for (int j = 0; j < N; ++j) {
        double sum = 0.0;
        for (int k = 0; k < K; ++k) {
          double a = ta ? A[k * M + i] : A[i * K + k];
          double b = tb ? B[j * K + k] : B[k * N + j];
          sum += a * b;
        }
        INFO("ta=" << ta << " tb=" << tb << " i=" << i << " j=" << j);
        CHECK(C[i * N + j] == Approx(0.5 * sum + 2.0 * C_old[i * N + j]).margin(1e-5));
      }
    }
  }
}

TEST_CASE("gemm gives gemm_ref's bits on odd sizes, all transposes, alphas and betas", "[kernels]") {
  gan::Rng rng(2);
  for (int M : {1, 7, 33}) {
    for (int N : {1, 7, 33}) {
      for (int K : {1, 7, 33}) check_all_variants(M, N, K, rng);
    }
  }
}

TEST_CASE("gemm gives gemm_ref's bits on sizes that cross every blocking constant", "[kernels]") {
  gan::Rng rng(3);
  const int sizes[][3] = {
      {kMR - 1, kNR + 1, kKC + 1},         // one sliver of A, two of B, two k-blocks
      {kMR + 1, kNR - 1, 2 * kKC + 3},     // edge slivers, three k-blocks
      {kMC + 1, 2 * kNR + 3, kKC + 1},     // many row tiles, partial last tile
      {3 * kMR + 2, 5 * kNR + 7, 100},     // parallel, edges on both sides
      {7, kNC + 1, 7},                     // two jc blocks, the second one column wide
      {1, kNC + kNR + 1, kKC - 1},         // a single row of C
      {2 * kMR + 1, 1, 5 * kKC},           // a single column of C, long K
      {70, 1, 2003},                       // a column: four 16-row items in parallel, 6 rows and 3 k left
      {2 * kMR + 3, 3 * kNR + 5, 2 * kKC + 9},  // with B^T: B's rows in place, a partial last sliver
  };
  for (const auto& s : sizes) check_all_variants(s[0], s[1], s[2], rng);
  check_same_bits_as_ref(false, false, 7, 9, 0, 0.5f, 0.5f, rng);  // K = 0: C = beta C
}

TEST_CASE("gemm gives gemm_ref's bits with every number of rows in the last sliver", "[kernels]") {
  // The last sliver of M = 2 kMR + rows runs a micro-kernel of exactly `rows` rows: on C itself when
  // the micro-tile is kNR columns wide, on a padded copy when it is at most kNR / 2 or wider.
  gan::Rng rng(5);
  for (int rows = 1; rows < kMR; ++rows) {
    for (int N : {2 * kNR, kNR + kNR / 2 - 1, kNR + kNR / 2 + 1}) check_all_variants(2 * kMR + rows, N, 37, rng);
  }
}

TEST_CASE("gemm gives the same bits with 1, 2 and 3 threads", "[kernels]") {
  gan::Rng rng(4);
  // The last: 4 blocks of k in each of two blocks of columns, packed into alternating halves that
  // the threads reach at different times.
  const int shapes[][3] = {{64, 512, 784}, {131, 517, 300}, {24, kNC + 40, 3 * kKC + 5}};
  for (const auto& s : shapes) {
    const int M = s[0], N = s[1], K = s[2];
    REQUIRE(gemm_plan(M, N, K).work_items >= 64);
    for (int flags = 0; flags < 4; ++flags) {
      bool ta = flags & 1, tb = flags & 2;
      auto A = random_values(size_t(M) * K, rng), B = random_values(size_t(K) * N, rng);
      auto C_start = random_values(size_t(M) * N, rng);
      auto C_ref = C_start;
      gemm_ref(ta, tb, M, N, K, 0.5f, A.data(), B.data(), 0.5f, C_ref.data());
      int saved = gan::kernels::num_threads();
      for (int threads : {1, 2, 3}) {
        INFO("M=" << M << " N=" << N << " K=" << K << " flags=" << flags << " threads=" << threads);
        gan::kernels::set_num_threads(threads);
        auto C = C_start;
        gemm(ta, tb, M, N, K, 0.5f, A.data(), B.data(), 0.5f, C.data());
        CHECK(same_bits(C, C_ref));
      }
      gan::kernels::set_num_threads(saved);
    }
  }
}

TEST_CASE("gemm_patches gives the bits of im2col then gemm_ref, in every role a convolution uses", "[kernels]") {
  // A convolution's products: forward W cols (B = cols), or transposed, cols^T W^T (A = cols, as
  // conv2d runs it), dL/dweight dY cols^T (B stored as cols, transposed) and, for
  // conv_transpose2d, dY cols^T and (W cols)^T on im2col(dL/dy). As op(B), the patches become
  // op(A) of C^T and alpha goes to the other operand; as op(A), an alpha of 0.5 has them packed,
  // an alpha of 1 read in place. The odd geometries leave last slivers of fewer than kMR rows.
  // conv2d's forward starts each row of y^T at the bias (row_start).
  gan::Rng rng(6);
  const gan::kernels::ConvGeometry geometries[] = {
      {3, 2, 9, 7, 4, 2, 1},    // DCGAN's K 4, stride 2, padding 1, on odd planes
      {2, 3, 7, 7, 3, 1, 0},    // no padding: the patches read x itself
      {2, 1, 12, 12, 4, 2, 1},  // one channel: 16 taps, the transposed weight gradient
      {5, 1, 4, 4, 1, 1, 0},    // a 1 x 1 kernel: one tap, a single row of cols
      {2, 5, 8, 6, 3, 3, 2},    // padding wider than the stride
      {1, 20, 6, 6, 4, 2, 1},   // 320 rows: two k-blocks, the second carrying on from the first
  };
  for (const auto& g : geometries) {
    const int rows = static_cast<int>(g.rows()), columns = static_cast<int>(g.columns());
    auto x = random_values(size_t(g.N) * g.C * g.H * g.W, rng);
    std::vector<Scalar> cols(size_t(rows) * columns);
    gan::kernels::im2col_ref(g, x.data(), cols.data());
    const gan::kernels::Patches patches(g, x.data());
    for (int M : {1, 7, 40}) {
      for (Scalar alpha : {1.0f, 0.5f}) {
        for (Scalar beta : {0.0f, 1.0f}) {
          INFO("rows=" << rows << " columns=" << columns << " M=" << M << " alpha=" << alpha << " beta=" << beta);
          // forward: (M, rows) (rows, columns)
          auto W = random_values(size_t(M) * rows, rng);
          auto C = beta == 0.0f ? std::vector<Scalar>(size_t(M) * columns, NAN) : random_values(size_t(M) * columns, rng);
          auto C_ref = C;
          gan::kernels::gemm_patches(false, false, M, columns, rows, alpha, W.data(), patches, beta, C.data());
          gemm_ref(false, false, M, columns, rows, alpha, W.data(), cols.data(), beta, C_ref.data());
          CHECK(same_bits(C, C_ref));
          // weight gradient: (M, columns) (columns, rows), cols stored (rows, columns)
          auto dY = random_values(size_t(M) * columns, rng);
          auto dW = beta == 0.0f ? std::vector<Scalar>(size_t(M) * rows, NAN) : random_values(size_t(M) * rows, rng);
          auto dW_ref = dW;
          gan::kernels::gemm_patches(false, true, M, rows, columns, alpha, dY.data(), patches, beta, dW.data());
          gemm_ref(false, true, M, rows, columns, alpha, dY.data(), cols.data(), beta, dW_ref.data());
          CHECK(same_bits(dW, dW_ref));
          // forward transposed, y^T = cols^T W^T: (columns, rows) (rows, M), cols as the left operand
          auto C_t = beta == 0.0f ? std::vector<Scalar>(size_t(columns) * M, NAN) : random_values(size_t(columns) * M, rng);
          auto C_t_ref = C_t;
          gan::kernels::gemm_patches_left(true, true, columns, M, rows, alpha, patches, W.data(), beta, C_t.data());
          gemm_ref(true, true, columns, M, rows, alpha, cols.data(), W.data(), beta, C_t_ref.data());
          CHECK(same_bits(C_t, C_t_ref));
          // ... every row starting at a bias: the bits of the bias's rows written into C, then beta = 1
          if (beta != 0.0f) continue;
          const auto bias = random_values(size_t(M), rng);
          std::vector<Scalar> y_t(size_t(columns) * M, NAN), y_t_ref;
          for (int r = 0; r < columns; ++r) y_t_ref.insert(y_t_ref.end(), bias.begin(), bias.end());
          gan::kernels::gemm_patches_left(true, true, columns, M, rows, alpha, patches, W.data(), 0.0f, y_t.data(),
                                          bias.data());
          gemm_ref(true, true, columns, M, rows, alpha, cols.data(), W.data(), 1.0f, y_t_ref.data());
          CHECK(same_bits(y_t, y_t_ref));
        }
      }
    }
  }
}

TEST_CASE("gemm and gemm_patches read a channel-major view with the bits of the matrix written out", "[kernels]") {
  // An (N, C, P) tensor as the (C, N*P) matrix, in each role a convolution gives it: conv2d's
  // dL/dy and conv_transpose2d's x as op(B) of W^T dy (stored (K, N)), and as op(A) of the weight
  // gradient, dy cols^T. Planes of 1, 5 and 49 pixels make runs shorter than a sliver, runs that end
  // inside one, and 294 columns that cross a k-block; op(B) stored (N, K) as well. Between them the
  // packing copies runs (lanes along the columns) and transposes them (lanes along the channels),
  // whole and ragged slivers, with alpha or without. M = 1 and 7 and C = 3 give thin plans.
  gan::Rng rng(61);
  using gan::kernels::ChannelMajor;
  const int views[][3] = {{3, 5, 1}, {4, 3, 5}, {6, 9, 49}, {2, 40, 49}};
  for (const auto& v : views) {
    const int N = v[0], C = v[1], P = v[2], columns = N * P;
    auto tensor = random_values(size_t(N) * C * P, rng);
    std::vector<Scalar> matrix(size_t(C) * columns);  // written out: (C, N*P)
    for (int n = 0; n < N; ++n)
      for (int c = 0; c < C; ++c)
        for (int p = 0; p < P; ++p) matrix[size_t(c) * columns + n * P + p] = tensor[(size_t(n) * C + c) * P + p];
    const ChannelMajor view{tensor.data(), N, C, P};
    for (int M : {1, 7, 40}) {
      for (Scalar alpha : {1.0f, 0.5f}) {
        for (Scalar beta : {0.0f, 1.0f}) {
          for (bool transposed : {false, true}) {
            INFO("N=" << N << " C=" << C << " P=" << P << " M=" << M << " alpha=" << alpha << " beta=" << beta
                      << " transposed=" << transposed);
            // as op(B): stored (K, N) = (C, columns), or (N, K) = (C, columns) when transposed
            const int K = transposed ? columns : C, cols_of_C = transposed ? C : columns;
            auto A = random_values(size_t(M) * K, rng);
            auto out = beta == 0.0f ? std::vector<Scalar>(size_t(M) * cols_of_C, NAN)
                                    : random_values(size_t(M) * cols_of_C, rng);
            auto out_ref = out;
            gemm(false, transposed, M, cols_of_C, K, alpha, A.data(), view, beta, out.data());
            gemm_ref(false, transposed, M, cols_of_C, K, alpha, A.data(), matrix.data(), beta, out_ref.data());
            CHECK(same_bits(out, out_ref));
            // as op(A) beside a patch matrix: a weight gradient, dy cols^T, with cols = im2col of
            // x (N, 2, 2 P, 2) for a 2 x 2 kernel at stride 2, (8, N*P), stored (N, K)
            if (transposed) continue;
            const gan::kernels::ConvGeometry g{N, 2, 2 * P, 2, 2, 2, 0};
            auto x = random_values(size_t(N) * 2 * 2 * P * 2, rng);
            std::vector<Scalar> cols(size_t(g.rows()) * g.columns());
            gan::kernels::im2col_ref(g, x.data(), cols.data());
            const gan::kernels::Patches patches(g, x.data());
            auto dW = beta == 0.0f ? std::vector<Scalar>(size_t(C) * 8, NAN) : random_values(size_t(C) * 8, rng);
            auto dW_ref = dW;
            gan::kernels::gemm_patches(false, true, C, 8, columns, alpha, view, patches, beta, dW.data());
            gemm_ref(false, true, C, 8, columns, alpha, matrix.data(), cols.data(), beta, dW_ref.data());
            CHECK(same_bits(dW, dW_ref));
          }
        }
      }
    }
  }
}

TEST_CASE("gemm_patches and gemm_patches_left reject a patch matrix of another shape than their operand", "[kernels]") {
  const gan::kernels::ConvGeometry g{1, 2, 4, 4, 2, 2, 0};  // cols (8, 4)
  std::vector<Scalar> x(32, 1.0f), A(8 * 8, 1.0f), C(8 * 8);
  const gan::kernels::Patches patches(g, x.data());
  CHECK_THROWS_WITH(gan::kernels::gemm_patches(false, false, 2, 8, 4, 1.0f, A.data(), patches, 0.0f, C.data()),
                    "gemm_patches: the patch matrix is (8, 4), expected B stored as (4, 8)");
  CHECK_NOTHROW(gan::kernels::gemm_patches(false, true, 2, 8, 4, 1.0f, A.data(), patches, 0.0f, C.data()));
  // as the left operand, A (M, K) = (4, 8) must be cols^T, stored transposed
  CHECK_THROWS_WITH(gan::kernels::gemm_patches_left(false, false, 4, 2, 8, 1.0f, patches, A.data(), 0.0f, C.data()),
                    "gemm_patches_left: the patch matrix is (8, 4), expected A stored as (4, 8)");
  CHECK_NOTHROW(gan::kernels::gemm_patches_left(true, false, 4, 2, 8, 1.0f, patches, A.data(), 0.0f, C.data()));
  // a row_start stands in for beta * C
  CHECK_THROWS_WITH(
      gan::kernels::gemm_patches_left(true, false, 4, 2, 8, 1.0f, patches, A.data(), 1.0f, C.data(), A.data()),
      "gemm_patches_left: a row_start takes the place of beta * C, so beta must be 0, got 1.000000");
}

TEST_CASE("gemm reads a Linear layer's weights in place when K is large beside the batch", "[kernels]") {
  // x W^T, W stored (N, K): computed as C^T = W x^T with W's rows unpacked when transposing x and C
  // moves fewer values than packing W^T would (by the AVX-512 and AVX2 kernels; the portable one
  // packs everything).
  const bool in_place = gan::kernels::gemm_kernel_reads_in_place();
  const int linear_forwards[][3] = {{64, 512, 784}, {64, 256, 512}, {64, 784, 1024}};
  for (const auto& s : linear_forwards) {
    const GemmPlan forward = gemm_plan(s[0], s[1], s[2], false, true);
    INFO("M=" << s[0] << " N=" << s[1] << " K=" << s[2]);
    CHECK(forward.transposed == in_place);
    CHECK(forward.a_in_place == in_place);
    CHECK(forward.work_items >= 64);
    // B stored (K, N): C itself, with x's rows read in place instead of W's, and x^T packed
    const GemmPlan plain = gemm_plan(s[0], s[1], s[2]);
    CHECK_FALSE(plain.transposed);
    CHECK(plain.a_in_place == in_place);
    CHECK_FALSE(gemm_plan(s[0], s[1], s[2], true).a_in_place);
  }
  // DCGAN's 100 -> 6272 Linear: 2 x 64 x 6272 values of C to move, 6272 x 100 to pack, so C itself
  for (const int N : {6272, 256}) {
    const GemmPlan forward = gemm_plan(64, N, 100, false, true);
    INFO("N=" << N);
    CHECK_FALSE(forward.transposed);
    CHECK(forward.a_in_place == in_place);  // x, not W
  }
}

TEST_CASE("gemm_patches reads the patch matrix in place, as op(A) of C^T", "[kernels]") {
  // A patch matrix as op(B), stored (K, N) (a convolution's forward) or (N, K) (its weight
  // gradient): computed as C^T = op(B)^T op(A)^T, whose slivers of rows, a last one of fewer than
  // kMR included, the AVX-512 and AVX2 kernels read from the image (the portable one packs them).
  // The bits: the gemm_patches test above, in both roles, with M = 1, 7 and 40.
  const bool in_place = gan::kernels::gemm_kernel_reads_in_place();
  for (bool transpose_b : {false, true}) {
    const GemmPlan plan = gemm_plan(128, 3136, 1024, false, transpose_b, Operands::patches_b);
    INFO("transpose_b=" << transpose_b);
    CHECK(plan.transposed == in_place);
    CHECK(plan.a_in_place == in_place);
  }
  // the same shape, B dense and (K, N): C itself, B packed
  CHECK_FALSE(gemm_plan(128, 3136, 1024).transposed);
  // conv2d's forward as y^T = cols^T weight^T (gemm_patches_left): read in place as it stands
  const GemmPlan left = gemm_plan(3136, 128, 1024, false, true, Operands::patches_a);
  CHECK_FALSE(left.transposed);
  CHECK(left.a_in_place == in_place);
  CHECK(left.work_items >= 64);
}

TEST_CASE("gemm runs outer products and single rows and columns of C as plain loops, a row, 16 rows or 64 "
          "columns an item",
          "[kernels]") {
  // DCGAN's 6272 -> 1 Linear: dx = dy w, K = 1, one item per row of C; dW = dy^T x, M = 1, B (K, N);
  // the forward x w^T, N = 1, with B stored either way
  const GemmPlan outer = gemm_plan(64, 6272, 1), row = gemm_plan(1, 6272, 64);
  const GemmPlan column = gemm_plan(64, 1, 6272, false, true);
  CHECK(outer.plain_loops);
  CHECK(outer.work_items == 64);
  CHECK(row.plain_loops);
  CHECK(row.work_items == 98);  // 6272 / 64
  CHECK(column.plain_loops);
  CHECK(column.work_items == 4);  // 64 / 16: a sum in k order cannot be split along k
  CHECK(gemm_plan(64, 1, 6272).plain_loops);
  // not with B stored (N, K), nor for a patch matrix, nor when small: the MLP's 256 -> 1 layer
  CHECK_FALSE(gemm_plan(1, 6272, 64, false, true).plain_loops);
  CHECK_FALSE(gemm_plan(64, 6272, 1, false, false, Operands::patches_b).plain_loops);
  CHECK(gemm_plan(1, 256, 64).plain_loops);
  CHECK(gemm_plan(1, 256, 64).work_items == 1);
  CHECK(gemm_plan(64, 1, 256, false, true).work_items == 1);
}

TEST_CASE("gemm cuts C into tiles of near-equal size, so that a static split is even", "[kernels]") {
  // Each tile is the narrowest (and lowest) multiple of the micro-tile that covers C in as many
  // tiles. With the AVX-512 kernel, C (1024, 3136) of D's second convolution's dL/dcols and G's
  // first transposed convolution is 7 tiles of 448 columns, where doubling from one micro-tile had
  // reached 512 and left a last tile of 64.
  auto ceil_div = [](int a, int b) { return (a + b - 1) / b; };
  const int shapes[][3] = {{1024, 3136, 128}, {128, 3136, 1024}, {128, 1024, 3136}, {64, 12544, 16},
                           {16, 12544, 64},   {64, 784, 512},    {64, 6272, 100},   {6272, 100, 64}};
  for (const auto& s : shapes) {
    const int M = s[0], N = s[1], K = s[2];
    const GemmPlan p = gemm_plan(M, N, K);
    INFO("M=" << M << " N=" << N << " K=" << K << " tiles " << p.tile_rows << " x " << p.tile_cols);
    REQUIRE_FALSE(p.transposed);
    CHECK(p.tile_cols == ceil_div(ceil_div(N, ceil_div(N, p.tile_cols)), kNR) * kNR);
    CHECK(p.tile_rows == ceil_div(ceil_div(M, ceil_div(M, p.tile_rows)), kMR) * kMR);
  }
  if (kNR == 32 && kMR == 8) CHECK(gemm_plan(1024, 3136, 128).tile_cols == 448);
}

TEST_CASE("gemm splits the models' products at batch 64 into at least 64 work items", "[kernels]") {
  // (M, N, K) of every product with a C of at least 64 micro-tiles, forward and backward.
  const int shapes[][3] = {
      // MLP GAN: Linear forward (64, D_out, D_in), dx (64, D_in, D_out), dW (D_out, D_in, 64);
      // G's first layer needs no dx (z takes no gradient), D's last layer is tiny (see below)
      {64, 256, 100}, {64, 512, 256}, {64, 1024, 512}, {64, 784, 1024}, {64, 512, 784},
      {64, 256, 512}, {64, 256, 512}, {64, 512, 1024}, {64, 1024, 784}, {64, 784, 512},
      {64, 512, 256}, {256, 100, 64}, {512, 256, 64}, {1024, 512, 64}, {784, 1024, 64},
      {512, 784, 64}, {256, 512, 64},
      // DCGAN-28: conv2d's dcols = W^T dy; conv_transpose2d's forward cols = W^T x
      {1024, 3136, 128}, {16, 12544, 64},
      // Linear 100 -> 6272 and 6272 -> 1: forward, dx, dW
      {64, 6272, 100}, {6272, 100, 64}, {64, 6272, 1}, {1, 6272, 64},
  };
  for (const auto& s : shapes) {
    INFO("M=" << s[0] << " N=" << s[1] << " K=" << s[2]);
    CHECK(gemm_plan(s[0], s[1], s[2]).work_items >= 64);
  }
  // DCGAN-28's products with a patch matrix as op(B) (gemm_patches): conv2d's dW = dy cols^T and
  // conv_transpose2d's dW = x cols(dy)^T (cols stored transposed), except D1's and G2's (below)
  CHECK(gemm_plan(128, 1024, 3136, false, true, Operands::patches_b).work_items >= 64);
  // and as op(A) (gemm_patches_left): conv2d's forward y^T = cols^T W^T and conv_transpose2d's
  // (dL/dx)^T = cols(dy)^T W^T, the first layer's and the second's
  for (const auto& s : {std::array<int, 3>{12544, 64, 16}, std::array<int, 3>{3136, 128, 1024}}) {
    INFO("patches as op(A): M=" << s[0] << " N=" << s[1] << " K=" << s[2]);
    CHECK(gemm_plan(s[0], s[1], s[2], false, true, Operands::patches_a).work_items >= 64);
  }
  // A C thinner than a micro-tile may be computed as C^T, and is split into all of its
  // micro-tiles: D1's dW, C (64, 16). D's last Linear, C (64, 1), runs as plain loops of 16 rows
  // (the test above).
  auto micro_tiles = [](int rows, int cols) {
    return ((rows + kMR - 1) / kMR) * ((cols + kNR - 1) / kNR);
  };
  const GemmPlan thin = gemm_plan(64, 16, 12544, false, true, Operands::patches_b);
  INFO("transposed=" << thin.transposed);
  CHECK(thin.transposed == (16 < kNR || gan::kernels::gemm_kernel_reads_in_place()));
  CHECK(thin.work_items == (thin.transposed ? micro_tiles(16, 64) : micro_tiles(64, 16)));
  // Tiny products run as one item, without a parallel region: the MLP's last layer,
  // forward (64, 1, 256), dx (64, 256, 1) and dW (1, 256, 64).
  CHECK(gemm_plan(64, 1, 256).work_items == 1);
  CHECK(gemm_plan(64, 256, 1).work_items == 1);
  CHECK(gemm_plan(1, 256, 64).work_items == 1);
  CHECK(gemm_plan(7, 9, 0).work_items == 1);
}
