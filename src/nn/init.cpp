#include "gan/nn/init.h"

#include <stdexcept>

#include "gan/nn/layers.h"

namespace gan::nn {

namespace {

// DCGAN's redraws; `zero_bias` also clears the biases the constructors drew.
void init_dcgan(Module& module, bool zero_bias, Rng& rng) {
  auto weight_and_bias = [&](Variable weight, Variable bias) {
    rng.fill_normal(weight.value(), 0.0f, 0.02f);
    if (zero_bias && bias.defined()) bias.value() = Tensor(bias.shape(), 0.0f);
  };
  if (auto* layer = dynamic_cast<Linear*>(&module)) weight_and_bias(layer->weight, layer->bias);
  if (auto* layer = dynamic_cast<Conv2d*>(&module)) weight_and_bias(layer->weight, layer->bias);
  if (auto* layer = dynamic_cast<ConvTranspose2d*>(&module)) weight_and_bias(layer->weight, layer->bias);
  if (auto* layer = dynamic_cast<BatchNorm*>(&module)) {
    rng.fill_normal(layer->gamma.value(), 1.0f, 0.02f);
    layer->beta.value() = Tensor(layer->beta.shape(), 0.0f);
  }
  for (Module* child : module.children()) init_dcgan(*child, zero_bias, rng);
}

}  // namespace

const std::vector<std::string>& init_scheme_names() {
  static const std::vector<std::string> names = {"dcgan", "dcgan-zero-bias", "pytorch-default"};
  return names;
}

void init_parameters(Module& module, const std::string& scheme, Rng& rng) {
  if (scheme == "dcgan" || scheme == "dcgan-zero-bias") {
    init_dcgan(module, scheme == "dcgan-zero-bias", rng);
  } else if (scheme != "pytorch-default") {  // pytorch-default: the constructors' draws stand
    std::string names;
    for (const std::string& name : init_scheme_names()) names += (names.empty() ? "" : "|") + name;
    throw std::invalid_argument("init_parameters: scheme must be one of " + names + ", got '" + scheme + "'");
  }
}

}  // namespace gan::nn
