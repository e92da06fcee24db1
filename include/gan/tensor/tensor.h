// Tensor: a contiguous block of Scalar values (float32, or double in the double build: scalar.h)
// with a Shape. No strides, no views: element (n, c, h, w) of a rank-4 tensor is
// data[((n * C + c) * H + h) * W + w].
//
// A Tensor is a plain value: copying it copies the numbers. Gradients and the graph live in
// gan::Variable (autograd/variable.h), which holds Tensors.
//
//   Tensor x({2, 3});           // (N=2, D=3), zero-filled
//   x.at(1, 2) = 5.0f;          // row 1, column 2
//   Tensor y = Tensor::from({3}, {1, 2, 3});
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "gan/tensor/cache_line_allocator.h"
#include "gan/tensor/scalar.h"
#include "gan/tensor/shape.h"

namespace gan {

// Tensor storage starts on a 64-byte boundary (cache_line_allocator.h says why).
using ScalarStorage = std::vector<Scalar, CacheLineAllocator<Scalar>>;

// The same values in the same order, whichever allocator holds them (tests compare a Tensor's data
// with a plain list).
inline bool operator==(const ScalarStorage& a, const std::vector<Scalar>& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}
inline bool operator==(const std::vector<Scalar>& a, const ScalarStorage& b) { return b == a; }
inline bool operator!=(const ScalarStorage& a, const std::vector<Scalar>& b) { return !(a == b); }
inline bool operator!=(const std::vector<Scalar>& a, const ScalarStorage& b) { return !(b == a); }

struct Tensor {
  Shape shape;
  ScalarStorage data;  // shape.numel() values, row-major, 64-byte aligned

  Tensor() = default;
  explicit Tensor(Shape shape, Scalar fill = 0.0f);
  // Takes the values without copying them. requires: values.size() == shape.numel()
  Tensor(Shape shape, ScalarStorage values);
  // A copy of a plain list, e.g. Tensor::from({3}, {1, 2, 3}). requires: values.size() == shape.numel()
  static Tensor from(Shape shape, const std::vector<Scalar>& values);
  // Values left as memory holds them, not zero-filled (PyTorch's torch.empty): for an op's output
  // that a kernel writes in full right away, which saves a pass over memory. Reading a value before
  // it is written is a bug (valgrind reports it).
  static Tensor uninitialized(Shape shape);

  int64_t numel() const { return static_cast<int64_t>(data.size()); }
  int rank() const { return shape.rank; }
  int size(int axis) const { return shape[axis]; }
  bool empty() const { return data.empty(); }
  Scalar* ptr() { return data.data(); }
  const Scalar* ptr() const { return data.data(); }

  // Element access by index, rank 2 and rank 4 (no bounds checks: the kernels' job).
  Scalar& at(int i, int j) { return data[static_cast<int64_t>(i) * shape[1] + j]; }
  Scalar at(int i, int j) const { return data[static_cast<int64_t>(i) * shape[1] + j]; }
  Scalar& at(int n, int c, int h, int w) { return data[offset(n, c, h, w)]; }
  Scalar at(int n, int c, int h, int w) const { return data[offset(n, c, h, w)]; }

 private:
  int64_t offset(int n, int c, int h, int w) const {
    return ((static_cast<int64_t>(n) * shape[1] + c) * shape[2] + h) * shape[3] + w;
  }
};

// x's values as (N, D) rows (Shape::flattened), without an autograd node: ops/shape_ops.h's
// flatten is the op. requires: x.rank() >= 1
inline Tensor flattened(Tensor x) {
  x.shape = x.shape.flattened();
  return x;
}

// Throws std::invalid_argument "<where>: <what> must be <expected>, got <shape>" when the shapes
// differ, so that every shape error reads the same way, in the legend's letters.
void require_shape(const char* where, const char* what, const Shape& got, const Shape& expected);
// Throws unless `got.rank == rank`; `legend` names the axes, e.g. "(N, C, H, W)".
void require_rank(const char* where, const char* what, const Shape& got, int rank, const char* legend);

}  // namespace gan
