#include "gan/ops/conv_transpose2d.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// conv_transpose2d on x of `x_shape` with a (C_in, C_out, K, K) kernel, with or without a bias.
OpCheck conv_transpose2d_check(std::string name, Shape x_shape, int C_out, int K, int stride, int padding,
                               int output_padding, bool bias, uint64_t seed) {
  return {name, [=] {
    Rng rng(seed);
    Variable x(random_input(x_shape, rng), true);
    Variable weight(random_input({x_shape[1], C_out, K, K}, rng), true);
    std::vector<Variable> inputs = {x, weight};
    if (bias) inputs.push_back(Variable(random_input({C_out}, rng), true));
    return gradcheck(name, [=](const std::vector<Variable>& in) {
      return conv_transpose2d(in[0], in[1], bias ? in[2] : Variable(), stride, padding, output_padding);
    }, inputs);
  }};
}

}  // namespace

std::vector<OpCheck> conv_transpose2d_checks() {
  return {
      conv_transpose2d_check("conv_transpose2d_s1_p0", {2, 3, 4, 3}, 2, 3, 1, 0, 0, true, 91),
      conv_transpose2d_check("conv_transpose2d_s1_p1", {2, 2, 5, 5}, 3, 3, 1, 1, 0, false, 92),
      // DCGAN's generator layer, K4 s2 p1: 3 x 5 -> 6 x 10.
      conv_transpose2d_check("conv_transpose2d_s2_p1", {2, 3, 3, 5}, 2, 4, 2, 1, 0, true, 93),
      // output_padding 1: 3 x 3 -> 6 x 6 with K3 s2 p1, where 5 x 5 would be the default.
      conv_transpose2d_check("conv_transpose2d_s2_p1_op1", {2, 3, 3, 3}, 2, 3, 2, 1, 1, false, 94),
  };
}

}  // namespace gan
