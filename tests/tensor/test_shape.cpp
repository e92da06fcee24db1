#include <catch2/catch.hpp>

#include "gan/tensor/shape.h"

using gan::Shape;

TEST_CASE("a shape counts its elements and prints in the legend's order", "[tensor]") {
  Shape images{64, 32, 14, 14};
  CHECK(images.rank == 4);
  CHECK(images.numel() == 64 * 32 * 14 * 14);
  CHECK(images.str() == "(64, 32, 14, 14)");
  CHECK(Shape().numel() == 1);  // a scalar
  CHECK(Shape().str() == "()");
  CHECK(Shape{3, 0}.numel() == 0);
}

TEST_CASE("shapes compare by rank and sizes", "[tensor]") {
  CHECK(Shape{2, 3} == Shape{2, 3});
  CHECK(Shape{2, 3} != Shape{3, 2});
  CHECK(Shape{6} != Shape{6, 1});
}

TEST_CASE("a shape refuses rank 5 and negative sizes", "[tensor]") {
  CHECK_THROWS_WITH((Shape{1, 2, 3, 4, 5}), Catch::Contains("rank must be at most 4"));
  CHECK_THROWS_WITH((Shape{2, -1}), Catch::Contains("sizes must be >= 0, got -1"));
}

TEST_CASE("a flattened shape keeps the batch axis and puts each example in one row", "[tensor]") {
  CHECK(Shape{64, 1, 28, 28}.flattened() == Shape{64, 784});
  CHECK(Shape{5, 3}.flattened() == Shape{5, 3});
  CHECK(Shape{7}.flattened() == Shape{7, 1});
  CHECK(Shape{0, 3, 4}.flattened() == Shape{0, 0});
}
