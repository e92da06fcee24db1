// gradcheck: proves a backward function right by comparing it with finite differences.
// Public, so that a student can check a layer of their own the way gan.cpp checks its ops.
//
// Method. For y = f(x_1, ..., x_k), draw a random r with y's shape and check the scalar
// L = <r, y> = sum_i r_i y_i (a random projection: one backward pass checks every output at once).
//   analytic:  y.backward(r) gives dL/dx_j for every input j that requires grad;
//   numeric:   dL/dx_j[e] ~ (L(x_j[e] + h) - L(x_j[e] - h)) / (2h), central differences, with L
//              accumulated in double. Big inputs are checked on a random sample of entries.
// An entry passes when |analytic - numeric| <= abs_tolerance + rel_tolerance * |numeric|.
//
// Finite differences lie near kinks (relu at 0, max-pooling ties): build inputs with
// random_input(shape, rng, margin) where margin > step, so no entry straddles a kink.
// f must be deterministic: an op that draws random numbers (dropout) seeds its own Rng inside f.
//
// Two precisions. The float build checks the kernels that train; the double build (GAN_PRECISION
// double, `make test-double`) runs the same checks on the same ops in double, ten thousand times
// tighter (see the defaults below).
//
//   Rng rng(1);
//   Variable x(random_input({4, 3}, rng), true);
//   auto result = gradcheck("tanh", [](const std::vector<Variable>& in) { return tanh(in[0]); }, {x});
//   REQUIRE(result.passed);
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "gan/autograd/variable.h"
#include "gan/tensor/rng.h"

namespace gan::testing {

// The defaults follow Scalar (tensor/scalar.h). The numeric derivative errs by the truncation
// h^2 f'''/6 and by the rounding of L, about eps |L| / h (eps = 6e-8 in float, 1e-16 in double).
// In float the rounding forces a large h, whose truncation leaves a 2 % check: a backward 1 % off
// passes it. In double, h = 1e-5 leaves truncation near 1e-10 and rounding near 1e-11 of the
// gradient, so the check is relative 1e-6, and a backward 0.1 % off fails
// (tests/testing/test_gradcheck.cpp). (h = 1e-6 is not better: the rounding of a transposed
// convolution's L, 3e-8 absolute, then exceeded the absolute tolerance.)
#ifdef GAN_DOUBLE_PRECISION
constexpr double kGradcheckStep = 1e-5;
constexpr double kGradcheckAbsTolerance = 1e-8;
constexpr double kGradcheckRelTolerance = 1e-6;
#else
constexpr double kGradcheckStep = 1e-2;
constexpr double kGradcheckAbsTolerance = 2e-3;
constexpr double kGradcheckRelTolerance = 2e-2;
#endif

struct GradcheckOptions {
  double step = kGradcheckStep;  // h
  double abs_tolerance = kGradcheckAbsTolerance;
  double rel_tolerance = kGradcheckRelTolerance;
  int max_entries_per_input = 64;  // more entries than this are sampled
  uint64_t seed = 7;               // for r and for the sample of entries
};

struct GradcheckResult {
  std::string name;
  std::string shapes;        // the inputs' shapes, "(4, 3) (3)"
  double max_abs_error = 0;  // max over checked entries of |analytic - numeric|
  double max_rel_error = 0;  // max_abs_error / max(1e-6, largest |numeric| seen)
  int entries_checked = 0;
  bool passed = false;
};

using FunctionUnderTest = std::function<Variable(const std::vector<Variable>& inputs)>;

// Checks dL/dx for every input that requires grad. Leaves the inputs' values as they were.
GradcheckResult gradcheck(const std::string& name, const FunctionUnderTest& f,
                          const std::vector<Variable>& inputs, const GradcheckOptions& options = {});

// N(0, 1) entries, each pushed to at least `kink_margin` away from 0.
Tensor random_input(Shape shape, Rng& rng, float kink_margin = 0.0f);

}  // namespace gan::testing
