// Inverted dropout (Srivastava et al. 2014), with the scaling done at training time so that
// evaluation is the identity. Derivations: docs/derivations/elementwise.md, section D.7.
//
//   Variable h = dropout(leaky_relu(x, 0.2f), 0.3f, rng, /*training=*/true);
#pragma once

#include "gan/autograd/variable.h"
#include "gan/tensor/rng.h"

namespace gan {

// Training: y_i = m_i x_i with m_i = 1/(1-p) with probability 1-p, else 0, each drawn from rng
// (u_i = rng.uniform() in element order; m_i = 0 when u_i < p). E[y_i] = x_i.
//   dL/dx_i = m_i dL/dy_i        (D.7.1)
// Evaluation (training false) or p = 0: y = x, the same Variable, and rng is not used.
// x: any shape; y: x's shape.  requires: 0 <= p < 1
Variable dropout(const Variable& x, float p, Rng& rng, bool training);

}  // namespace gan
