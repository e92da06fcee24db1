#include "gan/nn/module.h"

namespace gan::nn {

FrozenParameters::FrozenParameters(std::vector<NamedParameter> parameters) : parameters_(std::move(parameters)) {
  for (const NamedParameter& parameter : parameters_) parameter.variable.set_requires_grad(false);
}

FrozenParameters::~FrozenParameters() {
  for (const NamedParameter& parameter : parameters_) parameter.variable.set_requires_grad(true);
}

Module::~Module() = default;

std::vector<NamedParameter> Module::parameters() {
  std::vector<NamedParameter> parameters;
  std::vector<NamedBuffer> buffers;
  collect("", parameters, buffers);
  return parameters;
}

std::vector<NamedBuffer> Module::buffers() {
  std::vector<NamedParameter> parameters;
  std::vector<NamedBuffer> buffers;
  collect("", parameters, buffers);
  return buffers;
}

void Module::set_training(bool training) { training_ = training; }

void Module::collect(const std::string&, std::vector<NamedParameter>&, std::vector<NamedBuffer>&) {}

std::vector<Module*> Module::children() { return {}; }

Variable Sequential::forward(const Variable& x) {
  Variable y = x;
  for (const auto& layer : layers_) y = layer->forward(y);
  return y;
}

void Sequential::set_training(bool training) {
  Module::set_training(training);
  for (const auto& layer : layers_) layer->set_training(training);
}

void Sequential::collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
                         std::vector<NamedBuffer>& buffers) {
  for (size_t i = 0; i < layers_.size(); ++i) {
    layers_[i]->collect(prefix + std::to_string(i) + ".", parameters, buffers);
  }
}

std::vector<Module*> Sequential::children() {
  std::vector<Module*> children;
  for (const auto& layer : layers_) children.push_back(layer.get());
  return children;
}

}  // namespace gan::nn
