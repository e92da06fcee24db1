// Shape: the sizes of a tensor of rank 0 to 4.
//
// Shape legend, used in every comment and error message of gan.cpp:
//   N batch, C channels, H height, W width, D features, Z latent size, K kernel size.
// A rank-4 image batch is (N, C, H, W); a rank-2 feature batch is (N, D).
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>

namespace gan {

struct Shape {
  std::array<int, 4> sizes{};  // sizes[0..rank-1]; the rest stay 0
  int rank = 0;

  Shape() = default;                      // rank 0: a scalar, one element
  Shape(std::initializer_list<int> dims);  // requires: at most 4 sizes, each >= 0

  int operator[](int axis) const { return sizes[axis]; }
  int64_t numel() const;
  std::string str() const;  // "(64, 32, 14, 14)"; "()" for a scalar
  // (N, ...) -> (N, D), D the product of the other sizes (0 when N is 0): the batch axis kept, each
  // example one row. requires: rank >= 1
  Shape flattened() const;

  bool operator==(const Shape& other) const;
  bool operator!=(const Shape& other) const { return !(*this == other); }
};

}  // namespace gan
