// The GAN step itself (train/training_step.h): which player each half of the step may touch.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gan/losses/objectives.h"
#include "gan/models/gan_models.h"
#include "gan/optim/adam.h"
#include "gan/train/training_step.h"

namespace {

using gan::Tensor;

// A small MLP GAN (it has batch norm in G), its two optimisers and a batch of "real" images.
struct Game {
  gan::GanModels models;
  gan::Adam d_optimizer, g_optimizer;
  Tensor real;
  explicit Game(uint64_t seed)
      : models(make_models(seed)),
        d_optimizer(models.discriminator->parameters(), gan::AdamSettings{}),
        g_optimizer(models.generator->parameters(), gan::AdamSettings{}),
        real({8, 1, 28, 28}) {
    gan::Rng rng(seed + 1);
    rng.fill_uniform(real, -1.0f, 1.0f);
  }
  static gan::GanModels make_models(uint64_t seed) {
    gan::ModelSettings settings;
    settings.architecture = "mlp";
    gan::Rng rng(seed);
    return gan::make_gan(settings, rng);
  }
  gan::StepStatistics step(const gan::StepSettings& settings, uint64_t noise_seed = 3) {
    gan::Rng noise(noise_seed);
    return gan::training_step(models, d_optimizer, g_optimizer, gan::objective_named("nonsaturating"), real, {},
                              noise, settings);
  }
};

std::vector<Tensor> values_of(const std::vector<gan::nn::NamedParameter>& parameters) {
  std::vector<Tensor> values;
  for (const auto& p : parameters) values.push_back(p.variable.value());
  return values;
}

std::vector<Tensor> values_of(const std::vector<gan::nn::NamedBuffer>& buffers) {
  std::vector<Tensor> values;
  for (const auto& b : buffers) values.push_back(*b.tensor);
  return values;
}

bool same(const std::vector<Tensor>& a, const std::vector<Tensor>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].data != b[i].data) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the discriminator's step leaves G's parameters unchanged and its gradients empty", "[train]") {
  Game game(11);
  std::vector<Tensor> g_before = values_of(game.models.generator->parameters());
  std::vector<Tensor> d_before = values_of(game.models.discriminator->parameters());
  gan::StepSettings d_only;
  d_only.update_generator = false;
  gan::StepStatistics stats = game.step(d_only);
  CHECK_FALSE(stats.generator_updated);
  CHECK(std::isnan(stats.g_loss));
  CHECK(same(values_of(game.models.generator->parameters()), g_before));
  CHECK_FALSE(same(values_of(game.models.discriminator->parameters()), d_before));  // D did learn
  for (const auto& p : game.models.generator->parameters()) {
    INFO(p.name);
    CHECK(p.variable.grad().numel() == 0);  // fake was detached: no gradient reached G
  }
}

TEST_CASE("the generator's step changes no parameter of D, and measuring afterwards changes nothing", "[train]") {
  // Two identical games: one runs D's step alone, the other the whole step. D's parameters must
  // come out the same (G's step moves only G), and scoring the new G(z) with the new D
  // (measure_after) must leave every parameter and batch-norm buffer of both players as it was.
  Game d_only_game(21), whole_game(21), unmeasured_game(21);
  gan::StepSettings d_only;
  d_only.update_generator = false;
  d_only_game.step(d_only);
  gan::StepSettings measured;  // update_generator and measure_after are on by default
  gan::StepStatistics stats = whole_game.step(measured);
  REQUIRE(stats.generator_updated);
  CHECK(std::isfinite(stats.d_fake_after));
  CHECK(same(values_of(whole_game.models.discriminator->parameters()),
             values_of(d_only_game.models.discriminator->parameters())));

  gan::StepSettings unmeasured;
  unmeasured.measure_after = false;
  unmeasured_game.step(unmeasured);
  CHECK(same(values_of(whole_game.models.generator->parameters()),
             values_of(unmeasured_game.models.generator->parameters())));
  CHECK(same(values_of(whole_game.models.generator->buffers()), values_of(unmeasured_game.models.generator->buffers())));
  CHECK(same(values_of(whole_game.models.discriminator->buffers()),
             values_of(unmeasured_game.models.discriminator->buffers())));
}

TEST_CASE("gradient_norm is the 2-norm over every parameter's gradient, and names the first non-finite one", "[train]") {
  // Hand-worked: gradients (3, 4) and (12) give sqrt(9 + 16 + 144) = 13.
  gan::Variable a(Tensor({2}, 0.0f), true), b(Tensor({1}, 0.0f), true);
  std::vector<gan::nn::NamedParameter> parameters = {{"a", a}, {"b", b}};
  gan::grad_buffer(*a.node()).data = {3.0f, 4.0f};
  gan::grad_buffer(*b.node()).data = {12.0f};
  std::string non_finite;
  CHECK(gan::gradient_norm(parameters, &non_finite) == 13.0);
  CHECK(non_finite.empty());
  gan::grad_buffer(*b.node()).data = {std::numeric_limits<float>::infinity()};
  CHECK(std::isinf(gan::gradient_norm(parameters, &non_finite)));
  CHECK(non_finite == "grad of b");
}

TEST_CASE("a step that meets a NaN is skipped and leaves both players' parameters as they were", "[train]") {
  Game game(31);
  game.real.data[5] = std::numeric_limits<float>::quiet_NaN();  // a broken pixel in the real batch
  std::vector<Tensor> g_before = values_of(game.models.generator->parameters());
  std::vector<Tensor> d_before = values_of(game.models.discriminator->parameters());
  gan::StepStatistics stats = game.step(gan::StepSettings{});
  CHECK(stats.skipped);
  CHECK_FALSE(stats.non_finite.empty());
  CHECK_FALSE(stats.generator_updated);
  CHECK(same(values_of(game.models.generator->parameters()), g_before));
  CHECK(same(values_of(game.models.discriminator->parameters()), d_before));
}
