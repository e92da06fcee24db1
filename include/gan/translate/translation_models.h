// The two networks of image-to-image translation, cut down to 28 x 28 digits.
//
// UNetGenerator (Isola et al. 2017, Sec. 3.2.1 and Appendix 6.1.1, after Ronneberger et al. 2015):
// an encoder-decoder whose decoder also reads the encoder's features at the same size through skip
// connections (concat along C), so that the outline of the input reaches the output without
// passing through the 7 x 7 bottleneck. With F = features (32 by default):
//   x (N, C, 28, 28)  -> Conv(C -> F, K 4, s 2, p 1) LeakyReLU 0.2        e1 (N, F, 14, 14)
//                     -> Conv(F -> 2F, K 4, s 2, p 1) LeakyReLU 0.2       e2 (N, 2F, 7, 7)
//   e2                -> ConvT(2F -> F, K 4, s 2, p 1) ReLU                d1 (N, F, 14, 14)
//   [d1, e1]          -> ConvT(2F -> F/2, K 4, s 2, p 1) ReLU              d2 (N, F/2, 28, 28)
//   [d2, x]           -> Conv(F/2 + C -> C, K 3, p 1) tanh                 y  (N, C, 28, 28)
// No normalisation layer: the papers' batch / instance norm is left out at this size (see
// docs/translation.md), and there is no noise z: pix2pix's own G ignores it (Sec. 2.2).
//
// PatchDiscriminator (Isola et al. 2017, Sec. 2.2.2, "PatchGAN"): a fully convolutional D that
// scores each patch of the image, here a 7 x 7 map of logits whose receptive fields are 18 x 18 pixels:
//   x (N, C_in, 28, 28) -> Conv(C_in -> F, K 4, s 2, p 1) LeakyReLU 0.2    (N, F, 14, 14)
//                       -> Conv(F -> 2F, K 4, s 2, p 1) LeakyReLU 0.2      (N, 2F, 7, 7)
//                       -> Conv(2F -> 1, K 3, p 1)                        (N, 1, 7, 7) logits
// For pix2pix, D is conditional: its input is the pair [input, output] joined along C (C_in = 2C);
// CycleGAN's D sees one image (C_in = C). The objectives of losses/objectives.h average over every
// patch's logit.
//
//   Rng rng(1);
//   UNetGenerator G(1, 32, rng);
//   PatchDiscriminator D(2, 32, rng);
//   Variable y = G.forward(x);                          // (N, 1, 28, 28)
//   Variable logits = D.forward(concat({x, y}, 1));     // (N, 1, 7, 7)
#pragma once

#include "gan/nn/layers.h"
#include "gan/nn/module.h"
#include "gan/tensor/rng.h"

namespace gan::translate {

class UNetGenerator : public nn::Module {
 public:
  // requires: channels >= 1, features >= 2 and even. Parameters: "e1.*", "e2.*", "d1.*", "d2.*", "out.*".
  UNetGenerator(int channels, int features, Rng& rng);
  Variable forward(const Variable& x) override;  // x (N, C, H, W), H = W a multiple of 4
  void collect(const std::string& prefix, std::vector<nn::NamedParameter>& parameters,
               std::vector<nn::NamedBuffer>& buffers) override;

  nn::Conv2d e1, e2;
  nn::ConvTranspose2d d1, d2;
  nn::Conv2d out;
};

class PatchDiscriminator : public nn::Module {
 public:
  // requires: in_channels >= 1, features >= 1. Parameters: "c1.*", "c2.*", "c3.*".
  PatchDiscriminator(int in_channels, int features, Rng& rng);
  Variable forward(const Variable& x) override;  // (N, C_in, H, W) -> (N, 1, H/4, W/4)
  void collect(const std::string& prefix, std::vector<nn::NamedParameter>& parameters,
               std::vector<nn::NamedBuffer>& buffers) override;

  nn::Conv2d c1, c2, c3;
};

}  // namespace gan::translate
