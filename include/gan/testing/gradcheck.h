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

struct GradcheckOptions {
  double step = 1e-2;            // h; float32 forward passes need a step this large
  double abs_tolerance = 2e-3;
  double rel_tolerance = 2e-2;
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
