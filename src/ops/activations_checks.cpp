#include "gan/ops/activations.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// A check of f on x of `shape`, whose entries are at least kink_margin away from 0.
OpCheck activation_check(std::string name, Shape shape, uint64_t seed, float kink_margin,
                         std::function<Variable(const Variable&)> f) {
  return {name, [=] {
    Rng rng(seed);
    Variable x(random_input(shape, rng, kink_margin), true);
    return gradcheck(name, [f](const std::vector<Variable>& in) { return f(in[0]); }, {x});
  }};
}

}  // namespace

std::vector<OpCheck> activations_checks() {
  return {
      activation_check("sigmoid", {3, 4}, 51, 0.0f, [](const Variable& x) { return sigmoid(x); }),
      activation_check("tanh", {3, 4}, 52, 0.0f, [](const Variable& x) { return tanh(x); }),
      // relu and leaky_relu have a kink at 0: keep inputs 0.05 > step away from it.
      activation_check("relu", {3, 4}, 53, 0.05f, [](const Variable& x) { return relu(x); }),
      activation_check("leaky_relu", {3, 4}, 54, 0.05f,
                       [](const Variable& x) { return leaky_relu(x, 0.2f); }),
      activation_check("softplus", {3, 4}, 55, 0.0f, [](const Variable& x) { return softplus(x); }),
      activation_check("log_sigmoid", {3, 4}, 56, 0.0f, [](const Variable& x) { return log_sigmoid(x); }),
      activation_check("log_softmax", {4, 6}, 57, 0.0f, [](const Variable& x) { return log_softmax(x); }),
      activation_check("softmax", {4, 6}, 58, 0.0f, [](const Variable& x) { return softmax(x); }),
  };
}

}  // namespace gan
