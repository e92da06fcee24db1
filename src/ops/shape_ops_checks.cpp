#include "gan/ops/op_checks.h"
#include "gan/ops/shape_ops.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

std::vector<OpCheck> shape_ops_checks() {
  std::vector<OpCheck> checks;
  checks.push_back({"reshape", [] {
    Rng rng(71);
    Variable x(random_input({2, 3, 4}, rng), true);
    return gradcheck("reshape",
                     [](const std::vector<Variable>& in) { return reshape(in[0], Shape{6, 4}); }, {x});
  }});
  checks.push_back({"flatten", [] {
    Rng rng(72);
    Variable x(random_input({2, 3, 2, 2}, rng), true);
    return gradcheck("flatten", [](const std::vector<Variable>& in) { return flatten(in[0]); }, {x});
  }});
  checks.push_back({"concat_features", [] {  // (N, Z) and (N, E): z joined to a label embedding
    Rng rng(73);
    Variable z(random_input({3, 4}, rng), true), e(random_input({3, 2}, rng), true);
    return gradcheck("concat_features",
                     [](const std::vector<Variable>& in) { return concat(in, 1); }, {z, e});
  }});
  checks.push_back({"concat_channels", [] {  // three image batches along C
    Rng rng(74);
    Variable a(random_input({2, 1, 2, 3}, rng), true), b(random_input({2, 3, 2, 3}, rng), true),
        c(random_input({2, 2, 2, 3}, rng), true);
    return gradcheck("concat_channels",
                     [](const std::vector<Variable>& in) { return concat(in, 1); }, {a, b, c});
  }});
  checks.push_back({"concat_batch", [] {
    Rng rng(75);
    Variable a(random_input({2, 3}, rng), true), b(random_input({1, 3}, rng), true);
    return gradcheck("concat_batch", [](const std::vector<Variable>& in) { return concat(in, 0); }, {a, b});
  }});
  return checks;
}

}  // namespace gan
