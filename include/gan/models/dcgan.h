// DCGAN-28 (Radford et al. 2015, scaled to 28 x 28 images as in the PyTorch reference):
//   G: z (N, Z) -> Linear(no bias) -> (N, 128, 7, 7) BN ReLU
//        -> ConvT(128 -> 64, K 4, stride 2, padding 1, no bias) (N, 64, 14, 14) BN ReLU
//        -> ConvT(64 -> C, K 4, stride 2, padding 1) (N, C, 28, 28) tanh
//   D: x (N, C, 28, 28) -> Conv(C -> 64, K 4, stride 2, padding 1) (N, 64, 14, 14) LeakyReLU(0.2)
//        -> Conv(64 -> 128, K 4, stride 2, padding 1, no bias) (N, 128, 7, 7) BN LeakyReLU(0.2)
//        -> flatten (N, 6272) -> Linear -> 1 logit
// The paper's guidelines, visible here: strided (transposed) convolutions instead of pooling,
// batch norm in both players (not on G's output nor D's input), ReLU in G with tanh at the end,
// LeakyReLU in D. Layers followed by batch norm have no bias: BN's beta replaces it.
// Other image sizes S (a multiple of 4) keep the layers and use S/4 where 7 is written.
// Initialised by default with the "dcgan" scheme (nn/init.h): weights N(0, 0.02), Radford et al.
// 2015, Sec. 4, with PyTorch's default biases, as in the PyTorch DCGAN example.
//
// Conditional: G concatenates a K-number label embedding to z (see mlp_gan.h for why K). D
// learns an embedding of H*W numbers per class, shown to it as one extra input channel, so that
// the first convolution sees the label at every pixel beside the image.
#pragma once

#include "gan/models/gan_models.h"

namespace gan {

class DcganGenerator : public Generator {
 public:
  DcganGenerator(const ModelSettings& settings, Rng& rng);
  Variable forward(const Variable& z, const std::vector<int>& labels) override;
};

class DcganDiscriminator : public Discriminator {
 public:
  DcganDiscriminator(const ModelSettings& settings, Rng& rng);

 protected:
  Variable net_input(const Variable& x, const std::vector<int>& labels) override;

 private:
  int image_size_;
};

}  // namespace gan
