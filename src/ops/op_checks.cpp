#include "gan/ops/op_checks.h"

namespace gan {

std::vector<OpCheck> all_op_checks() {
  std::vector<OpCheck> checks;
  for (auto family : {matmul_checks, conv2d_checks, conv_transpose2d_checks, batch_norm_checks,
                      pooling_checks, arithmetic_checks, math_checks, activations_checks,
                      reductions_checks, shape_ops_checks, loss_ops_checks, dropout_checks,
                      embedding_checks}) {
    for (OpCheck& check : family()) checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace gan
