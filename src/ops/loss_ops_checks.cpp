#include "gan/ops/loss_ops.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

std::vector<OpCheck> loss_ops_checks() {
  std::vector<OpCheck> checks;
  checks.push_back({"binary_cross_entropy_with_logits", [] {
    Rng rng(81);
    Variable logits(random_input({4, 3}, rng), true);
    Tensor targets({4, 3});
    rng.fill_uniform(targets, 0.0f, 1.0f);  // soft targets, as with label smoothing
    return gradcheck("binary_cross_entropy_with_logits", [targets](const std::vector<Variable>& in) {
      return binary_cross_entropy_with_logits(in[0], targets);
    }, {logits});
  }});
  checks.push_back({"mse", [] {
    Rng rng(82);
    Variable a(random_input({3, 5}, rng), true), b(random_input({3, 5}, rng), true);
    return gradcheck("mse", [](const std::vector<Variable>& in) { return mse(in[0], in[1]); }, {a, b});
  }});
  checks.push_back({"cross_entropy", [] {
    Rng rng(83);
    Variable logits(random_input({5, 4}, rng), true);
    return gradcheck("cross_entropy", [](const std::vector<Variable>& in) {
      return cross_entropy(in[0], {2, 0, 3, 3, 1});
    }, {logits});
  }});
  return checks;
}

}  // namespace gan
