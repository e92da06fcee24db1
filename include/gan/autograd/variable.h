// Reverse-mode automatic differentiation.
//
// A Variable is a handle on a Node of the computation graph. Each op (include/gan/ops/) computes
// its output Tensor and, when gradients are wanted, attaches a backward function that receives
// dL/d(output) and adds dL/d(input) into each input's gradient (the chain rule, one edge at a
// time). `loss.backward()` visits the graph in reverse topological order, so a node's backward
// runs only after every use of that node has contributed to its gradient.
//
// Ownership (no cycles, no leaks): a node holds its parents by shared_ptr; a backward function
// captures parent nodes and saved tensors by value, never its own output node. Dropping the last
// Variable that refers to a result frees the whole graph behind it.
//
//   Variable weight(Tensor({3, 2}), /*requires_grad=*/true);
//   Variable loss = mean(matmul(x, weight));
//   loss.backward();              // weight.grad() now holds dL/dweight
//   weight.zero_grad();
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan {

// dout: dL/d(this node's value), same shape as the value.
using BackwardFunction = std::function<void(const Tensor& dout)>;

struct Node {
  Tensor value;
  Tensor grad;                 // dL/d(value); empty until a backward pass reaches this node
  bool requires_grad = false;
  std::vector<std::shared_ptr<Node>> parents;
  BackwardFunction backward;   // empty for leaves (inputs and parameters)
  const char* op = "leaf";     // the op that made this node, for error messages

  Node() = default;
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;
  // Frees the graph behind this node without recursion (a deep chain must not overflow the stack).
  ~Node();
};

class Variable {
 public:
  Variable() = default;
  explicit Variable(Tensor value, bool requires_grad = false);

  const Tensor& value() const { return node_->value; }
  Tensor& value() { return node_->value; }  // parameters are updated in place by optimisers
  const Shape& shape() const { return node_->value.shape; }
  const Tensor& grad() const { return node_->grad; }
  bool requires_grad() const { return node_->requires_grad; }
  bool defined() const { return node_ != nullptr; }
  const std::shared_ptr<Node>& node() const { return node_; }

  // Backpropagate from a scalar (one-element) output: seeds dL/dL = 1.
  void backward() const;
  // Backpropagate a given dL/d(this), same shape as value(): a vector-Jacobian product.
  void backward(const Tensor& dout) const;
  void zero_grad() const;  // empties the gradient, so the next backward starts from 0
  // Turns gradient tracking of a leaf (a parameter) off or on. A frozen parameter is a constant to
  // every graph built while it is frozen: ops skip the products that would give its gradient.
  // requires: a leaf; throws std::logic_error for an op's result.
  void set_requires_grad(bool requires_grad) const;
  // The same value as a new leaf that no gradient flows through. Used for the discriminator
  // step, where G(z) is an input and G's parameters must not receive gradient.
  Variable detach() const;

 private:
  std::shared_ptr<Node> node_;
  friend Variable make_result(Tensor, const std::vector<Variable>&, const char*, BackwardFunction);
};

// For op implementations: wraps `value` as the op's output. The backward function is kept only
// when gradients are enabled and some input requires them; otherwise the result is a plain leaf
// and the inputs are not held (so evaluation builds no graph).
Variable make_result(Tensor value, const std::vector<Variable>& inputs, const char* op,
                     BackwardFunction backward);

// For backward functions: the gradient buffer of `node`, zero-filled with the value's shape on
// first use, so that kernels can add into it directly (several uses of a value sum up).
Tensor& grad_buffer(Node& node);

// For backward functions that write a whole gradient in one pass: the gradient buffer of `node`
// as grad_buffer gives it, except that a buffer made here is left unfilled (`fresh`). Its first
// writer then writes each element as a sum that starts from +0, as it would on zeros: a product
// with beta = 0 (beta() below), or 0 + term (kernels::accumulate_map). The same bits, without a
// pass that writes zeros over megabytes just before they are overwritten. Linear, relu, leaky_relu
// and reshape use it, whose gradients are the models' largest (an MLP's weights, a DCGAN's
// feature maps); the other ops add into grad_buffer.
struct GradientTarget {
  Scalar* data;
  bool fresh;  // made by this call: holds no values yet
  Scalar beta() const { return fresh ? Scalar{0} : Scalar{1}; }  // for a product into it (gemm.h)
};
GradientTarget gradient_target(Node& node);

// While a NoGradGuard lives, ops build no graph: for sampling, evaluation and metrics.
// Grad mode is the only state gan.cpp keeps outside the objects you hold: it is thread-local and
// scoped, as in every autodiff library, because passing a flag through every op would hide the
// math behind plumbing.
class NoGradGuard {
 public:
  NoGradGuard();
  ~NoGradGuard();
  NoGradGuard(const NoGradGuard&) = delete;
  NoGradGuard& operator=(const NoGradGuard&) = delete;

 private:
  bool previous_;
};
bool grad_enabled();

// The output y of an op on x, kept for a backward written in terms of it (tanh, sigmoid, exp,
// sqrt, softmax): y itself when a graph will be built, else an empty tensor, so that evaluation
// under NoGradGuard copies nothing.
inline Tensor saved_output(const Tensor& y, const Variable& x) {
  return grad_enabled() && x.requires_grad() ? y : Tensor();
}

}  // namespace gan
