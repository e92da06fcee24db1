#include <catch2/catch.hpp>

#include "gan/toy/toy_models.h"

using namespace gan;

TEST_CASE("toy G maps (N, Z) noise to (N, D) points and toy D gives (N, 1) logits", "[toy][smoke]") {
  Rng rng(1);
  GanModels models = toy::make_toy_gan(toy::ToyModelSettings{2, 3, 16, 2}, rng);
  Tensor z({5, 3});
  rng.fill_normal(z, 0, 1);
  Variable points = models.generator->forward(Variable(z), {});
  CHECK(points.shape() == Shape{5, 2});
  CHECK(models.discriminator->forward(points, {}).shape() == Shape{5, 1});
  // Z -> 16 -> 16 -> 2: three Linear layers of weight and bias each.
  CHECK(models.generator->parameters().size() == 6);
  CHECK(models.discriminator->parameters().back().name == "4.bias");
  CHECK_THROWS_WITH(toy::make_toy_gan(toy::ToyModelSettings{1, 2, 0, 2}, rng), Catch::Contains("must be >= 1"));
}
