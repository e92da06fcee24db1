// The gradient checks of every layer, as data (see ops/op_checks.h): each runs a layer's forward
// under testing::gradcheck with respect to its input and all its parameters, through a random
// projection of the output. tests/nn/ requires each to pass; `gan gradcheck` can print them.
#pragma once

#include <vector>

#include "gan/ops/op_checks.h"

namespace gan::nn {

std::vector<OpCheck> layer_checks();

}  // namespace gan::nn
