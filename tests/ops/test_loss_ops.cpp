#include <catch2/catch.hpp>

#include <cmath>

#include "../check_all.h"
#include "gan/ops/loss_ops.h"
#include "gan/ops/op_checks.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("loss ops pass their gradient checks", "[ops][gradcheck]") {
  check_all(gan::loss_ops_checks());
}

TEST_CASE("binary_cross_entropy_with_logits by hand", "[ops][task 3.1]") {
  Variable x(Tensor::from({2}, {0.0f, std::log(3.0f)}), true);
  Variable L = gan::binary_cross_entropy_with_logits(x, Tensor::from({2}, {1.0f, 0.0f}));
  CHECK(L.shape() == Shape{});
  // -ln(1/2) and -ln(1 - 3/4), averaged
  CHECK(L.value().data[0] == Approx((std::log(2.0) + std::log(4.0)) / 2));
  L.backward();
  CHECK(x.grad().data[0] == Approx((0.5 - 1.0) / 2));
  CHECK(x.grad().data[1] == Approx((0.75 - 0.0) / 2));
}

TEST_CASE("binary_cross_entropy_with_logits is finite and exact at logits +-100", "[ops][task 3.1]") {
  Variable x(Tensor::from({2}, {100.0f, -100.0f}), true);
  // Right answers with full confidence: loss ln(1 + e^-100) / 2, about 2e-44, a denormal float.
  Variable right = gan::binary_cross_entropy_with_logits(x, Tensor::from({2}, {1.0f, 0.0f}));
  CHECK(right.value().data[0] >= 0.0f);
  CHECK(right.value().data[0] < 1e-43f);
  // Wrong answers with full confidence: loss 100 each, exactly, where ln(sigma(x)) would give -inf.
  Variable wrong = gan::binary_cross_entropy_with_logits(x, Tensor::from({2}, {0.0f, 1.0f}));
  CHECK(wrong.value().data[0] == 100.0f);
  wrong.backward();
  CHECK(x.grad().data == std::vector<Scalar>{0.5f, -0.5f});  // (sigma(x) - t) / 2
}

TEST_CASE("mse by hand, both sides differentiable", "[ops]") {
  Variable a(Tensor::from({2, 2}, {1, 2, 3, 4}), true);
  Variable b(Tensor::from({2, 2}, {1, 0, 3, 0}), true);
  Variable L = gan::mse(a, b);
  CHECK(L.value().data[0] == 5.0f);  // (0 + 4 + 0 + 16) / 4
  L.backward();
  CHECK(a.grad().data == std::vector<Scalar>{0, 1, 0, 2});  // 2 (a - b) / 4
  CHECK(b.grad().data == std::vector<Scalar>{0, -1, 0, -2});
}

TEST_CASE("cross_entropy by hand, with the fused softmax - onehot gradient", "[ops]") {
  Variable x(Tensor::from({2, 3}, {0, 0, 0, 1000, 0, -1000}), true);
  Variable L = gan::cross_entropy(x, {1, 0});
  // Row 0: ln 3. Row 1: the label has the huge logit, loss 0 (no overflow).
  CHECK(L.value().data[0] == Approx(std::log(3.0) / 2));
  L.backward();
  CHECK(x.grad().data[0] == Approx(1.0 / 6));
  CHECK(x.grad().data[1] == Approx(-1.0 / 3));  // (1/3 - 1) / 2
  CHECK(x.grad().data[3] == 0.0f);
  CHECK(x.grad().data[4] == 0.0f);

  Variable wrong = gan::cross_entropy(Variable(Tensor::from({1, 2}, {1000, -1000})), {1});
  CHECK(wrong.value().data[0] == 2000.0f);
}

TEST_CASE("loss ops name their bad arguments", "[ops]") {
  Variable x(Tensor({2, 3}));
  CHECK_THROWS_WITH(gan::binary_cross_entropy_with_logits(x, Tensor({3, 2})),
                    "binary_cross_entropy_with_logits: targets must be (2, 3), got (3, 2)");
  CHECK_THROWS_WITH(gan::mse(x, Variable(Tensor({3}))), "mse: b must be (2, 3), got (3)");
  CHECK_THROWS_WITH(gan::cross_entropy(x, {0, 3}),
                    "cross_entropy: labels[1] must be a class in [0, 3), got 3");
  CHECK_THROWS_WITH(gan::cross_entropy(x, {0}), Catch::Contains("labels must hold N=2"));
}
