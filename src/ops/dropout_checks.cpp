#include "gan/ops/dropout.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

std::vector<OpCheck> dropout_checks() {
  return {{"dropout", [] {
    Rng rng(91);
    Variable x(random_input({4, 5}, rng), true);
    // The mask's Rng is seeded inside f, so every evaluation drops the same entries.
    return gradcheck("dropout", [](const std::vector<Variable>& in) {
      Rng mask_rng(92);
      return dropout(in[0], 0.3f, mask_rng, true);
    }, {x});
  }}};
}

}  // namespace gan
