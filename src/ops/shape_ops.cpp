#include "gan/ops/shape_ops.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "gan/kernels/elementwise.h"

namespace gan {

Variable reshape(const Variable& x, Shape shape) {
  if (shape.numel() != x.value().numel()) {
    throw std::invalid_argument("reshape: shape " + shape.str() + " must hold the " +
                                std::to_string(x.value().numel()) + " values of x " + x.shape().str() +
                                ", got " + std::to_string(shape.numel()));
  }
  // The same numbers under another shape: copied in kernels::map's chunks, in parallel (D's
  // flattened feature map is 1.6 MB at batch 64), not by one thread as a vector copy would.
  Tensor y = Tensor::uninitialized(shape);
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = x; }, x.value().ptr());
  return make_result(std::move(y), {x}, "reshape", [x = x.node()](const Tensor& dy) {
    // (D.5.3): the same order, so the gradient is dy's numbers as they are
    const GradientTarget dx = gradient_target(*x);
    kernels::accumulate_map(dy.numel(), dx.data, dx.fresh, [](Scalar dy) { return dy; }, dy.ptr());
  });
}

Variable flatten(const Variable& x) {
  if (x.shape().rank < 1) {
    throw std::invalid_argument("flatten: x must be (N, ...) with rank >= 1, got " + x.shape().str());
  }
  return reshape(x, x.shape().flattened());
}

Variable concat(const std::vector<Variable>& xs, int axis) {
  if (xs.empty()) throw std::invalid_argument("concat: xs must hold at least one tensor, got none");
  const Shape& first = xs[0].shape();
  if (axis < 0 || axis >= first.rank) {
    throw std::invalid_argument("concat: axis must be in [0, " + std::to_string(first.rank) + ") for xs[0] " +
                                first.str() + ", got " + std::to_string(axis));
  }
  Shape y_shape = first;
  y_shape.sizes[axis] = 0;
  for (size_t k = 0; k < xs.size(); ++k) {
    Shape expected = first;  // xs[0]'s shape with xs[k]'s size along the axis
    expected.sizes[axis] = xs[k].shape().rank == first.rank ? xs[k].shape()[axis] : first[axis];
    if (xs[k].shape() != expected) {
      throw std::invalid_argument("concat: xs[" + std::to_string(k) + "] must match xs[0] " + first.str() +
                                  " except along axis " + std::to_string(axis) + ", got " +
                                  xs[k].shape().str());
    }
    y_shape.sizes[axis] += xs[k].shape()[axis];
  }
  // Each tensor is (A, L_k, B) around the axis; y is (A, L, B) with L = sum L_k, so each of y's A
  // outer rows is the inputs' rows of L_k * B numbers laid end to end.
  int64_t A = 1, B = 1;
  for (int i = 0; i < axis; ++i) A *= first[i];
  for (int i = axis + 1; i < first.rank; ++i) B *= first[i];
  int64_t y_row = int64_t{y_shape[axis]} * B;
  Tensor y(y_shape);
  int64_t offset = 0;  // where xs[k]'s part starts within a row of y
  for (const Variable& x : xs) {
    int64_t x_row = int64_t{x.shape()[axis]} * B;
    for (int64_t a = 0; a < A; ++a) {
      std::copy_n(x.value().ptr() + a * x_row, x_row, y.ptr() + a * y_row + offset);
    }
    offset += x_row;
  }

  std::vector<std::shared_ptr<Node>> nodes;
  for (const Variable& x : xs) nodes.push_back(x.node());
  return make_result(std::move(y), xs, "concat", [nodes, A, B, y_row, axis](const Tensor& dy) {
    int64_t offset = 0;
    for (const std::shared_ptr<Node>& x : nodes) {
      int64_t x_row = int64_t{x->value.shape[axis]} * B;
      if (x->requires_grad) {  // (D.5.4)
        Scalar* dx = grad_buffer(*x).ptr();
        for (int64_t a = 0; a < A; ++a) {
          const Scalar* dy_part = dy.ptr() + a * y_row + offset;
          for (int64_t i = 0; i < x_row; ++i) dx[a * x_row + i] += dy_part[i];
        }
      }
      offset += x_row;
    }
  });
}

}  // namespace gan
