// Modules: the layers a network is built from, and the names of what they hold.
//
// A Module owns its parameters (Variables that require grad: what the optimiser trains) and its
// buffers (Tensors that are saved in checkpoints but not trained, such as batch norm's running
// statistics). `parameters()` and `buffers()` list them with names that say where they live:
// a layer names its own ("weight", "bias", "running_mean"), and a Sequential puts each child's
// position in front, nesting with dots, as PyTorch's state_dict does:
//
//   Sequential net;
//   net.add<Linear>(LinearOptions(784, 512), rng);  // "0.weight", "0.bias"
//   net.add<BatchNorm>(512);                        // "1.weight", "1.bias"; buffers "1.running_mean", "1.running_var"
//   net.add<LeakyReLU>(0.2f);                       // nothing to name
//
// Training and evaluation differ for batch norm (batch statistics vs running ones) and dropout
// (random mask vs identity): `set_training(false)` switches a module and all its children.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "gan/autograd/variable.h"

namespace gan::nn {

struct NamedParameter {
  std::string name;   // "3.weight"
  Variable variable;  // shares its node with the layer: updating value() updates the layer
};

struct NamedBuffer {
  std::string name;   // "3.running_mean"
  Tensor* tensor;     // points into the layer, which must outlive the list
};

// While it lives, the given parameters are constants (Variable::set_requires_grad): graphs built
// and backpropagated in its scope give them no gradient and skip the products that would. GAN
// training uses it when one player is only the path to the other's loss: in the generator step
// D's parameters are frozen, as their gradients there would be thrown away unused.
class FrozenParameters {
 public:
  explicit FrozenParameters(std::vector<NamedParameter> parameters);
  ~FrozenParameters();
  FrozenParameters(const FrozenParameters&) = delete;
  FrozenParameters& operator=(const FrozenParameters&) = delete;

 private:
  std::vector<NamedParameter> parameters_;
};

class Module {
 public:
  virtual ~Module();

  // x -> y; shapes are stated by each layer.
  virtual Variable forward(const Variable& x) = 0;

  std::vector<NamedParameter> parameters();
  std::vector<NamedBuffer> buffers();

  // Switches this module and every module inside it. Modules start in training mode.
  virtual void set_training(bool training);
  bool training() const { return training_; }

  // Appends this module's parameters and buffers, then its children's, each name prefixed by
  // `prefix` ("" at the top, "3." for the fourth child of a Sequential). The default has none.
  virtual void collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
                       std::vector<NamedBuffer>& buffers);

  // The modules directly inside this one (a Sequential's layers); none by default.
  virtual std::vector<Module*> children();

 private:
  bool training_ = true;
};

// Layers applied one after another: y = layer_{L-1}(... layer_1(layer_0(x))).
// Children are named by position: the parameters of the layer added fourth are "3.<name>".
class Sequential : public Module {
 public:
  // Constructs a Layer in place at the end and returns it, so that a model reads as a list:
  //   auto& fc = net.add<Linear>(LinearOptions(100, 256), rng);   // (N, 100) -> (N, 256)
  template <class Layer, class... Args>
  Layer& add(Args&&... args) {
    layers_.push_back(std::make_unique<Layer>(std::forward<Args>(args)...));
    return static_cast<Layer&>(*layers_.back());
  }

  Variable forward(const Variable& x) override;
  void set_training(bool training) override;
  void collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
               std::vector<NamedBuffer>& buffers) override;
  std::vector<Module*> children() override;

  int size() const { return static_cast<int>(layers_.size()); }
  Module& operator[](int i) { return *layers_[i]; }

 private:
  std::vector<std::unique_ptr<Module>> layers_;  // held by pointer, so buffer pointers stay valid
};

}  // namespace gan::nn
