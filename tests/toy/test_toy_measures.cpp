#include <catch2/catch.hpp>

#include <cmath>

#include "gan/toy/toy_measures.h"
#include "gan/toy/toy_models.h"

using namespace gan;
using namespace gan::toy;

TEST_CASE("at D(G(z)) near 0 the minimax pull vanishes and the non-saturating one does not", "[toy]") {
  Rng rng(4);
  GanModels models = make_toy_gan(ToyModelSettings{2, 2, 32, 2}, rng);
  // D rejects everything: its last bias at -12 puts D(x) near e^-12 (the weights keep dlogit/dx).
  for (nn::NamedParameter& p : models.discriminator->parameters()) {
    if (p.name == "4.bias") p.variable.value().data[0] = -12.0f;
  }
  Tensor fake({64, 2});
  rng.fill_normal(fake, 0, 1);
  const GeneratorPull pull = generator_pull(*models.discriminator, fake, objective_named("minimax"));
  CHECK(pull.d_fake < 1e-4);
  CHECK(pull.nonsaturating > 0);
  // Per sample, |dl/dlogit| is D for minimax and 1 - D for non-saturating, times the same |dlogit/dx|.
  CHECK(pull.minimax < 1e-4 * pull.nonsaturating);
  // The arrows are those of the run's loss: here minimax, so nearly 0.
  double largest = 0;
  for (float v : pull.descent.data) largest = std::max(largest, static_cast<double>(std::abs(v)));
  CHECK(largest < 1e-3 * pull.nonsaturating);
  // Measuring gave D's parameters no gradient.
  for (const nn::NamedParameter& p : models.discriminator->parameters()) CHECK(p.variable.grad().empty());
}

TEST_CASE("measure_1d: normalised densities, the identity, and V(D, G) <= V(D*, G)", "[toy]") {
  Rng rng(2);
  GanModels models = make_toy_gan(ToyModelSettings{1, 2, 32, 2}, rng);
  const ToyDistribution mixture = toy_distribution("mixture1d");
  Tensor z({3000, 2});
  rng.fill_normal(z, 0, 1);
  const Tensor data = mixture.sample(3000, rng);
  const Measures1d m = measure_1d(mixture, models, z, data, objective_named("nonsaturating"), 0.0);
  CHECK(mass_on_grid(m.p_data, m.grid) == Approx(1.0).epsilon(1e-12));
  CHECK(mass_on_grid(m.p_g, m.grid) == Approx(1.0).epsilon(1e-12));
  CHECK(m.p_data_mass == Approx(1.0).margin(1e-5));  // +-5 holds all but 1e-9 of the mixture
  CHECK(m.theorem.identity_error < 1e-9);
  CHECK(m.value <= m.theorem.value_at_optimum);
  CHECK(m.value_samples <= m.theorem.value_at_optimum + 4 * m.value_samples_se + 0.05);  // + the KDE's bias
  CHECK(m.d.size() == static_cast<size_t>(kGrid1dPoints));
}
