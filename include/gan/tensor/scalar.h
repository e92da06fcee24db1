// Scalar: the type of every number a Tensor holds, and of the kernels, ops, layers and objectives
// that read and write them.
//
// float, the type gan.cpp trains in: half the memory and twice the SIMD lanes of double, and
// all the precision a GAN's noisy gradients can use. A float32 forward pass, though, is too coarse
// for finite differences: with h = 1e-2 the check of a backward can only be trusted to about 2 %,
// so a backward 1 % off would pass. The double build (CMake's GAN_PRECISION=double, which defines
// GAN_DOUBLE_PRECISION; `make test-double`) compiles the same ops with Scalar = double, so that
// gradcheck can prove every backward to a relative 1e-6 (testing/gradcheck.h). It builds only
// the libraries the gradient checks need and never trains.
#pragma once

namespace gan {

#ifdef GAN_DOUBLE_PRECISION
using Scalar = double;
#else
using Scalar = float;
#endif

}  // namespace gan
