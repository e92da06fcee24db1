#include "gan/ops/reductions.h"

#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"

namespace gan {

namespace {

// x seen as (A, L, B) with L the summed axis: the kernels' view of x against y (A, B).
kernels::BroadcastView axis_view(const char* op, const Shape& x, int axis) {
  if (axis < 0 || axis >= x.rank) {
    throw std::invalid_argument(std::string(op) + ": axis must be in [0, " + std::to_string(x.rank) +
                                ") for x " + x.str() + ", got " + std::to_string(axis));
  }
  int64_t before = 1, after = 1;
  for (int i = 0; i < axis; ++i) before *= x[i];
  for (int i = axis + 1; i < x.rank; ++i) after *= x[i];
  return {1, 1, before, x[axis], after};
}

Shape without_axis(const Shape& x, int axis) {
  Shape y;
  for (int i = 0; i < x.rank; ++i) {
    if (i != axis) y.sizes[y.rank++] = x[i];
  }
  return y;
}

// y = scale * (sum along axis), and its backward; sum and mean differ only in the scale.
Variable scaled_axis_sum(const char* op, const Variable& x, int axis, bool divide_by_length) {
  kernels::BroadcastView view = axis_view(op, x.shape(), axis);
  Scalar scale = divide_by_length ? 1.0f / static_cast<Scalar>(x.shape()[axis]) : 1.0f;
  Tensor y(without_axis(x.shape(), axis));
  kernels::broadcast_reduce(view, y.ptr(), [scale](Scalar x) { return scale * x; }, x.value().ptr());
  return make_result(std::move(y), {x}, op, [x = x.node(), view, scale](const Tensor& dy) {
    kernels::broadcast_map(view, grad_buffer(*x).ptr(), dy.ptr(),
                           [scale](Scalar& dx, Scalar dy) { dx += scale * dy; });  // (D.5.2)
  });
}

}  // namespace

Variable sum(const Variable& x) {
  Tensor y(Shape{});
  y.data[0] = static_cast<Scalar>(kernels::sum(x.value().numel(), [](Scalar x) { return x; }, x.value().ptr()));
  return make_result(std::move(y), {x}, "sum", [x = x.node()](const Tensor& dy) {
    Scalar g = dy.data[0];
    kernels::map(x->value.numel(), grad_buffer(*x).ptr(), [g](Scalar& dx) { dx += g; });  // (D.5.1)
  });
}

Variable mean(const Variable& x) {
  int64_t M = x.value().numel();
  Tensor y(Shape{});
  y.data[0] = static_cast<Scalar>(kernels::sum(M, [](Scalar x) { return x; }, x.value().ptr()) / M);
  return make_result(std::move(y), {x}, "mean", [x = x.node(), M](const Tensor& dy) {
    Scalar g = dy.data[0] / static_cast<Scalar>(M);
    kernels::map(M, grad_buffer(*x).ptr(), [g](Scalar& dx) { dx += g; });  // (D.5.1)
  });
}

Variable sum(const Variable& x, int axis) { return scaled_axis_sum("sum", x, axis, false); }

Variable mean(const Variable& x, int axis) { return scaled_axis_sum("mean", x, axis, true); }

}  // namespace gan
