// The only file of gan.cpp that includes Eigen. Eigen's own OpenMP parallelism is switched off:
// it re-blocks the product for the number of threads, which changes the order of the sums and so
// the last bits of C. We parallelise ourselves over fixed chunks of C instead.
#define EIGEN_DONT_PARALLELIZE
#include "gan/kernels/gemm.h"

#include <Eigen/Core>
#include <algorithm>
#include <cstdint>

namespace gan::kernels {

namespace {

using RowMajorMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using ConstMatrixMap = Eigen::Map<const RowMajorMatrix, 0, Eigen::OuterStride<>>;
using MatrixMap = Eigen::Map<RowMajorMatrix, 0, Eigen::OuterStride<>>;

// Chunks per product at most: enough to balance 1, 2 or 4 threads.
constexpr int kMaxChunks = 4;
// Every chunk holds at least this many multiply-adds. Each chunk packs all of the operand that the
// chunks share, so small chunks pay that copy again and again: 64x784x512 (MLP D's first layer) ran
// at 83 % of one whole product on one thread in 4 chunks, and at 100 % in 2.
constexpr int64_t kMinChunkWork = int64_t{8} << 20;
// Chunk edges fall on multiples of this, to keep whole SIMD panels in each chunk.
constexpr int kChunkAlign = 16;
// Chunks are at least this wide: each chunk packs all of the operand that the chunks share (all of
// op(A) when C is split by columns), so thin chunks repeat that work too often. For 64x6272x128,
// 4 chunks of 32 columns ran 20% slower than one product, 2 chunks of 64 about 4% slower.
constexpr int kMinChunkWidth = 64;

// C[rows, cols] block of the product, computed by Eigen on one thread.
void gemm_block(bool transpose_a, bool transpose_b, int M, int N, int K, float alpha,
                const float* A, const float* B, float beta, float* C, int row_begin, int row_end,
                int col_begin, int col_end) {
  int rows = row_end - row_begin;
  int cols = col_end - col_begin;
  MatrixMap c_block(C + static_cast<int64_t>(row_begin) * N + col_begin, rows, cols,
                    Eigen::OuterStride<>(N));
  // op(A) rows [row_begin, row_end): in storage, rows of A or columns of A^T.
  ConstMatrixMap a_rows = transpose_a
      ? ConstMatrixMap(A + row_begin, K, rows, Eigen::OuterStride<>(M))
      : ConstMatrixMap(A + static_cast<int64_t>(row_begin) * K, rows, K, Eigen::OuterStride<>(K));
  ConstMatrixMap b_cols = transpose_b
      ? ConstMatrixMap(B + static_cast<int64_t>(col_begin) * K, cols, K, Eigen::OuterStride<>(K))
      : ConstMatrixMap(B + col_begin, K, cols, Eigen::OuterStride<>(N));
  if (beta == 0.0f) {
    c_block.setZero();
  } else if (beta != 1.0f) {
    c_block *= beta;
  }
  if (transpose_a && transpose_b) {
    c_block.noalias() += alpha * (a_rows.transpose() * b_cols.transpose());
  } else if (transpose_a) {
    c_block.noalias() += alpha * (a_rows.transpose() * b_cols);
  } else if (transpose_b) {
    c_block.noalias() += alpha * (a_rows * b_cols.transpose());
  } else {
    c_block.noalias() += alpha * (a_rows * b_cols);
  }
}

}  // namespace

void gemm(bool transpose_a, bool transpose_b, int M, int N, int K, float alpha, const float* A,
          const float* B, float beta, float* C) {
  if (M == 0 || N == 0) return;
  int64_t work = static_cast<int64_t>(M) * N * K;
  // Split C along its longer side into 4, 2 or 1 aligned pieces: as many as leave each piece at
  // least kMinChunkWork, and fewer when C is short, so that no piece is narrower than kMinChunkWidth.
  // The split depends on the shape alone, never on the thread count, so neither do the bits of C.
  int wanted = kMaxChunks;
  while (wanted > 1 && work < wanted * kMinChunkWork) wanted /= 2;
  bool split_columns = N >= M;
  int length = split_columns ? N : M;
  int piece = (length + wanted - 1) / wanted;
  piece = std::max(kMinChunkWidth, (piece + kChunkAlign - 1) / kChunkAlign * kChunkAlign);
  int chunks = (length + piece - 1) / piece;
  if (chunks == 1) piece = length;
  // Chunks go to whichever thread is free (dynamic), so a thread slowed by another process on its
  // core does not hold the rest back; which thread runs a chunk never changes what it computes.
#pragma omp parallel for schedule(dynamic) if (chunks > 1)
  for (int chunk = 0; chunk < chunks; ++chunk) {
    int begin = chunk * piece;
    int end = std::min(length, begin + piece);
    if (split_columns) {
      gemm_block(transpose_a, transpose_b, M, N, K, alpha, A, B, beta, C, 0, M, begin, end);
    } else {
      gemm_block(transpose_a, transpose_b, M, N, K, alpha, A, B, beta, C, begin, end, 0, N);
    }
  }
}

void gemm_ref(bool transpose_a, bool transpose_b, int M, int N, int K, float alpha, const float* A,
              const float* B, float beta, float* C) {
  for (int i = 0; i < M; ++i) {
    for (int j = 0; j < N; ++j) {
      double sum = 0.0;
      for (int k = 0; k < K; ++k) {
        float a = transpose_a ? A[static_cast<int64_t>(k) * M + i] : A[static_cast<int64_t>(i) * K + k];
        float b = transpose_b ? B[static_cast<int64_t>(j) * K + k] : B[static_cast<int64_t>(k) * N + j];
        sum += static_cast<double>(a) * b;
      }
      float& c = C[static_cast<int64_t>(i) * N + j];
      c = static_cast<float>(alpha * sum + (beta == 0.0f ? 0.0 : beta * static_cast<double>(c)));
    }
  }
}

}  // namespace gan::kernels
