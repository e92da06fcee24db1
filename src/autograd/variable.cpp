#include "gan/autograd/variable.h"

#include <stdexcept>
#include <string>
#include <unordered_set>
#include <utility>

namespace gan {

namespace {
thread_local bool grad_mode_enabled = true;

// Nodes reachable from `root` through parents that require grad, ordered so that every node comes
// after all of its parents. Iterative depth-first search (deep graphs must not overflow the stack).
std::vector<Node*> topological_order(Node* root) {
  std::vector<Node*> order;
  std::unordered_set<Node*> visited;
  std::vector<std::pair<Node*, size_t>> stack;  // (node, index of the next parent to visit)
  stack.emplace_back(root, 0);
  visited.insert(root);
  while (!stack.empty()) {
    auto& [node, next_parent] = stack.back();
    if (next_parent < node->parents.size()) {
      Node* parent = node->parents[next_parent++].get();
      if (parent->requires_grad && visited.insert(parent).second) stack.emplace_back(parent, 0);
    } else {
      order.push_back(node);
      stack.pop_back();
    }
  }
  return order;
}
}  // namespace

Node::~Node() {
  // Letting shared_ptr free the parents would destroy a chain of n nodes through n nested
  // destructor calls. Instead, take over the parents and drop the backward function (its captured
  // copies are not the last references while `pending` holds them); then, for each parent this
  // loop holds the last reference to, do the same, so it dies with nothing left to free.
  std::vector<std::shared_ptr<Node>> pending = std::move(parents);
  backward = nullptr;
  while (!pending.empty()) {
    std::shared_ptr<Node> node = std::move(pending.back());
    pending.pop_back();
    if (node.use_count() != 1) continue;  // still used elsewhere: not ours to free
    for (std::shared_ptr<Node>& parent : node->parents) pending.push_back(std::move(parent));
    node->parents.clear();
    node->backward = nullptr;
  }
}

Variable::Variable(Tensor value, bool requires_grad) : node_(std::make_shared<Node>()) {
  node_->value = std::move(value);
  node_->requires_grad = requires_grad;
}

void Variable::backward() const {
  if (node_->value.numel() != 1) {
    throw std::invalid_argument(std::string("backward: output of '") + node_->op +
                                "' must be a scalar, got " + shape().str() +
                                "; pass dL/d(output) to backward(dout)");
  }
  backward(Tensor(shape(), 1.0f));
}

void Variable::backward(const Tensor& dout) const {
  require_shape("backward", "dout", dout.shape, shape());
  if (!node_->requires_grad) {
    throw std::logic_error(std::string("backward: output of '") + node_->op +
                           "' does not require grad (no input requires grad, or it was made "
                           "under NoGradGuard)");
  }
  std::vector<Node*> order = topological_order(node_.get());
  Tensor& root_grad = grad_buffer(*node_);
  for (int64_t i = 0; i < dout.numel(); ++i) root_grad.data[i] += dout.data[i];
  // Reverse topological order: a node's gradient is complete before its backward runs.
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    Node* node = *it;
    if (!node->backward || node->grad.empty()) continue;
    node->backward(node->grad);
    // An intermediate gradient is used once; freeing it keeps memory flat and makes a second
    // backward through the same node start from zero. Leaves keep theirs (they accumulate).
    node->grad = Tensor();
  }
}

void Variable::zero_grad() const { node_->grad = Tensor(); }

void Variable::set_requires_grad(bool requires_grad) const {
  if (node_->backward) {
    throw std::logic_error(std::string("set_requires_grad: only a leaf can be frozen, got the result of ") + node_->op);
  }
  node_->requires_grad = requires_grad;
}

Variable Variable::detach() const { return Variable(node_->value, false); }

Variable make_result(Tensor value, const std::vector<Variable>& inputs, const char* op,
                     BackwardFunction backward) {
  Variable result(std::move(value), false);
  result.node_->op = op;
  if (!grad_mode_enabled) return result;
  for (const Variable& input : inputs) {
    if (input.requires_grad()) result.node_->requires_grad = true;
  }
  if (!result.node_->requires_grad) return result;
  for (const Variable& input : inputs) result.node_->parents.push_back(input.node());
  result.node_->backward = std::move(backward);
  return result;
}

Tensor& grad_buffer(Node& node) {
  if (node.grad.empty()) node.grad = Tensor(node.value.shape, 0.0f);
  return node.grad;
}

GradientTarget gradient_target(Node& node) {
  const bool fresh = node.grad.empty();
  if (fresh) node.grad = Tensor::uninitialized(node.value.shape);
  return {node.grad.ptr(), fresh};
}

NoGradGuard::NoGradGuard() : previous_(grad_mode_enabled) { grad_mode_enabled = false; }
NoGradGuard::~NoGradGuard() { grad_mode_enabled = previous_; }
bool grad_enabled() { return grad_mode_enabled; }

}  // namespace gan
