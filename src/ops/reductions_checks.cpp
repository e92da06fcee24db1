#include "gan/ops/op_checks.h"
#include "gan/ops/reductions.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

OpCheck reduction_check(std::string name, Shape shape, uint64_t seed,
                        std::function<Variable(const Variable&)> f) {
  return {name, [=] {
    Rng rng(seed);
    Variable x(random_input(shape, rng), true);
    return gradcheck(name, [f](const std::vector<Variable>& in) { return f(in[0]); }, {x});
  }};
}

}  // namespace

std::vector<OpCheck> reductions_checks() {
  return {
      reduction_check("sum", {3, 4}, 61, [](const Variable& x) { return sum(x); }),
      reduction_check("mean", {2, 3, 4}, 62, [](const Variable& x) { return mean(x); }),
      reduction_check("sum_axis0", {2, 3, 4}, 63, [](const Variable& x) { return sum(x, 0); }),
      reduction_check("sum_axis1", {2, 3, 4}, 64, [](const Variable& x) { return sum(x, 1); }),
      reduction_check("sum_axis2", {2, 3, 4}, 65, [](const Variable& x) { return sum(x, 2); }),
      reduction_check("mean_axis1", {2, 3, 2, 2}, 66, [](const Variable& x) { return mean(x, 1); }),
      reduction_check("mean_axis3", {2, 3, 2, 5}, 67, [](const Variable& x) { return mean(x, 3); }),
  };
}

}  // namespace gan
