#include "gan/optim/sgd.h"

#include <stdexcept>
#include <string>

#include "gan/kernels/optimizer.h"

namespace gan {

namespace {

void require_setting(bool ok, const char* what, float value) {
  if (!ok) throw std::invalid_argument(std::string("Sgd: ") + what + ", got " + std::to_string(value));
}

}  // namespace

Sgd::Sgd(std::vector<nn::NamedParameter> parameters, SgdSettings settings)
    : Optimizer(std::move(parameters)), settings_(settings) {
  require_setting(settings.lr > 0.0f, "lr must be > 0", settings.lr);
  require_setting(settings.momentum >= 0.0f && settings.momentum < 1.0f, "momentum must be in [0, 1)",
                  settings.momentum);
  require_setting(settings.weight_decay >= 0.0f, "weight_decay must be >= 0", settings.weight_decay);
  if (settings.momentum != 0.0f) {
    for (const nn::NamedParameter& parameter : parameters_) momentum_.emplace_back(parameter.variable.shape());
  }
}

void Sgd::step() {
  ++steps_;
  for (size_t i = 0; i < parameters_.size(); ++i) {
    Variable theta = parameters_[i].variable;
    const Tensor& g = theta.grad();
    if (g.empty()) continue;  // no backward pass reached this parameter
    float* b = momentum_.empty() ? nullptr : momentum_[i].ptr();
    kernels::sgd_update(g.numel(), theta.value().ptr(), g.ptr(), b, settings_.lr, settings_.momentum,
                        settings_.weight_decay);
  }
}

std::vector<std::pair<std::string, Tensor>> Sgd::state(const std::string& prefix) const {
  std::vector<std::pair<std::string, Tensor>> entries = {
      {prefix + ".step", Tensor::from({1}, {static_cast<float>(steps_)})}};
  for (size_t i = 0; i < momentum_.size(); ++i) {
    entries.emplace_back(prefix + "." + parameters_[i].name + ".momentum", momentum_[i]);
  }
  return entries;
}

void Sgd::load_state(const std::string& prefix, const std::function<const Tensor&(const std::string&)>& find) {
  Tensor step({1});
  load_state_tensor(find, prefix + ".step", step);
  steps_ = static_cast<int64_t>(step.data[0]);
  for (size_t i = 0; i < momentum_.size(); ++i) {
    load_state_tensor(find, prefix + "." + parameters_[i].name + ".momentum", momentum_[i]);
  }
}

}  // namespace gan
