// Arithmetic: + - * / with broadcasting, negation, and scalar shifts and scales.
// Derivations: docs/derivations/elementwise.md, section D.2.
//
// Broadcasting (D.2.2). The result has a's shape. b has a's shape, or broadcasts to it by NumPy's
// rule: align the shapes on the right; each size of b must equal a's or be 1 (where b is
// repeated); b may have fewer axes. Examples, with a then b:
//   (N, D) and (D) or (1, D)            a bias per feature
//   (N, C, H, W) and (1, C, 1, 1)       a bias per channel
//   (N, D) and (N, 1)                   a number per row
// Since b is used once per element of a, dL/db sums dL/dy over the axes where b is repeated.
//
//   Variable y = add(matmul(x, weight), b);   // x weight + b, b (D) added to every row
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// y = a + b.    dL/da = dL/dy            dL/db = sum_R dL/dy                     (D.2.1, D.2.2)
Variable add(const Variable& a, const Variable& b);

// y = a - b.    dL/da = dL/dy            dL/db = -sum_R dL/dy                    (D.2.1, D.2.2)
Variable sub(const Variable& a, const Variable& b);

// y = a * b.    dL/da = dL/dy * b        dL/db = sum_R dL/dy * a                 (D.2.3)
Variable mul(const Variable& a, const Variable& b);

// y = a / b.    dL/da = dL/dy / b        dL/db = -sum_R dL/dy * a / b^2          (D.2.4)
// requires: no entry of b is 0 (not checked: it gives inf, as in IEEE arithmetic)
Variable div(const Variable& a, const Variable& b);

// sum_R above: the sum over the axes along which b is repeated, leaving b's shape.

// y = -a.       dL/da = -dL/dy
Variable neg(const Variable& a);

// y = a + s, s a constant.   dL/da = dL/dy
Variable add_scalar(const Variable& a, float s);

// y = s a, s a constant.     dL/da = s dL/dy
Variable mul_scalar(const Variable& a, float s);

}  // namespace gan
