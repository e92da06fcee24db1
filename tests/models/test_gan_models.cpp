#include <catch2/catch.hpp>

#include <cmath>

#include "gan/models/gan_models.h"
#include "gan/testing/gradcheck.h"

using gan::GanModels;
using gan::ModelSettings;
using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

namespace {

ModelSettings settings_for(const std::string& architecture, bool conditional) {
  ModelSettings settings;
  settings.architecture = architecture;
  settings.conditional = conditional;
  return settings;
}

int64_t count_parameters(const std::vector<gan::nn::NamedParameter>& parameters) {
  int64_t count = 0;
  for (const auto& parameter : parameters) count += parameter.variable.value().numel();
  return count;
}

}  // namespace

TEST_CASE("every model maps a batch of 3 to the stated shapes", "[models][smoke]") {
  for (std::string architecture : {"mlp", "dcgan"}) {
    for (bool conditional : {false, true}) {
      INFO(architecture << (conditional ? " conditional" : ""));
      gan::Rng rng(1);
      GanModels models = gan::make_gan(settings_for(architecture, conditional), rng);
      Tensor z({3, 100});
      rng.fill_normal(z, 0.0f, 1.0f);
      std::vector<int> labels = conditional ? std::vector<int>{0, 9, 4} : std::vector<int>{};
      Variable fake = models.generator->forward(Variable(z), labels);
      CHECK(fake.shape() == Shape{3, 1, 28, 28});
      for (Scalar value : fake.value().data) REQUIRE((value >= -1.0f && value <= 1.0f));  // tanh
      CHECK(models.discriminator->forward(fake, labels).shape() == Shape{3, 1});
      CHECK(models.generator->conditional() == conditional);
    }
  }
}

TEST_CASE("the unconditional models have PyTorch's parameter counts", "[models]") {
  gan::Rng rng(2);
  GanModels mlp = gan::make_gan(settings_for("mlp", false), rng);
  // G: Linear 100->256, 256->512, BN 512, 512->1024, BN 1024, 1024->784 (weights + biases; BN gamma + beta)
  CHECK(count_parameters(mlp.generator->parameters()) ==
        (100 * 256 + 256) + (256 * 512 + 512) + 2 * 512 + (512 * 1024 + 1024) + 2 * 1024 + (1024 * 784 + 784));
  CHECK(count_parameters(mlp.generator->parameters()) == 1489424);  // sum(p.numel()) in the reference
  // D: Linear 784->512, 512->256, 256->1
  CHECK(count_parameters(mlp.discriminator->parameters()) == (784 * 512 + 512) + (512 * 256 + 256) + (256 + 1));
  CHECK(count_parameters(mlp.discriminator->parameters()) == 533505);

  GanModels dcgan = gan::make_gan(settings_for("dcgan", false), rng);
  // G: Linear 100->6272 no bias, BN 128, ConvT 128->64 K4 no bias, BN 64, ConvT 64->1 K4 with bias
  CHECK(count_parameters(dcgan.generator->parameters()) ==
        100 * 6272 + 2 * 128 + 128 * 64 * 16 + 2 * 64 + (64 * 1 * 16 + 1));
  CHECK(count_parameters(dcgan.generator->parameters()) == 759681);
  // D: Conv 1->64 K4 with bias, Conv 64->128 K4 no bias, BN 128, Linear 6272->1
  CHECK(count_parameters(dcgan.discriminator->parameters()) == (1 * 64 * 16 + 64) + 64 * 128 * 16 + 2 * 128 + (6272 + 1));
  CHECK(count_parameters(dcgan.discriminator->parameters()) == 138689);
}

TEST_CASE("parameters and buffers carry positional names, and conditional models add the embedding", "[models]") {
  gan::Rng rng(3);
  GanModels plain = gan::make_gan(settings_for("dcgan", false), rng);
  std::vector<std::string> names;
  for (const auto& parameter : plain.generator->parameters()) names.push_back(parameter.name);
  CHECK(names == std::vector<std::string>{"0.weight", "2.weight", "2.bias", "4.weight", "5.weight", "5.bias",
                                          "7.weight", "7.bias"});
  std::vector<gan::nn::NamedBuffer> buffers = plain.generator->buffers();
  REQUIRE(buffers.size() == 4);
  CHECK(buffers[0].name == "2.running_mean");
  CHECK(buffers[3].name == "5.running_var");

  GanModels conditional = gan::make_gan(settings_for("dcgan", true), rng);
  CHECK(conditional.generator->parameters()[0].name == "label_embedding.weight");
  CHECK(conditional.generator->parameters()[0].variable.shape() == Shape{10, 10});
  CHECK(conditional.discriminator->parameters()[0].variable.shape() == Shape{10, 784});  // one image plane per class
  CHECK(conditional.discriminator->parameters()[1].variable.shape() == Shape{64, 2, 4, 4});  // image + label channel
}

TEST_CASE("evaluation mode uses running statistics: a sample's output ignores its batch", "[models]") {
  for (std::string architecture : {"mlp", "dcgan"}) {
    INFO(architecture);
    gan::Rng rng(4);
    GanModels models = gan::make_gan(settings_for(architecture, false), rng);
    gan::Generator& G = *models.generator;
    Tensor z({3, 100});
    rng.fill_normal(z, 0.0f, 1.0f);
    Tensor first({1, 100});
    std::copy(z.data.begin(), z.data.begin() + 100, first.data.begin());
    {
      gan::NoGradGuard no_grad;
      G.forward(Variable(z), {});  // one training step's worth of running statistics
      G.set_training(false);
      Tensor batch_out = G.forward(Variable(z), {}).value();
      Tensor alone_out = G.forward(Variable(first), {}).value();
      for (int i = 0; i < 784; ++i) REQUIRE(alone_out.data[i] == Approx(batch_out.data[i]).margin(1e-6));
      // training mode normalises with the batch's statistics, so the same z gives another image
      G.set_training(true);
      Tensor train_out = G.forward(Variable(z), {}).value();
      double difference = 0;
      for (int i = 0; i < 784; ++i) difference += std::fabs(train_out.data[i] - batch_out.data[i]);
      CHECK(difference > 1e-3);
    }
  }
}

TEST_CASE("a whole tiny conditional DCGAN passes a gradient check through all its parameters",
          "[models][gradcheck]") {
  ModelSettings settings = settings_for("dcgan", true);
  settings.z_dim = 4;
  settings.num_classes = 3;
  settings.image_size = 8;  // 2 x 2 after two halvings: small enough to check entry by entry
  gan::Rng rng(8);
  GanModels models = gan::make_gan(settings, rng);
  // Finite differences are only right where the function is smooth, so the parameters are redrawn
  // to keep every hidden unit away from the kinks of ReLU and LeakyReLU (at 0), farther than the
  // step h = 0.01 can move it: weights small, N(0, 0.25 / sqrt(fan_in)); each bias, and each batch
  // norm beta, +-0.8; each gamma +-0.2, so that gamma x_hat + beta stays clear of 0 for the few
  // values per channel here. (DCGAN's own N(0, 0.02) would not do either: h would move each
  // pre-activation by a fifth of its size, far outside the linear regime the check relies on.)
  for (gan::Player* player : {static_cast<gan::Player*>(models.generator.get()),
                              static_cast<gan::Player*>(models.discriminator.get())}) {
    for (const auto& parameter : player->parameters()) {
      Variable theta = parameter.variable;
      const Shape& shape = theta.shape();
      bool is_bias = parameter.name.size() >= 4 && parameter.name.compare(parameter.name.size() - 4, 4, "bias") == 0;
      for (Scalar& value : theta.value().data) {
        Scalar sign = rng.uniform() < 0.5f ? -1.0f : 1.0f;
        if (shape.rank >= 2) {
          value = rng.normal(0.0f, 0.25f / std::sqrt(static_cast<Scalar>(theta.value().numel() / shape[0])));
        } else {
          value = sign * (is_bias ? 0.8f : 0.2f);
        }
      }
    }
  }
  gan::testing::GradcheckOptions options;
  options.max_entries_per_input = 12;
  const std::vector<int> labels = {2, 0, 1};

  std::vector<Variable> g_inputs = {Variable(gan::testing::random_input({3, 4}, rng), true)};
  for (const auto& parameter : models.generator->parameters()) g_inputs.push_back(parameter.variable);
  gan::Generator* G = models.generator.get();
  auto g_result = gan::testing::gradcheck("tiny DCGAN G", [G, labels](const std::vector<Variable>& in) {
    return G->forward(in[0], labels);
  }, g_inputs, options);
  INFO("G max abs error " << g_result.max_abs_error);
  CHECK(g_result.passed);
  CHECK(g_result.entries_checked > 50);

  Tensor images = gan::testing::random_input({3, 1, 8, 8}, rng);
  for (Scalar& value : images.data) value *= 0.5f;  // so that D's first biases dominate too
  std::vector<Variable> d_inputs = {Variable(images, true)};
  for (const auto& parameter : models.discriminator->parameters()) d_inputs.push_back(parameter.variable);
  gan::Discriminator* D = models.discriminator.get();
#ifndef GAN_DOUBLE_PRECISION  // the double build's rounding is far below D's gradients: its defaults hold
  options.abs_tolerance = 1e-4;  // D's small weights give gradients of order 0.01: judge them relative to that
  // D's first-layer gradients are of order 0.005, so the float32 rounding of D's output, divided by
  // 2h, dominates the central difference at small h: measured max errors were 5e-5 at h = 3e-2,
  // 1.7e-4 at 1e-2, 6e-4 at 3e-3 and 1.2e-3 at 1e-3, growing as h shrinks. So h = 3e-2 here; the
  // units stay farther than that from every kink (see above).
  options.step = 3e-2;
#endif
  auto d_result = gan::testing::gradcheck("tiny DCGAN D", [D, labels](const std::vector<Variable>& in) {
    return D->forward(in[0], labels);
  }, d_inputs, options);
  INFO("D max abs error " << d_result.max_abs_error);
  CHECK(d_result.passed);
}

TEST_CASE("make_gan and the models name their bad arguments", "[models]") {
  gan::Rng rng(6);
  CHECK_THROWS_WITH(gan::make_gan(settings_for("resnet", false), rng),
                    Catch::Contains("mlp|dcgan") && Catch::Contains("'resnet'"));
  ModelSettings settings;
  settings.z_dim = 0;
  CHECK_THROWS_WITH(gan::make_gan(settings, rng), Catch::Contains("z_dim must be >= 1, got 0"));
  settings = ModelSettings{};
  settings.image_size = 30;
  CHECK_THROWS_WITH(gan::make_gan(settings, rng), Catch::Contains("multiple of 4, got 30"));

  GanModels conditional = gan::make_gan(settings_for("mlp", true), rng);
  CHECK_THROWS_WITH(conditional.generator->forward(Variable(Tensor({2, 100})), {1}),
                    Catch::Contains("one label per sample, N=2, got 1"));
  GanModels plain = gan::make_gan(settings_for("mlp", false), rng);
  CHECK_THROWS_WITH(plain.discriminator->forward(Variable(Tensor({2, 1, 28, 28})), {1, 2}),
                    Catch::Contains("labels must be empty for an unconditional model"));
  CHECK_THROWS_WITH(plain.discriminator->forward(Variable(Tensor({2, 784})), {}),
                    Catch::Contains("MlpDiscriminator::forward") && Catch::Contains("(N, C, H, W)"));
}

TEST_CASE("forward_recording gives forward's logits and the output of each of D's nonlinearities", "[models]") {
  const std::vector<std::pair<std::string, std::vector<Shape>>> expected = {
      {"dcgan", {Shape{3, 64, 14, 14}, Shape{3, 128, 7, 7}}},  // after each LeakyReLU
      {"mlp", {Shape{3, 512}, Shape{3, 256}}}};
  for (const auto& [architecture, shapes] : expected) {
    for (bool conditional : {false, true}) {
      INFO(architecture << (conditional ? " conditional" : ""));
      gan::Rng rng(3);
      GanModels models = gan::make_gan(settings_for(architecture, conditional), rng);
      Tensor x({3, 1, 28, 28});
      rng.fill_uniform(x, -1.0f, 1.0f);
      std::vector<int> labels = conditional ? std::vector<int>{2, 7, 7} : std::vector<int>{};
      std::vector<Tensor> hidden;
      Tensor recorded = models.discriminator->forward_recording(Variable(x), labels, hidden).value();
      CHECK(recorded.data == models.discriminator->forward(Variable(x), labels).value().data);
      REQUIRE(hidden.size() == shapes.size());
      for (size_t l = 0; l < shapes.size(); ++l) {
        CHECK(hidden[l].shape == shapes[l]);
        // LeakyReLU(0.2): a negative output is 0.2 times its input, so never below -0.2 |input|;
        // some units are positive and some negative on random input.
        bool positive = false, negative = false;
        for (Scalar v : hidden[l].data) positive |= v > 0, negative |= v < 0;
        CHECK(positive);
        CHECK(negative);
      }
    }
  }
}
