#include "gan/ops/matmul.h"

#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/gemm.h"

namespace gan {

Variable matmul(const Variable& a, const Variable& b, bool transpose_a, bool transpose_b) {
  require_rank("matmul", "a", a.shape(), 2, "(M, K)");
  require_rank("matmul", "b", b.shape(), 2, "(K, N)");
  int M = transpose_a ? a.shape()[1] : a.shape()[0];
  int K = transpose_a ? a.shape()[0] : a.shape()[1];
  int N = transpose_b ? b.shape()[0] : b.shape()[1];
  int K_b = transpose_b ? b.shape()[1] : b.shape()[0];
  if (K != K_b) {
    throw std::invalid_argument("matmul: op(a) is (M, K) with K=" + std::to_string(K) +
                                " so op(b) must be (K, N) with K=" + std::to_string(K) + ", got a " +
                                a.shape().str() + ", b " + b.shape().str());
  }
  Tensor y = Tensor::uninitialized({M, N});  // beta = 0: the product writes every element
  kernels::gemm(transpose_a, transpose_b, M, N, K, 1.0f, a.value().ptr(), b.value().ptr(), 0.0f,
                y.ptr());
  return make_result(std::move(y), {a, b}, "matmul",
                     [a = a.node(), b = b.node(), transpose_a, transpose_b, M, N, K](const Tensor& dy) {
    // BEGIN TASK 2.1: matmul backward
    if (a->requires_grad) {  // (D.1.1), written for how a is stored
      Scalar* da = grad_buffer(*a).ptr();
      if (transpose_a) {
        kernels::gemm(transpose_b, true, K, M, N, 1.0f, b->value.ptr(), dy.ptr(), 1.0f, da);
      } else {
        kernels::gemm(false, !transpose_b, M, K, N, 1.0f, dy.ptr(), b->value.ptr(), 1.0f, da);
      }
    }
    if (b->requires_grad) {  // (D.1.2), written for how b is stored
      Scalar* db = grad_buffer(*b).ptr();
      if (transpose_b) {
        kernels::gemm(true, transpose_a, N, K, M, 1.0f, dy.ptr(), a->value.ptr(), 1.0f, db);
      } else {
        kernels::gemm(!transpose_a, false, K, N, M, 1.0f, a->value.ptr(), dy.ptr(), 1.0f, db);
      }
    }
    // END TASK 2.1
  });
}

Variable linear(const Variable& x, const Variable& weight, const Variable& b) {
  require_rank("linear", "x", x.shape(), 2, "(N, D_in)");
  require_rank("linear", "weight", weight.shape(), 2, "(D_out, D_in)");
  int N = x.shape()[0];
  int D_in = x.shape()[1];
  int D_out = weight.shape()[0];
  require_shape("linear", "weight", weight.shape(), Shape{D_out, D_in});
  if (b.defined()) require_shape("linear", "b", b.shape(), Shape{D_out});

  Tensor y = Tensor::uninitialized({N, D_out});  // the bias, or beta = 0, writes every element
  if (b.defined()) {  // start from the bias in every row, then add x weight^T on top
    kernels::broadcast_map(kernels::broadcast_view(y.shape, b.shape()), y.ptr(), b.value().ptr(),
                           [](Scalar& y, Scalar bias) { y = bias; });
  }
  kernels::gemm(false, true, N, D_out, D_in, 1.0f, x.value().ptr(), weight.value().ptr(),
                b.defined() ? 1.0f : 0.0f, y.ptr());

  std::vector<Variable> inputs = {x, weight};
  if (b.defined()) inputs.push_back(b);
  return make_result(std::move(y), inputs, "linear",
                     [x = x.node(), weight = weight.node(), b = b.node(), N, D_in, D_out](const Tensor& dy) {
    if (x->requires_grad) {  // dL/dx = dy weight: (N, D_out) (D_out, D_in)
      const GradientTarget dx = gradient_target(*x);
      kernels::gemm(false, false, N, D_in, D_out, 1.0f, dy.ptr(), weight->value.ptr(), dx.beta(), dx.data);
    }
    if (weight->requires_grad) {  // dL/dweight = dy^T x: (D_out, N) (N, D_in)
      const GradientTarget dweight = gradient_target(*weight);
      kernels::gemm(true, false, D_out, D_in, N, 1.0f, dy.ptr(), x->value.ptr(), dweight.beta(), dweight.data);
    }
    if (b && b->requires_grad) {  // dL/db = sum over rows of dy, each column's in row order
      Scalar* db = grad_buffer(*b).ptr();
      const Scalar* dy_rows = dy.ptr();
      // Columns in parallel, a chunk of them over all rows: an element's terms keep their order.
      kernels::for_each_chunk(D_out, kernels::grain_for(N), [&](int64_t j0, int64_t j1) {
        for (int n = 0; n < N; ++n) {
          const Scalar* dy_row = dy_rows + int64_t{n} * D_out;
          for (int64_t j = j0; j < j1; ++j) db[j] += dy_row[j];
        }
      });
    }
  });
}

}  // namespace gan
