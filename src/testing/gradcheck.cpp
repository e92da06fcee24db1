#include "gan/testing/gradcheck.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace gan::testing {

namespace {

// L = <r, f(inputs)> in double, without building a graph.
double projected_output(const FunctionUnderTest& f, const std::vector<Variable>& inputs,
                        const Tensor& r) {
  NoGradGuard no_grad;
  Tensor y = f(inputs).value();
  double sum = 0.0;
  for (int64_t i = 0; i < y.numel(); ++i) sum += static_cast<double>(r.data[i]) * y.data[i];
  return sum;
}

// All indices of a tensor of `count` entries, or `limit` of them drawn without replacement.
std::vector<int64_t> entries_to_check(int64_t count, int limit, Rng& rng) {
  std::vector<int64_t> indices(count);
  std::iota(indices.begin(), indices.end(), 0);
  if (count <= limit) return indices;
  for (int i = 0; i < limit; ++i) {  // partial Fisher-Yates shuffle
    int64_t j = i + rng.uniform_int(static_cast<int>(count - i));
    std::swap(indices[i], indices[j]);
  }
  indices.resize(limit);
  return indices;
}

}  // namespace

GradcheckResult gradcheck(const std::string& name, const FunctionUnderTest& f,
                          const std::vector<Variable>& inputs, const GradcheckOptions& options) {
  GradcheckResult result;
  result.name = name;
  for (const Variable& input : inputs) {
    if (!result.shapes.empty()) result.shapes += " ";
    result.shapes += input.shape().str();
  }

  Rng rng(options.seed);
  Variable y = f(inputs);
  Tensor r(y.shape());
  rng.fill_normal(r, 0.0f, 1.0f);
  for (const Variable& input : inputs) input.zero_grad();
  y.backward(r);

  double largest_numeric = 0.0;
  bool all_passed = true;
  for (const Variable& input : inputs) {
    if (!input.requires_grad()) continue;
    Tensor analytic = input.grad();
    if (analytic.empty()) analytic = Tensor(input.shape(), 0.0f);  // no path from y to this input
    ScalarStorage& x = input.node()->value.data;
    for (int64_t index : entries_to_check(input.value().numel(), options.max_entries_per_input, rng)) {
      Scalar original = x[index];
      Scalar plus = static_cast<Scalar>(original + options.step);
      Scalar minus = static_cast<Scalar>(original - options.step);
      x[index] = plus;
      double loss_plus = projected_output(f, inputs, r);
      x[index] = minus;
      double loss_minus = projected_output(f, inputs, r);
      x[index] = original;
      // Divide by the step actually taken: rounding makes plus - minus differ from 2h.
      double numeric = (loss_plus - loss_minus) / (static_cast<double>(plus) - minus);
      double error = std::fabs(analytic.data[index] - numeric);
      largest_numeric = std::max(largest_numeric, std::fabs(numeric));
      result.max_abs_error = std::max(result.max_abs_error, error);
      if (error > options.abs_tolerance + options.rel_tolerance * std::fabs(numeric)) all_passed = false;
      ++result.entries_checked;
    }
    input.zero_grad();
  }
  result.max_rel_error = result.max_abs_error / std::max(1e-6, largest_numeric);
  result.passed = all_passed && result.entries_checked > 0;
  return result;
}

Tensor random_input(Shape shape, Rng& rng, float kink_margin) {
  Tensor x(shape);
  for (Scalar& value : x.data) {
    value = rng.normal();
    if (std::fabs(value) < kink_margin) value = value < 0 ? -kink_margin - std::fabs(value) : kink_margin + value;
  }
  return x;
}

}  // namespace gan::testing
