#include "gan/ops/arithmetic.h"

#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"

namespace gan {

namespace {

// The kernels' view of a against b, after checking that b broadcasts to a (D.2.2).
kernels::BroadcastView checked_broadcast(const char* op, const Shape& a, const Shape& b) {
  bool broadcasts = b.rank <= a.rank;
  for (int axis = 0; broadcasts && axis < b.rank; ++axis) {
    int a_size = a[a.rank - b.rank + axis];
    broadcasts = b[axis] == a_size || b[axis] == 1;
  }
  if (!broadcasts) {
    throw std::invalid_argument(std::string(op) + ": b must have a's shape " + a.str() +
                                " or broadcast to it (aligned on the right, each size equal or 1), got " +
                                b.str());
  }
  return kernels::broadcast_view(a, b);
}

}  // namespace

Variable add(const Variable& a, const Variable& b) {
  kernels::BroadcastView view = checked_broadcast("add", a.shape(), b.shape());
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::broadcast_map(view, y.ptr(), b.value().ptr(), [](Scalar& y, Scalar b, Scalar a) { y = a + b; },
                         a.value().ptr());
  return make_result(std::move(y), {a, b}, "add", [a = a.node(), b = b.node(), view](const Tensor& dy) {
    if (a->requires_grad) {  // (D.2.1)
      kernels::map(dy.numel(), grad_buffer(*a).ptr(), [](Scalar& da, Scalar dy) { da += dy; }, dy.ptr());
    }
    if (b->requires_grad) {  // (D.2.2)
      kernels::broadcast_reduce(view, grad_buffer(*b).ptr(), [](Scalar dy) { return dy; }, dy.ptr());
    }
  });
}

Variable sub(const Variable& a, const Variable& b) {
  kernels::BroadcastView view = checked_broadcast("sub", a.shape(), b.shape());
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::broadcast_map(view, y.ptr(), b.value().ptr(), [](Scalar& y, Scalar b, Scalar a) { y = a - b; },
                         a.value().ptr());
  return make_result(std::move(y), {a, b}, "sub", [a = a.node(), b = b.node(), view](const Tensor& dy) {
    if (a->requires_grad) {  // (D.2.1)
      kernels::map(dy.numel(), grad_buffer(*a).ptr(), [](Scalar& da, Scalar dy) { da += dy; }, dy.ptr());
    }
    if (b->requires_grad) {  // (D.2.2)
      kernels::broadcast_reduce(view, grad_buffer(*b).ptr(), [](Scalar dy) { return -dy; }, dy.ptr());
    }
  });
}

Variable mul(const Variable& a, const Variable& b) {
  kernels::BroadcastView view = checked_broadcast("mul", a.shape(), b.shape());
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::broadcast_map(view, y.ptr(), b.value().ptr(), [](Scalar& y, Scalar b, Scalar a) { y = a * b; },
                         a.value().ptr());
  return make_result(std::move(y), {a, b}, "mul", [a = a.node(), b = b.node(), view](const Tensor& dy) {
    if (a->requires_grad) {  // (D.2.3)
      kernels::broadcast_map(view, grad_buffer(*a).ptr(), b->value.ptr(),
                             [](Scalar& da, Scalar b, Scalar dy) { da += dy * b; }, dy.ptr());
    }
    if (b->requires_grad) {
      kernels::broadcast_reduce(view, grad_buffer(*b).ptr(), [](Scalar dy, Scalar a) { return dy * a; },
                                dy.ptr(), a->value.ptr());
    }
  });
}

Variable div(const Variable& a, const Variable& b) {
  kernels::BroadcastView view = checked_broadcast("div", a.shape(), b.shape());
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::broadcast_map(view, y.ptr(), b.value().ptr(), [](Scalar& y, Scalar b, Scalar a) { y = a / b; },
                         a.value().ptr());
  return make_result(std::move(y), {a, b}, "div", [a = a.node(), b = b.node(), view](const Tensor& dy) {
    if (a->requires_grad) {  // (D.2.4)
      kernels::broadcast_map(view, grad_buffer(*a).ptr(), b->value.ptr(),
                             [](Scalar& da, Scalar b, Scalar dy) { da += dy / b; }, dy.ptr());
    }
    if (b->requires_grad) {
      // b_j is the same for every term of db_j's sum, so sum dy * a first and divide by b_j^2 once.
      Tensor sum_dy_a(b->value.shape);
      kernels::broadcast_reduce(view, sum_dy_a.ptr(), [](Scalar dy, Scalar a) { return dy * a; }, dy.ptr(),
                                a->value.ptr());
      kernels::map(sum_dy_a.numel(), grad_buffer(*b).ptr(),
                   [](Scalar& db, Scalar s, Scalar b) { db -= s / (b * b); }, sum_dy_a.ptr(), b->value.ptr());
    }
  });
}

Variable neg(const Variable& a) {
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar a) { y = -a; }, a.value().ptr());
  return make_result(std::move(y), {a}, "neg", [a = a.node()](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*a).ptr(), [](Scalar& da, Scalar dy) { da -= dy; }, dy.ptr());
  });
}

Variable add_scalar(const Variable& a, float s) {
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::map(y.numel(), y.ptr(), [s](Scalar& y, Scalar a) { y = a + s; }, a.value().ptr());
  return make_result(std::move(y), {a}, "add_scalar", [a = a.node()](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*a).ptr(), [](Scalar& da, Scalar dy) { da += dy; }, dy.ptr());
  });
}

Variable mul_scalar(const Variable& a, float s) {
  Tensor y = Tensor::uninitialized(a.shape());
  kernels::map(y.numel(), y.ptr(), [s](Scalar& y, Scalar a) { y = s * a; }, a.value().ptr());
  return make_result(std::move(y), {a}, "mul_scalar", [a = a.node(), s](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*a).ptr(), [s](Scalar& da, Scalar dy) { da += s * dy; }, dy.ptr());
  });
}

}  // namespace gan
