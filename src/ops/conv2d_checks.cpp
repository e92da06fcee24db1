#include "gan/ops/conv2d.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// conv2d on x of `x_shape` with a (C_out, C_in, K, K) kernel, with or without a bias.
OpCheck conv2d_check(std::string name, Shape x_shape, int C_out, int K, int stride, int padding, bool bias,
                     uint64_t seed) {
  return {name, [=] {
    Rng rng(seed);
    Variable x(random_input(x_shape, rng), true);
    Variable weight(random_input({C_out, x_shape[1], K, K}, rng), true);
    std::vector<Variable> inputs = {x, weight};
    if (bias) inputs.push_back(Variable(random_input({C_out}, rng), true));
    return gradcheck(name, [=](const std::vector<Variable>& in) {
      return conv2d(in[0], in[1], bias ? in[2] : Variable(), stride, padding);
    }, inputs);
  }};
}

}  // namespace

std::vector<OpCheck> conv2d_checks() {
  return {
      conv2d_check("conv2d_s1_p0", {2, 3, 5, 5}, 4, 3, 1, 0, true, 81),
      conv2d_check("conv2d_s1_p1", {2, 2, 5, 4}, 3, 3, 1, 1, false, 82),
      // DCGAN's discriminator layer, K4 s2 p1, on an odd 7 x 5 image.
      conv2d_check("conv2d_s2_p1", {2, 3, 7, 5}, 4, 4, 2, 1, true, 83),
      conv2d_check("conv2d_s2_p0", {3, 2, 7, 7}, 2, 3, 2, 0, false, 84),
  };
}

}  // namespace gan
