#include <algorithm>
#include <numeric>

#include "gan/ops/op_checks.h"
#include "gan/ops/pooling.h"

namespace gan {

using testing::gradcheck;
using testing::random_input;

namespace {

// The values 0, 0.05, 0.1, ... in a random order: any two differ by more than twice the finite-
// difference step, so no nudge changes which entry of a max-pooling window is the maximum.
Tensor tie_free_input(Shape shape, Rng& rng) {
  Tensor x(shape);
  std::vector<int> order(x.numel());
  std::iota(order.begin(), order.end(), 0);
  for (int i = static_cast<int>(order.size()) - 1; i > 0; --i) std::swap(order[i], order[rng.uniform_int(i + 1)]);
  for (int64_t i = 0; i < x.numel(); ++i) x.data[i] = 0.05f * static_cast<Scalar>(order[i]) - 1.0f;
  return x;
}

}  // namespace

std::vector<OpCheck> pooling_checks() {
  std::vector<OpCheck> checks;
  checks.push_back({"max_pool2d_k2_s2", [] {
    Rng rng(111);
    Variable x(tie_free_input({2, 2, 6, 5}, rng), true);
    return gradcheck("max_pool2d_k2_s2", [](const std::vector<Variable>& in) { return max_pool2d(in[0], 2, 2); },
                     {x});
  }});
  checks.push_back({"max_pool2d_k3_s2", [] {  // overlapping windows
    Rng rng(112);
    Variable x(tie_free_input({2, 2, 7, 7}, rng), true);
    return gradcheck("max_pool2d_k3_s2", [](const std::vector<Variable>& in) { return max_pool2d(in[0], 3, 2); },
                     {x});
  }});
  checks.push_back({"avg_pool2d_k2_s2", [] {
    Rng rng(113);
    Variable x(random_input({2, 2, 6, 5}, rng), true);
    return gradcheck("avg_pool2d_k2_s2", [](const std::vector<Variable>& in) { return avg_pool2d(in[0], 2, 2); },
                     {x});
  }});
  checks.push_back({"avg_pool2d_k3_s1", [] {
    Rng rng(114);
    Variable x(random_input({2, 2, 5, 5}, rng), true);
    return gradcheck("avg_pool2d_k3_s1", [](const std::vector<Variable>& in) { return avg_pool2d(in[0], 3, 1); },
                     {x});
  }});
  return checks;
}

}  // namespace gan
