#include <catch2/catch.hpp>

#include "gan/models/classifier.h"
#include "gan/ops/loss_ops.h"
#include "gan/optim/adam.h"

using gan::Classifier;
using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("the classifier gives 128 features and K logits per image", "[models][smoke]") {
  gan::Rng rng(1);
  Classifier classifier(1, 28, 10, rng);
  Tensor x({3, 1, 28, 28});
  rng.fill_uniform(x, -1.0f, 1.0f);
  Variable features = classifier.features(Variable(x));
  CHECK(features.shape() == Shape{3, Classifier::kFeatures});
  for (Scalar value : features.value().data) REQUIRE(value >= 0.0f);  // after the ReLU
  CHECK(classifier.logits(Variable(x)).shape() == Shape{3, 10});

  int64_t count = 0;
  for (const auto& parameter : classifier.parameters()) count += parameter.variable.value().numel();
  // conv 1->32 K5, conv 32->64 K5, Linear 3136->128, Linear 128->10, each with its bias
  CHECK(count == (1 * 32 * 25 + 32) + (32 * 64 * 25 + 64) + (3136 * 128 + 128) + (128 * 10 + 10));
  CHECK(classifier.parameters().front().name == "features.0.weight");
  CHECK(classifier.parameters().back().name == "head.bias");
  CHECK(classifier.buffers().empty());
  CHECK_THROWS_WITH(Classifier(1, 30, 10, rng), Catch::Contains("image_size a multiple of 4"));
}

TEST_CASE("the classifier learns to tell dark images from bright ones", "[models]") {
  gan::Rng rng(2);
  Classifier classifier(1, 8, 2, rng);
  gan::Adam adam(classifier.parameters(), gan::AdamSettings{1e-3f, 0.9f});
  Tensor x({8, 1, 8, 8});
  std::vector<int> labels;
  for (int n = 0; n < 8; ++n) {
    labels.push_back(n % 2);
    for (int i = 0; i < 64; ++i) x.data[n * 64 + i] = (n % 2 ? 0.5f : -0.5f) + 0.2f * rng.normal();
  }
  Scalar first_loss = 0, loss = 0;
  for (int step = 0; step < 30; ++step) {
    Variable L = gan::cross_entropy(classifier.logits(Variable(x)), labels);
    if (step == 0) first_loss = L.value().data[0];
    loss = L.value().data[0];
    adam.zero_grad();
    L.backward();
    adam.step();
  }
  CHECK(first_loss > 0.3f);
  CHECK(loss < 0.05f);
}
