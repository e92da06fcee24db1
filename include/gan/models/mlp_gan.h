// The fully connected GAN of the PyTorch reference, tests/bench/torch_reference.py (in the spirit
// of Goodfellow et al. 2014's MNIST models, with batch norm and LeakyReLU as later practice added):
//   G: z (N, Z) -> 256 LeakyReLU(0.2) -> 512 BN LeakyReLU -> 1024 BN LeakyReLU -> C*H*W tanh -> (N, C, H, W)
//   D: x (N, C, H, W) -> flatten -> 512 LeakyReLU(0.2) -> 256 LeakyReLU -> 1 logit
// Initialised by default with PyTorch's defaults, as in the reference (the "pytorch-default"
// scheme, nn/init.h).
//
// Conditional: a label embedding of K numbers per class is concatenated to z in G and to the
// flattened image in D. K numbers are enough: a learned K-vector followed by the first Linear layer
// can express anything a one-hot label (Mirza & Osindero 2014) can, since the one-hot code times
// the first layer's weights is one learned vector per class too.
#pragma once

#include "gan/models/gan_models.h"

namespace gan {

class MlpGenerator : public Generator {
 public:
  MlpGenerator(const ModelSettings& settings, Rng& rng);
  Variable forward(const Variable& z, const std::vector<int>& labels) override;
};

class MlpDiscriminator : public Discriminator {
 public:
  MlpDiscriminator(const ModelSettings& settings, Rng& rng);

 protected:
  Variable net_input(const Variable& x, const std::vector<int>& labels) override;
};

}  // namespace gan
