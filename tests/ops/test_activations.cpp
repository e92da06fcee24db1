#include <catch2/catch.hpp>

#include <cmath>

#include "../check_all.h"
#include "gan/ops/activations.h"
#include "gan/ops/arithmetic.h"
#include "gan/ops/op_checks.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

TEST_CASE("activations pass their gradient checks", "[ops][gradcheck]") {
  check_all(gan::activations_checks());
}

TEST_CASE("sigmoid by hand, with gradients from the saved output", "[ops][task 1.1]") {
  Variable x(Tensor::from({3}, {0.0f, std::log(3.0f), -std::log(3.0f)}), true);
  Variable s = gan::sigmoid(x);
  CHECK(s.value().data[0] == 0.5f);
  CHECK(s.value().data[1] == Approx(0.75f));  // 1 / (1 + 1/3)
  CHECK(s.value().data[2] == Approx(0.25f));
  s.backward(Tensor({3}, 1.0f));
  CHECK(x.grad().data[0] == 0.25f);
  CHECK(x.grad().data[1] == Approx(0.1875f));  // 0.75 * 0.25
}

TEST_CASE("tanh by hand, with gradients from the saved output", "[ops][task 1.2]") {
  Variable u(Tensor::from({2}, {0.0f, 1.0f}), true);
  Variable t = gan::tanh(u);
  CHECK(t.value().data[0] == 0.0f);
  CHECK(t.value().data[1] == Approx(std::tanh(1.0)));
  t.backward(Tensor({2}, 1.0f));
  CHECK(u.grad().data[0] == 1.0f);
  CHECK(u.grad().data[1] == Approx(1.0 - std::tanh(1.0) * std::tanh(1.0)));
}

TEST_CASE("relu and leaky_relu pass or scale by sign", "[ops]") {
  Variable x(Tensor::from({4}, {-2.0f, -0.5f, 0.5f, 3.0f}), true);
  Variable r = gan::relu(x);
  CHECK(r.value().data == std::vector<Scalar>{0, 0, 0.5f, 3});
  r.backward(Tensor({4}, 2.0f));
  CHECK(x.grad().data == std::vector<Scalar>{0, 0, 2, 2});
  x.zero_grad();
  Variable l = gan::leaky_relu(x, 0.2f);
  CHECK(l.value().data[0] == Approx(-0.4f));
  CHECK(l.value().data[3] == 3.0f);
  l.backward(Tensor({4}, 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>{0.2f, 0.2f, 1, 1});
}

TEST_CASE("relu and leaky_relu add into a gradient that already holds values", "[ops]") {
  // The first backward to reach x writes its unfilled buffer (gradient_target); the second, and a
  // later backward before zero_grad, must add to what is there.
  Variable x(Tensor::from({4}, {-2.0f, -0.5f, 0.5f, 3.0f}), true);
  Variable both = gan::add(gan::relu(x), gan::leaky_relu(x, 0.2f));
  both.backward(Tensor({4}, 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>{0.2f, 0.2f, 2, 2});
  gan::relu(x).backward(Tensor({4}, 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>{0.2f, 0.2f, 3, 3});
}

TEST_CASE("softplus and log_sigmoid stay finite and exact at +-100", "[ops]") {
  // ln(1 + e^-100) ~ 3.7e-44 is a denormal float: the ops must give exactly what float gives,
  // not 0 (underflow) and not inf (from e^100). (Within 1e-15, so that the double build's last bit
  // may differ from the C library's: a float's ULP here is 4 % of the value.)
  const Scalar tiny = std::log1p(std::exp(Scalar{-100}));
  REQUIRE(tiny > 0.0f);
  Variable x(Tensor::from({4}, {-100.0f, 0.0f, 100.0f, 1.0f}), true);
  Variable sp = gan::softplus(x);
  CHECK(sp.value().data[0] == Approx(tiny).epsilon(1e-15));
  CHECK(sp.value().data[1] == Approx(std::log(2.0)));
  CHECK(sp.value().data[2] == 100.0f);
  CHECK(sp.value().data[3] == Approx(std::log1p(std::exp(1.0))));
  sp.backward(Tensor({4}, 1.0f));
  CHECK(x.grad().data[1] == 0.5f);
  CHECK(x.grad().data[2] == 1.0f);

  Variable ls = gan::log_sigmoid(x);
  CHECK(ls.value().data[0] == -100.0f);
  CHECK(ls.value().data[1] == Approx(-std::log(2.0)));
  CHECK(ls.value().data[2] == Approx(-tiny).epsilon(1e-15));
  for (Scalar v : ls.value().data) CHECK(std::isfinite(v));
  x.zero_grad();
  ls.backward(Tensor({4}, 1.0f));
  CHECK(x.grad().data[0] == 1.0f);  // sigma(100)
  CHECK(x.grad().data[2] == Approx(std::exp(Scalar{-100})).epsilon(1e-15));  // sigma(-100)
}

TEST_CASE("softmax and log_softmax by hand, and stable for huge logits", "[ops]") {
  // Row 1 would overflow exp without the shift by the maximum. Its answers are exact up to the
  // float spacing at 1000 (6e-5), which the logits themselves carry.
  const double near_1000 = 1e-4;
  Variable x(Tensor::from({2, 3}, {0, 0, 0, 1000, 1000, -1000}), true);
  Variable p = gan::softmax(x);
  CHECK(p.value().data[0] == Approx(1.0 / 3));
  CHECK(p.value().data[3] == Approx(0.5).margin(near_1000));
  CHECK(p.value().data[4] == Approx(0.5).margin(near_1000));
  CHECK(p.value().data[5] == 0.0f);
  Variable lp = gan::log_softmax(x);
  CHECK(lp.value().data[0] == Approx(-std::log(3.0)));
  CHECK(lp.value().data[3] == Approx(-std::log(2.0)).margin(near_1000));
  CHECK(lp.value().data[5] == Approx(-2000.0f - std::log(2.0f)));

  // dL/dy = one-hot of column 0: dx = onehot - softmax * 1 for log_softmax.
  lp.backward(Tensor::from({2, 3}, {1, 0, 0, 1, 0, 0}));
  CHECK(x.grad().data[0] == Approx(2.0 / 3));
  CHECK(x.grad().data[1] == Approx(-1.0 / 3));
  CHECK(x.grad().data[3] == Approx(0.5).margin(near_1000));
  CHECK(x.grad().data[4] == Approx(-0.5).margin(near_1000));
  x.zero_grad();
  // softmax: dx = y (dy - sum dy y); dy = one-hot of column 0 in row 0.
  p.backward(Tensor::from({2, 3}, {1, 0, 0, 0, 0, 0}));
  CHECK(x.grad().data[0] == Approx(1.0 / 3 * (1 - 1.0 / 3)));
  CHECK(x.grad().data[1] == Approx(-1.0 / 9));
  CHECK(x.grad().data[3] == 0.0f);
}

TEST_CASE("softmax names the shape it needs", "[ops]") {
  Variable x(Tensor({2, 3, 4}));
  CHECK_THROWS_WITH(gan::softmax(x), "softmax: x must be (N, D), got (2, 3, 4)");
  CHECK_THROWS_WITH(gan::log_softmax(x), "log_softmax: x must be (N, D), got (2, 3, 4)");
}
