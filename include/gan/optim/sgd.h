// Stochastic gradient descent with momentum (Polyak 1964; in the form of Sutskever et al. 2013
// and PyTorch's torch.optim.SGD without dampening or Nesterov):
//   d = dL/dtheta + weight_decay theta       (L2 regularisation, folded into the gradient)
//   b = momentum b + d                       (b starts at 0: the first step is plain SGD)
//   theta = theta - lr b                     (D.13.2)
// State: "<prefix>.step" and, when momentum != 0, "<prefix>.<parameter>.momentum" = b.
#pragma once

#include "gan/optim/optimizer.h"

namespace gan {

struct SgdSettings {
  float lr = 0.01f;
  float momentum = 0.0f;      // 0.9 is the usual choice with momentum
  float weight_decay = 0.0f;
};

class Sgd : public Optimizer {
 public:
  // requires: lr > 0, 0 <= momentum < 1, weight_decay >= 0
  Sgd(std::vector<nn::NamedParameter> parameters, SgdSettings settings);

  void step() override;

 private:
  SgdSettings settings_;
  std::vector<Tensor> momentum_;  // b, one per parameter (empty when momentum == 0)
};

}  // namespace gan
