#include <cmath>

#include "gan/ops/math.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// A check of a function of one (3, 4) input; log and sqrt get inputs in [0.5, inf), where they
// are smooth over the finite-difference step.
OpCheck unary_check(std::string name, uint64_t seed, Variable (*op)(const Variable&), bool positive = false) {
  return {name, [=] {
    Rng rng(seed);
    Tensor x_value = random_input({3, 4}, rng);
    if (positive) {
      for (Scalar& v : x_value.data) v = std::fabs(v) + 0.5f;
    }
    Variable x(std::move(x_value), true);
    return gradcheck(name, [op](const std::vector<Variable>& in) { return op(in[0]); }, {x});
  }};
}

}  // namespace

std::vector<OpCheck> math_checks() {
  return {
      unary_check("exp", 41, exp),
      unary_check("log", 42, log, true),
      unary_check("sqrt", 43, sqrt, true),
      unary_check("square", 44, square),
  };
}

}  // namespace gan
