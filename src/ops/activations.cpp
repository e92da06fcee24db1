#include "gan/ops/activations.h"

#include "gan/kernels/elementwise.h"
#include "gan/kernels/math_functions.h"

namespace gan {

namespace {

// (N, D) against one number per row, (N, 1): the view for the row-wise sums of softmax.
kernels::BroadcastView rows_view(const Shape& x) { return {1, 1, x[0], x[1], 1}; }

}  // namespace

Variable sigmoid(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = sigmoid_value(x); }, x.value().ptr());
  Tensor saved_y = saved_output(y, x);
  return make_result(std::move(y), {x}, "sigmoid", [x = x.node(), y = std::move(saved_y)](const Tensor& dy) {
    // BEGIN TASK 1.1: sigmoid backward
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.4.1)
                 [](Scalar& dx, Scalar dy, Scalar y) { dx += dy * y * (1.0f - y); }, dy.ptr(), y.ptr());
    // END TASK 1.1
  });
}

Variable tanh(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = kernels::tanh(x); }, x.value().ptr());
  Tensor saved_y = saved_output(y, x);
  return make_result(std::move(y), {x}, "tanh", [x = x.node(), y = std::move(saved_y)](const Tensor& dy) {
    // BEGIN TASK 1.2: tanh backward
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.4.2)
                 [](Scalar& dx, Scalar dy, Scalar y) { dx += dy * (1.0f - y * y); }, dy.ptr(), y.ptr());
    // END TASK 1.2
  });
}

Variable relu(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = x > 0.0f ? x : 0.0f; }, x.value().ptr());
  return make_result(std::move(y), {x}, "relu", [x = x.node()](const Tensor& dy) {
    const GradientTarget dx = gradient_target(*x);  // activations' gradients are large: no zero fill
    kernels::accumulate_map(dy.numel(), dx.data, dx.fresh,  // (D.4.3)
                            [](Scalar dy, Scalar x) { return x > 0.0f ? dy : 0.0f; }, dy.ptr(), x->value.ptr());
  });
}

Variable leaky_relu(const Variable& x, float slope) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [slope](Scalar& y, Scalar x) { y = x > 0.0f ? x : slope * x; },
               x.value().ptr());
  return make_result(std::move(y), {x}, "leaky_relu", [x = x.node(), slope](const Tensor& dy) {
    const GradientTarget dx = gradient_target(*x);
    kernels::accumulate_map(dy.numel(), dx.data, dx.fresh,  // (D.4.3)
                            [slope](Scalar dy, Scalar x) { return x > 0.0f ? dy : slope * dy; }, dy.ptr(),
                            x->value.ptr());
  });
}

Variable softplus(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = softplus_value(x); }, x.value().ptr());
  return make_result(std::move(y), {x}, "softplus", [x = x.node()](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.4.4)
                 [](Scalar& dx, Scalar dy, Scalar x) { dx += dy * sigmoid_value(x); }, dy.ptr(), x->value.ptr());
  });
}

Variable log_sigmoid(const Variable& x) {
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::map(y.numel(), y.ptr(), [](Scalar& y, Scalar x) { y = -softplus_value(-x); }, x.value().ptr());
  return make_result(std::move(y), {x}, "log_sigmoid", [x = x.node()](const Tensor& dy) {
    kernels::map(dy.numel(), grad_buffer(*x).ptr(),  // (D.4.5)
                 [](Scalar& dx, Scalar dy, Scalar x) { dx += dy * sigmoid_value(-x); }, dy.ptr(),
                 x->value.ptr());
  });
}

Variable log_softmax(const Variable& x) {
  require_rank("log_softmax", "x", x.shape(), 2, "(N, D)");
  int N = x.shape()[0], D = x.shape()[1];
  kernels::BroadcastView view = rows_view(x.shape());
  Tensor lse({N});  // ln sum_e exp(x[n, e]), one per row
  kernels::logsumexp_rows(N, D, x.value().ptr(), lse.ptr());
  Tensor y = Tensor::uninitialized(x.shape());
  kernels::broadcast_map(view, y.ptr(), lse.ptr(), [](Scalar& y, Scalar lse, Scalar x) { y = x - lse; },
                         x.value().ptr());
  Tensor saved_y = saved_output(y, x);
  return make_result(std::move(y), {x}, "log_softmax",
                     [x = x.node(), y = std::move(saved_y), view, N](const Tensor& dy) {
    Tensor dy_sum({N});  // sum_e dL/dy[n, e]
    kernels::broadcast_reduce(view, dy_sum.ptr(), [](Scalar dy) { return dy; }, dy.ptr());
    // (D.4.6), with softmax(x) = exp(y)
    kernels::broadcast_map(view, grad_buffer(*x).ptr(), dy_sum.ptr(),
                           [](Scalar& dx, Scalar dy_sum, Scalar dy, Scalar y) {
                             dx += dy - kernels::exp(y) * dy_sum;
                           }, dy.ptr(), y.ptr());
  });
}

Variable softmax(const Variable& x) {
  require_rank("softmax", "x", x.shape(), 2, "(N, D)");
  int N = x.shape()[0], D = x.shape()[1];
  kernels::BroadcastView view = rows_view(x.shape());
  Tensor lse({N});
  kernels::logsumexp_rows(N, D, x.value().ptr(), lse.ptr());
  Tensor y = Tensor::uninitialized(x.shape());  // exp(x - lse) = exp(x) / sum_e exp(x[n, e]), with no overflow
  kernels::broadcast_map(view, y.ptr(), lse.ptr(),
                         [](Scalar& y, Scalar lse, Scalar x) { y = kernels::exp(x - lse); }, x.value().ptr());
  Tensor saved_y = saved_output(y, x);
  return make_result(std::move(y), {x}, "softmax",
                     [x = x.node(), y = std::move(saved_y), view, N](const Tensor& dy) {
    Tensor dy_dot_y({N});  // sum_e dL/dy[n, e] y[n, e]
    kernels::broadcast_reduce(view, dy_dot_y.ptr(), [](Scalar dy, Scalar y) { return dy * y; }, dy.ptr(),
                              y.ptr());
    kernels::broadcast_map(view, grad_buffer(*x).ptr(), dy_dot_y.ptr(),  // (D.4.7)
                           [](Scalar& dx, Scalar dot, Scalar dy, Scalar y) { dx += y * (dy - dot); }, dy.ptr(),
                           y.ptr());
  });
}

}  // namespace gan
