#include <catch2/catch.hpp>

#include "gan/ops/shape_ops.h"
#include "gan/testing/gradcheck.h"
#include "gan/translate/translation_losses.h"
#include "gan/translate/translation_models.h"

using namespace gan;
using namespace gan::translate;

TEST_CASE("the U-Net keeps the image's shape and the PatchGAN D scores 7 x 7 patches", "[translate][smoke]") {
  Rng rng(1);
  UNetGenerator G(1, 8, rng);
  PatchDiscriminator D(2, 8, rng);
  Tensor x({3, 1, 28, 28});
  rng.fill_uniform(x, -1, 1);
  const Variable y = G.forward(Variable(x));
  CHECK(y.shape() == Shape{3, 1, 28, 28});
  CHECK(D.forward(concat({Variable(x), y}, 1)).shape() == Shape{3, 1, 7, 7});
  // Five layers of weight and bias; the skip into d2 doubles its input: 2F = 16 channels.
  CHECK(G.parameters().size() == 10);
  CHECK(G.d2.weight.shape() == Shape{16, 4, 4, 4});
  CHECK(G.out.weight.shape() == Shape{1, 5, 3, 3});
  CHECK(D.parameters().back().name == "c3.bias");
  CHECK_THROWS_WITH(UNetGenerator(1, 7, rng), Catch::Contains("even features"));
}

TEST_CASE("l1_loss by hand and its gradient check", "[translate][gradcheck]") {
  const Variable a(Tensor::from({2, 2}, {1.0f, -2.0f, 0.5f, 3.0f}), true);
  const Variable b(Tensor::from({2, 2}, {0.0f, 1.0f, 0.5f, 1.0f}));
  // (|1 - 0| + |-2 - 1| + 0 + |3 - 1|) / 4 = 6 / 4
  const Variable L = l1_loss(a, b);
  CHECK(L.value().data[0] == 1.5f);
  L.backward();
  CHECK(a.grad().data == std::vector<float>{0.25f, -0.25f, 0.0f, 0.25f});

  Rng rng(3);
  // Inputs kept 0.5 apart from each other so no finite-difference step crosses the kink a = b.
  Tensor p = testing::random_input({3, 4}, rng), q = p;
  for (int64_t i = 0; i < q.numel(); ++i) q.data[i] += (i % 2 ? 0.5f : -0.5f);
  const testing::GradcheckResult result = testing::gradcheck(
      "l1_loss", [](const std::vector<Variable>& v) { return l1_loss(v[0], v[1]); },
      {Variable(p, true), Variable(q, true)});
  CHECK(result.passed);
}

TEST_CASE("the cycle loss is 0 when both generators are identities on identical domains", "[translate]") {
  Rng rng(5);
  Tensor x({2, 1, 4, 4});
  rng.fill_uniform(x, -1, 1);
  const Variable a(x), b(x);
  // G = F = identity: F(G(a)) = a and G(F(b)) = b.
  CHECK(cycle_loss(a, a, b, b).value().data[0] == 0.0f);
  CHECK(identity_loss(a, a, b, b).value().data[0] == 0.0f);
  // One pixel of F(G(a)) off by 0.32: L_cyc = 0.32 / 32 pixels.
  Tensor off = x;
  off.data[5] += 0.32f;
  CHECK(cycle_loss(a, Variable(off), b, b).value().data[0] == Approx(0.01f));
}

TEST_CASE("the default networks' sizes, as docs/translation.md gives them", "[translate]") {
  Rng rng(1);
  UNetGenerator G(1, 32, rng);
  PatchDiscriminator D(2, 32, rng);
  auto count = [](const std::vector<nn::NamedParameter>& parameters) {
    int64_t total = 0;
    for (const nn::NamedParameter& parameter : parameters) total += parameter.variable.value().numel();
    return total;
  };
  CHECK(count(G.parameters()) == 82730);
  CHECK(count(D.parameters()) == 34465);
}
