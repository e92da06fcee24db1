// Optimisers: they move each parameter against its gradient, theta <- theta - (a step built from
// dL/dtheta). An optimiser is given the parameters it trains once, by name; each step() reads their
// gradients (filled by loss.backward()) and updates their values in place.
//
//   Adam optimizer(model.parameters(), AdamSettings{});
//   optimizer.zero_grad();
//   loss.backward();
//   optimizer.step();
//
// A parameter whose gradient is empty this step (no backward pass reached it) is left alone.
// state() and load_state() carry what the optimiser remembers between steps (step count, moments),
// so that a run resumed from a checkpoint continues exactly as if it had never stopped.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "gan/nn/module.h"

namespace gan {

class Optimizer {
 public:
  explicit Optimizer(std::vector<nn::NamedParameter> parameters);
  virtual ~Optimizer();

  // One update of every parameter that has a gradient.
  virtual void step() = 0;
  // Empties every parameter's gradient, so the next backward pass starts from 0.
  void zero_grad();

  // What the optimiser remembers, as named tensors: "<prefix>.step" (1 element) and per-parameter
  // arrays "<prefix>.<parameter name>.<what>", e.g. "g_optimizer.3.weight.m".
  virtual std::vector<std::pair<std::string, Tensor>> state(const std::string& prefix) const = 0;
  // Restores what state(prefix) returned; `find` returns the tensor of a given name (and throws
  // when it is missing). requires: each array has its parameter's shape.
  virtual void load_state(const std::string& prefix,
                          const std::function<const Tensor&(const std::string&)>& find) = 0;

 protected:
  std::vector<nn::NamedParameter> parameters_;
};

// For load_state implementations: `target = find(name)`, after checking the stored shape.
void load_state_tensor(const std::function<const Tensor&(const std::string&)>& find, const std::string& name,
                       Tensor& target);

}  // namespace gan
