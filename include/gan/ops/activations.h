// Activation functions, and softmax over the last axis.
// Derivations: docs/derivations/elementwise.md, section D.4.
//
// The element-wise ones take any shape and return x's shape. sigma(x) = 1 / (1 + e^-x) below.
//
//   Variable h = leaky_relu(linear(x, weight, b), 0.2f);   // DCGAN's discriminator activation
#pragma once

#include <algorithm>
#include <cmath>

#include "gan/autograd/variable.h"
#include "gan/kernels/math_functions.h"

namespace gan {

// y = sigma(x).                 dL/dx = dL/dy * y (1 - y)       (D.4.1)
Variable sigmoid(const Variable& x);

// y = tanh x.                   dL/dx = dL/dy * (1 - y^2)       (D.4.2)
Variable tanh(const Variable& x);

// y = max(x, 0).                dL/dx = dL/dy * [x > 0]         (D.4.3)
Variable relu(const Variable& x);

// y = x if x > 0, else slope x. dL/dx = dL/dy * (1 if x > 0, else slope)   (D.4.3)
// DCGAN uses slope 0.2 in the discriminator (Radford et al. 2015, Sec. 3).
Variable leaky_relu(const Variable& x, float slope);

// y = ln(1 + e^x), computed as max(x, 0) + ln(1 + e^-|x|), finite for any x.
//                               dL/dx = dL/dy * sigma(x)        (D.4.4)
Variable softplus(const Variable& x);

// y = ln sigma(x) = -softplus(-x), computed as min(x, 0) - ln(1 + e^-|x|).
//                               dL/dx = dL/dy * sigma(-x)       (D.4.5)
Variable log_sigmoid(const Variable& x);

// y[n, d] = x[n, d] - ln sum_e exp(x[n, e]), over the last axis.   x, y: (N, D)
//                               dL/dx = dL/dy - softmax(x) * sum_e dL/dy[n, e]   (D.4.6)
Variable log_softmax(const Variable& x);

// y[n, d] = exp(x[n, d]) / sum_e exp(x[n, e]), over the last axis.   x, y: (N, D)
//                               dL/dx = y * (dL/dy - sum_e dL/dy[n, e] y[n, e])    (D.4.7)
Variable softmax(const Variable& x);

// sigma(x) of one number, without overflow for any x: with e = exp(-|x|) <= 1,
// sigma(x) = 1 / (1 + e) for x >= 0 and e / (1 + e) for x < 0 (D.4.1). For the kernels, and for
// anything that reports D(x): our exp (kernels/math_functions.h) gives the same bits everywhere.
inline Scalar sigmoid_value(Scalar x) {
  Scalar e = kernels::exp(-std::fabs(x));
  return x >= 0.0f ? 1.0f / (1.0f + e) : e / (1.0f + e);
}

// ln(1 + e^x) of one number as max(x, 0) + ln(1 + e^-|x|) (D.4.4). For the kernels.
inline Scalar softplus_value(Scalar x) { return std::max(x, Scalar{0}) + kernels::log1p(kernels::exp(-std::fabs(x))); }

}  // namespace gan
