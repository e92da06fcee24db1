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
  Optimizer(const Optimizer&) = delete;  // remember() keeps pointers into the derived object
  Optimizer& operator=(const Optimizer&) = delete;

  // One update of every parameter that has a gradient.
  virtual void step() = 0;
  // Empties every parameter's gradient, so the next backward pass starts from 0.
  void zero_grad();

  // The number of step() calls so far (Adam's t).
  int64_t steps() const { return steps_; }

  // What the optimiser remembers, as named tensors: "<prefix>.step" (1 element), then parameter
  // by parameter each memory remember() named, "<prefix>.<parameter name>.<memory>", e.g.
  // "g_optimizer.3.weight.m" and "g_optimizer.3.weight.v".
  std::vector<std::pair<std::string, Tensor>> state(const std::string& prefix) const;
  // Restores what state(prefix) returned; `find` returns the tensor of a given name (and throws
  // when it is missing). Throws std::invalid_argument when an array has not its parameter's shape.
  void load_state(const std::string& prefix, const std::function<const Tensor&(const std::string&)>& find);

 protected:
  // Called by a derived constructor for each thing it keeps per parameter (Adam's "m" and "v",
  // SGD's "momentum"): one tensor per parameter, of its shape, which state() and load_state()
  // then carry.
  void remember(std::string name, std::vector<Tensor>* per_parameter);

  std::vector<nn::NamedParameter> parameters_;
  int64_t steps_ = 0;

  // Throws std::invalid_argument "<optimizer>: <what>, got <value>" unless ok.
  static void require_setting(const char* optimizer, bool ok, const char* what, float value);

 private:
  std::vector<std::pair<std::string, std::vector<Tensor>*>> memories_;
};

}  // namespace gan
