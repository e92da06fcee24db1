// Fused optimiser updates: one pass over a parameter's arrays per step, reading each number once.
// Derivations: docs/derivations/adam.md, section D.13.
//
// Every element is updated independently of the others, so the work is cut into the fixed chunks
// of kernels::for_each_chunk (elementwise.h), which run in parallel on large parameters; the
// numbers do not depend on the thread count. Each kernel has a plain-loop `_ref`
// twin that the tests compare with.
#pragma once

#include <cstdint>

#include "gan/tensor/scalar.h"

namespace gan::kernels {

// Adam (Kingma & Ba 2015, Algorithm 1), one step t for `count` elements:
//   m = beta1 m + (1 - beta1) g              v = beta2 v + (1 - beta2) g^2
//   m_hat = m / bias_correction1             v_hat = v / bias_correction2
//   theta = theta - lr m_hat / (sqrt(v_hat) + eps)
// with bias_correction1 = 1 - beta1^t and bias_correction2 = 1 - beta2^t, computed by the caller.
// theta, m, v: updated in place; g: read only. All arrays hold `count` floats.
void adam_update(int64_t count, Scalar* theta, const Scalar* g, Scalar* m, Scalar* v, float lr, float beta1,
                 float beta2, float eps, float bias_correction1, float bias_correction2);
void adam_update_ref(int64_t count, Scalar* theta, const Scalar* g, Scalar* m, Scalar* v, float lr, float beta1,
                     float beta2, float eps, float bias_correction1, float bias_correction2);

// SGD with momentum and L2 weight decay, in PyTorch's form (no dampening):
//   d = g + weight_decay theta;   b = momentum b + d;   theta = theta - lr b
// With momentum == 0, b is not used (it may be null) and theta = theta - lr d.
void sgd_update(int64_t count, Scalar* theta, const Scalar* g, Scalar* b, float lr, float momentum,
                float weight_decay);
void sgd_update_ref(int64_t count, Scalar* theta, const Scalar* g, Scalar* b, float lr, float momentum,
                    float weight_decay);

}  // namespace gan::kernels
