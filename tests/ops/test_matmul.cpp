#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/matmul.h"
#include "gan/ops/op_checks.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

TEST_CASE("matmul and linear pass their gradient checks", "[ops][gradcheck][task 2.1]") {
  check_all(gan::matmul_checks());
}

TEST_CASE("matmul computes a hand-worked product", "[ops]") {
  Variable a(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}));
  Variable b(Tensor::from({3, 2}, {7, 8, 9, 10, 11, 12}));
  CHECK(gan::matmul(a, b).value().data == std::vector<Scalar>{58, 64, 139, 154});
  CHECK(gan::matmul(a, a, false, true).value().data == std::vector<Scalar>{14, 32, 32, 77});
}

TEST_CASE("linear adds the bias to every row", "[ops]") {
  Variable x(Tensor::from({2, 2}, {1, 2, 3, 4}));
  Variable weight(Tensor::from({1, 2}, {10, 1}));
  Variable b(Tensor::from({1}, {0.5f}));
  CHECK(gan::linear(x, weight, b).value().data == std::vector<Scalar>{12.5f, 34.5f});
  CHECK(gan::linear(x, weight, Variable()).value().data == std::vector<Scalar>{12, 34});
}

TEST_CASE("matmul names the mismatched sizes", "[ops]") {
  Variable a(Tensor({2, 3})), b(Tensor({4, 2}));
  CHECK_THROWS_WITH(gan::matmul(a, b), Catch::Contains("must be (K, N) with K=3") &&
                                           Catch::Contains("b (4, 2)"));
}
