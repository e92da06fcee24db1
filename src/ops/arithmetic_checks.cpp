#include <cmath>

#include "gan/ops/arithmetic.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// A check of a binary op on a of a_shape and b of b_shape; div's b is kept in [0.5, inf) so
// that 1/b stays smooth over the finite-difference step.
OpCheck binary_check(std::string name, Shape a_shape, Shape b_shape, uint64_t seed,
                     Variable (*op)(const Variable&, const Variable&), bool positive_b = false) {
  return {name, [=] {
    Rng rng(seed);
    Tensor b_value = random_input(b_shape, rng);
    if (positive_b) {
      for (Scalar& v : b_value.data) v = std::fabs(v) + 0.5f;
    }
    Variable a(random_input(a_shape, rng), true), b(std::move(b_value), true);
    return gradcheck(name, [op](const std::vector<Variable>& in) { return op(in[0], in[1]); }, {a, b});
  }};
}

}  // namespace

std::vector<OpCheck> arithmetic_checks() {
  std::vector<OpCheck> checks = {
      binary_check("add", {3, 4}, {3, 4}, 21, add),
      binary_check("add_bias_row", {4, 5}, {5}, 22, add),              // (N, D) + (D)
      binary_check("add_bias_channel", {2, 3, 2, 4}, {1, 3, 1, 1}, 23, add),
      binary_check("sub", {3, 4}, {3, 4}, 24, sub),
      binary_check("sub_per_row", {4, 5}, {4, 1}, 25, sub),            // (N, D) - (N, 1)
      binary_check("mul", {3, 4}, {3, 4}, 26, mul),
      binary_check("mul_alternating", {2, 3, 4, 5}, {2, 1, 4, 1}, 27, mul),
      binary_check("mul_one_number", {3, 4}, {1}, 28, mul),
      binary_check("div", {3, 4}, {3, 4}, 29, div, true),
      binary_check("div_per_channel", {2, 3, 2, 2}, {3, 1, 1}, 30, div, true),
  };
  checks.push_back({"neg", [] {
    Rng rng(31);
    Variable a(random_input({3, 4}, rng), true);
    return gradcheck("neg", [](const std::vector<Variable>& in) { return neg(in[0]); }, {a});
  }});
  checks.push_back({"add_scalar", [] {
    Rng rng(32);
    Variable a(random_input({3, 4}, rng), true);
    return gradcheck("add_scalar",
                     [](const std::vector<Variable>& in) { return add_scalar(in[0], 1.5f); }, {a});
  }});
  checks.push_back({"mul_scalar", [] {
    Rng rng(33);
    Variable a(random_input({3, 4}, rng), true);
    return gradcheck("mul_scalar",
                     [](const std::vector<Variable>& in) { return mul_scalar(in[0], -2.5f); }, {a});
  }});
  return checks;
}

}  // namespace gan
