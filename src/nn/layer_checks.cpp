#include "gan/nn/layer_checks.h"

#include <memory>

#include "gan/nn/layers.h"

namespace gan::nn {

namespace {

using testing::gradcheck;
using testing::random_input;

// Checks `layer` (held by shared_ptr, so the check can outlive this call) on an input of shape
// `x_shape` with respect to the input and every parameter. The parameters are passed to gradcheck
// as inputs: they share their nodes with the layer, so perturbing them perturbs the layer.
// kink_margin keeps inputs off ReLU's kink at 0.
OpCheck layer_check(const std::string& name, std::shared_ptr<Module> layer, Shape x_shape, float kink_margin = 0.0f) {
  return {name, [name, layer, x_shape, kink_margin] {
    Rng rng(21);
    std::vector<Variable> inputs = {Variable(random_input(x_shape, rng, kink_margin), true)};
    for (const NamedParameter& parameter : layer->parameters()) inputs.push_back(parameter.variable);
    return gradcheck(name, [layer](const std::vector<Variable>& in) { return layer->forward(in[0]); }, inputs);
  }};
}

}  // namespace

std::vector<OpCheck> layer_checks() {
  Rng rng(20);
  auto bn_eval = std::make_shared<BatchNorm>(3);
  bn_eval->running.mean = Tensor::from({3}, {0.5f, -1.0f, 0.0f});
  bn_eval->running.variance = Tensor::from({3}, {2.0f, 0.5f, 1.0f});
  bn_eval->set_training(false);

  // A small block of the MLP GAN, BN in training mode. Tanh, not LeakyReLU: the hidden values are
  // not under the input's kink margin, and a smooth activation keeps them all off kinks.
  auto mlp = std::make_shared<Sequential>();
  mlp->add<Linear>(LinearOptions(4, 6), rng);
  mlp->add<BatchNorm>(6);
  mlp->add<Tanh>();
  mlp->add<Linear>(LinearOptions(6, 2), rng);

  auto dropout_rng = std::make_shared<Rng>(5);
  auto dropout = std::make_shared<Dropout>(0.4f, *dropout_rng);

  std::vector<OpCheck> checks = {
      layer_check("Linear", std::make_shared<Linear>(LinearOptions(4, 3), rng), {5, 4}),
      layer_check("Linear_no_bias", std::make_shared<Linear>(LinearOptions(4, 3).bias(false), rng), {5, 4}),
      layer_check("Conv2d", std::make_shared<Conv2d>(ConvOptions(3, 4).kernel(3).stride(2).padding(1), rng),
                  {2, 3, 6, 6}),
      layer_check("ConvTranspose2d",
                  std::make_shared<ConvTranspose2d>(ConvOptions(3, 2).kernel(4).stride(2).padding(1), rng),
                  {2, 3, 3, 3}),
      layer_check("ConvTranspose2d_output_padding",
                  std::make_shared<ConvTranspose2d>(
                      ConvOptions(2, 3).kernel(3).stride(2).padding(1).output_padding(1).bias(false), rng),
                  {2, 2, 3, 3}),
      layer_check("BatchNorm_1d", std::make_shared<BatchNorm>(3), {6, 3}),
      layer_check("BatchNorm_2d", std::make_shared<BatchNorm>(3), {2, 3, 3, 3}),
      layer_check("BatchNorm_2d_eval", bn_eval, {2, 3, 2, 2}),
      layer_check("ReLU", std::make_shared<ReLU>(), {4, 5}, 0.05f),
      layer_check("LeakyReLU", std::make_shared<LeakyReLU>(0.2f), {4, 5}, 0.05f),
      layer_check("Tanh", std::make_shared<Tanh>(), {4, 5}),
      layer_check("Sigmoid", std::make_shared<Sigmoid>(), {4, 5}),
      layer_check("Flatten", std::make_shared<Flatten>(), {2, 3, 2, 2}),
      layer_check("Reshape", std::make_shared<Reshape>(Shape{2, 3, 2}), {2, 12}),
      layer_check("Sequential", mlp, {5, 4}),
  };
  // Dropout draws a mask per call: every evaluation of f restarts the same stream, so the mask is
  // fixed and the layer is linear in x.
  checks.push_back({"Dropout", [dropout, dropout_rng] {
    Rng rng(22);
    Variable x(random_input({4, 5}, rng), true);
    return gradcheck("Dropout", [dropout, dropout_rng](const std::vector<Variable>& in) {
      *dropout_rng = Rng(5);
      return dropout->forward(in[0]);
    }, {x});
  }});
  checks.push_back({"Embedding", [] {
    Rng rng(23);
    auto embedding = std::make_shared<Embedding>(4, 3, rng);
    // the table is the input: it is the layer's weight, read through the layer
    return gradcheck("Embedding", [embedding](const std::vector<Variable>&) { return embedding->forward({2, 0, 2, 3}); },
                     {embedding->weight});
  }});
  return checks;
}

}  // namespace gan::nn
