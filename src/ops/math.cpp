#include "gan/ops/math.h"

#include <cmath>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/math_functions.h"

namespace gan {

Variable exp(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = kernels::exp(x); }, x.value().ptr());
  Tensor saved_y = saved_output(y, x);
  return make_result(std::move(y), {x}, "exp", [x = x.node(), y = std::move(saved_y)](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.3.1)
                 [](Scalar& dx, Scalar dy, Scalar y) { dx += dy * y; }, dy.ptr(), y.ptr());
  });
}

Variable log(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = kernels::log(x); }, x.value().ptr());
  return make_result(std::move(y), {x}, "log", [x = x.node()](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.3.2)
                 [](Scalar& dx, Scalar dy, Scalar x) { dx += dy / x; }, dy.ptr(), x->value.ptr());
  });
}

Variable sqrt(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = std::sqrt(x); }, x.value().ptr());
  Tensor saved_y = saved_output(y, x);
  return make_result(std::move(y), {x}, "sqrt", [x = x.node(), y = std::move(saved_y)](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.3.3)
                 [](Scalar& dx, Scalar dy, Scalar y) { dx += dy / (2.0f * y); }, dy.ptr(), y.ptr());
  });
}

Variable square(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = x * x; }, x.value().ptr());
  return make_result(std::move(y), {x}, "square", [x = x.node()](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.3.4)
                 [](Scalar& dx, Scalar dy, Scalar x) { dx += 2.0f * x * dy; }, dy.ptr(), x->value.ptr());
  });
}

}  // namespace gan
