// DCGAN's initialisation (Radford et al. 2015, Sec. 4: "All weights were initialized from a
// zero-centered Normal distribution with standard deviation 0.02"), in the form of the PyTorch
// DCGAN example: convolution, transposed convolution and linear weights ~ N(0, 0.02), their
// biases 0; batch norm gamma ~ N(1, 0.02), beta 0. Small weights keep the first updates of both
// players gentle; gamma near 1 starts each batch norm close to a plain standardisation.
#pragma once

#include "gan/nn/module.h"
#include "gan/tensor/rng.h"

namespace gan::nn {

// Re-initialises every Linear, Conv2d, ConvTranspose2d and BatchNorm in `module` (itself and the
// modules inside it, depth first, in order), drawing from rng in that order. Other layers are left
// as they are.
void init_dcgan(Module& module, Rng& rng);

}  // namespace gan::nn
