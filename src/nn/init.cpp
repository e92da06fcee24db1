#include "gan/nn/init.h"

#include "gan/nn/layers.h"

namespace gan::nn {

namespace {

void normal_weight_zero_bias(Variable weight, Variable bias, Rng& rng) {
  rng.fill_normal(weight.value(), 0.0f, 0.02f);
  if (bias.defined()) bias.value() = Tensor(bias.shape(), 0.0f);
}

}  // namespace

void init_dcgan(Module& module, Rng& rng) {
  if (auto* layer = dynamic_cast<Linear*>(&module)) normal_weight_zero_bias(layer->weight, layer->bias, rng);
  if (auto* layer = dynamic_cast<Conv2d*>(&module)) normal_weight_zero_bias(layer->weight, layer->bias, rng);
  if (auto* layer = dynamic_cast<ConvTranspose2d*>(&module)) normal_weight_zero_bias(layer->weight, layer->bias, rng);
  if (auto* layer = dynamic_cast<BatchNorm*>(&module)) {
    rng.fill_normal(layer->gamma.value(), 1.0f, 0.02f);
    layer->beta.value() = Tensor(layer->beta.shape(), 0.0f);
  }
  for (Module* child : module.children()) init_dcgan(*child, rng);
}

}  // namespace gan::nn
