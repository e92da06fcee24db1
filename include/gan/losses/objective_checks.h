// The gradient checks of the GAN objectives, as data (see ops/op_checks.h): `gan gradcheck` can
// print them beside the ops' checks, and tests/losses/ requires each to pass.
#pragma once

#include <vector>

#include "gan/ops/op_checks.h"

namespace gan {

std::vector<OpCheck> objective_checks();

}  // namespace gan
