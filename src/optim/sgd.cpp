#include "gan/optim/sgd.h"

#include "gan/kernels/optimizer.h"

namespace gan {

Sgd::Sgd(std::vector<nn::NamedParameter> parameters, SgdSettings settings)
    : Optimizer(std::move(parameters)), settings_(settings) {
  require_setting("Sgd", settings.lr > 0.0f, "lr must be > 0", settings.lr);
  require_setting("Sgd", settings.momentum >= 0.0f && settings.momentum < 1.0f, "momentum must be in [0, 1)",
                  settings.momentum);
  require_setting("Sgd", settings.weight_decay >= 0.0f, "weight_decay must be >= 0", settings.weight_decay);
  if (settings.momentum != 0.0f) {
    for (const nn::NamedParameter& parameter : parameters_) momentum_.emplace_back(parameter.variable.shape());
    remember("momentum", &momentum_);
  }
}

void Sgd::step() {
  ++steps_;
  for (size_t i = 0; i < parameters_.size(); ++i) {
    Variable theta = parameters_[i].variable;
    const Tensor& g = theta.grad();
    if (g.empty()) continue;  // no backward pass reached this parameter
    Scalar* b = momentum_.empty() ? nullptr : momentum_[i].ptr();
    kernels::sgd_update(g.numel(), theta.value().ptr(), g.ptr(), b, settings_.lr, settings_.momentum,
                        settings_.weight_decay);
  }
}

}  // namespace gan
