#include "gan/translate/translation_losses.h"

#include "gan/kernels/elementwise.h"
#include "gan/ops/arithmetic.h"

namespace gan::translate {

Variable l1_loss(const Variable& a, const Variable& b) {
  require_shape("l1_loss", "b", b.shape(), a.shape());
  const int64_t M = a.value().numel();
  Tensor L(Shape{});
  const double total = kernels::sum(
      M, [](float a, float b) { return a > b ? a - b : b - a; }, a.value().ptr(), b.value().ptr());
  L.data[0] = static_cast<float>(total / M);
  return make_result(std::move(L), {a, b}, "l1_loss", [a = a.node(), b = b.node(), M](const Tensor& dL) {
    const float scale = dL.data[0] / static_cast<float>(M);
    // sign(a - b) scale, 0 where a == b
    auto sign_times = [scale](float a, float b) { return a > b ? scale : (a < b ? -scale : 0.0f); };
    if (a->requires_grad) {
      kernels::map(M, grad_buffer(*a).ptr(), [sign_times](float& da, float a, float b) { da += sign_times(a, b); },
                   a->value.ptr(), b->value.ptr());
    }
    if (b->requires_grad) {
      kernels::map(M, grad_buffer(*b).ptr(), [sign_times](float& db, float a, float b) { db -= sign_times(a, b); },
                   a->value.ptr(), b->value.ptr());
    }
  });
}

Variable cycle_loss(const Variable& a, const Variable& f_g_a, const Variable& b, const Variable& g_f_b) {
  return add(l1_loss(f_g_a, a), l1_loss(g_f_b, b));
}

Variable identity_loss(const Variable& a, const Variable& f_a, const Variable& b, const Variable& g_b) {
  return add(l1_loss(g_b, b), l1_loss(f_a, a));
}

}  // namespace gan::translate
