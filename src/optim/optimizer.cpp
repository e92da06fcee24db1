#include "gan/optim/optimizer.h"

#include <stdexcept>
#include <string>
#include <utility>

namespace gan {

Optimizer::Optimizer(std::vector<nn::NamedParameter> parameters) : parameters_(std::move(parameters)) {}

Optimizer::~Optimizer() = default;

void Optimizer::zero_grad() {
  for (const nn::NamedParameter& parameter : parameters_) parameter.variable.zero_grad();
}

void Optimizer::require_setting(const char* optimizer, bool ok, const char* what, float value) {
  if (!ok) throw std::invalid_argument(std::string(optimizer) + ": " + what + ", got " + std::to_string(value));
}

void Optimizer::remember(std::string name, std::vector<Tensor>* per_parameter) {
  memories_.emplace_back(std::move(name), per_parameter);
}

std::vector<std::pair<std::string, Tensor>> Optimizer::state(const std::string& prefix) const {
  // The step count as a float is exact up to 2^24 (16.7 million steps).
  std::vector<std::pair<std::string, Tensor>> entries = {
      {prefix + ".step", Tensor::from({1}, {static_cast<float>(steps_)})}};
  for (size_t i = 0; i < parameters_.size(); ++i) {
    for (const auto& [name, tensors] : memories_) {
      entries.emplace_back(prefix + "." + parameters_[i].name + "." + name, (*tensors)[i]);
    }
  }
  return entries;
}

void Optimizer::load_state(const std::string& prefix, const std::function<const Tensor&(const std::string&)>& find) {
  auto load = [&find](const std::string& name, Tensor& target) {
    const Tensor& stored = find(name);
    require_shape("load_state", name.c_str(), stored.shape, target.shape);
    target = stored;
  };
  Tensor step({1});
  load(prefix + ".step", step);
  steps_ = static_cast<int64_t>(step.data[0]);
  for (size_t i = 0; i < parameters_.size(); ++i) {
    for (const auto& [name, tensors] : memories_) load(prefix + "." + parameters_[i].name + "." + name, (*tensors)[i]);
  }
}

}  // namespace gan
