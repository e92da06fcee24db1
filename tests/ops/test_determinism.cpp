// Threads change the speed, never the numbers: a small DCGAN-shaped network, forward and backward,
// gives bit-identical outputs and gradients with 1 and with 2 threads.
#include <catch2/catch.hpp>

#include <vector>

#include "gan/kernels/parallel.h"
#include "gan/ops/activations.h"
#include "gan/ops/batch_norm.h"
#include "gan/ops/conv2d.h"
#include "gan/ops/conv_transpose2d.h"
#include "gan/ops/matmul.h"
#include "gan/ops/shape_ops.h"
#include "gan/tensor/rng.h"

using gan::BatchNormStatistics;
using gan::Scalar;
using gan::Tensor;
using gan::Variable;

namespace {

struct Run {
  gan::ScalarStorage output;
  std::vector<gan::ScalarStorage> gradients;  // of every parameter and of z
  std::vector<Scalar> running;                // the batch-norm statistics after the step
};

Variable parameter(gan::Shape shape, gan::Rng& rng) {
  Tensor t(shape);
  rng.fill_normal(t, 0.0f, 0.2f);
  return Variable(t, true);
}

// z (16, 32) -> linear -> (16, 16, 7, 7) -> BN, leaky -> conv_transpose2d -> (16, 8, 14, 14) -> BN,
// leaky -> conv_transpose2d -> (16, 1, 28, 28) -> conv2d -> (16, 8, 14, 14) -> leaky -> conv2d ->
// (16, 16, 7, 7) -> BN, leaky -> flatten -> linear -> (16, 1); backward from a fixed dL/dy.
Run forward_backward(int threads) {
  gan::kernels::set_num_threads(threads);
  gan::Rng rng(1234);
  const int N = 16;
  Variable z = parameter({N, 32}, rng);
  std::vector<Variable> params = {
      parameter({16 * 7 * 7, 32}, rng), parameter({16 * 7 * 7}, rng),            // 0, 1: G linear
      parameter({16}, rng), parameter({16}, rng),                                // 2, 3: G BN
      parameter({16, 8, 4, 4}, rng), parameter({8}, rng),                        // 4, 5: G up 7 -> 14
      parameter({8}, rng), parameter({8}, rng),                                  // 6, 7: G BN
      parameter({8, 1, 4, 4}, rng),                                              // 8: G up 14 -> 28
      parameter({8, 1, 4, 4}, rng), parameter({8}, rng),                         // 9, 10: D 28 -> 14
      parameter({16, 8, 4, 4}, rng),                                             // 11: D 14 -> 7
      parameter({16}, rng), parameter({16}, rng),                                // 12, 13: D BN
      parameter({1, 16 * 7 * 7}, rng), parameter({1}, rng)};                     // 14, 15: D linear
  BatchNormStatistics bn[3] = {BatchNormStatistics::initial(16), BatchNormStatistics::initial(8),
                               BatchNormStatistics::initial(16)};
  auto& p = params;
  Variable h = gan::reshape(gan::linear(z, p[0], p[1]), {N, 16, 7, 7});
  h = gan::leaky_relu(gan::batch_norm(h, p[2], p[3], bn[0], true), 0.2f);
  h = gan::conv_transpose2d(h, p[4], p[5], 2, 1);
  h = gan::leaky_relu(gan::batch_norm(h, p[6], p[7], bn[1], true), 0.2f);
  h = gan::conv_transpose2d(h, p[8], Variable(), 2, 1);
  h = gan::leaky_relu(gan::conv2d(h, p[9], p[10], 2, 1), 0.2f);
  h = gan::conv2d(h, p[11], Variable(), 2, 1);
  h = gan::leaky_relu(gan::batch_norm(h, p[12], p[13], bn[2], true), 0.2f);
  Variable y = gan::linear(gan::flatten(h), p[14], p[15]);

  Tensor dy(y.shape());
  rng.fill_normal(dy, 0.0f, 1.0f);
  y.backward(dy);
  Run run{y.value().data, {z.grad().data}, {}};
  for (const Variable& param : params) run.gradients.push_back(param.grad().data);
  for (const BatchNormStatistics& stats : bn) {
    run.running.insert(run.running.end(), stats.mean.data.begin(), stats.mean.data.end());
    run.running.insert(run.running.end(), stats.variance.data.begin(), stats.variance.data.end());
  }
  return run;
}

}  // namespace

TEST_CASE("a conv net's forward and backward give the same bits with 1 and 2 threads", "[ops][determinism]") {
  int saved = gan::kernels::num_threads();
  Run one = forward_backward(1);
  Run two = forward_backward(2);
  gan::kernels::set_num_threads(saved);
  CHECK(one.output == two.output);
  REQUIRE(one.gradients.size() == two.gradients.size());
  for (size_t i = 0; i < one.gradients.size(); ++i) {
    INFO("gradient " << i);
    CHECK(!one.gradients[i].empty());
    CHECK(one.gradients[i] == two.gradients[i]);
  }
  CHECK(one.running == two.running);
}
