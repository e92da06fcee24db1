#include <catch2/catch.hpp>

#include <cmath>

#include "../check_all.h"
#include "gan/nn/layer_checks.h"
#include "gan/nn/layers.h"

using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;
using namespace gan::nn;

TEST_CASE("every layer passes its gradient check through input and parameters", "[nn][gradcheck]") {
  check_all(layer_checks());
}

TEST_CASE("Linear computes x W^T + b and starts from PyTorch's uniform bound", "[nn]") {
  gan::Rng rng(1);
  Linear layer(LinearOptions(400, 50), rng);
  CHECK(layer.weight.shape() == Shape{50, 400});
  CHECK(layer.bias.shape() == Shape{50});
  CHECK(layer.weight.requires_grad());
  Scalar bound = 1.0f / 20.0f, largest = 0.0f;  // 1/sqrt(fan_in), fan_in = 400
  for (Scalar w : layer.weight.value().data) largest = std::max(largest, std::fabs(w));
  CHECK(largest <= bound);
  CHECK(largest > 0.9f * bound);  // spread over the whole interval, not a narrower one

  Linear small(LinearOptions(2, 1), rng);
  small.weight.value() = Tensor::from({1, 2}, {2, -1});
  small.bias.value() = Tensor::from({1}, {0.5f});
  CHECK(small.forward(Variable(Tensor::from({2, 2}, {1, 1, 3, 2}))).value().data == std::vector<Scalar>{1.5f, 4.5f});
  CHECK(Linear(LinearOptions(3, 2).bias(false), rng).parameters().size() == 1);
}

TEST_CASE("convolution layers give the stated output shapes and fan-in bounds", "[nn]") {
  gan::Rng rng(2);
  Conv2d conv(ConvOptions(1, 64).kernel(4).stride(2).padding(1), rng);
  CHECK(conv.weight.shape() == Shape{64, 1, 4, 4});
  CHECK(conv.forward(Variable(Tensor({3, 1, 28, 28}))).shape() == Shape{3, 64, 14, 14});
  ConvTranspose2d up(ConvOptions(128, 64).kernel(4).stride(2).padding(1).bias(false), rng);
  CHECK(up.weight.shape() == Shape{128, 64, 4, 4});  // (C_in, C_out, K, K)
  CHECK_FALSE(up.bias.defined());
  CHECK(up.forward(Variable(Tensor({3, 128, 7, 7}))).shape() == Shape{3, 64, 14, 14});
  // ConvTranspose2d's fan_in is C_out K K = 1024, as PyTorch computes it: bound 1/32.
  Scalar largest = 0.0f;
  for (Scalar w : up.weight.value().data) largest = std::max(largest, std::fabs(w));
  CHECK(largest <= 1.0f / 32.0f);
  CHECK(largest > 0.99f / 32.0f);
}

TEST_CASE("BatchNorm uses batch statistics in training and running ones in evaluation", "[nn]") {
  BatchNorm bn(2);
  CHECK(bn.running.mean.data == std::vector<Scalar>{0, 0});
  CHECK(bn.running.variance.data == std::vector<Scalar>{1, 1});
  Variable x(Tensor::from({2, 2}, {1, 10, 3, 30}));
  // training: per feature (1, 3) -> (-1, 1) and (10, 30) -> (-1, 1), up to eps
  Tensor y = bn.forward(x).value();
  CHECK(y.data[0] == Approx(-1.0f).epsilon(1e-4));
  CHECK(y.data[3] == Approx(1.0f).epsilon(1e-4));
  // running = 0.9 * initial + 0.1 * batch (unbiased variance: 2 and 200)
  CHECK(bn.running.mean.data[0] == Approx(0.2f));
  CHECK(bn.running.mean.data[1] == Approx(2.0f));
  CHECK(bn.running.variance.data[1] == Approx(0.9f + 20.0f));

  bn.set_training(false);
  Tensor before = bn.running.mean;
  Tensor one = bn.forward(Variable(Tensor::from({1, 2}, {1, 10}))).value();
  CHECK(one.data[0] == Approx((1 - 0.2f) / std::sqrt(bn.running.variance.data[0] + 1e-5f)));
  CHECK(bn.running.mean.data == before.data);  // evaluation leaves the statistics alone

  std::vector<NamedParameter> parameters;
  std::vector<NamedBuffer> buffers;
  bn.collect("4.", parameters, buffers);
  REQUIRE(parameters.size() == 2);
  CHECK(parameters[0].name == "4.weight");
  CHECK(parameters[1].name == "4.bias");
  REQUIRE(buffers.size() == 2);
  CHECK(buffers[0].name == "4.running_mean");
  CHECK(buffers[1].name == "4.running_var");
  CHECK(buffers[1].tensor == &bn.running.variance);
}

TEST_CASE("activation and shape layers", "[nn]") {
  Variable x(Tensor::from({1, 4}, {-2, -0.5f, 0.5f, 2}));
  CHECK(ReLU().forward(x).value().data == std::vector<Scalar>{0, 0, 0.5f, 2});
  CHECK(LeakyReLU(0.2f).forward(x).value().data == std::vector<Scalar>{-0.4f, -0.1f, 0.5f, 2});
  CHECK(Tanh().forward(x).value().data[3] == Approx(std::tanh(2.0)));
  CHECK(Sigmoid().forward(x).value().data[0] == Approx(1 / (1 + std::exp(2.0))));
  CHECK(Flatten().forward(Variable(Tensor({3, 2, 4, 5}))).shape() == Shape{3, 40});
  CHECK(Reshape({128, 7, 7}).forward(Variable(Tensor({2, 6272}))).shape() == Shape{2, 128, 7, 7});
  CHECK_THROWS_WITH(Reshape(Shape{1, 2, 3, 4}), Catch::Contains("rank <= 3"));
}

TEST_CASE("Dropout masks in training and is the identity in evaluation", "[nn]") {
  gan::Rng rng(3);
  Dropout layer(0.5f, rng);
  Variable x(Tensor({1, 1000}, 1.0f));
  Tensor y = layer.forward(x).value();
  int zeros = 0;
  for (Scalar value : y.data) {
    CHECK((value == 0.0f || value == 2.0f));  // kept values are scaled by 1 / (1 - p)
    zeros += value == 0.0f;
  }
  CHECK(zeros > 400);
  CHECK(zeros < 600);
  layer.set_training(false);
  CHECK(layer.forward(x).value().data == x.value().data);
  CHECK_THROWS_WITH(Dropout(1.0f, rng), Catch::Contains("p must be in [0, 1)"));
}

TEST_CASE("Embedding looks up one row per label", "[nn]") {
  gan::Rng rng(4);
  Embedding embedding(3, 2, rng);
  embedding.weight.value() = Tensor::from({3, 2}, {0, 1, 10, 11, 20, 21});
  CHECK(embedding.forward({2, 0, 2}).value().data == std::vector<Scalar>{20, 21, 0, 1, 20, 21});
  std::vector<NamedParameter> parameters;
  embedding.collect("label_embedding.", parameters);
  CHECK(parameters.at(0).name == "label_embedding.weight");
}

TEST_CASE("layers name their bad arguments", "[nn]") {
  gan::Rng rng(5);
  CHECK_THROWS_WITH(Linear(LinearOptions(0, 3), rng), Catch::Contains("Linear: in_features must be >= 1, got 0"));
  // kernel has no default: a layer built without it is refused.
  CHECK_THROWS_WITH(Conv2d(ConvOptions(1, 4), rng), Catch::Contains("Conv2d: kernel must be >= 1, got 0"));
  CHECK_THROWS_WITH(Conv2d(ConvOptions(1, 4).kernel(3).output_padding(1), rng),
                    Catch::Contains("Conv2d: output_padding is for ConvTranspose2d only, got 1"));
  CHECK_THROWS_WITH(Linear(LinearOptions(3, 2), rng).forward(Variable(Tensor({4, 5}))), Catch::Contains("linear"));
}
