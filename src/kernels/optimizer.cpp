#include "gan/kernels/optimizer.h"

#include <algorithm>
#include <cmath>

#include "gan/kernels/elementwise.h"

namespace gan::kernels {

void adam_update(int64_t count, Scalar* theta, const Scalar* g, Scalar* m, Scalar* v, float lr, float beta1,
                 float beta2, float eps, float bias_correction1, float bias_correction2) {
  // BEGIN TASK 4.1: the Adam step
  // The same formula as adam_update_ref, with the two divisions by the bias corrections turned
  // into multiplications hoisted out of the loop: lr / bc1 and 1 / sqrt(bc2). One sqrt and one
  // division remain per element.
  float step_size = lr / bias_correction1;
  float inv_sqrt_bc2 = 1.0f / std::sqrt(bias_correction2);
  // theta, g, m and v are four different arrays, but the compiler cannot know that; `omp simd`
  // tells it that element i depends on element i alone, so the loop may run 8 elements at a time.
  for_each_chunk(count, kChunkElements, [=](int64_t begin, int64_t end) {
#pragma omp simd
    for (int64_t i = begin; i < end; ++i) {
      m[i] = beta1 * m[i] + (1.0f - beta1) * g[i];
      v[i] = beta2 * v[i] + (1.0f - beta2) * g[i] * g[i];
      theta[i] -= step_size * m[i] / (std::sqrt(v[i]) * inv_sqrt_bc2 + eps);
    }
  });
  // END TASK 4.1
}

void adam_update_ref(int64_t count, Scalar* theta, const Scalar* g, Scalar* m, Scalar* v, float lr, float beta1,
                     float beta2, float eps, float bias_correction1, float bias_correction2) {
  // BEGIN TASK 4.1: the Adam step
  for (int64_t i = 0; i < count; ++i) {
    m[i] = beta1 * m[i] + (1.0f - beta1) * g[i];
    v[i] = beta2 * v[i] + (1.0f - beta2) * g[i] * g[i];
    Scalar m_hat = m[i] / bias_correction1;
    Scalar v_hat = v[i] / bias_correction2;
    theta[i] -= lr * m_hat / (std::sqrt(v_hat) + eps);
  }
  // END TASK 4.1
}

void sgd_update(int64_t count, Scalar* theta, const Scalar* g, Scalar* b, float lr, float momentum,
                float weight_decay) {
  if (momentum == 0.0f) {
    for_each_chunk(count, kChunkElements, [=](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) theta[i] -= lr * (g[i] + weight_decay * theta[i]);
    });
    return;
  }
  for_each_chunk(count, kChunkElements, [=](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      b[i] = momentum * b[i] + (g[i] + weight_decay * theta[i]);
      theta[i] -= lr * b[i];
    }
  });
}

void sgd_update_ref(int64_t count, Scalar* theta, const Scalar* g, Scalar* b, float lr, float momentum,
                    float weight_decay) {
  for (int64_t i = 0; i < count; ++i) {
    Scalar d = g[i] + weight_decay * theta[i];
    if (momentum != 0.0f) {
      b[i] = momentum * b[i] + d;
      d = b[i];
    }
    theta[i] -= lr * d;
  }
}

}  // namespace gan::kernels
