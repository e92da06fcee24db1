#include <catch2/catch.hpp>

#include <cmath>

#include "gan/testing/gradcheck.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

namespace {
// y = sin(x) whose backward is scaled: 1 is right; -1 (the wrong sign) and 1.001 (0.1 % off) are
// deliberate mistakes.
Variable sine_with_backward_scale(const Variable& x, Scalar scale) {
  Tensor y(x.shape());
  for (int64_t i = 0; i < y.numel(); ++i) y.data[i] = std::sin(x.value().data[i]);
  return gan::make_result(std::move(y), {x}, "sine", [x = x.node(), scale](const Tensor& dy) {
    Tensor& dx = gan::grad_buffer(*x);
    for (int64_t i = 0; i < dy.numel(); ++i) dx.data[i] += scale * dy.data[i] * std::cos(x->value.data[i]);
  });
}
}  // namespace

TEST_CASE("gradcheck passes a correct backward", "[testing][gradcheck]") {
  gan::Rng rng(1);
  Variable x(gan::testing::random_input({6, 5}, rng), true);
  auto result = gan::testing::gradcheck(
      "sine", [](const std::vector<Variable>& in) { return sine_with_backward_scale(in[0], 1.0f); }, {x});
  CHECK(result.passed);
  CHECK(result.entries_checked == 30);
  CHECK(result.max_abs_error < 1e-3);
  CHECK(result.shapes == "(6, 5)");
}

TEST_CASE("gradcheck catches a backward with the wrong sign", "[testing][gradcheck]") {
  gan::Rng rng(1);
  Variable x(gan::testing::random_input({6, 5}, rng), true);
  auto result = gan::testing::gradcheck(
      "sine_wrong_sign", [](const std::vector<Variable>& in) { return sine_with_backward_scale(in[0], -1.0f); }, {x});
  CHECK_FALSE(result.passed);
  CHECK(result.max_rel_error > 1.0);  // the error is twice the gradient itself
}

// The point of the double build (tensor/scalar.h): at its tolerances (relative 1e-6) a backward
// 0.1 % off fails. The float build's tolerances (relative 2e-2, for float32's rounding) cannot see
// such an error, and this test says so rather than pretend.
TEST_CASE("gradcheck in the double build catches a backward 0.1 % off", "[testing][gradcheck]") {
  gan::Rng rng(1);
  Variable x(gan::testing::random_input({6, 5}, rng), true);
  auto right = gan::testing::gradcheck(
      "sine", [](const std::vector<Variable>& in) { return sine_with_backward_scale(in[0], 1.0f); }, {x});
  auto off = gan::testing::gradcheck(
      "sine_0.1%_off", [](const std::vector<Variable>& in) { return sine_with_backward_scale(in[0], 1.001f); }, {x});
  INFO("right: max rel error " << right.max_rel_error << "; 0.1 % off: " << off.max_rel_error);
  CHECK(right.passed);
  CHECK(off.max_rel_error > 5e-4);  // both builds measure the error...
#ifdef GAN_DOUBLE_PRECISION
  CHECK(right.max_rel_error < 1e-8);
  CHECK_FALSE(off.passed);          // ... and the double build rejects it
#else
  CHECK(off.passed);                // ... which float32's 2 % tolerance lets through
#endif
}

TEST_CASE("gradcheck samples entries of big inputs and restores them", "[testing][gradcheck]") {
  gan::Rng rng(2);
  Tensor values = gan::testing::random_input({100, 100}, rng);
  Variable x(values, true);
  gan::testing::GradcheckOptions options;
  options.max_entries_per_input = 20;
  auto result = gan::testing::gradcheck(
      "sine", [](const std::vector<Variable>& in) { return sine_with_backward_scale(in[0], 1.0f); }, {x}, options);
  CHECK(result.passed);
  CHECK(result.entries_checked == 20);
  CHECK(x.value().data == values.data);
}

TEST_CASE("random_input keeps entries off the kink at zero", "[testing]") {
  gan::Rng rng(3);
  Tensor x = gan::testing::random_input({1000}, rng, 0.1f);
  for (Scalar v : x.data) CHECK(std::fabs(v) >= 0.1f);
}
