#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/arithmetic.h"
#include "gan/ops/op_checks.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

TEST_CASE("arithmetic ops pass their gradient checks, broadcasting included", "[ops][gradcheck]") {
  check_all(gan::arithmetic_checks());
}

TEST_CASE("add broadcasts a bias row and sums its gradient over the batch", "[ops]") {
  Variable a(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}), true);
  Variable b(Tensor::from({3}, {10, 20, 30}), true);
  Variable y = gan::add(a, b);
  CHECK(y.shape() == gan::Shape{2, 3});
  CHECK(y.value().data == std::vector<Scalar>{11, 22, 33, 14, 25, 36});
  y.backward(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}));
  CHECK(a.grad().data == std::vector<Scalar>{1, 2, 3, 4, 5, 6});
  CHECK(b.grad().data == std::vector<Scalar>{5, 7, 9});
}

TEST_CASE("sub broadcasts one number per row and negates its summed gradient", "[ops]") {
  Variable a(Tensor::from({2, 2}, {5, 6, 7, 8}), true);
  Variable b(Tensor::from({2, 1}, {1, 2}), true);
  Variable y = gan::sub(a, b);
  CHECK(y.value().data == std::vector<Scalar>{4, 5, 5, 6});
  y.backward(Tensor::from({2, 2}, {1, 1, 1, 3}));
  CHECK(a.grad().data == std::vector<Scalar>{1, 1, 1, 3});
  CHECK(b.grad().data == std::vector<Scalar>{-2, -4});
}

TEST_CASE("mul scales each channel and gives the per-channel gradient sum of dy * a", "[ops]") {
  // a (N=2, C=2, H=1, W=2), b (1, C, 1, 1)
  Variable a(Tensor::from({2, 2, 1, 2}, {1, 2, 3, 4, 5, 6, 7, 8}), true);
  Variable b(Tensor::from({1, 2, 1, 1}, {10, -1}), true);
  Variable y = gan::mul(a, b);
  CHECK(y.value().data == std::vector<Scalar>{10, 20, -3, -4, 50, 60, -7, -8});
  y.backward(Tensor({2, 2, 1, 2}, 1.0f));
  CHECK(a.grad().data == std::vector<Scalar>{10, 10, -1, -1, 10, 10, -1, -1});
  CHECK(b.grad().data == std::vector<Scalar>{1 + 2 + 5 + 6, 3 + 4 + 7 + 8});
}

TEST_CASE("div gives dy / b and -sum dy a / b^2", "[ops]") {
  Variable a(Tensor::from({2, 2}, {1, 2, 3, 4}), true);
  Variable b(Tensor::from({2}, {2, 4}), true);
  Variable y = gan::div(a, b);
  CHECK(y.value().data == std::vector<Scalar>{0.5f, 0.5f, 1.5f, 1.0f});
  y.backward(Tensor({2, 2}, 1.0f));
  CHECK(a.grad().data == std::vector<Scalar>{0.5f, 0.25f, 0.5f, 0.25f});
  CHECK(b.grad().data == std::vector<Scalar>{-(1 + 3) / 4.0f, -(2 + 4) / 16.0f});
}

TEST_CASE("a value used as both operands gets both gradients", "[ops]") {
  Variable x(Tensor::from({3}, {1, -2, 3}), true);
  gan::mul(x, x).backward(Tensor({3}, 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>{2, -4, 6});  // d(x^2)/dx = 2x
}

TEST_CASE("neg, add_scalar and mul_scalar", "[ops]") {
  Variable a(Tensor::from({2}, {1, -3}), true);
  CHECK(gan::neg(a).value().data == std::vector<Scalar>{-1, 3});
  CHECK(gan::add_scalar(a, 0.5f).value().data == std::vector<Scalar>{1.5f, -2.5f});
  Variable y = gan::mul_scalar(a, -2.0f);
  CHECK(y.value().data == std::vector<Scalar>{-2, 6});
  y.backward(Tensor::from({2}, {1, 10}));
  CHECK(a.grad().data == std::vector<Scalar>{-2, -20});
}

TEST_CASE("a b that does not broadcast is named with both shapes", "[ops]") {
  Variable a(Tensor({2, 3})), b(Tensor({2})), c(Tensor({1, 2, 3}));
  CHECK_THROWS_WITH(gan::add(a, b), Catch::Contains("add: b must have a's shape (2, 3) or broadcast") &&
                                        Catch::Contains("got (2)"));
  CHECK_THROWS_WITH(gan::div(a, c), Catch::Contains("div: b must") && Catch::Contains("got (1, 2, 3)"));
}
