#include <catch2/catch.hpp>

#include <algorithm>

#include "gan/kernels/parallel.h"
#include "gan/tensor/tensor.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;

TEST_CASE("a tensor is contiguous and row-major", "[tensor]") {
  Tensor x({2, 3, 4, 5});
  x.at(1, 2, 3, 4) = 7.0f;
  CHECK(x.data[((1 * 3 + 2) * 4 + 3) * 5 + 4] == 7.0f);
  Tensor m = Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6});
  CHECK(m.at(1, 0) == 4.0f);
  CHECK(m.numel() == 6);
  CHECK(Tensor({3}, 2.5f).data == std::vector<Scalar>{2.5f, 2.5f, 2.5f});
}

TEST_CASE("a large tensor is filled everywhere with any number of threads", "[tensor]") {
  // 317 x 331 = 104,927 values: filled in parallel chunks, the last one partial, on storage that
  // starts uninitialised (fresh memory from the system is zeros anyway, so the check is a fill of
  // 2.5; zero is the same code with another value).
  const int saved = gan::kernels::num_threads();
  for (int threads : {1, 2, 3}) {
    gan::kernels::set_num_threads(threads);
    INFO("threads=" << threads);
    Tensor filled({317, 331}, 2.5f);
    CHECK(std::all_of(filled.data.begin(), filled.data.end(), [](Scalar v) { return v == 2.5f; }));
  }
  gan::kernels::set_num_threads(saved);
}

TEST_CASE("a tensor takes a storage's values without copying them", "[tensor]") {
  gan::ScalarStorage values{1, 2, 3};
  const Scalar* first = values.data();
  Tensor t(Shape{3}, std::move(values));
  CHECK(t.ptr() == first);
  CHECK(t.data == std::vector<Scalar>{1, 2, 3});
}

TEST_CASE("shape errors use the legend", "[tensor]") {
  CHECK_THROWS_WITH(Tensor::from({2, 2}, {1, 2, 3}), "Tensor: shape (2, 2) holds 4 values, got 3");
  CHECK_THROWS_WITH(Tensor(Shape{3}, gan::ScalarStorage(2)), "Tensor: shape (3) holds 3 values, got 2");
  CHECK_THROWS_WITH(gan::require_shape("conv2d", "input", Shape{64, 32, 14, 14}, Shape{64, 64, 14, 14}),
                    "conv2d: input must be (64, 64, 14, 14), got (64, 32, 14, 14)");
  CHECK_THROWS_WITH(gan::require_rank("conv2d", "input", Shape{64, 784}, 4, "(N, C, H, W)"),
                    "conv2d: input must be (N, C, H, W), got (64, 784)");
}

TEST_CASE("a flattened tensor holds the same values as (N, D) rows", "[tensor]") {
  Tensor x = Tensor::from({2, 1, 2, 2}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor rows = gan::flattened(x);
  CHECK(rows.shape == Shape{2, 4});
  CHECK(rows.data == x.data);
  CHECK(rows.at(1, 0) == 5.0f);
}
