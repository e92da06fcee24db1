#include <catch2/catch.hpp>

#include <cmath>

#include "gan/nn/init.h"
#include "gan/nn/layers.h"

using gan::Tensor;
using namespace gan::nn;

namespace {

void mean_and_std(const Tensor& t, double& mean, double& std) {
  double sum = 0, sum_sq = 0;
  for (float v : t.data) sum += v;
  mean = sum / t.numel();
  for (float v : t.data) sum_sq += (v - mean) * (v - mean);
  std = std::sqrt(sum_sq / t.numel());
}

}  // namespace

TEST_CASE("init_dcgan draws N(0, 0.02) weights, zero biases and N(1, 0.02) gammas", "[nn]") {
  gan::Rng rng(1);
  Sequential net;
  auto& fc = net.add<Linear>(100, 300, true, rng);
  auto& inner = net.add<Sequential>();
  auto& conv = inner.add<Conv2d>(16, 32, 4, 2, 1, true, rng);
  auto& up = inner.add<ConvTranspose2d>(32, 16, 4, 2, 1, 0, false, rng);
  auto& bn = inner.add<BatchNorm>(2000);
  auto& slope = net.add<LeakyReLU>(0.2f);
  init_dcgan(net, rng);

  double mean, std;
  for (const Tensor* weight : {&fc.weight.value(), &conv.weight.value(), &up.weight.value()}) {
    mean_and_std(*weight, mean, std);
    CHECK(std::fabs(mean) < 0.002);  // 30000, 8192 and 8192 draws: the mean is within 3 sigma of 0
    CHECK(std == Approx(0.02).epsilon(0.05));
  }
  CHECK(fc.bias.value().data == std::vector<float>(300, 0.0f));
  CHECK(conv.bias.value().data == std::vector<float>(32, 0.0f));
  mean_and_std(bn.gamma.value(), mean, std);
  CHECK(mean == Approx(1.0).epsilon(0.003));
  CHECK(std == Approx(0.02).epsilon(0.08));
  CHECK(bn.beta.value().data == std::vector<float>(2000, 0.0f));
  CHECK(slope.slope == 0.2f);

}

TEST_CASE("init_dcgan is reproducible from the seed", "[nn]") {
  auto build = [](uint64_t seed) {
    gan::Rng rng(seed);
    Sequential net;
    net.add<Linear>(5, 4, true, rng);
    net.add<BatchNorm>(4);
    init_dcgan(net, rng);
    std::vector<float> values;
    for (const NamedParameter& parameter : net.parameters()) {
      values.insert(values.end(), parameter.variable.value().data.begin(), parameter.variable.value().data.end());
    }
    return values;
  };
  CHECK(build(7) == build(7));
  CHECK(build(7) != build(8));
}
