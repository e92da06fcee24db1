#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/conv2d.h"
#include "gan/ops/op_checks.h"
#include "gan/tensor/rng.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

namespace {

// conv2d straight from its definition, one output at a time, in double.
Tensor direct_conv2d(const Tensor& x, const Tensor& weight, const Tensor& b, int stride, int padding) {
  int N = x.size(0), C = x.size(1), H = x.size(2), Wd = x.size(3), C_out = weight.size(0), K = weight.size(2);
  int H_out = (H + 2 * padding - K) / stride + 1, W_out = (Wd + 2 * padding - K) / stride + 1;
  Tensor y({N, C_out, H_out, W_out});
  for (int n = 0; n < N; ++n)
    for (int o = 0; o < C_out; ++o)
      for (int i = 0; i < H_out; ++i)
        for (int j = 0; j < W_out; ++j) {
          double sum = b.empty() ? 0.0 : b.data[o];
          for (int c = 0; c < C; ++c)
            for (int kh = 0; kh < K; ++kh)
              for (int kw = 0; kw < K; ++kw) {
                int ih = i * stride - padding + kh, iw = j * stride - padding + kw;
                if (ih >= 0 && ih < H && iw >= 0 && iw < Wd) {
                  sum += double{weight.at(o, c, kh, kw)} * x.at(n, c, ih, iw);
                }
              }
          y.at(n, o, i, j) = static_cast<Scalar>(sum);
        }
  return y;
}

Tensor random_tensor(Shape shape, gan::Rng& rng) {
  Tensor t(shape);
  rng.fill_normal(t, 0.0f, 1.0f);
  return t;
}

}  // namespace

TEST_CASE("conv2d passes its gradient checks", "[ops][gradcheck][task 2.2]") {
  check_all(gan::conv2d_checks());
}

TEST_CASE("conv2d of a 3x3 image with a 2x2 kernel, by hand", "[ops]") {
  // x = 1 2 3 / 4 5 6 / 7 8 9,  weight = 1 2 / 3 4,  b = 1.
  Variable x(Tensor::from({1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}), true);
  Variable weight(Tensor::from({1, 1, 2, 2}, {1, 2, 3, 4}), true);
  Variable b(Tensor::from({1}, {1}), true);
  Variable y = gan::conv2d(x, weight, b, 1, 0);
  REQUIRE(y.shape() == Shape{1, 1, 2, 2});
  // 1*1 + 2*2 + 4*3 + 5*4 = 37, and so on, plus the bias.
  CHECK(y.value().data == std::vector<Scalar>{38, 48, 68, 78});
  y.backward(Tensor(y.shape(), 1.0f));
  CHECK(weight.grad().data == std::vector<Scalar>{12, 16, 24, 28});  // each tap's sum of x over the windows
  CHECK(b.grad().data == std::vector<Scalar>{4});
  // Each pixel receives the kernel weights of the windows that cover it.
  CHECK(x.grad().data == std::vector<Scalar>{1, 3, 2, 4, 10, 6, 3, 7, 4});
}

TEST_CASE("conv2d matches the definition on a batch, with stride, padding and channels", "[ops]") {
  gan::Rng rng(21);
  for (int stride : {1, 2}) {
    for (int padding : {0, 1}) {
      Tensor x = random_tensor({3, 2, 7, 6}, rng), weight = random_tensor({4, 2, 3, 3}, rng);
      Tensor b = random_tensor({4}, rng);
      Tensor y = gan::conv2d(Variable(x), Variable(weight), Variable(b), stride, padding).value();
      Tensor expected = direct_conv2d(x, weight, b, stride, padding);
      REQUIRE(y.shape == expected.shape);
      for (int64_t i = 0; i < y.numel(); ++i) REQUIRE(y.data[i] == Approx(expected.data[i]).margin(1e-5));
      Tensor y_nobias = gan::conv2d(Variable(x), Variable(weight), Variable(), stride, padding).value();
      Tensor expected_nobias = direct_conv2d(x, weight, Tensor(), stride, padding);
      for (int64_t i = 0; i < y.numel(); ++i) REQUIRE(y_nobias.data[i] == Approx(expected_nobias.data[i]).margin(1e-5));
    }
  }
}

TEST_CASE("conv2d takes DCGAN's discriminator from 28 to 14 to 7", "[ops]") {
  Variable x(Tensor({2, 1, 28, 28}));
  Variable h = gan::conv2d(x, Variable(Tensor({4, 1, 4, 4})), Variable(), 2, 1);
  CHECK(h.shape() == Shape{2, 4, 14, 14});
  CHECK(gan::conv2d(h, Variable(Tensor({8, 4, 4, 4})), Variable(), 2, 1).shape() == Shape{2, 8, 7, 7});
}

TEST_CASE("conv2d names the mismatched shapes", "[ops]") {
  Variable x(Tensor({64, 32, 14, 14})), weight(Tensor({128, 64, 4, 4}));
  CHECK_THROWS_WITH(gan::conv2d(x, weight, Variable(), 2, 1),
                    "conv2d: input must be (N, C, H, W) with C=64, got (64, 32, 14, 14)");
  CHECK_THROWS_WITH(gan::conv2d(Variable(Tensor({64, 784})), weight, Variable(), 2, 1),
                    "conv2d: input must be (N, C, H, W), got (64, 784)");
  CHECK_THROWS_WITH(gan::conv2d(Variable(Tensor({64, 64, 14, 14})), weight, Variable(Tensor({64})), 2, 1),
                    "conv2d: b must be (128), got (64)");
  CHECK_THROWS_WITH(gan::conv2d(Variable(Tensor({1, 64, 2, 2})), weight, Variable(), 1, 0),
                    Catch::Contains("kernel K=4 must fit the padded input"));
  CHECK_THROWS_WITH(gan::conv2d(Variable(Tensor({1, 64, 8, 8})), weight, Variable(), 0, 0),
                    "conv2d: stride must be >= 1, got 0");
}
