#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/op_checks.h"
#include "gan/ops/shape_ops.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("reshape, flatten and concat pass their gradient checks", "[ops][gradcheck]") {
  check_all(gan::shape_ops_checks());
}

TEST_CASE("reshape and flatten keep the numbers in order", "[ops]") {
  Variable x(Tensor::from({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8}), true);
  Variable f = gan::flatten(x);
  CHECK(f.shape() == Shape{2, 4});
  CHECK(f.value().data == x.value().data);
  Variable r = gan::reshape(x, Shape{4, 2});
  CHECK(r.shape() == Shape{4, 2});
  r.backward(Tensor::from({4, 2}, {8, 7, 6, 5, 4, 3, 2, 1}));
  CHECK(x.grad().shape == Shape{2, 1, 2, 2});
  CHECK(x.grad().data == std::vector<Scalar>{8, 7, 6, 5, 4, 3, 2, 1});
  CHECK(gan::flatten(Variable(Tensor({3}))).shape() == Shape{3, 1});
}

TEST_CASE("concat joins features and slices the gradient back", "[ops]") {
  Variable z(Tensor::from({2, 2}, {1, 2, 3, 4}), true);
  Variable e(Tensor::from({2, 1}, {9, 8}), true);
  Variable y = gan::concat({z, e}, 1);
  CHECK(y.shape() == Shape{2, 3});
  CHECK(y.value().data == std::vector<Scalar>{1, 2, 9, 3, 4, 8});
  y.backward(Tensor::from({2, 3}, {10, 20, 30, 40, 50, 60}));
  CHECK(z.grad().data == std::vector<Scalar>{10, 20, 40, 50});
  CHECK(e.grad().data == std::vector<Scalar>{30, 60});

  Variable rows = gan::concat({z, Variable(Tensor::from({1, 2}, {5, 6}))}, 0);
  CHECK(rows.shape() == Shape{3, 2});
  CHECK(rows.value().data == std::vector<Scalar>{1, 2, 3, 4, 5, 6});
}

TEST_CASE("concat joins image channels", "[ops]") {
  // (N=2, C=1, H=1, W=2) and (2, 2, 1, 2) along C -> (2, 3, 1, 2)
  Variable a(Tensor::from({2, 1, 1, 2}, {1, 2, 3, 4}));
  Variable b(Tensor::from({2, 2, 1, 2}, {10, 11, 12, 13, 14, 15, 16, 17}));
  Variable y = gan::concat({a, b}, 1);
  CHECK(y.shape() == Shape{2, 3, 1, 2});
  CHECK(y.value().data == std::vector<Scalar>{1, 2, 10, 11, 12, 13, 3, 4, 14, 15, 16, 17});
}

TEST_CASE("shape ops name the shapes that do not fit", "[ops]") {
  Variable x(Tensor({2, 3}));
  CHECK_THROWS_WITH(gan::reshape(x, Shape{4, 2}),
                    "reshape: shape (4, 2) must hold the 6 values of x (2, 3), got 8");
  CHECK_THROWS_WITH(gan::concat({x, Variable(Tensor({3, 3}))}, 1),
                    "concat: xs[1] must match xs[0] (2, 3) except along axis 1, got (3, 3)");
  CHECK_THROWS_WITH(gan::concat({x}, 2), "concat: axis must be in [0, 2) for xs[0] (2, 3), got 2");
  CHECK_THROWS_WITH(gan::concat({}, 0), Catch::Contains("at least one"));
  CHECK_THROWS_WITH(gan::flatten(Variable(Tensor(Shape{}))), Catch::Contains("rank >= 1, got ()"));
}
