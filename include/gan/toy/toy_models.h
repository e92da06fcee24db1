// The players of the toy GANs: small fully connected networks on points rather than images, built
// from the same layers as the MLP GAN (nn/layers.h) and trained by the same step (train/training_step.h).
//
//   G: z (N, Z) -> [Linear(H), LeakyReLU(0.2)] x L -> Linear(D) -> points (N, D)
//   D: x (N, D) -> [Linear(H), LeakyReLU(0.2)] x L -> Linear(1) -> logits (N, 1)
//
// G has no output activation: the toy data are not confined to [-1, 1]. Neither has batch norm, so
// each sample's output depends on that sample alone (the fields and arrows of the pictures are then
// functions of x). Parameters start at PyTorch's defaults for Linear (nn/layers.h). H = 128 and
// L = 2 are enough for ring8; `gan toy` sets Z (toy_run.h: 8 by default, which kept ring8's modes
// better than 2 or 16, docs/theory.md).
//
//   Rng rng(1);
//   GanModels models = make_toy_gan(ToyModelSettings{2, 2, 128, 2}, rng);
//   Variable points = models.generator->forward(z, {});   // (N, 2)
#pragma once

#include "gan/models/gan_models.h"

namespace gan::toy {

struct ToyModelSettings {
  int dim = 1;       // D: the data's dimension
  int z_dim = 2;     // Z
  int hidden = 128;  // H: units per hidden layer
  int layers = 2;    // L: hidden layers
};

class ToyGenerator : public Generator {
 public:
  ToyGenerator(const ToyModelSettings& settings, Rng& rng);
  Variable forward(const Variable& z, const std::vector<int>& labels) override;  // (N, Z) -> (N, D)
};

class ToyDiscriminator : public Discriminator {
 public:
  ToyDiscriminator(const ToyModelSettings& settings, Rng& rng);
  Variable forward(const Variable& x, const std::vector<int>& labels) override;  // (N, D) -> (N, 1)
};

// G first, then D, from rng. Throws std::invalid_argument for a size below 1.
GanModels make_toy_gan(const ToyModelSettings& settings, Rng& rng);

}  // namespace gan::toy
