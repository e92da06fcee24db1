#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/kernels/parallel.h"
#include "gan/ops/op_checks.h"
#include "gan/ops/reductions.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("sum and mean pass their gradient checks", "[ops][gradcheck]") {
  check_all(gan::reductions_checks());
}

TEST_CASE("sum and mean of everything give a scalar and spread the gradient", "[ops]") {
  Variable x(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}), true);
  Variable s = gan::sum(x);
  CHECK(s.shape() == Shape{});
  CHECK(s.value().data[0] == 21.0f);
  s.backward();
  CHECK(x.grad().data == std::vector<Scalar>(6, 1.0f));
  x.zero_grad();
  Variable m = gan::mean(x);
  CHECK(m.value().data[0] == 3.5f);
  m.backward(Tensor(Shape{}, 3.0f));
  CHECK(x.grad().data == std::vector<Scalar>(6, 0.5f));
}

TEST_CASE("sum and mean along an axis remove it", "[ops]") {
  // x (2, 3, 2): x[i][j][k] = 6i + 2j + k
  Tensor values({2, 3, 2});
  for (int i = 0; i < 12; ++i) values.data[i] = static_cast<Scalar>(i);
  Variable x(values, true);
  Variable s0 = gan::sum(x, 0);
  CHECK(s0.shape() == Shape{3, 2});
  CHECK(s0.value().data == std::vector<Scalar>{6, 8, 10, 12, 14, 16});
  Variable s1 = gan::sum(x, 1);
  CHECK(s1.shape() == Shape{2, 2});
  CHECK(s1.value().data == std::vector<Scalar>{6, 9, 24, 27});
  Variable m2 = gan::mean(x, 2);
  CHECK(m2.shape() == Shape{2, 3});
  CHECK(m2.value().data == std::vector<Scalar>{0.5f, 2.5f, 4.5f, 6.5f, 8.5f, 10.5f});

  s1.backward(Tensor::from({2, 2}, {1, 2, 3, 4}));
  CHECK(x.grad().data == std::vector<Scalar>{1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4});
  x.zero_grad();
  m2.backward(Tensor({2, 3}, 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>(12, 0.5f));

  Variable v(Tensor::from({3}, {1, 2, 3}));
  CHECK(gan::sum(v, 0).shape() == Shape{});
  CHECK(gan::sum(v, 0).value().data[0] == 6.0f);
}

TEST_CASE("a large sum is accurate and the same with 1 and 2 threads", "[ops]") {
  Variable x(Tensor({400, 1000}, 0.1f));  // 400000 entries of 0.1f
  int saved = gan::kernels::num_threads();
  gan::kernels::set_num_threads(1);
  Scalar one = gan::sum(x).value().data[0];
  Tensor per_column_one = gan::mean(x, 0).value();
  gan::kernels::set_num_threads(2);
  Scalar two = gan::sum(x).value().data[0];
  Tensor per_column_two = gan::mean(x, 0).value();
  gan::kernels::set_num_threads(saved);
  CHECK(one == two);
  CHECK(per_column_one.data == per_column_two.data);
  CHECK(one == Approx(40000.0).epsilon(1e-6));
  CHECK(per_column_one.data[999] == Approx(0.1f).epsilon(1e-6));
}

TEST_CASE("an axis out of range is named with x's shape", "[ops]") {
  Variable x(Tensor({2, 3}));
  CHECK_THROWS_WITH(gan::sum(x, 2), "sum: axis must be in [0, 2) for x (2, 3), got 2");
  CHECK_THROWS_WITH(gan::mean(x, -1), "mean: axis must be in [0, 2) for x (2, 3), got -1");
}
