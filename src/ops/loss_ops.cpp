#include "gan/ops/loss_ops.h"

#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/math_functions.h"
#include "gan/ops/activations.h"

namespace gan {

Variable binary_cross_entropy_with_logits(const Variable& logits, Tensor targets) {
  require_shape("binary_cross_entropy_with_logits", "targets", targets.shape, logits.shape());
  // BEGIN TASK 3.1: binary cross-entropy on logits
  int64_t M = logits.value().numel();
  Tensor L(Shape{});
  // t softplus(-x) + (1 - t) softplus(x): (D.6.1). At t = 1 or t = 0 one term is exactly zero, so
  // the minimax objectives (losses/) get exactly softplus(-x) or softplus(x).
  L.data[0] = static_cast<Scalar>(
      kernels::sum(M, [](Scalar x, Scalar t) { return t * softplus_value(-x) + (1.0f - t) * softplus_value(x); },
                   logits.value().ptr(), targets.ptr()) / M);
  return make_result(std::move(L), {logits}, "binary_cross_entropy_with_logits",
                     [x = logits.node(), t = std::move(targets), M](const Tensor& dL) {
    Scalar scale = dL.data[0] / static_cast<Scalar>(M);
    // (1 - t) sigma(x) - t sigma(-x) = sigma(x) - t, (D.6.2), without the cancellation of
    // sigma(x) - 1 when x >> 0.
    kernels::map(M, grad_buffer(*x).ptr(),
                 [scale](Scalar& dx, Scalar x, Scalar t) {
                   dx += scale * ((1.0f - t) * sigmoid_value(x) - t * sigmoid_value(-x));
                 }, x->value.ptr(), t.ptr());
  });
  // END TASK 3.1
}

Variable mse(const Variable& a, const Variable& b) {
  require_shape("mse", "b", b.shape(), a.shape());
  int64_t M = a.value().numel();
  Tensor L(Shape{});
  double total = kernels::sum(M, [](Scalar a, Scalar b) { return (a - b) * (a - b); }, a.value().ptr(),
                              b.value().ptr());
  L.data[0] = static_cast<Scalar>(total / M);
  return make_result(std::move(L), {a, b}, "mse", [a = a.node(), b = b.node(), M](const Tensor& dL) {
    Scalar scale = 2.0f * dL.data[0] / static_cast<Scalar>(M);  // (D.6.3)
    if (a->requires_grad) {
      kernels::map(M, grad_buffer(*a).ptr(), [scale](Scalar& da, Scalar a, Scalar b) { da += scale * (a - b); },
                   a->value.ptr(), b->value.ptr());
    }
    if (b->requires_grad) {
      kernels::map(M, grad_buffer(*b).ptr(), [scale](Scalar& db, Scalar a, Scalar b) { db -= scale * (a - b); },
                   a->value.ptr(), b->value.ptr());
    }
  });
}

Variable cross_entropy(const Variable& logits, const std::vector<int>& labels) {
  require_rank("cross_entropy", "logits", logits.shape(), 2, "(N, D)");
  int N = logits.shape()[0], D = logits.shape()[1];
  if (static_cast<int64_t>(labels.size()) != N) {
    throw std::invalid_argument("cross_entropy: labels must hold N=" + std::to_string(N) +
                                " class indices for logits " + logits.shape().str() + ", got " +
                                std::to_string(labels.size()));
  }
  for (int n = 0; n < N; ++n) {
    if (labels[n] < 0 || labels[n] >= D) {
      throw std::invalid_argument("cross_entropy: labels[" + std::to_string(n) + "] must be a class in [0, " +
                                  std::to_string(D) + "), got " + std::to_string(labels[n]));
    }
  }
  Tensor lse({N});  // ln sum_d exp(x[n, d])
  kernels::logsumexp_rows(N, D, logits.value().ptr(), lse.ptr());
  double total = 0.0;  // (D.6.4), rows in order
  for (int n = 0; n < N; ++n) total += lse.data[n] - logits.value().data[int64_t{n} * D + labels[n]];
  Tensor L(Shape{});
  L.data[0] = static_cast<Scalar>(total / N);
  return make_result(std::move(L), {logits}, "cross_entropy",
                     [x = logits.node(), lse = std::move(lse), labels, N, D](const Tensor& dL) {
    Scalar scale = dL.data[0] / static_cast<Scalar>(N);
    Scalar* dx = grad_buffer(*x).ptr();
    // (D.6.5): softmax(x) = exp(x - lse), then minus one at each row's label.
    kernels::broadcast_map(kernels::BroadcastView{1, 1, N, D, 1}, dx, lse.ptr(),
                           [scale](Scalar& dx, Scalar lse, Scalar x) { dx += scale * kernels::exp(x - lse); },
                           x->value.ptr());
    for (int n = 0; n < N; ++n) dx[int64_t{n} * D + labels[n]] -= scale;
  });
}

}  // namespace gan
