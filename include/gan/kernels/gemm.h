// General matrix multiply on row-major float matrices, the workhorse of Linear and (through
// im2col) of every convolution:
//
//   C = alpha * op(A) * op(B) + beta * C,   op(X) = X or X^T
//
// Shapes: op(A) is (M, K), op(B) is (K, N), C is (M, N). A is stored (M, K), or (K, M) when
// transpose_a; B is stored (K, N), or (N, K) when transpose_b. All contiguous, row-major.
// beta = 0 overwrites C (its old contents may be garbage); beta = 1 accumulates into C, which is
// how backward functions add into gradient buffers.
//
// gemm runs Eigen's blocked SIMD product on fixed chunks of C in parallel; gemm_ref is the plain
// triple loop it is tested against. The chunking depends on (M, N, K) only, so gemm gives the
// same bits with any thread count.
#pragma once

namespace gan::kernels {

void gemm(bool transpose_a, bool transpose_b, int M, int N, int K, float alpha, const float* A,
          const float* B, float beta, float* C);

void gemm_ref(bool transpose_a, bool transpose_b, int M, int N, int K, float alpha, const float* A,
              const float* B, float beta, float* C);

}  // namespace gan::kernels
