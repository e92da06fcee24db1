#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "gan/kernels/math_functions_double.h"
#include "gan/tensor/rng.h"

namespace k = gan::kernels;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The double's position on a line where neighbouring doubles are 1 apart (both zeros at 0), so
// the distance of two results in ULPs is a difference.
int64_t ulp_position(double x) {
  int64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits < 0 ? INT64_MIN - bits : bits;
}

// The largest distance in ULPs between ours(x) and the C library's reference(x) over 10^6
// arguments x, uniform on [lo, hi] or, with log_uniform, uniform in log x on [lo, hi] (lo > 0).
// Both must be NaN together.
template <class Ours, class Reference>
int64_t max_ulp_error(double lo, double hi, bool log_uniform, Ours ours, Reference reference) {
  gan::Rng rng(7);
  int64_t worst = 0;
  for (int i = 0; i < 1000000; ++i) {
    // U[0, 1) with all 53 bits of a double's mantissa: 27 bits of one draw, 26 of the next.
    const uint64_t high = rng.next_u32() >> 5, low = rng.next_u32() >> 6;
    const double u = static_cast<double>((high << 26) | low) * 0x1p-53;
    const double x = log_uniform ? std::exp(std::log(lo) + (std::log(hi) - std::log(lo)) * u) : lo + (hi - lo) * u;
    const double got = ours(x), want = reference(x);
    REQUIRE(std::isnan(got) == std::isnan(want));
    if (!std::isnan(want)) worst = std::max(worst, std::abs(ulp_position(got) - ulp_position(want)));
  }
  return worst;
}

}  // namespace

TEST_CASE("exp of a double is within 1 ULP of the C library's", "[kernels]") {
  auto ours = [](double x) { return k::exp(x); };
  auto reference = [](double x) { return std::exp(x); };
  CHECK(max_ulp_error(-745.0, 710.0, false, ours, reference) <= 1);
  CHECK(max_ulp_error(-1.0, 1.0, false, ours, reference) <= 1);
  CHECK(max_ulp_error(-745.0, -708.0, false, ours, reference) <= 1);  // subnormal results
  CHECK(k::exp(0.0) == 1.0);
  CHECK(std::abs(ulp_position(k::exp(1.0)) - ulp_position(2.718281828459045)) <= 1);  // e, rounded
  CHECK(k::exp(709.78) == std::exp(709.78));
  CHECK(k::exp(710.0) == kInf);
  CHECK(k::exp(-746.0) == 0.0);
  CHECK(k::exp(kInf) == kInf);
  CHECK(k::exp(-kInf) == 0.0);
  CHECK(std::isnan(k::exp(kNaN)));
}

TEST_CASE("log and log1p of a double are within 1 ULP of the C library's", "[kernels]") {
  auto log_ours = [](double x) { return k::log(x); };
  auto log_reference = [](double x) { return std::log(x); };
  CHECK(max_ulp_error(1e-320, 1e308, true, log_ours, log_reference) <= 1);  // subnormals included
  CHECK(max_ulp_error(0.5, 2.0, false, log_ours, log_reference) <= 1);
  auto log1p_ours = [](double x) { return k::log1p(x); };
  auto log1p_reference = [](double x) { return std::log1p(x); };
  CHECK(max_ulp_error(-0.999, 1.0, false, log1p_ours, log1p_reference) <= 1);
  CHECK(max_ulp_error(1e-300, 1e300, true, log1p_ours, log1p_reference) <= 1);
  CHECK(k::log(1.0) == 0.0);
  CHECK(k::log(4.0) == std::log(4.0));
  CHECK(k::log(0.0) == -kInf);
  CHECK(std::isnan(k::log(-1.0)));
  CHECK(k::log(kInf) == kInf);
  CHECK(k::log1p(-1.0) == -kInf);
  CHECK(std::signbit(k::log1p(-0.0)));
  CHECK(k::log1p(1e-300) == 1e-300);
}

TEST_CASE("sin and cos of a double are within 1 ULP of the C library's for |x| up to 1e5", "[kernels]") {
  auto sin_ours = [](double x) { return k::sin(x); };
  auto sin_reference = [](double x) { return std::sin(x); };
  auto cos_ours = [](double x) { return k::cos(x); };
  auto cos_reference = [](double x) { return std::cos(x); };
  CHECK(max_ulp_error(-10.0, 10.0, false, sin_ours, sin_reference) <= 1);
  CHECK(max_ulp_error(-10.0, 10.0, false, cos_ours, cos_reference) <= 1);
  CHECK(max_ulp_error(-1e5, 1e5, false, sin_ours, sin_reference) <= 1);
  CHECK(max_ulp_error(-1e5, 1e5, false, cos_ours, cos_reference) <= 1);
  CHECK(max_ulp_error(1e-300, 1.0, true, sin_ours, sin_reference) <= 1);
  CHECK(k::sin(0.0) == 0.0);
  CHECK(k::cos(0.0) == 1.0);
  CHECK(k::sin(1e-300) == 1e-300);
  CHECK(std::isnan(k::sin(kInf)));
  CHECK(std::isnan(k::cos(kNaN)));
}

TEST_CASE("tanh of a double is within 5 ULP of the C library's", "[kernels]") {
  auto ours = [](double x) { return k::tanh(x); };
  auto reference = [](double x) { return std::tanh(x); };
  CHECK(max_ulp_error(-20.0, 20.0, false, ours, reference) <= 5);
  CHECK(max_ulp_error(-1.0, 1.0, false, ours, reference) <= 5);
  CHECK(max_ulp_error(1e-300, 0.125, true, ours, reference) <= 2);  // the series
  CHECK(k::tanh(0.0) == 0.0);
  CHECK(std::signbit(k::tanh(-0.0)));
  CHECK(k::tanh(-0.7) == -k::tanh(0.7));
  CHECK(k::tanh(20.0) == 1.0);
  CHECK(k::tanh(-kInf) == -1.0);
  CHECK(std::isnan(k::tanh(kNaN)));
}
