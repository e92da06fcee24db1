#include <memory>

#include "gan/ops/batch_norm.h"
#include "gan/ops/op_checks.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// batch_norm on x of `x_shape`. In evaluation the running statistics are set away from (0, 1), so
// that the check sees them used.
OpCheck batch_norm_check(std::string name, Shape x_shape, bool training, uint64_t seed) {
  return {name, [=] {
    Rng rng(seed);
    const int C = x_shape[1];
    Variable x(random_input(x_shape, rng), true);
    Variable gamma(random_input({C}, rng), true), beta(random_input({C}, rng), true);
    auto running = std::make_shared<BatchNormStatistics>(BatchNormStatistics::initial(C));
    for (int c = 0; c < C; ++c) {
      running->mean.data[c] = rng.normal(0.0f, 0.5f);
      running->variance.data[c] = rng.uniform(0.5f, 2.0f);
    }
    return gradcheck(name, [=](const std::vector<Variable>& in) {
      return batch_norm(in[0], in[1], in[2], *running, training);
    }, {x, gamma, beta});
  }};
}

}  // namespace

std::vector<OpCheck> batch_norm_checks() {
  return {
      batch_norm_check("batch_norm_1d_train", {5, 3}, true, 101),
      batch_norm_check("batch_norm_2d_train", {3, 2, 3, 5}, true, 102),
      batch_norm_check("batch_norm_1d_eval", {5, 3}, false, 103),
      batch_norm_check("batch_norm_2d_eval", {3, 2, 3, 5}, false, 104),
  };
}

}  // namespace gan
