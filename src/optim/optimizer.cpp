#include "gan/optim/optimizer.h"

namespace gan {

Optimizer::Optimizer(std::vector<nn::NamedParameter> parameters) : parameters_(std::move(parameters)) {}

Optimizer::~Optimizer() = default;

void Optimizer::zero_grad() {
  for (const nn::NamedParameter& parameter : parameters_) parameter.variable.zero_grad();
}

void load_state_tensor(const std::function<const Tensor&(const std::string&)>& find, const std::string& name,
                       Tensor& target) {
  const Tensor& stored = find(name);
  require_shape("load_state", name.c_str(), stored.shape, target.shape);
  target = stored;
}

}  // namespace gan
