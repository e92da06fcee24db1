#include <catch2/catch.hpp>

#include "gan/autograd/variable.h"
#include "gan/ops/matmul.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

namespace {
// y = a * b, element-wise, written here so the autograd tests do not depend on other ops.
Variable times(const Variable& a, const Variable& b) {
  Tensor y(a.shape());
  for (int64_t i = 0; i < y.numel(); ++i) y.data[i] = a.value().data[i] * b.value().data[i];
  return gan::make_result(std::move(y), {a, b}, "times", [a = a.node(), b = b.node()](const Tensor& dy) {
    if (a->requires_grad) {
      Tensor& da = gan::grad_buffer(*a);
      for (int64_t i = 0; i < dy.numel(); ++i) da.data[i] += dy.data[i] * b->value.data[i];
    }
    if (b->requires_grad) {
      Tensor& db = gan::grad_buffer(*b);
      for (int64_t i = 0; i < dy.numel(); ++i) db.data[i] += dy.data[i] * a->value.data[i];
    }
  });
}
}  // namespace

TEST_CASE("a value used twice receives the sum of both gradients", "[autograd]") {
  Variable x(Tensor::from({}, {3.0f}), true);
  Variable y = times(x, x);  // y = x^2, dy/dx = 2x = 6
  y.backward();
  CHECK(x.grad().data[0] == 6.0f);
}

TEST_CASE("gradient_target makes a buffer once, unfilled, and then hands out the same one", "[autograd]") {
  Variable x(Tensor({2, 3}), true);
  gan::GradientTarget first = gan::gradient_target(*x.node());
  CHECK(first.fresh);
  CHECK(first.beta() == 0.0f);  // a product writes it without reading it
  CHECK(x.grad().shape == gan::Shape{2, 3});
  for (int i = 0; i < 6; ++i) first.data[i] = Scalar(i);
  gan::GradientTarget second = gan::gradient_target(*x.node());
  CHECK_FALSE(second.fresh);
  CHECK(second.beta() == 1.0f);  // a second use of x adds to the first's values
  CHECK(second.data == first.data);
  CHECK(x.grad().data[5] == 5.0f);
}

TEST_CASE("diamond graphs run each backward once, after all uses", "[autograd]") {
  Variable x(Tensor::from({}, {2.0f}), true);
  Variable u = times(x, x);          // x^2
  Variable v = times(u, x);          // x^3
  Variable w = times(u, v);          // x^5, dw/dx = 5 x^4 = 80
  w.backward();
  CHECK(x.grad().data[0] == 80.0f);
}

TEST_CASE("leaf gradients accumulate until zero_grad", "[autograd]") {
  Variable x(Tensor::from({}, {3.0f}), true);
  times(x, x).backward();
  times(x, x).backward();
  CHECK(x.grad().data[0] == 12.0f);
  x.zero_grad();
  times(x, x).backward();
  CHECK(x.grad().data[0] == 6.0f);
}

TEST_CASE("detach stops the gradient", "[autograd]") {
  Variable x(Tensor::from({}, {3.0f}), true);
  Variable y = times(x, x.detach());  // d/dx of x * const(x) = x = 3
  y.backward();
  CHECK(x.grad().data[0] == 3.0f);
  CHECK_FALSE(x.detach().requires_grad());
}

TEST_CASE("under NoGradGuard ops build no graph", "[autograd]") {
  Variable x(Tensor::from({}, {3.0f}), true);
  {
    gan::NoGradGuard no_grad;
    Variable y = times(x, x);
    CHECK_FALSE(y.requires_grad());
    CHECK(y.node()->parents.empty());
    CHECK_THROWS_WITH(y.backward(), Catch::Contains("does not require grad"));
  }
  CHECK(gan::grad_enabled());
  CHECK(times(x, x).requires_grad());
}

TEST_CASE("backward needs a scalar or an explicit dout", "[autograd]") {
  Variable x(Tensor::from({2}, {1, 2}), true);
  Variable y = times(x, x);
  CHECK_THROWS_WITH(y.backward(), Catch::Contains("must be a scalar, got (2)"));
  y.backward(Tensor::from({2}, {1, 1}));
  CHECK(x.grad().data == std::vector<Scalar>{2, 4});
}

TEST_CASE("a long chain backpropagates and is freed without recursion", "[autograd]") {
  Variable one(Tensor::from({}, {1.0f}), false);
  Variable x(Tensor::from({}, {1.0f}), true);
  {
    Variable y = x;
    // Deep enough to overflow the stack through a recursive walk or recursive destructors.
    for (int i = 0; i < 300000; ++i) y = times(y, one);
    y.backward();
  }  // y's graph is freed here
  CHECK(x.grad().data[0] == 1.0f);
  CHECK(x.node().use_count() == 1);
}

TEST_CASE("dropping the output frees the graph", "[autograd]") {
  Variable x(Tensor::from({}, {3.0f}), true);
  std::weak_ptr<gan::Node> intermediate;
  {
    Variable y = times(x, x);
    intermediate = y.node();
    Variable z = times(y, x);
    z.backward();
  }
  CHECK(intermediate.expired());
}
