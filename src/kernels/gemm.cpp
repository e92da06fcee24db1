// gemm: the five loops of a Goto/BLIS GEMM around the micro-kernel of gemm_microkernel.h, with
// OpenMP over a 2-D grid of tiles of C. docs/gemm.md teaches the structure; read it beside
// gemm_ref at the bottom of this file, which computes the same bits one element at a time.
//
//   jc  columns of C, nc at a time          pack op(B)[pc:pc+kc, jc:jc+nc] into kNR-column slivers
//   pc  k, kc at a time, in increasing order  and op(A)[0:M, pc:pc+kc] into kMR-row slivers
//       (all threads pack, then all compute: the packed blocks are shared)
//   tiles of C (the work items)             one thread each, the same thread in every k-block
//   ir  kMR rows of the tile                a kc x kMR sliver of A (8 KiB), reused from L1
//   jr  kNR columns of the tile             a kc x kNR sliver of B, streamed from L2
//       micro-kernel: C[ir:ir+kMR, jr:jr+kNR] updated over the kc values of this block
// (BLIS runs jr outside ir; on Zen 4 this order ran about 5 % faster, as its 32 KiB L1 cannot
// hold a 32 KiB sliver of B beside the sliver of A.)
// Ways to pack and copy less (docs/gemm.md, section 6): x W^T runs as C^T = W x^T with W's rows
// read in place, as any dense op(A) stored as it stands is read; a product with a convolution's
// patch matrix as op(B) runs as C^T too, with the patch matrix read from the image in place; a
// channel-major view is packed from its tensor, never copied into that layout; and outer products
// and single rows of C run as plain loops (thin_product).
#include "gan/kernels/gemm.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/im2col.h"
#include "gan/kernels/parallel.h"
#include "gan/tensor/cache_line_allocator.h"
#include "gemm_microkernel.h"

namespace gan::kernels {

namespace {

using detail::column_kernel;
using detail::kAStride;
using detail::kColumnRows;
using detail::kMR;
using detail::kNR;
using detail::kRowColumns;
using detail::microkernel;
using detail::PackedA;
using detail::PatchRowsA;
using detail::row_kernel;
using detail::RowsInPlaceA;
using detail::start;

// Blocking constants, fixed at compile time so that the work split never depends on the machine.
// k-values per block: a kc x kMR sliver of A (8 KiB) is reused from L1 while kNR-column slivers
// of B stream past it from L2, and loading and storing the C tile once per block costs little
// beside 256 steps of k. On Zen 4, 128 to 512 ran within noise of each other.
constexpr int kKC = 256;
// At most this many rows of C per tile: the tile's slivers of A (kMC x kKC floats, 128 KiB) stay
// in L2 while the tile is computed.
constexpr int kMC = 128;
// At most this many columns of C per tile.
constexpr int kTileColsMax = 512;
// At most this many columns of op(B) packed at once: kKC x kNC floats (4 MiB) live in L3.
constexpr int kNC = 4096;
// Products below this many multiply-adds run as one work item on the calling thread: starting a
// parallel region costs a few microseconds, as long as such a product takes.
constexpr int64_t kMinParallelWork = int64_t{1} << 17;
// Tiles are made as large as possible while C still holds this many: enough for any thread count
// up to 64 to get shares that differ by at most one tile.
constexpr int kWantedItems = 64;

int ceil_div(int a, int b) { return (a + b - 1) / b; }
int round_up(int a, int b) { return ceil_div(a, b) * b; }

// How far apart packed slivers start: their kc x stride floats (stride kNR, or kAStride for A) and
// one cache line more. At kc = 256 a sliver of B is 16 or 32 KiB, a multiple of the 4 KiB at which
// L1's sets repeat, so pack_block, which writes one k of every sliver in turn (32 slivers for a B
// 512 wide, with AVX2), sent all of a k's lines into a single set of 8 ways, and most went out to
// L2 and came back. One line more puts each sliver's in another set: on one Zen 4 core with AVX2,
// the MLP's dL/dx product 64x1024x512 (B packed row by row) ran in 661 against 707 us.
constexpr int kSliverPad = 64 / sizeof(Scalar);
int64_t sliver_pitch(int stride, int kc) { return int64_t{stride} * kc + kSliverPad; }

// Packed blocks and C^T: uninitialised scratch on a 64-byte boundary (cache_line_allocator.h), so
// that every packed row of b is one aligned load. The packing writes each value before a
// micro-kernel reads it. kMR x kNR values of slack past the end: GCC's vectorised loads in the
// portable kernel can run a row of a sliver past the last one it uses (gemm_microkernel.h,
// kReadsAInPlace).
using Scratch = CacheLineArray<Scalar>;

Scratch packing_scratch(int64_t count) {
  return uninitialized_array<Scalar>(static_cast<size_t>(std::max<int64_t>(count, 1) + kMR * kNR));
}

// One operand as it is stored: a row-major matrix in memory, the patch matrix of a convolution,
// whose entries the packing reads from the image (im2col.h, Patches), or a channel-major view of an
// (N, C, P) tensor (gemm.h).
struct Operand {
  const Scalar* dense = nullptr;
  const Patches* patches = nullptr;
  const ChannelMajor* channel_major = nullptr;
};

// Entry (r, j) of a patch matrix (im2col.h), taps by windows, is image[tap(r) + window(j)]. As an
// operand's lanes and k see it: stored (K, L) (lanes_contiguous), the lanes are windows and k runs
// over taps; stored (L, K), the other way round.
struct PatchOffsets {
  const int64_t* lanes;
  const int64_t* k;
};
PatchOffsets patch_offsets(bool lanes_contiguous, const Patches& X) {
  return lanes_contiguous ? PatchOffsets{X.window_offsets(), X.tap_offsets()}
                          : PatchOffsets{X.tap_offsets(), X.window_offsets()};
}

// pack_sliver for a patch matrix: each lane's part of the offset is looked up once per sliver and
// each k's once per k. Only the portable kernel, and an alpha != 1, pack patch matrices; the
// others read them in place (patch_rows below).
void pack_patch_sliver(bool lanes_contiguous, const Patches& X, Scalar scale, int l0, int pc, int kc, int lanes,
                       int valid, int stride, Scalar* dst) {
  const PatchOffsets offsets = patch_offsets(lanes_contiguous, X);
  const int64_t* lane_offsets = offsets.lanes + l0;
  for (int k = 0; k < kc; ++k) {
    const Scalar* at_k = X.image() + offsets.k[pc + k];
    Scalar* out = dst + k * stride;
    for (int l = 0; l < valid; ++l) out[l] = scale * at_k[lane_offsets[l]];
    std::fill(out + valid, out + lanes, 0.0f);
  }
}

// Rows [l0, l0 + rows), rows <= kMR, of a patch matrix as the micro-kernel reads them in place from
// k = pc on, with the offsets that pack_patch_sliver would copy them by (the same values, never
// copied).
PatchRowsA patch_rows(bool lanes_contiguous, const Patches& X, int l0, int rows, int pc) {
  const PatchOffsets offsets = patch_offsets(lanes_contiguous, X);
  PatchRowsA a{};
  for (int i = 0; i < rows; ++i) a.rows[i] = X.image() + offsets.lanes[l0 + i];
  a.offsets = offsets.k + pc;
  return a;
}

// pack_sliver for a channel-major view: its (C, N*P) matrix's columns are cut into runs that stay
// within one image, each contiguous in the tensor. Stored (K, L) (lanes_contiguous), the lanes are
// columns: each k (a channel) copies the runs of its row. Stored (L, K), k runs over the columns:
// each run of k is a (lanes, run) block of the image's (C, P) plane, transposed as a dense operand
// stored (L, K) is (transpose_to_k_major, with the plane's row length P as its stride).
void pack_channel_major_sliver(bool lanes_contiguous, const ChannelMajor& X, Scalar scale, int l0, int pc, int kc,
                               int lanes, int valid, int stride, Scalar* dst) {
  const int64_t first = lanes_contiguous ? l0 : pc;  // the first column, and how many
  const int64_t count = lanes_contiguous ? valid : kc;
  for (int64_t done = 0; done < count;) {
    const int64_t column = first + done, n = column / X.P, p = column % X.P;
    const int run = static_cast<int>(std::min(count - done, X.P - p));
    const Scalar* image = X.tensor + n * X.C * X.P + p;  // pixel p of image n's plane 0
    if (lanes_contiguous) {  // lanes [done, done + run) of every k
      for (int k = 0; k < kc; ++k) {
        const Scalar* src = image + (pc + k) * X.P;
        Scalar* out = dst + k * stride + done;
        for (int l = 0; l < run; ++l) out[l] = scale * src[l];
      }
    } else if (valid == lanes && scale == 1.0f) {  // k in [done, done + run), whole slivers
      detail::transpose_to_k_major(image + l0 * X.P, X.P, lanes, run, dst + done * stride, stride);
    } else {
      for (int k = 0; k < run; ++k) {
        Scalar* out = dst + (done + k) * stride;
        for (int l = 0; l < valid; ++l) out[l] = scale * image[(l0 + l) * X.P + k];
        std::fill(out + valid, out + lanes, 0.0f);
      }
    }
    done += run;
  }
  if (lanes_contiguous) {
    for (int k = 0; k < kc; ++k) std::fill(dst + k * stride + valid, dst + k * stride + lanes, 0.0f);
  }
}

// Packs lanes [l0, l0 + lanes) of scale * X, k in [pc, pc + kc), k-major: dst[k * stride + l].
// The lanes are op(A)'s rows (kMR of them, stride kAStride) or op(B)'s columns (kNR, stride kNR);
// element (lane l, k) is X[k * L + l] when `lanes_contiguous` (X stored (K, L): A^T, or B), else
// X[l * K + k] (X stored (L, K): A, or B^T). A dense X comes here only stored (L, K): pack_block
// packs the other kind row by row. Lanes past L are zero, so the micro-kernel's extra rows or
// columns compute zeros that nobody stores. scale is alpha for op(A), rounded once per value as in
// gemm_ref, and 1 for op(B) (except in the transposed product, see gemm).
void pack_sliver(bool lanes_contiguous, int L, int K, Operand X, Scalar scale, int l0, int pc, int kc, int lanes,
                 int stride, Scalar* dst) {
  const int valid = std::min(lanes, L - l0);
  if (X.patches != nullptr) {
    return pack_patch_sliver(lanes_contiguous, *X.patches, scale, l0, pc, kc, lanes, valid, stride, dst);
  }
  if (X.channel_major != nullptr) {
    return pack_channel_major_sliver(lanes_contiguous, *X.channel_major, scale, l0, pc, kc, lanes, valid, stride,
                                     dst);
  }
  if (valid == lanes && scale == 1.0f) {  // whole slivers are transposes (1 * x == x needs no multiply)
    detail::transpose_to_k_major(X.dense + static_cast<int64_t>(l0) * K + pc, K, lanes, kc, dst, stride);
    return;
  }
  // Value by value: the last sliver of a ragged L, or a scale != 1.
  for (int k = 0; k < kc; ++k) {
    Scalar* out = dst + k * stride;
    for (int l = 0; l < valid; ++l) out[l] = scale * X.dense[(l0 + l) * int64_t{K} + pc + k];
    std::fill(out + valid, out + lanes, 0.0f);
  }
}

// pack_sliver for every sliver of a block, lanes [l0, l0 + count) in slivers of `lanes` lanes, each
// sliver_pitch(stride, kc) floats after the last, a run of slivers for each thread of the team
// that runs it (without a barrier). A dense X stored (K, L) goes row by row: each k reads one run
// of X's row and deals it out to the thread's slivers. Sliver by sliver, each k-block read kc
// pieces of a row 128 bytes long, rows 2 KiB or more apart, which the prefetcher followed poorly:
// with B 784 x 512, packing took a fifth of the product's time on Zen 4, and a tenth row by row.
// Each thread keeps a run of whole slivers, those under its own tiles, rather than a run of rows
// of every sliver: on 2 threads, 64x784x512 ran at 191 GFLOP/s against 169.
template <int lanes>
void pack_block(bool lanes_contiguous, int L, int K, Operand X, Scalar scale, int l0, int count, int pc, int kc,
                int stride, Scalar* dst) {
  const int64_t pitch = sliver_pitch(stride, kc);
  const TeamShare mine = team_share(ceil_div(count, lanes));
  if (!lanes_contiguous || X.dense == nullptr) {
    for (int s = mine.begin; s < mine.end; ++s) {
      pack_sliver(lanes_contiguous, L, K, X, scale, l0 + s * lanes, pc, kc, lanes, stride, dst + s * pitch);
    }
    return;
  }
  // Slivers [mine.begin, copied) hold X's own values (scale 1) and lie wholly inside L: fixed-size
  // copies, inline moves with no call, and no test per sliver (a test per sliver had cost 1-2 % of
  // 64x784x512 with AVX2). The rest, a last sliver past L or a scale != 1, go value by value.
  const int copied = scale == 1.0f ? std::clamp((L - l0) / lanes, mine.begin, mine.end) : mine.begin;
  for (int k = 0; k < kc; ++k) {
    const Scalar* src = X.dense + static_cast<int64_t>(pc + k) * L + l0;
    Scalar* out = dst + int64_t{k} * stride;
    for (int s = mine.begin; s < copied; ++s) std::memcpy(out + s * pitch, src + s * lanes, sizeof(Scalar) * lanes);
    for (int s = copied; s < mine.end; ++s) {
      const int valid = std::min(lanes, L - l0 - s * lanes);
      for (int l = 0; l < valid; ++l) out[s * pitch + l] = scale * src[s * lanes + l];
      std::fill(out + s * pitch + valid, out + s * pitch + lanes, 0.0f);
    }
  }
}

// microkernel<kCols, ASliver, rows> for a number of rows (1 to kMR) known only at run time: one
// instantiation for each, chosen by a fold over kRowCounts = 0, ..., kMR - 1.
template <int kCols, class ASliver, int... kRowCounts>
void microkernel_rows(std::integer_sequence<int, kRowCounts...>, int rows, int kc, const ASliver& a,
                      const Scalar* b, Scalar beta, const Scalar* from, int64_t ld_from, Scalar* c, int64_t ldc) {
  ((rows == kRowCounts + 1 ? microkernel<kCols, ASliver, kRowCounts + 1>(kc, a, b, beta, from, ld_from, c, ldc)
                           : void()),
   ...);
}

// A micro-tile at the edge of C, with fewer than kMR rows or kNR columns. Only the rows that exist
// are computed: M = 64 in slivers of the AVX2 kernel's 6 rows ends in one of 4, and a C^T of a
// single row has one. Fewer than kNR columns go through a full-width copy of the tile, so the
// padded lanes never touch C, and at most kNR / 2 of them run the half-width kernel.
template <class ASliver>
void edge_tile(int rows, int cols, int kc, const ASliver& a, const Scalar* b, Scalar beta, const Scalar* from,
               int64_t ld_from, Scalar* C, int64_t ldc) {
  constexpr auto kRowCounts = std::make_integer_sequence<int, kMR>();
  if (cols == kNR) return microkernel_rows<kNR>(kRowCounts, rows, kc, a, b, beta, from, ld_from, C, ldc);
  alignas(64) Scalar tile[kMR * kNR] = {};
  if (beta != 0.0f) {
    for (int i = 0; i < rows; ++i) std::copy(from + i * ld_from, from + i * ld_from + cols, tile + i * kNR);
  }
  if (cols <= kNR / 2) {
    microkernel_rows<kNR / 2>(kRowCounts, rows, kc, a, b, beta, tile, kNR, tile, kNR);
  } else {
    microkernel_rows<kNR>(kRowCounts, rows, kc, a, b, beta, tile, kNR, tile, kNR);
  }
  for (int i = 0; i < rows; ++i) std::copy(tile + i * kNR, tile + i * kNR + cols, C + i * ldc);
}

// Where the rows of C start in a k-block: the rows of C themselves, or, in the first k-block of a
// product with a row_start, that one row for every row (ld = 0).
struct RowsFrom {
  const Scalar* row;  // column 0 of the tile's first row
  int64_t ld;
};

// One sliver of kMR rows of C against the columns [j_begin, j_end), over one k-block: the
// micro-kernel for whole micro-tiles, edge_tile for the rest.
template <class ASliver>
void row_sliver(int rows, int j_begin, int j_end, int N, int jc, int kc, const ASliver& a, const Scalar* b_packed,
                Scalar beta, RowsFrom from, Scalar* C_row) {
  for (int jr = j_begin; jr < j_end; jr += kNR) {
    const Scalar* b = b_packed + int64_t{(jr - jc) / kNR} * sliver_pitch(kNR, kc);
    const int cols = std::min(kNR, N - jr);
    if (rows == kMR && cols == kNR) {
      microkernel<kNR>(kc, a, b, beta, from.row + jr, from.ld, C_row + jr, N);
    } else {
      edge_tile(rows, cols, kc, a, b, beta, from.row + jr, from.ld, C_row + jr, N);
    }
  }
}

// dst (cols, rows) = src (rows, cols)^T, both row-major: C into C^T and back, for the transposed
// plans. Bands of 64 rows (transpose_rows), in parallel from the size at which an element-wise pass
// goes parallel (elementwise.h): a value moved costs more than a multiply-add, so
// kMinParallelWork's threshold had left the MLP's (64, 1024) C serial.
void transpose_matrix(int rows, int cols, const Scalar* src, Scalar* dst) {
  constexpr int kBandRows = 64;
  const int bands = ceil_div(rows, kBandRows);
#pragma omp parallel for schedule(static) if (int64_t{rows} * cols >= kParallelMinChunks * kChunkElements)
  for (int band = 0; band < bands; ++band) {
    detail::transpose_rows(rows, cols, band * kBandRows, std::min(rows, (band + 1) * kBandRows), src, dst);
  }
}

// C = beta * C, the whole product when K == 0 (no k, so no fused multiply-add either).
void scale(int M, int N, Scalar beta, Scalar* C) {
  for (int64_t i = 0; i < static_cast<int64_t>(M) * N; ++i) C[i] = start(beta, C[i]);
}

// The plan for C (M, N) itself; gemm_plan may choose to compute C^T instead.
GemmPlan plan_tiles(int M, int N, int K) {
  GemmPlan plan{};
  plan.kernel_rows = kMR;
  plan.kernel_cols = kNR;
  // Equal blocks rather than full ones and a remainder: K = 784 runs as 4 x 196, not 3 x 256 + 16,
  // which would load and store C for only 16 multiply-adds.
  plan.block_depth = std::max(1, ceil_div(K, std::max(1, ceil_div(K, kKC))));
  auto items = [&](int rows, int cols) { return ceil_div(M, rows) * ceil_div(N, cols); };
  if (static_cast<int64_t>(M) * N * K < kMinParallelWork) {
    plan.tile_rows = round_up(std::max(M, 1), kMR);
    plan.tile_cols = round_up(std::max(N, 1), kNR);
  } else {
    // From one micro-tile, double the tile's width and height in turn while C keeps enough tiles.
    plan.tile_rows = kMR;
    plan.tile_cols = kNR;
    for (bool grew = true; grew;) {
      grew = false;
      if (plan.tile_cols < N && plan.tile_cols * 2 <= kTileColsMax &&
          items(plan.tile_rows, plan.tile_cols * 2) >= kWantedItems) {
        plan.tile_cols *= 2;
        grew = true;
      }
      if (plan.tile_rows < M && plan.tile_rows * 2 <= kMC &&
          items(plan.tile_rows * 2, plan.tile_cols) >= kWantedItems) {
        plan.tile_rows *= 2;
        grew = true;
      }
    }
    // Then as many tiles, of near-equal size: 3136 columns as 7 tiles of 448, not 6 of 512 and
    // one of 64. The static split hands each thread a run of tiles, and with 2 threads one had
    // waited through a quarter of D's second convolution for the other.
    plan.tile_cols = round_up(ceil_div(N, ceil_div(N, plan.tile_cols)), kNR);
    plan.tile_rows = round_up(ceil_div(M, ceil_div(M, plan.tile_rows)), kMR);
  }
  plan.block_cols = std::min(round_up(std::max(N, 1), plan.tile_cols),
                             std::max(1, kNC / plan.tile_cols) * plan.tile_cols);
  plan.work_items = items(plan.tile_rows, plan.tile_cols);
  return plan;
}

}  // namespace

bool gemm_kernel_reads_in_place() { return detail::kReadsAInPlace; }

GemmPlan gemm_plan(int M, int N, int K, bool transpose_a, bool transpose_b, Operands operands) {
  const bool dense = operands == Operands::dense;  // only dense operands go through plain loops
  if (operands == Operands::patches_a) {  // read in place as it stands (see below)
    GemmPlan plan = plan_tiles(M, N, K);
    plan.a_in_place = detail::kReadsAInPlace;
    return plan;
  }
  if (dense && (K == 1 || N == 1 || (M == 1 && !transpose_b))) {  // thin_product
    GemmPlan plan{};
    plan.plain_loops = true;
    const bool parallel = int64_t{M} * N * K >= kMinParallelWork;
    plan.work_items = !parallel ? 1 : K == 1 ? M : N == 1 ? ceil_div(M, kColumnRows) : ceil_div(N, kRowColumns);
    return plan;
  }
  // A C narrower than a micro-tile wastes most of every tile on padding: (64, 1) fills 1 of 32
  // columns. Computed as C^T (N, M) it wastes less, and copying a C that thin costs nothing.
  int64_t padded = int64_t{round_up(M, kMR)} * round_up(N, kNR);
  int64_t padded_transposed = int64_t{round_up(N, kMR)} * round_up(M, kNR);
  const bool thin = N < kNR && padded_transposed < padded;
  // B stored (N, K) is op(B)^T as it stands, so C^T's micro-kernel could read its rows in place.
  const bool b_rows_in_place = detail::kReadsAInPlace && dense && transpose_b;
  // x W^T, a Linear layer's forward: op(B) = W^T, with W stored (N, K). Packing W^T transposes
  // all N K weights in every call. C^T = W x^T reads W's rows in place instead, as the
  // micro-kernel's op(A), and transposes only x (M K values) and C, in and out (2 M N): fewer
  // values whenever K is large beside M (MLP: 64 x 784 -> 512; not DCGAN's 64 x 100 -> 6272).
  const bool weights_in_place =
      b_rows_in_place && !thin && int64_t{N} * K > 2 * int64_t{M} * N + int64_t{M} * K;
  // A patch matrix as op(B) (a convolution's forward and dL/dweight): C^T = op(B)^T op(A)^T reads
  // it in place as the micro-kernel's op(A), through its offsets (PatchRowsA), instead of packing
  // all K N of its values, each gathered from the image, for every product.
  const bool patches_in_place = detail::kReadsAInPlace && operands == Operands::patches_b;
  if (thin || weights_in_place || patches_in_place) {
    GemmPlan plan = plan_tiles(N, M, K);
    plan.transposed = true;
    plan.a_in_place = patches_in_place || b_rows_in_place;
    return plan;
  }
  // A dense op(A) stored (M, K), as it stands, is read in place too: its slivers would be
  // transposes of kMR rows each, and the micro-kernel reads the same kMR rows as they lie (on Zen
  // 4, 64x6272x128 ran 11 % faster, 64x784x512 2 %).
  GemmPlan plan = plan_tiles(M, N, K);
  plan.a_in_place = detail::kReadsAInPlace && !transpose_a;
  return plan;
}

namespace {

// The five loops for one plan: C = (alpha op(A)) (scale_b op(B)) + beta C, fused in k order; or,
// given a row_start, + row_start in every row, with C not read.
void run_plan(const GemmPlan& plan, bool transpose_a, bool transpose_b, int M, int N, int K,
              Scalar alpha, Operand A, Scalar scale_b, Operand B, Scalar beta, Scalar* C,
              const Scalar* row_start = nullptr) {
  const int a_slivers = ceil_div(M, kMR);
  const int row_tiles = ceil_div(M, plan.tile_rows);
  // Read in place, op(A) needs no packing, a last sliver of fewer than kMR rows included: the
  // kernel for that many rows reads no row past them (on Zen 4 with AVX2, packing the last 4 rows
  // of 64 had cost 64x6272x128 2 %). Only as it stands, though: alpha * a is rounded once per value,
  // which only the packing does (the plans that turn to C^T give alpha to op(B); a patch matrix as
  // op(A) may come with alpha != 1).
  const bool a_in_place = plan.a_in_place && alpha == 1.0f;
  // Shared by all threads: op(A)'s M rows and op(B)'s nc columns of one block, in two halves when
  // there is more than one block. Block b is packed into half b % 2, so a thread that has finished
  // its tiles of block b can pack block b + 1 without waiting for the others: what it overwrites was
  // read in block b - 1, and every thread finished that before the barrier that started block b.
  // One barrier per block instead of two; on a shared machine each one waits for the slowest core.
  const int64_t a_half = a_in_place ? 0 : a_slivers * sliver_pitch(kAStride, plan.block_depth);
  const int64_t b_half = int64_t{ceil_div(std::min(N, plan.block_cols), kNR)} * sliver_pitch(kNR, plan.block_depth);
  const bool parallel = plan.work_items > 1 && num_threads() > 1;
  const int halves = parallel && (K > plan.block_depth || N > plan.block_cols) ? 2 : 1;
  Scratch a_packed = packing_scratch(halves * a_half);
  Scratch b_packed = packing_scratch(halves * b_half);

  // Run by every thread of the team, or by the calling thread alone for a single work item or a
  // single thread (which then skips the cost of starting a parallel region: as long as a small
  // product takes, and 0.5-2.5 % of the MLP's larger ones). The packing's team_share and the tiles'
  // `omp for` share the work among whichever threads run this; the split is the plan's either way.
  auto loops = [&] {
    int block = 0;
    for (int jc = 0; jc < N; jc += plan.block_cols) {
      const int nc = std::min(plan.block_cols, N - jc);
      const int col_tiles = ceil_div(nc, plan.tile_cols);
      for (int pc = 0; pc < K; pc += plan.block_depth, ++block) {
        const int kc = std::min(plan.block_depth, K - pc);
        Scalar* a_block = a_packed.get() + block % halves * a_half;
        Scalar* b_block = b_packed.get() + block % halves * b_half;
        // Only the first k-block applies beta (or starts at row_start); later ones continue from
        // the C it stored.
        const bool from_row_start = pc == 0 && row_start != nullptr;
        const Scalar block_beta = pc == 0 && !from_row_start ? beta : 1.0f;
        pack_block<kNR>(!transpose_b, N, K, B, scale_b, jc, nc, pc, kc, kNR, b_block);
        if (!a_in_place) pack_block<kMR>(transpose_a, M, K, A, alpha, 0, M, pc, kc, kAStride, a_block);
        // Every sliver is packed before any tile reads it.
#pragma omp barrier
        // A static split: a thread gets the same tiles in every k-block, so the tiles of C it
        // carries on from stay in its own cache (and no other thread touches them: the next block
        // needs no barrier for C either), and the slivers of B under its tiles are mostly those it
        // packed itself (the same kind of split over the same order). Taken from a dynamic queue,
        // tiles and slivers moved between cores in every k-block: on an Intel Xeon, 2 threads ran
        // 64x784x512 at 1.0x their speed on one, against 1.6x with this split.
#pragma omp for schedule(static) nowait
        for (int item = 0; item < row_tiles * col_tiles; ++item) {
          const int i_begin = item % row_tiles * plan.tile_rows;
          const int i_end = std::min(M, i_begin + plan.tile_rows);
          const int j_begin = jc + item / row_tiles * plan.tile_cols;
          const int j_end = std::min(jc + nc, j_begin + plan.tile_cols);
          for (int ir = i_begin; ir < i_end; ir += kMR) {
            const int rows = std::min(kMR, M - ir);
            Scalar* C_row = C + static_cast<int64_t>(ir) * N;
            const RowsFrom from = from_row_start ? RowsFrom{row_start, 0} : RowsFrom{C_row, N};
            if (a_in_place && A.patches != nullptr) {
              row_sliver(rows, j_begin, j_end, N, jc, kc, patch_rows(transpose_a, *A.patches, ir, rows, pc), b_block,
                         block_beta, from, C_row);
            } else if (a_in_place) {
              row_sliver(rows, j_begin, j_end, N, jc, kc, RowsInPlaceA{A.dense + static_cast<int64_t>(ir) * K + pc, K},
                         b_block, block_beta, from, C_row);
            } else {
              const Scalar* a = a_block + ir / kMR * sliver_pitch(kAStride, kc);
              row_sliver(rows, j_begin, j_end, N, jc, kc, PackedA{a}, b_block, block_beta, from, C_row);
            }
          }
        }
      }
    }
  };
  if (parallel) {
#pragma omp parallel
    loops();
  } else {
    loops();
  }
}

// The plan's plain_loops: three thin products need neither packing nor a register tile, as
// nothing in them is reused: a single k, the outer product alpha a b^T (the dx of a Linear layer
// with one output); a single column of C, alpha op(A) b (that layer's forward, x w^T); and a
// single row of C whose op(B) is stored k-major, alpha a^T B (its dW). Each element still gets its
// fused multiply-adds in k order. The loops run along C's rows or columns, vectorised: by the
// compiler for the outer product, by row_kernel for the row (its elements stay in registers over
// all of k) and by column_kernel for the column (it transposes A in registers when A is stored
// (M, K)). The chunks are fixed: a row, kColumnRows rows or kRowColumns columns.
void thin_product(const GemmPlan& plan, bool transpose_a, int M, int N, int K, Scalar alpha, const Scalar* A,
                  const Scalar* B, Scalar beta, Scalar* C) {
  // chunk(c) computes chunk c of `chunks`; a single work item, or a single thread, runs them on
  // the calling thread alone, without the cost of starting a parallel region.
  auto run = [&](int chunks, const auto& chunk) {
    if (plan.work_items == 1 || num_threads() == 1) {
      for (int c = 0; c < chunks; ++c) chunk(c);
    } else {
#pragma omp parallel for schedule(static)
      for (int c = 0; c < chunks; ++c) chunk(c);
    }
  };
  if (K == 1) {  // A and B are vectors, whichever way they are stored; a chunk is a row of C
    run(M, [&](int i) {
      const Scalar a = alpha * A[i];
      Scalar* c = C + int64_t{i} * N;
#pragma omp simd
      for (int j = 0; j < N; ++j) c[j] = std::fma(a, B[j], start(beta, c[j]));
    });
    return;
  }
  if (N == 1) {  // b is a vector, whichever way B is stored; a chunk is kColumnRows elements of C
    run(ceil_div(M, kColumnRows), [&](int chunk) {
      const int i0 = chunk * kColumnRows, i1 = std::min(M, i0 + kColumnRows);
      if (!transpose_a && i1 - i0 == kColumnRows) {
        return column_kernel(K, alpha, A + int64_t{i0} * K, K, B, beta, C + i0);
      }
      for (int i = i0; i < i1; ++i) C[i] = start(beta, C[i]);
      for (int k = 0; k < K; ++k) {  // A stored (K, M): row k of A holds op(A)'s column k
        for (int i = i0; i < i1; ++i) {
          const Scalar a = transpose_a ? A[int64_t{k} * M + i] : A[int64_t{i} * K + k];
          C[i] = std::fma(alpha * a, B[k], C[i]);
        }
      }
    });
    return;
  }
  // M == 1: a is a vector, and row k of B is B + k N; a chunk is kRowColumns elements of C
  run(ceil_div(N, kRowColumns), [&](int chunk) {
    const int j0 = chunk * kRowColumns, j1 = std::min(N, j0 + kRowColumns);
    if (j1 - j0 == kRowColumns) return row_kernel(K, alpha, A, B + j0, N, beta, C + j0);
    for (int j = j0; j < j1; ++j) C[j] = start(beta, C[j]);
    for (int k = 0; k < K; ++k) {
      const Scalar a = alpha * A[k];
      for (int j = j0; j < j1; ++j) C[j] = std::fma(a, B[int64_t{k} * N + j], C[j]);
    }
  });
}

// C = alpha op(A) op(B) + beta C for operands of any kind, or + row_start in every row of C when
// given (only by gemm_patches_left, whose plans are never plain loops or transposed).
void gemm_operands(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, Operand A, Operand B,
                   Scalar beta, Scalar* C, const Scalar* row_start = nullptr) {
  if (M == 0 || N == 0) return;
  if (K == 0 && row_start != nullptr) {
    for (int i = 0; i < M; ++i) std::copy(row_start, row_start + N, C + int64_t{i} * N);
    return;
  }
  if (K == 0) return scale(M, N, beta, C);
  const GemmPlan plan = gemm_plan(M, N, K, transpose_a, transpose_b,
                                  A.patches != nullptr         ? Operands::patches_a
                                  : B.patches != nullptr       ? Operands::patches_b
                                  : B.channel_major != nullptr ? Operands::channel_major_b
                                                               : Operands::dense);
  if (plan.plain_loops) return thin_product(plan, transpose_a, M, N, K, alpha, A.dense, B.dense, beta, C);
  if (!plan.transposed) {
    return run_plan(plan, transpose_a, transpose_b, M, N, K, alpha, A, 1.0f, B, beta, C, row_start);
  }
  // C^T = op(B)^T op(A)^T: op(B)^T is B read with the opposite flag, and op(A)^T likewise. Each
  // element still sees fma(alpha * a, b, c) in k order (fma's two factors commute exactly); alpha
  // goes with op(A), now the right-hand operand. A C (M, 1) is its own transpose in memory.
  Scratch transposed = N == 1 ? Scratch() : packing_scratch(int64_t{M} * N);
  Scalar* C_t = N == 1 ? C : transposed.get();
  if (N > 1 && beta != 0.0f) transpose_matrix(M, N, C, C_t);
  run_plan(plan, !transpose_b, !transpose_a, N, M, K, 1.0f, B, alpha, A, beta, C_t);
  if (N > 1) transpose_matrix(N, M, C_t, C);
}

// The shape check of an operand that is not a plain matrix (`what`: a patch matrix, whose shape is
// (rows, columns), or a channel-major view, (C, N*P)): it must be stored as the operand it stands
// for, (rows, columns) or, transposed, (columns, rows).
void check_operand(const char* function, const char* operand, const char* what, int64_t stored_rows,
                   int64_t stored_columns, bool transposed, int rows, int columns) {
  if (stored_rows != (transposed ? columns : rows) || stored_columns != (transposed ? rows : columns)) {
    throw std::invalid_argument(std::string(function) + ": " + what + " is (" + std::to_string(stored_rows) + ", " +
                                std::to_string(stored_columns) + "), expected " + operand + " stored as (" +
                                std::to_string(transposed ? columns : rows) + ", " +
                                std::to_string(transposed ? rows : columns) + ")");
  }
}
void check_operand(const char* function, const char* operand, const Patches& patches, bool transposed, int rows,
                   int columns) {
  const ConvGeometry& g = patches.geometry();
  check_operand(function, operand, "the patch matrix", g.rows(), g.columns(), transposed, rows, columns);
}
void check_operand(const char* function, const char* operand, const ChannelMajor& view, bool transposed, int rows,
                   int columns) {
  check_operand(function, operand, "the channel-major view", view.C, view.columns(), transposed, rows, columns);
}

}  // namespace

void gemm(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
          const Scalar* B, Scalar beta, Scalar* C) {
  gemm_operands(transpose_a, transpose_b, M, N, K, alpha, Operand{A}, Operand{B}, beta, C);
}

void gemm(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
          const ChannelMajor& B, Scalar beta, Scalar* C) {
  check_operand("gemm", "B", B, transpose_b, K, N);
  gemm_operands(transpose_a, transpose_b, M, N, K, alpha, Operand{A}, Operand{nullptr, nullptr, &B}, beta, C);
}

void gemm_patches(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
                  const Patches& patches, Scalar beta, Scalar* C) {
  check_operand("gemm_patches", "B", patches, transpose_b, K, N);
  gemm_operands(transpose_a, transpose_b, M, N, K, alpha, Operand{A}, Operand{nullptr, &patches}, beta, C);
}

void gemm_patches(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const ChannelMajor& A,
                  const Patches& patches, Scalar beta, Scalar* C) {
  check_operand("gemm_patches", "A", A, transpose_a, M, K);
  check_operand("gemm_patches", "B", patches, transpose_b, K, N);
  gemm_operands(transpose_a, transpose_b, M, N, K, alpha, Operand{nullptr, nullptr, &A}, Operand{nullptr, &patches},
                beta, C);
}

void gemm_patches_left(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha,
                       const Patches& patches, const Scalar* B, Scalar beta, Scalar* C, const Scalar* row_start) {
  check_operand("gemm_patches_left", "A", patches, transpose_a, M, K);
  if (row_start != nullptr && beta != 0.0f) {
    throw std::invalid_argument("gemm_patches_left: a row_start takes the place of beta * C, so beta must be 0, got " +
                                std::to_string(beta));
  }
  gemm_operands(transpose_a, transpose_b, M, N, K, alpha, Operand{nullptr, &patches}, Operand{B}, beta, C,
                row_start);
}

void gemm_ref(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
              const Scalar* B, Scalar beta, Scalar* C) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      Scalar& c_out = C[static_cast<int64_t>(i) * N + j];
      Scalar c = start(beta, c_out);
      for (int k = 0; k < K; ++k) {
        Scalar a = transpose_a ? A[static_cast<int64_t>(k) * M + i] : A[static_cast<int64_t>(i) * K + k];
        Scalar b = transpose_b ? B[static_cast<int64_t>(j) * K + k] : B[static_cast<int64_t>(k) * N + j];
        c = std::fma(alpha * a, b, c);
      }
      c_out = c;
    }
  }
}

}  // namespace gan::kernels
