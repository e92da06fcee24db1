#include <catch2/catch.hpp>

#include "gan/inspect/network_layers.h"
#include "test_inspect_fixtures.h"

using namespace gan;
using namespace gan::inspect;

TEST_CASE("list_layers names each layer as the checkpoint does, with its shape", "[inspect]") {
  GanModels models = untrained_dcgan();
  std::vector<LayerInfo> layers = list_layers(models, ModelSettings{});
  REQUIRE(layers.size() == 16);
  CHECK(layers[3].name == "generator.3");
  CHECK(layers[3].kind == "ReLU");
  CHECK(layers[3].shape == Shape{128, 7, 7});
  CHECK(layers[3].units == 128);
  CHECK(default_layer(layers, "generator").name == "generator.6");
  CHECK(default_layer(layers, "discriminator").name == "discriminator.4");
  CHECK_THROWS_WITH(find_layer(layers, "generator.42", "generator"),
                    Catch::Contains("one of generator.0|generator.1") && Catch::Contains("got 'generator.42'"));
  CHECK_THROWS_WITH(find_layer(layers, "discriminator.1", "generator"), Catch::Contains("generator layer"));
}

TEST_CASE("ablating all units of a layer makes G's output independent of z", "[inspect]") {
  for (bool conditional : {false, true}) {
    GanModels models = untrained_dcgan(conditional);
    Rng rng(3);
    Tensor z({4, 100});
    rng.fill_normal(z, 0.0f, 1.0f);
    std::vector<int> labels;
    if (conditional) labels = {5, 5, 5, 5};
    Tensor maps = generator_layer(*models.generator, z, labels, 3, 3);  // batches of 3: 3 + 1
    Tensor plain = generator_from_layer(*models.generator, maps, 3, 4);
    std::vector<int> all(128);
    for (int u = 0; u < 128; ++u) all[u] = u;
    Tensor ablated = generator_from_layer(*models.generator, zero_units(maps, all), 3, 4);
    const int64_t size = 28 * 28;
    CHECK(std::vector<float>(plain.data.begin(), plain.data.begin() + size) !=
          std::vector<float>(plain.data.begin() + size, plain.data.begin() + 2 * size));
    for (int n = 1; n < 4; ++n) {
      CHECK(std::equal(ablated.data.begin(), ablated.data.begin() + size, ablated.data.begin() + n * size));
    }
  }
}
