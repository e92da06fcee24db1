#include "gan/toy/toy_models.h"

#include <stdexcept>
#include <string>

namespace gan::toy {

using namespace nn;

namespace {

// [Linear(H), LeakyReLU(0.2)] x L, then Linear(outputs): (N, inputs) -> (N, outputs).
void build_mlp(Sequential& net, int inputs, int outputs, const ToyModelSettings& settings, Rng& rng) {
  int width = inputs;
  for (int layer = 0; layer < settings.layers; ++layer) {
    net.add<Linear>(LinearOptions(width, settings.hidden), rng);  // (N, width) -> (N, H)
    net.add<LeakyReLU>(0.2f);
    width = settings.hidden;
  }
  net.add<Linear>(LinearOptions(width, outputs), rng);  // (N, H) -> (N, outputs)
}

}  // namespace

ToyGenerator::ToyGenerator(const ToyModelSettings& settings, Rng& rng) {
  build_mlp(net, settings.z_dim, settings.dim, settings, rng);
}

Variable ToyGenerator::forward(const Variable& z, const std::vector<int>& labels) {
  require_rank("ToyGenerator::forward", "z", z.shape(), 2, "(N, Z)");
  check_labels("ToyGenerator::forward", z.shape()[0], labels);
  return net.forward(z);
}

ToyDiscriminator::ToyDiscriminator(const ToyModelSettings& settings, Rng& rng) {
  build_mlp(net, settings.dim, 1, settings, rng);
}

Variable ToyDiscriminator::forward(const Variable& x, const std::vector<int>& labels) {
  require_rank("ToyDiscriminator::forward", "x", x.shape(), 2, "(N, D)");
  check_labels("ToyDiscriminator::forward", x.shape()[0], labels);
  return net.forward(x);
}

GanModels make_toy_gan(const ToyModelSettings& settings, Rng& rng) {
  if (settings.dim < 1 || settings.z_dim < 1 || settings.hidden < 1 || settings.layers < 1) {
    throw std::invalid_argument("make_toy_gan: dim, z_dim, hidden and layers must be >= 1, got " +
                                std::to_string(settings.dim) + ", " + std::to_string(settings.z_dim) + ", " +
                                std::to_string(settings.hidden) + ", " + std::to_string(settings.layers));
  }
  GanModels models;
  models.generator = std::make_unique<ToyGenerator>(settings, rng);
  models.discriminator = std::make_unique<ToyDiscriminator>(settings, rng);
  return models;
}

}  // namespace gan::toy
