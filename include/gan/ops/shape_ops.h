// Ops that move numbers without changing them: reshape, flatten, concat.
// Derivations: docs/derivations/elementwise.md, section D.5.
//
//   Variable h = flatten(features);                 // (N, C, H, W) -> (N, C*H*W)
//   Variable zy = concat({z, embedding(labels, table)}, 1);   // (N, Z) and (N, E) -> (N, Z + E)
#pragma once

#include <vector>

#include "gan/autograd/variable.h"

namespace gan {

// The same numbers in the same (row-major) order, with a new shape.
//   x: any shape; y: `shape`.   dL/dx = dL/dy read in x's shape   (D.5.3)
// requires: shape.numel() == x.numel()
Variable reshape(const Variable& x, Shape shape);

// (N, ...) -> (N, D), D the product of the other sizes: reshape that keeps the batch axis.
// requires: rank >= 1 ((N) becomes (N, 1))
Variable flatten(const Variable& x);

// Joins tensors along `axis`. Every input has the same rank and the same sizes except along
// `axis`; y's size there is the sum of theirs: (N, Z) and (N, E) along 1 -> (N, Z + E);
// (N, C1, H, W) and (N, C2, H, W) along 1 -> (N, C1 + C2, H, W).
//   dL/dx_k = the slice of dL/dy that x_k filled   (D.5.4)
// requires: at least one input; 0 <= axis < rank
Variable concat(const std::vector<Variable>& xs, int axis);

}  // namespace gan
