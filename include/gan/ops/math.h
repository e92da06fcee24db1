// Element-wise functions of one tensor. Any shape; y has x's shape.
// Derivations: docs/derivations/elementwise.md, section D.3.
#pragma once

#include "gan/autograd/variable.h"

namespace gan {

// y = e^x.            dL/dx = dL/dy * y               (D.3.1)
Variable exp(const Variable& x);

// y = ln x.           dL/dx = dL/dy / x               (D.3.2)
// requires: x > 0 (not checked: ln 0 = -inf, ln of a negative number is NaN)
Variable log(const Variable& x);

// y = sqrt(x).        dL/dx = dL/dy / (2 y)           (D.3.3)
// requires: x > 0 for the gradient (at 0 it is infinite)
Variable sqrt(const Variable& x);

// y = x^2.            dL/dx = 2 x dL/dy               (D.3.4)
Variable square(const Variable& x);

}  // namespace gan
