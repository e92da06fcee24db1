// Matrix products. Derivations: docs/derivations.md, section D.1.
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// y = op(a) op(b), op(X) = X or X^T.
//   a: (M, K), or (K, M) when transpose_a;  b: (K, N), or (N, K) when transpose_b;  y: (M, N)
//   dL/d op(a) = dL/dy op(b)^T        (D.1.1)
//   dL/d op(b) = op(a)^T dL/dy        (D.1.2)
// Example: Linear's y = x weight^T is matmul(x, weight, false, true) with weight (D_out, D_in).
Variable matmul(const Variable& a, const Variable& b, bool transpose_a = false,
                bool transpose_b = false);

// y = x weight^T + b, the Linear layer in one op (one GEMM and one pass for the bias).
//   x: (N, D_in), weight: (D_out, D_in), b: (D_out) or undefined for no bias;  y: (N, D_out)
//   dL/dx = dL/dy weight      dL/dweight = dL/dy^T x      dL/db = sum over N of dL/dy      (D.1.3)
Variable linear(const Variable& x, const Variable& weight, const Variable& b);

}  // namespace gan
