// Initialisation schemes, by name. Every Linear, Conv2d and ConvTranspose2d is constructed with
// PyTorch's default draws (nn/layers.h), as torch.nn constructs its layers; a scheme then redraws
// what it changes, as the PyTorch DCGAN example's `weights_init` does after building its models.
//
//   "pytorch-default"  what the constructors drew, unchanged: PyTorch's Linear/Conv defaults
//                      (torch.nn, v1.x and v2.x), kaiming_uniform_ with a = sqrt(5) for weights,
//                      which reduces to U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (He et al. 2015 for
//                      the family), and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)); batch norm
//                      gamma 1, beta 0.
//   "dcgan"            the PyTorch DCGAN example (pytorch/examples, dcgan/main.py, weights_init):
//                      convolution, transposed convolution and linear weights ~ N(0, 0.02)
//                      (Radford et al. 2015, Sec. 4: "All weights were initialized from a
//                      zero-centered Normal distribution with standard deviation 0.02"); batch
//                      norm gamma ~ N(1, 0.02), beta 0; biases keep PyTorch's default
//                      U(-1/sqrt(fan_in), 1/sqrt(fan_in)), since the paper says nothing of them and
//                      the example leaves them as constructed.
//   "dcgan-zero-bias"  as "dcgan", with every bias 0: gan.cpp's DCGAN scheme before --init. Same
//                      rng draws as "dcgan", so the two differ in the biases alone.
//
// Small weights keep the first updates of both players gentle; gamma near 1 starts each batch
// norm close to a plain standardisation. Which scheme each model gets by default, and why, is
// measured in docs/initialisation.md (default_init, models/gan_models.h).
//
// Draw order, for reproducibility: the constructors draw weight then bias, layer by layer, in
// construction order; a scheme then walks the module depth first, in order, and draws each
// Linear/Conv2d/ConvTranspose2d weight, then each BatchNorm gamma, in the order it meets them.
//
//   Rng rng(1);
//   Sequential net;
//   net.add<Linear>(LinearOptions(100, 256), rng);  // PyTorch's defaults
//   init_parameters(net, "dcgan", rng);             // weight ~ N(0, 0.02), bias kept
#pragma once

#include <string>
#include <vector>

#include "gan/nn/module.h"
#include "gan/tensor/rng.h"

namespace gan::nn {

// The scheme names above, in the order --help lists them.
const std::vector<std::string>& init_scheme_names();

// Applies `scheme` to `module` (itself and the modules inside it, depth first, in order), drawing
// from rng. requires: freshly constructed layers, whose parameters hold PyTorch's default draws.
// Throws std::invalid_argument for an unknown scheme, naming the valid ones.
void init_parameters(Module& module, const std::string& scheme, Rng& rng);

}  // namespace gan::nn
