#include "gan/tensor/shape.h"

#include <stdexcept>

namespace gan {

Shape::Shape(std::initializer_list<int> dims) {
  if (dims.size() > 4) {
    throw std::invalid_argument("Shape: rank must be at most 4 (N, C, H, W), got " +
                                std::to_string(dims.size()) + " sizes");
  }
  for (int size : dims) {
    if (size < 0) throw std::invalid_argument("Shape: sizes must be >= 0, got " + std::to_string(size));
    sizes[rank++] = size;
  }
}

int64_t Shape::numel() const {
  int64_t count = 1;
  for (int axis = 0; axis < rank; ++axis) count *= sizes[axis];
  return count;
}

std::string Shape::str() const {
  std::string text = "(";
  for (int axis = 0; axis < rank; ++axis) {
    if (axis > 0) text += ", ";
    text += std::to_string(sizes[axis]);
  }
  return text + ")";
}

Shape Shape::flattened() const {
  const int N = sizes[0];
  return Shape{N, N == 0 ? 0 : static_cast<int>(numel() / N)};
}

bool Shape::operator==(const Shape& other) const {
  if (rank != other.rank) return false;
  for (int axis = 0; axis < rank; ++axis) {
    if (sizes[axis] != other.sizes[axis]) return false;
  }
  return true;
}

}  // namespace gan
