#include <catch2/catch.hpp>

#include "gan/data/batches.h"
#include "gan/inspect/max_activation.h"
#include "gan/inspect/network_layers.h"
#include "test_inspect_fixtures.h"

using namespace gan;
using namespace gan::inspect;

TEST_CASE("the synthesised input's activation exceeds the best dataset image's", "[inspect]") {
  GanModels models = untrained_dcgan();
  Dataset digits = test_digits();
  std::vector<int> order(200);
  for (int i = 0; i < 200; ++i) order[i] = i;
  Tensor real = gather_images(digits.images, order, 0, 200);
  const int layer = 4;  // D's second LeakyReLU, (128, 7, 7)
  Tensor activation = unit_means(discriminator_layer(*models.discriminator, real, {}, layer, 64));
  const std::vector<int> units = {0, 5, 17};
  Rng rng(2);
  MaximisationSettings settings;
  settings.steps = 40;
  std::vector<float> synthesised;
  Tensor x = maximise_activation(*models.discriminator, layer, units, {}, 1, 28, rng, settings, synthesised);
  CHECK(x.shape == Shape{3, 1, 28, 28});
  for (float value : x.data) CHECK((value >= -1.0f && value <= 1.0f));
  for (size_t u = 0; u < units.size(); ++u) {
    const int best = top_k(activation, units[u], 1)[0];
    CHECK(synthesised[u] > activation.at(best, units[u]));
  }
  // and the measured activation is D's own: the image run through D again gives the same number
  Tensor again = unit_means(discriminator_layer(*models.discriminator, x, {}, layer, 64));
  CHECK(again.at(0, 0) == Approx(synthesised[0]).margin(1e-6));
}
