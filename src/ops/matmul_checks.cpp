#include "gan/ops/matmul.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

std::vector<OpCheck> matmul_checks() {
  std::vector<OpCheck> checks;
  for (bool transpose_a : {false, true}) {
    for (bool transpose_b : {false, true}) {
      std::string name = std::string("matmul") + (transpose_a ? "_ta" : "") + (transpose_b ? "_tb" : "");
      checks.push_back({name, [=] {
        Rng rng(11);
        Shape a_shape = transpose_a ? Shape{5, 3} : Shape{3, 5};  // op(a) is (3, 5)
        Shape b_shape = transpose_b ? Shape{4, 5} : Shape{5, 4};  // op(b) is (5, 4)
        Variable a(random_input(a_shape, rng), true), b(random_input(b_shape, rng), true);
        return gradcheck(name, [=](const std::vector<Variable>& in) {
          return matmul(in[0], in[1], transpose_a, transpose_b);
        }, {a, b});
      }});
    }
  }
  checks.push_back({"linear", [] {
    Rng rng(12);
    Variable x(random_input({7, 5}, rng), true), weight(random_input({3, 5}, rng), true),
        b(random_input({3}, rng), true);
    return gradcheck("linear", [](const std::vector<Variable>& in) { return linear(in[0], in[1], in[2]); },
                     {x, weight, b});
  }});
  return checks;
}

}  // namespace gan
