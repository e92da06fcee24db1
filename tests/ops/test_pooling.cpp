#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/op_checks.h"
#include "gan/ops/pooling.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("pooling passes its gradient checks", "[ops][gradcheck]") {
  check_all(gan::pooling_checks());
}

TEST_CASE("max_pool2d takes each window's maximum and routes the gradient to it", "[ops]") {
  Variable x(Tensor::from({1, 1, 4, 4}, {1, 5, 2, 0,
                                         3, 4, 8, 1,
                                         9, 0, 1, 1,
                                         2, 6, 7, 1}), true);
  Variable y = gan::max_pool2d(x, 2, 2);
  REQUIRE(y.shape() == Shape{1, 1, 2, 2});
  CHECK(y.value().data == std::vector<Scalar>{5, 8, 9, 7});
  y.backward(Tensor::from({1, 1, 2, 2}, {10, 20, 30, 40}));
  CHECK(x.grad().data == std::vector<Scalar>{0, 10, 0, 0,
                                            0, 0, 20, 0,
                                            30, 0, 0, 0,
                                            0, 0, 40, 0});
}

TEST_CASE("max_pool2d with overlapping windows adds the gradients of a shared maximum", "[ops]") {
  // A 3x3 image, K=2, stride 1: the centre 9 is the maximum of all four windows.
  Variable x(Tensor::from({1, 1, 3, 3}, {1, 2, 3, 4, 9, 5, 6, 7, 8}), true);
  Variable y = gan::max_pool2d(x, 2, 1);
  CHECK(y.value().data == std::vector<Scalar>{9, 9, 9, 9});
  y.backward(Tensor::from({1, 1, 2, 2}, {1, 2, 3, 4}));
  CHECK(x.grad().data == std::vector<Scalar>{0, 0, 0, 0, 10, 0, 0, 0, 0});
}

TEST_CASE("max_pool2d sends a tie's gradient to the first maximum", "[ops]") {
  Variable x(Tensor::from({1, 1, 2, 2}, {3, 3, 3, 3}), true);
  Variable y = gan::max_pool2d(x, 2, 2);
  y.backward(Tensor::from({1, 1, 1, 1}, {1}));
  CHECK(x.grad().data == std::vector<Scalar>{1, 0, 0, 0});
}

TEST_CASE("avg_pool2d averages each window and spreads the gradient evenly", "[ops]") {
  Variable x(Tensor::from({1, 2, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8,           // channel 0
                                         0, 0, 4, 4, 0, 0, 4, 8}), true);  // channel 1
  Variable y = gan::avg_pool2d(x, 2, 2);
  REQUIRE(y.shape() == Shape{1, 2, 1, 2});
  CHECK(y.value().data == std::vector<Scalar>{3.5f, 5.5f, 0.0f, 5.0f});
  y.backward(Tensor::from({1, 2, 1, 2}, {4, 8, 12, 16}));
  CHECK(x.grad().data == std::vector<Scalar>{1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4});
}

TEST_CASE("pooling names bad arguments", "[ops]") {
  CHECK_THROWS_WITH(gan::max_pool2d(Variable(Tensor({2, 3, 4})), 2, 2),
                    "max_pool2d: input must be (N, C, H, W), got (2, 3, 4)");
  CHECK_THROWS_WITH(gan::avg_pool2d(Variable(Tensor({1, 1, 3, 3})), 4, 1),
                    "avg_pool2d: kernel K=4 must fit the input (N, C, H, W), got (1, 1, 3, 3)");
}
