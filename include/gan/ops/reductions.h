// Sums and means, over everything or along one axis.
// Derivations: docs/derivations/elementwise.md, section D.5.
//
//   Variable loss = mean(square(sub(a, b)));     // a scalar, shape ()
//   Variable per_sample = sum(x, 1);             // (N, D) -> (N)
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// y = sum_i x_i.   x: any shape;  y: () a scalar.      dL/dx_i = dL/dy            (D.5.1)
Variable sum(const Variable& x);

// y = (1/M) sum_i x_i, M = x.numel().  y: ().          dL/dx_i = dL/dy / M        (D.5.1)
Variable mean(const Variable& x);

// Sum along `axis`, which is removed: x (N, C, H, W), axis 1 -> y (N, H, W).
//   y[..., ...] = sum_l x[..., l, ...]                 dL/dx[..., l, ...] = dL/dy[..., ...]   (D.5.2)
// requires: 0 <= axis < x's rank
Variable sum(const Variable& x, int axis);

// Mean along `axis` of size L, which is removed.     dL/dx[..., l, ...] = dL/dy[..., ...] / L   (D.5.2)
Variable mean(const Variable& x, int axis);

}  // namespace gan
