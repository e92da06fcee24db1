#include <catch2/catch.hpp>

#include "gan/nn/layers.h"
#include "gan/nn/module.h"
#include "gan/ops/reductions.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;
using namespace gan::nn;

TEST_CASE("Sequential applies its layers in order", "[nn]") {
  gan::Rng rng(1);
  Sequential net;
  auto& fc = net.add<Linear>(LinearOptions(2, 2).bias(false), rng);
  net.add<ReLU>();
  fc.weight.value() = Tensor::from({2, 2}, {1, 0, 0, -1});
  CHECK(net.size() == 2);
  CHECK(net.forward(Variable(Tensor::from({1, 2}, {3, 4}))).value().data == std::vector<Scalar>{3, 0});
}

TEST_CASE("parameters and buffers are named by position, nested with dots", "[nn]") {
  gan::Rng rng(2);
  Sequential net;
  net.add<Linear>(LinearOptions(4, 3), rng);
  net.add<LeakyReLU>(0.2f);
  auto& inner = net.add<Sequential>();
  inner.add<Linear>(LinearOptions(3, 3).bias(false), rng);
  inner.add<BatchNorm>(3);

  std::vector<std::string> names;
  for (const NamedParameter& parameter : net.parameters()) names.push_back(parameter.name);
  CHECK(names == std::vector<std::string>{"0.weight", "0.bias", "2.0.weight", "2.1.weight", "2.1.bias"});
  std::vector<NamedBuffer> buffers = net.buffers();
  REQUIRE(buffers.size() == 2);
  CHECK(buffers[0].name == "2.1.running_mean");
  CHECK(buffers[1].name == "2.1.running_var");

  // a NamedParameter shares its node with the layer: changing it changes the layer
  Variable w = net.parameters()[0].variable;
  w.value().data[0] = 42.0f;
  CHECK(static_cast<Linear&>(net[0]).weight.value().data[0] == 42.0f);
}

TEST_CASE("set_training reaches every module inside", "[nn]") {
  gan::Rng rng(3);
  Sequential net;
  auto& inner = net.add<Sequential>();
  auto& bn = inner.add<BatchNorm>(2);
  CHECK(bn.training());
  net.set_training(false);
  CHECK_FALSE(net.training());
  CHECK_FALSE(inner.training());
  CHECK_FALSE(bn.training());
  net.set_training(true);
  CHECK(bn.training());
  CHECK(net.children().size() == 1);
  CHECK(ReLU().children().empty());
}

TEST_CASE("FrozenParameters: frozen layers pass gradient through but get none themselves", "[nn]") {
  gan::Rng rng(3);
  Sequential first, second;  // x -> first -> second -> loss, with second frozen
  first.add<Linear>(LinearOptions(3, 4), rng);
  first.add<Tanh>();
  second.add<Linear>(LinearOptions(4, 2), rng);
  Tensor x_values({5, 3});
  rng.fill_normal(x_values, 0.0f, 1.0f);
  Variable x(x_values);

  gan::mean(second.forward(first.forward(x))).backward();
  std::vector<Tensor> first_grads;
  for (const NamedParameter& parameter : first.parameters()) first_grads.push_back(parameter.variable.grad());
  for (const NamedParameter& parameter : first.parameters()) parameter.variable.zero_grad();
  for (const NamedParameter& parameter : second.parameters()) parameter.variable.zero_grad();
  {
    FrozenParameters frozen(second.parameters());
    gan::mean(second.forward(first.forward(x))).backward();
  }
  for (size_t i = 0; i < first_grads.size(); ++i) {
    CHECK(first.parameters()[i].variable.grad().data == first_grads[i].data);  // the same numbers, bit for bit
  }
  for (const NamedParameter& parameter : second.parameters()) {
    CHECK(parameter.variable.grad().numel() == 0);
    CHECK(parameter.variable.requires_grad());  // unfrozen again when the scope ended
  }
  Variable result = first.forward(x);
  CHECK_THROWS_WITH(result.set_requires_grad(false), Catch::Contains("only a leaf can be frozen"));
}
