#include "gan/ops/op_checks.h"

namespace gan {

std::vector<OpCheck> all_op_checks() {
  std::vector<OpCheck> checks;
  for (auto family : {matmul_checks}) {
    for (OpCheck& check : family()) checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace gan
