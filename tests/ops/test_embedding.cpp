#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/embedding.h"
#include "gan/ops/op_checks.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("embedding passes its gradient check", "[ops][gradcheck]") {
  check_all(gan::embedding_checks());
}

TEST_CASE("embedding picks rows and scatters their gradients back, repeats summed", "[ops]") {
  Variable table(Tensor::from({3, 2}, {0, 1, 10, 11, 20, 21}), true);
  Variable y = gan::embedding({2, 0, 2}, table);
  CHECK(y.shape() == Shape{3, 2});
  CHECK(y.value().data == std::vector<Scalar>{20, 21, 0, 1, 20, 21});
  y.backward(Tensor::from({3, 2}, {1, 2, 3, 4, 5, 6}));
  CHECK(table.grad().data == std::vector<Scalar>{3, 4, 0, 0, 6, 8});
}

TEST_CASE("embedding names an index out of range", "[ops]") {
  Variable table(Tensor({5, 3}));
  CHECK_THROWS_WITH(gan::embedding({1, 7}, table),
                    "embedding: indices[1] must be in [0, 5) for table (5, 3), got 7");
  CHECK_THROWS_WITH(gan::embedding({-1}, table), Catch::Contains("got -1"));
  CHECK_THROWS_WITH(gan::embedding({0}, Variable(Tensor({5}))),
                    "embedding: table must be (num_classes, D), got (5)");
}
