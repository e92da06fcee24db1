#include "gan/ops/embedding.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

std::vector<OpCheck> embedding_checks() {
  return {{"embedding", [] {
    Rng rng(101);
    Variable table(random_input({5, 3}, rng), true);
    // Class 1 is looked up twice and class 2 never: its gradient rows add up, and row 2 stays 0.
    return gradcheck("embedding", [](const std::vector<Variable>& in) {
      return embedding({1, 4, 1, 0}, in[0]);
    }, {table});
  }}};
}

}  // namespace gan
