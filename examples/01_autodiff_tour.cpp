// 01 — A tour of reverse-mode autodiff.
//
// A GAN is trained by gradients, and gradients come from the chain rule applied backwards through
// the computation. This example builds y = x weight^T + b for a tiny batch, reduces it to a scalar,
// calls backward(), and checks one gradient by hand and all of them with finite differences.
//
//   build/examples/01_autodiff_tour [--smoke]
#include <cstdio>

#include "gan/ops/matmul.h"
#include "gan/testing/gradcheck.h"

using namespace gan;

int main() {
  // 1. Values. A batch of N=2 inputs with D_in=3 features, a layer with D_out=2 units.
  Variable x(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}));                 // (N, D_in)
  Variable weight(Tensor::from({2, 3}, {0.1f, 0.2f, 0.3f, -0.1f, 0.0f, 0.5f}), /*requires_grad=*/true);
  Variable b(Tensor::from({2}, {0.5f, -0.5f}), /*requires_grad=*/true);

  // 2. Forward: y = x weight^T + b, an op that records how to send gradients back to x, weight and b.
  Variable y = linear(x, weight, b);                                    // (N, D_out)
  std::printf("y = [[%.2f, %.2f], [%.2f, %.2f]]\n", y.value().at(0, 0), y.value().at(0, 1),
              y.value().at(1, 0), y.value().at(1, 1));

  // 3. Backward: L = sum of y's entries, so dL/dy is all ones; backward(dout) takes it from there.
  y.backward(Tensor(y.shape(), 1.0f));
  // By hand: dL/dweight[j][k] = sum over n of x[n][k], so every row of dL/dweight is (1+4, 2+5, 3+6).
  std::printf("dL/dweight row 0 = (%.1f, %.1f, %.1f), expected (5, 7, 9)\n", weight.grad().at(0, 0),
              weight.grad().at(0, 1), weight.grad().at(0, 2));
  std::printf("dL/db = (%.1f, %.1f), expected (2, 2): one per row of the batch\n", b.grad().data[0],
              b.grad().data[1]);

  // 4. Trust, but verify: gradcheck compares every backward with central finite differences.
  auto result = testing::gradcheck(
      "linear", [](const std::vector<Variable>& in) { return linear(in[0], in[1], in[2]); },
      {Variable(x.value(), true), Variable(weight.value(), true), Variable(b.value(), true)});
  std::printf("gradcheck linear: max abs error %.2e -> %s\n", result.max_abs_error,
              result.passed ? "pass" : "FAIL");
  return result.passed ? 0 : 1;
}
