#include <catch2/catch.hpp>

#include <cmath>

#include "../check_all.h"
#include "gan/ops/math.h"
#include "gan/ops/op_checks.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

TEST_CASE("exp, log, sqrt and square pass their gradient checks", "[ops][gradcheck]") {
  check_all(gan::math_checks());
}

TEST_CASE("exp and log invert each other, with gradients y and 1/x", "[ops]") {
  Variable x(Tensor::from({3}, {0.0f, 1.0f, -2.0f}), true);
  Variable y = gan::exp(x);
  CHECK(y.value().data[0] == 1.0f);
  CHECK(y.value().data[1] == Approx(std::exp(1.0)));
  y.backward(Tensor({3}, 2.0f));
  CHECK(x.grad().data[2] == Approx(2.0 * std::exp(-2.0)));

  Variable z(Tensor::from({2}, {1.0f, 4.0f}), true);
  Variable ln_z = gan::log(z);
  CHECK(ln_z.value().data[0] == 0.0f);
  CHECK(ln_z.value().data[1] == Approx(std::log(4.0)));
  ln_z.backward(Tensor({2}, 1.0f));
  CHECK(z.grad().data == std::vector<Scalar>{1.0f, 0.25f});
}

TEST_CASE("sqrt and square by hand", "[ops]") {
  Variable x(Tensor::from({2}, {4.0f, 9.0f}), true);
  Variable r = gan::sqrt(x);
  CHECK(r.value().data == std::vector<Scalar>{2.0f, 3.0f});
  r.backward(Tensor({2}, 1.0f));
  CHECK(x.grad().data[0] == Approx(0.25f));  // 1 / (2 * 2)
  CHECK(x.grad().data[1] == Approx(1.0f / 6.0f));

  Variable s(Tensor::from({2}, {-3.0f, 0.5f}), true);
  Variable sq = gan::square(s);
  CHECK(sq.value().data == std::vector<Scalar>{9.0f, 0.25f});
  sq.backward(Tensor({2}, 1.0f));
  CHECK(s.grad().data == std::vector<Scalar>{-6.0f, 1.0f});
}

TEST_CASE("log outside its domain follows IEEE: -inf at 0, NaN below", "[ops]") {
  Variable x(Tensor::from({2}, {0.0f, -1.0f}));
  Variable y = gan::log(x);
  CHECK(std::isinf(y.value().data[0]));
  CHECK(y.value().data[0] < 0);
  CHECK(std::isnan(y.value().data[1]));
}

TEST_CASE("ops under NoGradGuard keep no copy and build no graph", "[ops]") {
  Variable x(Tensor::from({2}, {1.0f, 2.0f}), true);
  gan::NoGradGuard no_grad;
  Variable y = gan::exp(x);
  CHECK_FALSE(y.requires_grad());
  CHECK(y.node()->parents.empty());
  CHECK_THROWS_WITH(y.backward(Tensor({2}, 1.0f)), Catch::Contains("does not require grad"));
}
