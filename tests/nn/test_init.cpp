#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "gan/nn/init.h"
#include "gan/nn/layers.h"

using gan::Scalar;
using gan::Tensor;
using namespace gan::nn;

namespace {

void mean_and_std(const Tensor& t, double& mean, double& std) {
  double sum = 0, sum_sq = 0;
  for (Scalar v : t.data) sum += v;
  mean = sum / t.numel();
  for (Scalar v : t.data) sum_sq += (v - mean) * (v - mean);
  std = std::sqrt(sum_sq / t.numel());
}

double max_abs(const Tensor& t) {
  double largest = 0;
  for (Scalar v : t.data) largest = std::max(largest, std::fabs(static_cast<double>(v)));
  return largest;
}

// PyTorch's default bound 1/sqrt(fan_in): every |value| within it, and the largest of many draws
// close to it (the chance that 256 or more uniform draws all stay below 0.9 of it is under 1e-11).
void check_uniform_bound(const Tensor& t, int fan_in) {
  const double bound = 1.0 / std::sqrt(static_cast<double>(fan_in));
  CHECK(max_abs(t) <= bound);
  CHECK(max_abs(t) > 0.9 * bound);
}

// One of each layer a scheme touches, with 256 or more biases each; fan_in in the comments.
struct Layers {
  Sequential net;
  Linear* fc;
  Conv2d* conv;
  ConvTranspose2d* up;
  BatchNorm* bn;

  explicit Layers(gan::Rng& rng) {
    fc = &net.add<Linear>(LinearOptions(100, 300), rng);  // fan_in 100
    auto& inner = net.add<Sequential>();
    conv = &inner.add<Conv2d>(ConvOptions(16, 256).kernel(4).stride(2).padding(1), rng);  // fan_in 16 * 4 * 4 = 256
    up = &inner.add<ConvTranspose2d>(ConvOptions(8, 256).kernel(2).stride(2), rng);       // fan_in C_out K K = 1024
    bn = &inner.add<BatchNorm>(2000);
    net.add<LeakyReLU>(0.2f);
  }
};

std::vector<Scalar> all_parameters(Module& net) {
  std::vector<Scalar> values;
  for (const NamedParameter& parameter : net.parameters()) {
    values.insert(values.end(), parameter.variable.value().data.begin(), parameter.variable.value().data.end());
  }
  return values;
}

}  // namespace

TEST_CASE("pytorch-default keeps the constructors' U(+-1/sqrt(fan_in)) weights and biases", "[nn]") {
  gan::Rng rng(1);
  Layers layers(rng);
  init_parameters(layers.net, "pytorch-default", rng);
  check_uniform_bound(layers.fc->weight.value(), 100);
  check_uniform_bound(layers.fc->bias.value(), 100);
  check_uniform_bound(layers.conv->weight.value(), 256);
  check_uniform_bound(layers.conv->bias.value(), 256);
  // ConvTranspose2d's weight is (C_in, C_out, K, K); PyTorch takes fan_in from its second axis
  check_uniform_bound(layers.up->weight.value(), 256 * 2 * 2);
  check_uniform_bound(layers.up->bias.value(), 256 * 2 * 2);
  CHECK(layers.bn->gamma.value().data == std::vector<Scalar>(2000, 1.0f));
  CHECK(layers.bn->beta.value().data == std::vector<Scalar>(2000, 0.0f));
}

TEST_CASE("dcgan draws N(0, 0.02) weights and N(1, 0.02) gammas, and keeps PyTorch's biases", "[nn]") {
  gan::Rng rng(1);
  Layers layers(rng);
  const gan::ScalarStorage fc_bias = layers.fc->bias.value().data;
  init_parameters(layers.net, "dcgan", rng);

  double mean, std;
  for (const Tensor* weight : {&layers.fc->weight.value(), &layers.conv->weight.value(), &layers.up->weight.value()}) {
    mean_and_std(*weight, mean, std);
    CHECK(std::fabs(mean) < 0.002);  // 30000, 65536 and 8192 draws: the mean is within 3 sigma of 0
    CHECK(std == Approx(0.02).epsilon(0.05));
  }
  CHECK(layers.fc->bias.value().data == fc_bias);
  check_uniform_bound(layers.fc->bias.value(), 100);
  check_uniform_bound(layers.conv->bias.value(), 256);
  check_uniform_bound(layers.up->bias.value(), 1024);
  mean_and_std(layers.bn->gamma.value(), mean, std);
  CHECK(mean == Approx(1.0).epsilon(0.003));
  CHECK(std == Approx(0.02).epsilon(0.08));
  CHECK(layers.bn->beta.value().data == std::vector<Scalar>(2000, 0.0f));
}

TEST_CASE("dcgan-zero-bias differs from dcgan in the biases alone", "[nn]") {
  gan::Rng rng_dcgan(3), rng_zero(3);
  Layers dcgan(rng_dcgan), zero(rng_zero);
  init_parameters(dcgan.net, "dcgan", rng_dcgan);
  init_parameters(zero.net, "dcgan-zero-bias", rng_zero);
  CHECK(zero.fc->bias.value().data == std::vector<Scalar>(300, 0.0f));
  CHECK(zero.conv->bias.value().data == std::vector<Scalar>(256, 0.0f));
  CHECK(zero.up->bias.value().data == std::vector<Scalar>(256, 0.0f));
  CHECK(zero.fc->weight.value().data == dcgan.fc->weight.value().data);
  CHECK(zero.up->weight.value().data == dcgan.up->weight.value().data);
  CHECK(zero.bn->gamma.value().data == dcgan.bn->gamma.value().data);
  CHECK(rng_zero.state().state == rng_dcgan.state().state);  // the same draws, in the same order
}

TEST_CASE("init_parameters is reproducible from the seed and names the valid schemes", "[nn]") {
  auto build = [](uint64_t seed, const std::string& scheme) {
    gan::Rng rng(seed);
    Sequential net;
    net.add<Linear>(LinearOptions(5, 4), rng);
    net.add<BatchNorm>(4);
    init_parameters(net, scheme, rng);
    return all_parameters(net);
  };
  for (const std::string& scheme : init_scheme_names()) {
    INFO(scheme);
    CHECK(build(7, scheme) == build(7, scheme));
    CHECK(build(7, scheme) != build(8, scheme));
  }
  CHECK_THROWS_WITH(build(7, "xavier"), "init_parameters: scheme must be one of "
                                        "dcgan|dcgan-zero-bias|pytorch-default, got 'xavier'");
}
