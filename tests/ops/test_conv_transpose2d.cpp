#include <catch2/catch.hpp>

#include <functional>

#include "../check_all.h"
#include "gan/ops/conv2d.h"
#include "gan/ops/conv_transpose2d.h"
#include "gan/ops/op_checks.h"
#include "gan/tensor/rng.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

namespace {

Tensor random_tensor(Shape shape, gan::Rng& rng) {
  Tensor t(shape);
  rng.fill_normal(t, 0.0f, 1.0f);
  return t;
}

double dot(const Tensor& a, const Tensor& b) {
  double sum = 0.0;
  for (int64_t i = 0; i < a.numel(); ++i) sum += double{a.data[i]} * b.data[i];
  return sum;
}

}  // namespace

TEST_CASE("conv_transpose2d passes its gradient checks", "[ops][gradcheck]") {
  check_all(gan::conv_transpose2d_checks());
}

TEST_CASE("conv_transpose2d stamps the kernel, scaled by each pixel, by hand", "[ops]") {
  // x = 1 2 / 3 4,  weight = 1 10 / 100 1000: each pixel adds x * weight onto the 2x2 patch at its position.
  Variable x(Tensor::from({1, 1, 2, 2}, {1, 2, 3, 4}), true);
  Variable weight(Tensor::from({1, 1, 2, 2}, {1, 10, 100, 1000}), true);
  Variable y = gan::conv_transpose2d(x, weight, Variable(), 1, 0);
  REQUIRE(y.shape() == Shape{1, 1, 3, 3});
  CHECK(y.value().data == std::vector<Scalar>{1, 12, 20, 103, 1234, 2040, 300, 3400, 4000});
  // With stride 2 the patches no longer overlap: each pixel's patch is the kernel times the pixel.
  Variable z = gan::conv_transpose2d(x, weight, Variable(Tensor::from({1}, {0.5f})), 2, 0);
  REQUIRE(z.shape() == Shape{1, 1, 4, 4});
  CHECK(z.value().data == std::vector<Scalar>{1.5f, 10.5f, 2.5f, 20.5f, 100.5f, 1000.5f, 200.5f, 2000.5f,
                                             3.5f, 30.5f, 4.5f, 40.5f, 300.5f, 3000.5f, 400.5f, 4000.5f});
  // dL/dx[i, j] = <dL/dy on the patch, weight>; with dL/dy = 1 everywhere, the sum of weight.
  y.backward(Tensor(y.shape(), 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>{1111, 1111, 1111, 1111});
  CHECK(weight.grad().data == std::vector<Scalar>{10, 10, 10, 10});  // every tap meets every pixel once
}

TEST_CASE("conv_transpose2d is the adjoint of conv2d", "[ops]") {
  // <conv2d(x, weight), y> = <x, conv_transpose2d(y, weight)> for the same weight, stride and padding (D.9.1).
  gan::Rng rng(31);
  struct Case { int H, K, stride, padding, output_padding; };
  for (Case c : {Case{14, 4, 2, 1, 0}, Case{7, 3, 2, 1, 0}, Case{8, 3, 2, 1, 1}, Case{6, 3, 1, 1, 0},
                 Case{9, 3, 3, 0, 0}, Case{10, 3, 3, 0, 1}}) {
    INFO("H=" << c.H << " K=" << c.K << " stride=" << c.stride << " padding=" << c.padding);
    Tensor weight = random_tensor({5, 3, c.K, c.K}, rng);  // conv2d: 3 -> 5 channels; transposed: 5 -> 3
    Tensor x = random_tensor({2, 3, c.H, c.H}, rng);
    Tensor conv_x = gan::conv2d(Variable(x), Variable(weight), Variable(), c.stride, c.padding).value();
    Tensor y = random_tensor(conv_x.shape, rng);
    Tensor back = gan::conv_transpose2d(Variable(y), Variable(weight), Variable(), c.stride, c.padding,
                                        c.output_padding).value();
    REQUIRE(back.shape == x.shape);
    CHECK(dot(conv_x, y) == Approx(dot(x, back)).epsilon(1e-5));
  }
}

TEST_CASE("conv2d and conv_transpose2d write dL/dx and dL/dW into fresh gradients, and add to ones with values",
          "[ops]") {
  // The first backward writes x's new gradient without a zero fill (conv_transpose2d moves its
  // pixel-major product's planes in; conv2d's col2im starts each plane at 0), and the weight's as a
  // product with beta 0; a second, with no zero_grad between, adds to what the first left. For
  // conv2d the 2 x 2 windows with stride 2 do not overlap, so each pixel has one term, and both
  // ops leave exactly twice the first in dL/dx. dL/dW's second sum carries on from the first
  // (beta 1), so it is twice the first up to rounding (an overwrite would leave it once).
  gan::Rng rng(32);
  struct Case {
    const char* op;
    Shape x, weight, dy;
    std::function<Variable(const Variable&, const Variable&)> apply;
  };
  const Case cases[] = {
      {"conv_transpose2d", {3, 8, 7, 7}, {8, 4, 4, 4}, {3, 4, 14, 14},
       [](const Variable& x, const Variable& w) { return gan::conv_transpose2d(x, w, Variable(), 2, 1); }},
      {"conv2d", {3, 4, 14, 14}, {8, 4, 2, 2}, {3, 8, 7, 7},
       [](const Variable& x, const Variable& w) { return gan::conv2d(x, w, Variable(), 2, 0); }},
  };
  for (const Case& c : cases) {
    INFO(c.op);
    Variable x(random_tensor(c.x, rng), true);
    Variable weight(random_tensor(c.weight, rng), true);
    const Tensor dy = random_tensor(c.dy, rng);
    c.apply(x, weight).backward(dy);
    const Tensor once = x.grad(), weight_once = weight.grad();
    c.apply(x, weight).backward(dy);
    bool doubled = true;
    for (int64_t i = 0; i < once.numel(); ++i) doubled &= x.grad().data[i] == 2.0f * once.data[i];
    CHECK(doubled);
    for (int64_t i = 0; i < weight_once.numel(); ++i) {
      REQUIRE(weight.grad().data[i] == Approx(2.0 * weight_once.data[i]).epsilon(1e-3).margin(1e-5));
    }
  }
}

TEST_CASE("conv_transpose2d takes DCGAN's generator from 7 to 14 to 28", "[ops]") {
  Variable x(Tensor({2, 8, 7, 7}));
  Variable h = gan::conv_transpose2d(x, Variable(Tensor({8, 4, 4, 4})), Variable(), 2, 1);
  CHECK(h.shape() == Shape{2, 4, 14, 14});
  CHECK(gan::conv_transpose2d(h, Variable(Tensor({4, 1, 4, 4})), Variable(), 2, 1).shape() == Shape{2, 1, 28, 28});
}

TEST_CASE("conv_transpose2d names the mismatched shapes", "[ops]") {
  Variable weight(Tensor({128, 64, 4, 4}));
  CHECK_THROWS_WITH(gan::conv_transpose2d(Variable(Tensor({64, 64, 7, 7})), weight, Variable(), 2, 1),
                    "conv_transpose2d: input must be (N, C, H, W) with C=128, got (64, 64, 7, 7)");
  CHECK_THROWS_WITH(gan::conv_transpose2d(Variable(Tensor({64, 128, 7, 7})), weight, Variable(Tensor({128})), 2, 1),
                    "conv_transpose2d: b must be (64), got (128)");
  CHECK_THROWS_WITH(gan::conv_transpose2d(Variable(Tensor({64, 128, 7, 7})), weight, Variable(), 2, 1, 2),
                    "conv_transpose2d: output_padding must be in [0, stride) = [0, 2), got 2");
}
