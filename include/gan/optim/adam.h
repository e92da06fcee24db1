// Adam (Kingma & Ba 2015, Algorithm 1): a step per parameter scaled by running estimates of the
// gradient's first and second moments. At step t = 1, 2, ..., with g = dL/dtheta:
//   m = beta1 m + (1 - beta1) g                 (moving average of g)
//   v = beta2 v + (1 - beta2) g^2               (moving average of g^2, element-wise)
//   m_hat = m / (1 - beta1^t)                   (bias correction: m and v start at 0)
//   v_hat = v / (1 - beta2^t)
//   theta = theta - lr m_hat / (sqrt(v_hat) + eps)                                    (D.13.1)
// State: "<prefix>.step" = t, "<prefix>.<parameter>.m" and "<prefix>.<parameter>.v".
//
// t counts calls of step(). A parameter without a gradient at some step keeps its m and v, and
// later steps still use the bias correction of the common t (in GAN training every parameter of
// the player being trained gets a gradient at every step, so this does not arise there).
#pragma once

#include "gan/optim/optimizer.h"

namespace gan {

// Defaults of the DCGAN paper (Radford et al. 2015, Sec. 4): lr 2e-4 (1e-3 was too high) and
// beta1 0.5 (0.9 made training oscillate and unstable); beta2 and eps as in Kingma & Ba 2015.
struct AdamSettings {
  float lr = 2e-4f;
  float beta1 = 0.5f;
  float beta2 = 0.999f;
  float eps = 1e-8f;
};

class Adam : public Optimizer {
 public:
  // requires: lr > 0, 0 <= beta1 < 1, 0 <= beta2 < 1, eps > 0
  Adam(std::vector<nn::NamedParameter> parameters, AdamSettings settings);

  void step() override;

  // A new step size from the next step() on; t, m and v carry over, so only lr changes in D.13.1
  // (a learning-rate schedule). requires: lr > 0
  void set_lr(float lr);
  float lr() const { return settings_.lr; }

 private:
  AdamSettings settings_;
  std::vector<Tensor> m_, v_;  // one per parameter, the parameter's shape; t is steps_
};

}  // namespace gan
