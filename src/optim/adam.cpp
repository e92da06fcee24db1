#include "gan/optim/adam.h"

#include "gan/kernels/math_functions.h"
#include "gan/kernels/optimizer.h"

namespace gan {

Adam::Adam(std::vector<nn::NamedParameter> parameters, AdamSettings settings)
    : Optimizer(std::move(parameters)), settings_(settings) {
  require_setting("Adam", settings.lr > 0.0f, "lr must be > 0", settings.lr);
  require_setting("Adam", settings.beta1 >= 0.0f && settings.beta1 < 1.0f, "beta1 must be in [0, 1)", settings.beta1);
  require_setting("Adam", settings.beta2 >= 0.0f && settings.beta2 < 1.0f, "beta2 must be in [0, 1)", settings.beta2);
  require_setting("Adam", settings.eps > 0.0f, "eps must be > 0", settings.eps);
  for (const nn::NamedParameter& parameter : parameters_) {
    m_.emplace_back(parameter.variable.shape());
    v_.emplace_back(parameter.variable.shape());
  }
  remember("m", &m_);
  remember("v", &v_);
}

void Adam::set_lr(float lr) {
  require_setting("Adam", lr > 0.0f, "lr must be > 0", lr);
  settings_.lr = lr;
}

void Adam::step() {
  const int64_t t = ++steps_;
  // 1 - beta^t in double: for beta2 = 0.999 the float power would lose digits in the first steps.
  // beta^t by repeated squaring, not std::pow, whose last bit is up to the library; it depends on
  // t alone, so a run resumed from a checkpoint (which saves t) continues with the same bits.
  float bias_correction1 = static_cast<float>(1.0 - kernels::integer_power(settings_.beta1, t));
  float bias_correction2 = static_cast<float>(1.0 - kernels::integer_power(settings_.beta2, t));
  for (size_t i = 0; i < parameters_.size(); ++i) {
    Variable theta = parameters_[i].variable;
    const Tensor& g = theta.grad();
    if (g.empty()) continue;  // no backward pass reached this parameter
    kernels::adam_update(g.numel(), theta.value().ptr(), g.ptr(), m_[i].ptr(), v_[i].ptr(), settings_.lr,
                         settings_.beta1, settings_.beta2, settings_.eps, bias_correction1, bias_correction2);
  }
}

}  // namespace gan
