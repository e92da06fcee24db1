// The GEMM micro-kernel: the innermost loop of gemm.cpp, the only code that runs at full speed.
// It updates one kRows x kCols tile of C held in registers over kc values of k, where kCols is kNR,
// or kNR / 2 for the last columns of a C whose width leaves at most half a sliver there (a Linear
// with 100 or 784 outputs): half the multiply-adds, on the first half of the same packed sliver.
// kRows is kMR, or fewer in the last sliver of a C whose rows are not a multiple of kMR (M = 64
// with the AVX2 kernel's 6 rows; a C^T of a single row). It reads only those kRows rows of a, so a
// last sliver of A is read in place as safely as a whole one.
//
//   c[i][j] = start(f[i][j]);  for k in 0..kc-1:  c[i][j] = fma(a[k][i], b[k][j], c[i][j]),  i < kRows, j < kCols
//
// where a is the sliver of alpha * op(A), read through one of the three ASliver types below: packed
// (PackedA), kRows rows of a row-major op(A) where they lie (RowsInPlaceA), or kRows rows of a
// patch matrix read from the image (PatchRowsA); b a packed sliver of op(B)
// (kc x kNR, k-major, 64-byte aligned) and start is the beta rule of gemm.h, applied in the first
// k-block only: 0 when beta == 0 (nothing is read: C may hold NaN), f when beta == 1, beta * f
// otherwise, where f[i][j] = from[i * ld_from + j] is the tile of C itself (from = c, ld_from =
// ldc), or a row that every row of the tile starts at (ld_from = 0: a bias, gemm_patches_left's
// row_start). Later k-blocks pass beta = 1 and C, so they carry on from what the last block stored.
//
// Each element of C thus sees exactly the fused multiply-adds of gemm_ref, in the same order; the
// kernels differ only in how many elements they update at once, which never changes a bit.
// One of three is compiled in, picked by the instruction set (CMake's GAN_MARCH):
//   AVX-512  8 x 32:  16 of the 32 zmm registers hold C, 2 hold a row of b, the rest broadcasts
//   AVX2     6 x 16:  12 of the 16 ymm registers hold C, 2 hold b, 1 a broadcast of a
//   portable 8 x 16:  plain arrays and std::fma, which the compiler vectorises where it can
// The first two are float intrinsics; the double build (tensor/scalar.h) compiles the portable one.
// Each is kept out of line (noinline): inlined into gemm.cpp's loops, the PatchRowsA kernel had too
// few general registers left for its 8 row pointers and reloaded 5 of them from the stack every k.
//
// Beside it, the register code of the rest of gemm.cpp: row_kernel and column_kernel, for the thin
// products that need no tile (a single row or column of C), and transpose_to_k_major, for the
// packing and (through transpose_rows) for C^T and conv2d's output.
#pragma once

#include <cmath>
#include <cstdint>

#include "gan/tensor/scalar.h"

#if !defined(GAN_GEMM_PORTABLE) && (defined(__AVX512F__) || defined(__AVX2__))
#include <immintrin.h>
#endif

namespace gan::kernels::detail {

// What an element of C holds before its first fused multiply-add: the beta rule of gemm.h (the
// vector kernels below apply the same rule to whole registers).
inline Scalar start(Scalar beta, Scalar c) { return beta == 0.0f ? 0.0f : beta * c; }

#if !defined(GAN_GEMM_PORTABLE) && defined(__AVX512F__)

constexpr int kMR = 8;
constexpr int kNR = 32;
constexpr int kAStride = 8;
constexpr bool kReadsAInPlace = true;

// Zen 4 issues one 512-bit FMA per cycle with a latency of 4, so 16 independent accumulators keep
// it busy; each row of b (2 loads) serves 8 broadcasts of a. On Zen 4, 8 rows ran faster than 6,
// 12 or 14 (about 100 against 86-95 GFLOP/s on 1024^3), and 8 divides the batch of 64 exactly, so
// a (64, 256) C still splits into 64 tiles.
template <int kCols, class ASliver, int kRows = kMR>
[[gnu::noinline]] void microkernel(int kc, ASliver a, const Scalar* b, Scalar beta, const Scalar* from, int64_t ld_from,
                                   Scalar* c, int64_t ldc) {
  constexpr int kVectors = kCols / 16;
  __m512 acc[kRows][kVectors];
#pragma GCC unroll 16
  for (int i = 0; i < kRows; ++i) {
    for (int v = 0; v < kVectors; ++v) {
      acc[i][v] = beta == 0.0f ? _mm512_setzero_ps() : _mm512_loadu_ps(from + i * ld_from + 16 * v);
      if (beta != 0.0f && beta != 1.0f) acc[i][v] = _mm512_mul_ps(_mm512_set1_ps(beta), acc[i][v]);
    }
  }
  for (int k = 0; k < kc; ++k) {
    __m512 bv[kVectors];
    for (int v = 0; v < kVectors; ++v) bv[v] = _mm512_load_ps(b + 16 * v);
#pragma GCC unroll 16
    for (int i = 0; i < kRows; ++i) {
      __m512 ai = _mm512_set1_ps(*a.at(i));
      for (int v = 0; v < kVectors; ++v) acc[i][v] = _mm512_fmadd_ps(ai, bv[v], acc[i][v]);
    }
    a.next();
    b += kNR;
  }
#pragma GCC unroll 16
  for (int i = 0; i < kRows; ++i) {
    for (int v = 0; v < kVectors; ++v) _mm512_storeu_ps(c + i * ldc + 16 * v, acc[i][v]);
  }
}

#elif !defined(GAN_GEMM_PORTABLE) && defined(__AVX2__) && defined(__FMA__)

constexpr int kMR = 6;
constexpr int kNR = 16;
constexpr int kAStride = 8;  // see transpose_to_k_major
constexpr bool kReadsAInPlace = true;

// Haswell and later issue two 256-bit FMAs per cycle with a latency of 4 or 5: 8 to 10 must be in
// flight, and 12 accumulators are the most that 16 registers allow beside b and a broadcast.
template <int kCols, class ASliver, int kRows = kMR>
[[gnu::noinline]] void microkernel(int kc, ASliver a, const Scalar* b, Scalar beta, const Scalar* from, int64_t ld_from,
                                   Scalar* c, int64_t ldc) {
  constexpr int kVectors = kCols / 8;
  __m256 acc[kRows][kVectors];
#pragma GCC unroll 16
  for (int i = 0; i < kRows; ++i) {
    for (int v = 0; v < kVectors; ++v) {
      acc[i][v] = beta == 0.0f ? _mm256_setzero_ps() : _mm256_loadu_ps(from + i * ld_from + 8 * v);
      if (beta != 0.0f && beta != 1.0f) acc[i][v] = _mm256_mul_ps(_mm256_set1_ps(beta), acc[i][v]);
    }
  }
  for (int k = 0; k < kc; ++k) {
    __m256 bv[kVectors];
    for (int v = 0; v < kVectors; ++v) bv[v] = _mm256_load_ps(b + 8 * v);
#pragma GCC unroll 16
    for (int i = 0; i < kRows; ++i) {
      __m256 ai = _mm256_broadcast_ss(a.at(i));
      for (int v = 0; v < kVectors; ++v) acc[i][v] = _mm256_fmadd_ps(ai, bv[v], acc[i][v]);
    }
    a.next();
    b += kNR;
  }
#pragma GCC unroll 16
  for (int i = 0; i < kRows; ++i) {
    for (int v = 0; v < kVectors; ++v) _mm256_storeu_ps(c + i * ldc + 8 * v, acc[i][v]);
  }
}

#else

constexpr int kMR = 8;
constexpr int kNR = 16;
constexpr int kAStride = 8;
// Never given op(A) in place (gemm_plan packs it instead). GCC 12 vectorises this kernel's loop over
// k with loads of three rows at a time, whose last group runs one row past the kMR rows it uses:
// harmless inside a packed sliver, a fault when the rows are a matrix's last and the matrix ends on
// a page boundary (the double build's model tests crashed so in a worker thread whose stack guard
// page followed the weights).
constexpr bool kReadsAInPlace = false;

// No intrinsics: the tile lives in a local array, which the compiler keeps in vector registers when
// the target has them. std::fma rounds once on every machine (in software where there is no FMA
// instruction), so this kernel gives the same bits as the two above.
template <int kCols, class ASliver, int kRows = kMR>
[[gnu::noinline]] void microkernel(int kc, ASliver a, const Scalar* b, Scalar beta, const Scalar* from, int64_t ld_from,
                                   Scalar* c, int64_t ldc) {
  Scalar acc[kRows][kCols];
  for (int i = 0; i < kRows; ++i) {
    for (int j = 0; j < kCols; ++j) acc[i][j] = start(beta, from[i * ld_from + j]);
  }
  for (int k = 0; k < kc; ++k) {
    for (int i = 0; i < kRows; ++i) {
      const Scalar a_ik = *a.at(i);
      for (int j = 0; j < kCols; ++j) acc[i][j] = std::fma(a_ik, b[j], acc[i][j]);
    }
    a.next();
    b += kNR;
  }
  for (int i = 0; i < kRows; ++i) {
    for (int j = 0; j < kCols; ++j) c[i * ldc + j] = acc[i][j];
  }
}

#endif

// The three ways a micro-kernel above reads its sliver of op(A), its template argument ASliver:
// at(i) points at a[i][k], row i < kRows at the current k, and next() moves on to k + 1.
//   PackedA       a sliver packed k-major, kAStride floats a k (8 for every kernel, so that the
//                 packing can store whole vectors);
//   RowsInPlaceA  rows of a row-major op(A), lda apart, read where they lie (x W^T's W);
//   PatchRowsA    rows of a patch matrix (im2col.h), read from the image: row i starts at rows[i]
//                 (its part of each offset, looked up once per sliver) and k adds offsets[k] (the
//                 other part), so the patch matrix is never copied (docs/gemm.md, section 6).
struct PackedA {
  const Scalar* a;
  const Scalar* at(int i) const { return a + i; }
  void next() { a += kAStride; }
};
struct RowsInPlaceA {
  const Scalar* a;
  int64_t lda;
  const Scalar* at(int i) const { return a + i * lda; }
  void next() { ++a; }
};
struct PatchRowsA {
  const Scalar* rows[kMR];
  const int64_t* offsets;
  const Scalar* at(int i) const { return rows[i] + *offsets; }
  void next() { ++offsets; }
};

// A piece of a single row of C: kRowColumns elements of c = alpha a^T B + beta c, where a is a
// vector of K values and B's rows lie ldb apart (a Linear layer's dW when it has one output). The
// elements stay in registers over all of k, four or eight independent chains of fused multiply-adds
// (written as a plain loop over an array, the compiler would keep them in memory and store them
// after every k).
constexpr int kRowColumns = 64;

inline void row_kernel(int K, Scalar alpha, const Scalar* a, const Scalar* B, int64_t ldb, Scalar beta,
                       Scalar* c) {
#if !defined(GAN_GEMM_PORTABLE) && defined(__AVX512F__)
  constexpr int kVectors = kRowColumns / 16;
  __m512 acc[kVectors];
  for (int v = 0; v < kVectors; ++v) {
    acc[v] = beta == 0.0f ? _mm512_setzero_ps() : _mm512_mul_ps(_mm512_set1_ps(beta), _mm512_loadu_ps(c + 16 * v));
  }
  for (int k = 0; k < K; ++k) {
    const __m512 a_k = _mm512_set1_ps(alpha * a[k]);
    for (int v = 0; v < kVectors; ++v) acc[v] = _mm512_fmadd_ps(a_k, _mm512_loadu_ps(B + k * ldb + 16 * v), acc[v]);
  }
  for (int v = 0; v < kVectors; ++v) _mm512_storeu_ps(c + 16 * v, acc[v]);
#elif !defined(GAN_GEMM_PORTABLE) && defined(__AVX2__) && defined(__FMA__)
  constexpr int kVectors = kRowColumns / 8;
  __m256 acc[kVectors];
  for (int v = 0; v < kVectors; ++v) {
    acc[v] = beta == 0.0f ? _mm256_setzero_ps() : _mm256_mul_ps(_mm256_set1_ps(beta), _mm256_loadu_ps(c + 8 * v));
  }
  for (int k = 0; k < K; ++k) {
    const __m256 a_k = _mm256_set1_ps(alpha * a[k]);
    for (int v = 0; v < kVectors; ++v) acc[v] = _mm256_fmadd_ps(a_k, _mm256_loadu_ps(B + k * ldb + 8 * v), acc[v]);
  }
  for (int v = 0; v < kVectors; ++v) _mm256_storeu_ps(c + 8 * v, acc[v]);
#else
  for (int j = 0; j < kRowColumns; ++j) c[j] = start(beta, c[j]);
  for (int k = 0; k < K; ++k) {
    for (int j = 0; j < kRowColumns; ++j) c[j] = std::fma(alpha * a[k], B[k * ldb + j], c[j]);
  }
#endif
}

// A column of C: kColumnRows elements of C = alpha A b + beta C, where A's rows are stored
// row-major, ld apart, and b is a vector of K values (y = x w^T for a Linear layer with one output).
// Each element's sum runs k after k, so the vector lanes must run across A's rows, not along them
// as in a dot product, and A must be transposed on the way in. With AVX2, 4 k-values of 8 rows at
// a time: the low half of a register takes 4 values of row r, the high half those of row r + 4
// (a load and an insert, no shuffle), and two rounds of in-lane shuffles give 4 registers that each
// hold one k of all 8 rows. Two such groups of 8 rows run side by side, so that the second group's
// fused multiply-adds fill the latency of the first's.
constexpr int kColumnRows = 16;

inline void column_kernel(int K, Scalar alpha, const Scalar* A, int64_t ld, const Scalar* b, Scalar beta,
                          Scalar* C) {
  int k0 = 0;
#if !defined(GAN_GEMM_PORTABLE) && defined(__AVX2__) && defined(__FMA__)
  constexpr int kGroups = kColumnRows / 8;
  __m256 c[kGroups];
  for (int g = 0; g < kGroups; ++g) {
    c[g] = beta == 0.0f ? _mm256_setzero_ps() : _mm256_mul_ps(_mm256_set1_ps(beta), _mm256_loadu_ps(C + 8 * g));
  }
  const __m256 alphas = _mm256_set1_ps(alpha);
  for (; k0 + 4 <= K; k0 += 4) {
    __m256 b_k[4];
    for (int e = 0; e < 4; ++e) b_k[e] = _mm256_broadcast_ss(b + k0 + e);
    for (int g = 0; g < kGroups; ++g) {
      const Scalar* a = A + 8 * g * ld + k0;
      __m256 x[4], y[4];
      for (int r = 0; r < 4; ++r) {  // lanes 0-3: row r, k0..k0+3; lanes 4-7: row r + 4
        const __m128 row_r = _mm_loadu_ps(a + r * ld), row_r_plus_4 = _mm_loadu_ps(a + (r + 4) * ld);
        x[r] = _mm256_insertf128_ps(_mm256_castps128_ps256(row_r), row_r_plus_4, 1);
      }
      y[0] = _mm256_unpacklo_ps(x[0], x[1]);  // rows 0 1 0 1 at k0, k0, k0 + 1, k0 + 1 (each half)
      y[1] = _mm256_unpackhi_ps(x[0], x[1]);  // the same at k0 + 2, k0 + 3
      y[2] = _mm256_unpacklo_ps(x[2], x[3]);  // rows 2 3 ...
      y[3] = _mm256_unpackhi_ps(x[2], x[3]);
      x[0] = _mm256_shuffle_ps(y[0], y[2], 0x44);  // rows 0 1 2 3 (| 4 5 6 7) at k0
      x[1] = _mm256_shuffle_ps(y[0], y[2], 0xee);  // ... at k0 + 1
      x[2] = _mm256_shuffle_ps(y[1], y[3], 0x44);  // ... at k0 + 2
      x[3] = _mm256_shuffle_ps(y[1], y[3], 0xee);  // ... at k0 + 3
      for (int e = 0; e < 4; ++e) {
        const __m256 a_k = alpha == 1.0f ? x[e] : _mm256_mul_ps(alphas, x[e]);
        c[g] = _mm256_fmadd_ps(a_k, b_k[e], c[g]);
      }
    }
  }
  for (int g = 0; g < kGroups; ++g) _mm256_storeu_ps(C + 8 * g, c[g]);
#else
  for (int i = 0; i < kColumnRows; ++i) C[i] = start(beta, C[i]);
#endif
  // The k-values left over (all of them without AVX2), one element at a time.
  for (int i = 0; i < kColumnRows; ++i) {
    for (int k = k0; k < K; ++k) C[i] = std::fma(alpha * A[i * ld + k], b[k], C[i]);
  }
}

// Transposes `rows` rows of a row-major matrix into a k-major sliver, the packing of op(A) when A
// is stored (M, K) and of op(B) when B is stored (N, K), and (8 rows at a time) a C into C^T:
//
//   dst[k * stride + r] = src[r * ld + k],   r < rows, k < kc;  stride >= rows rounded up to 8
//
// Element by element this copy costs about as much as the product itself when M is 64 (each
// element of B then serves only 64 multiply-adds), so with AVX2 (which every AVX-512 CPU has)
// 8 x 8 blocks go through registers: 8 rows in, three rounds of shuffles, 8 columns out.
inline void transpose_to_k_major(const Scalar* src, int64_t ld, int rows, int kc, Scalar* dst,
                                 int stride) {
  int k0 = 0;
#if !defined(GAN_GEMM_PORTABLE) && defined(__AVX2__)
  // A group of fewer than 8 rows (the AVX2 kernel's 6) reads zeros for the missing rows and
  // stores them into the sliver's padding (stride is 8 there).
  for (; k0 + 8 <= kc; k0 += 8) {
    for (int r0 = 0; r0 < rows; r0 += 8) {
      const int group = rows - r0 < 8 ? rows - r0 : 8;
      __m256 x[8], y[8];
      for (int i = 0; i < 8; ++i) {
        x[i] = i < group ? _mm256_loadu_ps(src + (r0 + i) * ld + k0) : _mm256_setzero_ps();
      }
      // Within each 128-bit half: interleave pairs of rows, then pick element e of 4 rows.
      for (int i = 0; i < 8; i += 2) {
        y[i] = _mm256_unpacklo_ps(x[i], x[i + 1]);
        y[i + 1] = _mm256_unpackhi_ps(x[i], x[i + 1]);
      }
      for (int q = 0; q < 8; q += 4) {
        x[q] = _mm256_shuffle_ps(y[q], y[q + 2], 0x44);
        x[q + 1] = _mm256_shuffle_ps(y[q], y[q + 2], 0xee);
        x[q + 2] = _mm256_shuffle_ps(y[q + 1], y[q + 3], 0x44);
        x[q + 3] = _mm256_shuffle_ps(y[q + 1], y[q + 3], 0xee);
      }
      // Join rows 0..3 with rows 4..7: low halves are k0 + e, high halves k0 + 4 + e.
      for (int e = 0; e < 4; ++e) {
        _mm256_storeu_ps(dst + (k0 + e) * stride + r0, _mm256_permute2f128_ps(x[e], x[4 + e], 0x20));
        _mm256_storeu_ps(dst + (k0 + 4 + e) * stride + r0,
                         _mm256_permute2f128_ps(x[e], x[4 + e], 0x31));
      }
    }
  }
#endif
  for (int r = 0; r < rows; ++r) {
    for (int k = k0; k < kc; ++k) dst[k * stride + r] = src[r * ld + k];
  }
}

// dst (cols, rows) = src (rows, cols)^T, both row-major, for src's rows [r0, r1): 32 of their
// columns at a time through transpose_to_k_major's 8 x 8 blocks, so that each of those 32 rows of
// dst is written in whole cache lines, one after another. All the columns at once, 8 rows at a
// time, had written the 128 rows of a (128, 3136) dst half a line each and ran 3 times slower
// (0.53 against 0.17 ms).
inline void transpose_rows(int rows, int cols, int r0, int r1, const Scalar* src, Scalar* dst) {
  constexpr int kPanelCols = 32;
  for (int c0 = 0; c0 < cols; c0 += kPanelCols) {
    const int width = cols - c0 < kPanelCols ? cols - c0 : kPanelCols;
    int r = r0;
    for (; r + 8 <= r1; r += 8) {
      transpose_to_k_major(src + int64_t{r} * cols + c0, cols, 8, width, dst + int64_t{c0} * rows + r, rows);
    }
    for (; r < r1; ++r) {
      for (int c = c0; c < c0 + width; ++c) dst[int64_t{c} * rows + r] = src[int64_t{r} * cols + c];
    }
  }
}

}  // namespace gan::kernels::detail
