#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/math_functions.h"

namespace k = gan::kernels;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
constexpr float kMinSubnormal = std::numeric_limits<float>::denorm_min();

float float_of(uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// The float's position on a line where neighbouring floats are 1 apart (both zeros at 0), so the
// distance of two results in ULPs is a difference.
int64_t ulp_position(float x) {
  int32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits < 0 ? int64_t{INT32_MIN} - bits : bits;
}

// The largest distance in ULPs between ours(x) and reference(x) rounded to float, over every
// float x with bit pattern first, first + stride, ... up to last (the sign bit included, so
// negative arguments are patterns 0x80000000 and above). Both must be NaN together.
template <class Ours, class Reference>
int64_t max_ulp_error(uint32_t first, uint32_t last, uint32_t stride, Ours ours, Reference reference) {
  int64_t worst = 0;
  for (uint64_t bits = first; bits <= last; bits += stride) {
    float x = float_of(static_cast<uint32_t>(bits));
    float want = static_cast<float>(reference(static_cast<double>(x)));
    float got = ours(x);
    REQUIRE(std::isnan(got) == std::isnan(want));
    if (!std::isnan(want)) worst = std::max(worst, std::abs(ulp_position(got) - ulp_position(want)));
  }
  return worst;
}

// Strides are primes, so that the points fall on every mantissa pattern; each sweep has about a
// million points.
constexpr uint32_t kPositiveZero = 0x00000000, kNegativeZero = 0x80000000;
constexpr uint32_t kPositiveInf = 0x7f800000, kNegativeInf = 0xff800000;

}  // namespace

TEST_CASE("exp is within 1 ULP of the correctly rounded e^x", "[kernels]") {
  auto ours = [](float x) { return k::exp(x); };
  auto reference = [](double x) { return std::exp(x); };
  CHECK(max_ulp_error(kPositiveZero, 0x42b20000, 1117, ours, reference) <= 1);  // [0, 89]
  CHECK(max_ulp_error(kNegativeZero, 0xc2d00000, 1249, ours, reference) <= 1);  // [-104, -0]

  CHECK(k::exp(0.0f) == 1.0f);
  CHECK(k::exp(-0.0f) == 1.0f);
  // Around the overflow at ln(FLT_MAX) = 88.72284, the last normal result at -87.33654, the
  // subnormals, and the last nonzero result at ln(2^-150) = -103.97208.
  for (float x : {88.72283f, 88.722839f, 88.72284f, -87.33654f, -87.3366f, -100.0f, -103.2789f, -103.972f,
                  -103.9721f}) {
    CHECK(k::exp(x) == static_cast<float>(std::exp(double{x})));
  }
  CHECK(k::exp(1000.0f) == kInf);
  CHECK(k::exp(kInf) == kInf);
  CHECK(k::exp(-1000.0f) == 0.0f);
  CHECK(k::exp(-kInf) == 0.0f);
  CHECK(std::isnan(k::exp(kNaN)));
}

TEST_CASE("log is within 1 ULP of the correctly rounded ln x, subnormals included", "[kernels]") {
  auto ours = [](float x) { return k::log(x); };
  auto reference = [](double x) { return std::log(x); };
  CHECK(max_ulp_error(kPositiveZero + 1, kPositiveInf - 1, 2003, ours, reference) <= 1);  // all positive

  CHECK(k::log(1.0f) == 0.0f);
  CHECK(k::log(kMinSubnormal) == static_cast<float>(std::log(double{kMinSubnormal})));
  CHECK(k::log(0.0f) == -kInf);
  CHECK(k::log(-0.0f) == -kInf);
  CHECK(k::log(kInf) == kInf);
  CHECK(std::isnan(k::log(-1.0f)));
  CHECK(std::isnan(k::log(-kMinSubnormal)));
  CHECK(std::isnan(k::log(-kInf)));
  CHECK(std::isnan(k::log(kNaN)));
}

TEST_CASE("log1p is within 1 ULP of the correctly rounded ln(1 + x), also near 0", "[kernels]") {
  auto ours = [](float x) { return k::log1p(x); };
  auto reference = [](double x) { return std::log1p(x); };
  CHECK(max_ulp_error(kPositiveZero, kPositiveInf - 1, 2003, ours, reference) <= 1);  // [0, FLT_MAX]
  CHECK(max_ulp_error(kNegativeZero, 0xbf7fffff, 1013, ours, reference) <= 1);       // (-1, -0]

  CHECK(k::log1p(1e-30f) == 1e-30f);
  CHECK(k::log1p(kMinSubnormal) == kMinSubnormal);
  CHECK(std::signbit(k::log1p(-0.0f)));
  CHECK(k::log1p(-1.0f) == -kInf);
  CHECK(k::log1p(kInf) == kInf);
  CHECK(std::isnan(k::log1p(-1.5f)));
  CHECK(std::isnan(k::log1p(-kInf)));
  CHECK(std::isnan(k::log1p(kNaN)));
}

TEST_CASE("tanh is within 1 ULP of the correctly rounded tanh x, odd, and saturates", "[kernels]") {
  auto ours = [](float x) { return k::tanh(x); };
  auto reference = [](double x) { return std::tanh(x); };
  CHECK(max_ulp_error(kPositiveZero, 0x41200000, 1103, ours, reference) <= 1);  // [0, 10]
  CHECK(max_ulp_error(kNegativeZero, 0xc1200000, 1109, ours, reference) <= 1);  // [-10, -0]
  for (float x : {0.3f, 0.549f, 0.55f, 0.551f, 2.0f, 30.0f}) CHECK(k::tanh(-x) == -k::tanh(x));

  CHECK(std::signbit(k::tanh(-0.0f)));
  CHECK(k::tanh(kMinSubnormal) == kMinSubnormal);
  CHECK(k::tanh(9.1f) == 1.0f);
  CHECK(k::tanh(50.0f) == 1.0f);  // where e^{2x} has overflowed
  CHECK(k::tanh(kInf) == 1.0f);
  CHECK(k::tanh(-kInf) == -1.0f);
  CHECK(std::isnan(k::tanh(kNaN)));
}

TEST_CASE("integer_power multiplies out beta^t", "[kernels]") {
  CHECK(k::integer_power(0.999, 0) == 1.0);
  CHECK(k::integer_power(0.5, 10) == 1.0 / 1024);  // powers of two are exact
  CHECK(k::integer_power(0.999, 1) == 0.999);
  CHECK(k::integer_power(0.999, 1000) == Approx(std::pow(0.999, 1000)).epsilon(1e-14));
  CHECK(k::integer_power(0.999, 10000) == Approx(std::pow(0.999, 10000)).epsilon(1e-11));  // n 2^-53
}

// kernels::map runs over Scalars, so this check of the float functions in a vectorised loop belongs
// to the float build; the double build (tensor/scalar.h) maps the double ones.
#ifndef GAN_DOUBLE_PRECISION
TEST_CASE("the functions give the same bits in a vectorised map as one at a time", "[kernels]") {
  // The sweep covers normal, subnormal and special arguments alike.
  std::vector<float> x;
  for (uint64_t bits = 0; bits <= 0xffffffff; bits += 4099) x.push_back(float_of(static_cast<uint32_t>(bits)));
  int64_t n = static_cast<int64_t>(x.size());
  std::vector<float> y(n);
  auto same_bits = [&](auto f) {
    k::map(n, y.data(), [f](float& y, float x) { y = f(x); }, x.data());
    for (int64_t i = 0; i < n; ++i) {
      float one = f(x[i]);
      if (std::isnan(one)) {
        REQUIRE(std::isnan(y[i]));  // a NaN's payload is no part of the promise
      } else {
        REQUIRE(std::memcmp(&y[i], &one, sizeof one) == 0);
      }
    }
  };
  same_bits([](float x) { return k::exp(x); });
  same_bits([](float x) { return k::log(x); });
  same_bits([](float x) { return k::log1p(x); });
  same_bits([](float x) { return k::tanh(x); });
}
#endif  // GAN_DOUBLE_PRECISION
