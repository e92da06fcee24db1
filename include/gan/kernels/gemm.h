// General matrix multiply on row-major Scalar matrices, the workhorse of Linear and (through
// im2col) of every convolution:
//
//   C = alpha * op(A) * op(B) + beta * C,   op(X) = X or X^T
//
// Shapes: op(A) is (M, K), op(B) is (K, N), C is (M, N). A is stored (M, K), or (K, M) when
// transpose_a; B is stored (K, N), or (N, K) when transpose_b. All contiguous, row-major.
// beta = 0 overwrites C (its old contents may be garbage, even NaN); beta = 1 accumulates into C,
// which is how backward functions add into gradient buffers (into a buffer that holds nothing yet,
// beta = 0 gives the same sums without reading it: autograd's gradient_target).
//
// One order per sum: every element of C is computed as
//
//   c = (beta == 0 ? 0 : beta * c_old)
//   for k = 0, 1, ..., K-1:  c = fma(alpha * op(A)[i][k], op(B)[k][j], c)
//
// with alpha * op(A)[i][k] rounded to Scalar once and fma rounding once. So C's bits do not depend
// on the machine, the instruction set, the blocking or the thread count. gemm_ref is exactly this
// loop; gemm computes the same bits fast (packing, cache blocking, a register micro-kernel per
// instruction set, OpenMP over tiles of C; see docs/gemm.md), and the tests compare the two for
// bitwise equality.
//
// Example, y = x weight^T for a Linear layer with x (N, D_in), weight (D_out, D_in), y (N, D_out):
//   gemm(false, true, N, D_out, D_in, 1.0f, x, weight, 0.0f, y);
#pragma once

#include <cstdint>

#include "gan/tensor/scalar.h"

namespace gan::kernels {

class Patches;  // im2col.h

// An (N, C, P) tensor seen as the channel-major (C, N*P) matrix that a convolution's products take
// (conv2d's dL/dy, conv_transpose2d's x): entry (c, n*P + p) is tensor[(n*C + c)*P + p]. A row is
// N runs of P contiguous values, one per image; the packing reads them where they lie, so the
// tensor is never copied into that layout.
struct ChannelMajor {
  const Scalar* tensor;
  int N, C;
  int64_t P;
  int64_t columns() const { return int64_t{N} * P; }
};

void gemm(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
          const Scalar* B, Scalar beta, Scalar* C);

// gemm with B a channel-major view, stored (K, N) = (C, N*P) or, when transpose_b, (N, K): the
// same bits as gemm on the matrix written out.
// requires: B's (C, columns()) == (K, N), or (N, K) when transpose_b
void gemm(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
          const ChannelMajor& B, Scalar beta, Scalar* C);

// gemm with B = patches, the patch matrix im2col(x) of a convolution (im2col.h), stored (K, N) or,
// when transpose_b, (N, K): every entry is read straight from the image, so cols is never written
// out. Computed as C^T = op(patches)^T op(A)^T, whose micro-kernel reads the patch matrix where it
// lies, row by row through its offsets (a_in_place). The same bits as im2col followed by gemm.
// requires: patches' (rows, columns) == (K, N), or (N, K) when transpose_b
void gemm_patches(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
                  const Patches& patches, Scalar beta, Scalar* C);
// ... and with A a channel-major view, stored (M, K) or, when transpose_a, (K, M): a convolution's
// dL/dweight, dL/dy (or x) times the patch matrix transposed.
// requires: A's (C, columns()) == (M, K), or (K, M) when transpose_a
void gemm_patches(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const ChannelMajor& A,
                  const Patches& patches, Scalar beta, Scalar* C);

// gemm with A = patches, the left operand, stored (M, K) or, when transpose_a, (K, M): the same
// reading in place, without the turn to C^T (a convolution's forward as y^T = cols^T weight^T,
// and conv_transpose2d's dL/dx^T = im2col(dL/dy)^T weight^T, whose pixel-major C needs no copy
// before its move to (N, C, H, W)).
// Given row_start (N values), every row of C starts at them in place of beta * C, which is not
// read: C = alpha op(A) op(B) + 1 row_start^T, the forward's bias, with the bits of C filled with
// row_start's rows and beta = 1, but without that pass over C.
// requires: patches' (rows, columns) == (M, K), or (K, M) when transpose_a; beta == 0 with a row_start
void gemm_patches_left(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha,
                       const Patches& patches, const Scalar* B, Scalar beta, Scalar* C,
                       const Scalar* row_start = nullptr);

void gemm_ref(bool transpose_a, bool transpose_b, int M, int N, int K, Scalar alpha, const Scalar* A,
              const Scalar* B, Scalar beta, Scalar* C);

// How gemm splits one product into work, a function of (M, N, K) and the compiled micro-kernel
// only, never of the thread count. C is cut into a 2-D grid of tiles of tile_rows x tile_cols;
// each tile is one work item, written by exactly one thread, over all of K in increasing order.
// A C thinner than the micro-kernel (N < kernel_cols, such as (64, 16)) may be computed as
// C^T = op(B)^T op(A)^T instead (transposed); the tiles are then tiles of C^T (N, M). So may x W^T
// when K is large beside M, and so is every product with a patch matrix as op(B): the micro-kernel
// then reads W, or the patch matrix, where it lies (a_in_place), as it reads a patch matrix that is
// op(A) already, and any dense matrix that is the left operand as it stands: A stored (M, K), or,
// for C^T, B stored (N, K). Three thin products of dense operands skip tiles altogether
// (plain_loops): K == 1, one work item a row of C; N == 1, one work item a fixed number of rows (a
// sum in k order cannot be split along k, so M / 16 items at most); and M == 1 with B stored
// (K, N), one work item a fixed number of columns.
struct GemmPlan {
  bool plain_loops;  // a thin product computed by plain loops; the fields below up to work_items unused
  bool transposed;   // computes C^T (N, M), then copies it into C
  bool a_in_place;   // the micro-kernel reads op(A) of the product it computes where it lies, unpacked
  int kernel_rows;  // MR: rows of C the micro-kernel keeps in registers
  int kernel_cols;  // NR: columns of C the micro-kernel keeps in registers
  int block_depth;  // kc: k-values per packed block of op(A) and op(B) (the pc loop's step)
  int block_cols;   // nc: columns of op(B) packed at once (the jc loop's step)
  int tile_rows;    // rows of C per work item, a multiple of kernel_rows
  int tile_cols;    // columns of C per work item, a multiple of kernel_cols; divides block_cols
  int work_items;   // tiles in C (or C^T); 1 runs on the calling thread alone
};

// What the operands are, where they are not both dense matrices: B a patch matrix (gemm_patches),
// A a patch matrix (gemm_patches_left), or B a channel-major view (gemm with a ChannelMajor B).
// A channel-major A beside a patch matrix B plans as patches_b.
enum class Operands { dense, patches_b, patches_a, channel_major_b };

// transpose_a and transpose_b as for gemm.
// requires: M, N, K >= 0
GemmPlan gemm_plan(int M, int N, int K, bool transpose_a = false, bool transpose_b = false,
                   Operands operands = Operands::dense);

// Whether the compiled micro-kernel may read op(A) where it lies (a_in_place): the AVX-512 and AVX2
// kernels do; the portable one is always given packed slivers (src/kernels/gemm_microkernel.h).
bool gemm_kernel_reads_in_place();

}  // namespace gan::kernels
