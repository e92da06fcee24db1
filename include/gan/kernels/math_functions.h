// Our own exp, log, log1p and tanh of a float, for every op of the training step.
//
// Why not the C library's. The C and C++ standards leave the last bit of std::exp, std::log,
// std::log1p and std::tanh to the implementation, and the implementations differ: glibc picks an
// FMA or a non-FMA variant at run time by the CPU, and another libc or compiler runtime rounds
// differently again. These functions use only +, -, *, / and comparisons on floats and integer
// operations on their bits, each rounded exactly as IEEE 754 says, in an order written out here (the
// build passes -ffp-contract=off and no -ffast-math). So they give the same bits on every x86-64
// CPU and with any -march, scalar or vectorised.
//
// Speed. Each is a short inline function without branches (both sides of a choice are computed and
// one is selected), so a kernels::map loop around it vectorises.
//
// Accuracy. Each is at most 1 ULP (unit in the last place) from the correctly rounded result, over
// every float: tests/kernels/test_math_functions.cpp compares about a million arguments of each
// with double-precision std:: functions rounded to float, and a sweep of all 2^32 floats found no
// larger error. Subnormal arguments and results are handled, not flushed to zero.
//
// Coefficients. Each polynomial is a minimax fit (Remez exchange algorithm, computed in 60-digit
// arithmetic by docs/derivations/fit_math_functions.py) of the relative error of the result on the
// stated interval, rounded to float; the fit's own error is far below float precision, so the
// error left is the rounding of the float operations.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace gan::kernels {

namespace detail {

inline uint32_t bits_of(float x) {
  uint32_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline float float_of(uint32_t bits) {
  float x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// ln 2 = kLn2High + kLn2Low, where kLn2High keeps only 15 significant bits: k * kLn2High is then
// exact for any integer |k| < 2^9, which covers every exponent of a float (Cody & Waite 1980).
constexpr float kLn2High = 0.693145751953125f;   // 0x1.62e4p-1
constexpr float kLn2Low = 1.42860677e-6f;        // ln 2 - kLn2High, rounded

// ln(u + c) for u > 0 and a correction |c| <= ulp(u) / 2 (0 for a plain log); the cases u <= 0,
// u = inf and NaN are left to the callers.
//
// Method. Scale a subnormal u up by 2^23 so that it has a full mantissa. Write u = 2^e m with m in
// [sqrt(1/2), sqrt(2)) and f = m - 1 (exact, by Sterbenz's lemma), so ln u = e ln 2 + ln(1 + f).
// With s = f / (2 + f), |s| <= 0.1716, the series
//   ln(1 + f) = ln((1 + s) / (1 - s)) = 2s + 2s^3/3 + 2s^5/5 + ... = 2s + s R(s^2)
// converges fast, and R(z) ~ 2z/3 + 2z^2/5 + 2z^3/7 is fitted by minimax on z in [0, 0.02944]
// (relative error of the log 8e-10). 2s itself would carry the rounding of the division at full weight, so rewrite
// it: s (2 + f) = f gives 2s = f - s f, and s f = f^2/2 (1 - s), so
//   ln(1 + f) = f - (f^2/2 - s (f^2/2 + R(z))).
// The leading f is exact and the parenthesis is at most a fifth of the result, so its rounding
// errors count for little. The small parts (e times the low half of ln 2, and c/u, the first term
// of ln(1 + c/u)) join the parenthesis before the exact high parts are added last.
inline float log_of_sum(float u, float c) {
  float correction = c / u;
  bool subnormal = u < std::numeric_limits<float>::min();
  u = subnormal ? u * 0x1p23f : u;  // exact
  // Adding 1 - sqrt(1/2) to the bits moves mantissas in [sqrt(1/2), 1) up into the next exponent,
  // so the exponent field read off gives e and the mantissa field, with that offset taken back
  // off, gives m in [sqrt(1/2), sqrt(2)).
  constexpr uint32_t kSqrtHalfBits = 0x3f3504f3;  // sqrt(1/2) rounded to float
  constexpr uint32_t kOneBits = 0x3f800000;
  uint32_t shifted = bits_of(u) + (kOneBits - kSqrtHalfBits);
  int32_t e = static_cast<int32_t>(shifted >> 23) - 127 - (subnormal ? 23 : 0);
  float m = float_of((shifted & 0x007fffffu) + kSqrtHalfBits);
  float f = m - 1.0f;
  float s = f / (2.0f + f);
  float z = s * s;
  float R = z * (0.666667759f + z * (0.399774969f + z * 0.298730731f));
  float half_f_squared = 0.5f * f * f;
  float k = static_cast<float>(e);
  return k * kLn2High + (f - (half_f_squared - (s * (half_f_squared + R) + k * kLn2Low + correction)));
}

}  // namespace detail

// e^x. exp(x) = +inf for x > 88.7228 (the log of the largest float), a subnormal below -87.34,
// 0 below -103.97; exp(-inf) = 0, exp(NaN) = NaN.
//
// Method. x = k ln 2 + r with k = round(x / ln 2) and |r| <= ln(2)/2, so e^x = 2^k e^r. r is
// found as (x - k kLn2High) - k kLn2Low, whose first difference is exact. On |r| <= 0.3469,
//   e^r = 1 + (r + r^2 Q(r)),  Q(r) ~ 1/2 + r/6 + r^2/24 + ...
// a degree-4 minimax fit (relative error 3e-9); 1 is added last, so the rounding of the smaller
// part counts at most half as much. The scale 2^k is built from bits in two halves 2^k1 2^k2,
// each a normal float, so that 2^k e^r rounds once, right, also where it overflows to inf or
// underflows into the subnormals, where 2^k alone would not be a float.
inline float exp(float x) {
  // Clamping keeps k in [-150, 128], beyond which the result is 0 or inf anyway; written so that
  // a NaN passes through (a comparison with NaN is false).
  x = x > 89.0f ? 89.0f : x;
  x = x < -104.0f ? -104.0f : x;
  // k = round(x log2(e)), to nearest even: adding 1.5 * 2^23 leaves no bits below the unit, and
  // the integer k sits in the low mantissa bits of the sum.
  constexpr float kRound = 0x1.8p23f;
  float shifted = x * 1.44269502f + kRound;
  float k = shifted - kRound;
  int32_t k_int = static_cast<int32_t>(detail::bits_of(shifted)) - static_cast<int32_t>(detail::bits_of(kRound));
  float r = (x - k * detail::kLn2High) - k * detail::kLn2Low;
  float r2 = r * r;
  float q = 0.49999994f + r * (0.166665196f + r * (0.0416683927f + r * (0.00836878084f + r * 0.00138144672f)));
  float e_r = 1.0f + (r + r2 * q);
  int32_t k1 = k_int / 2, k2 = k_int - k1;
  float scale1 = detail::float_of(static_cast<uint32_t>(k1 + 127) << 23);  // 2^k1
  float scale2 = detail::float_of(static_cast<uint32_t>(k2 + 127) << 23);  // 2^k2
  return e_r * scale1 * scale2;
}

// ln x. log(0) = -inf, log(x < 0) = NaN, log(inf) = inf, log(NaN) = NaN; subnormals are exact
// arguments like any other. Method: detail::log_of_sum.
inline float log(float x) {
  float y = detail::log_of_sum(x, 0.0f);
  y = x < std::numeric_limits<float>::infinity() ? y : x;  // inf and NaN give themselves
  y = x < 0.0f ? std::numeric_limits<float>::quiet_NaN() : y;
  return x == 0.0f ? -std::numeric_limits<float>::infinity() : y;
}

// ln(1 + x), accurate also where 1 + x would round away x's digits. log1p(-1) = -inf,
// log1p(x < -1) = NaN, log1p(+-0) = +-0, log1p(inf) = inf, log1p(NaN) = NaN.
//
// Method. u = 1 + x rounds, but its rounding error c = x - (u - 1) is computed exactly (u - 1 is
// exact wherever 1 + x rounded), so 1 + x = u + c and ln(1 + x) = detail::log_of_sum(u, c).
inline float log1p(float x) {
  float u = 1.0f + x;
  float y = detail::log_of_sum(u, x - (u - 1.0f));
  y = u < std::numeric_limits<float>::infinity() ? y : u;
  y = u < 0.0f ? std::numeric_limits<float>::quiet_NaN() : y;
  y = u == 0.0f ? -std::numeric_limits<float>::infinity() : y;
  return x == 0.0f ? x : y;  // keeps the sign of -0
}

// tanh x. tanh(+-inf) = +-1, and +-1 already for |x| > 9.01; tanh(NaN) = NaN; odd, so
// tanh(-x) = -tanh(x) exactly, also tanh(-0) = -0.
//
// Method. Compute t = tanh|x| and give it x's sign bit. For |x| < 0.55 (where tanh < 1/2),
// t = a + a^3 P(a^2) with a = |x|, a degree-4 minimax fit of P (relative error 1e-9); a is exact
// and a^3 P at most a tenth of t. Beyond, t = 1 - 2 / (e^{2a} + 1): the subtracted term is at most
// 1/2, so its relative rounding errors count for at most half as much in t; e^{2a} overflows to
// inf for a > 44.4, where the term becomes 0 and t exactly 1.
inline float tanh(float x) {
  float a = detail::float_of(detail::bits_of(x) & 0x7fffffffu);
  float z = a * a;
  float small = a + a * (z * (-0.333333164f + z * (0.1333258f + z * (-0.0538516827f + z * (0.0210689195f +
                                                                        z * -0.00627009198f)))));
  float large = 1.0f - 2.0f / (kernels::exp(2.0f * a) + 1.0f);
  float t = a < 0.55f ? small : large;
  return detail::float_of(detail::bits_of(t) | (detail::bits_of(x) & 0x80000000u));
}

// base^n for an integer n >= 0, by repeated squaring: a sequence of at most 2 log2(n) double
// products fixed by n alone, hence the same bits everywhere, where std::pow's last bit is up to the
// library. Its relative error is at most about n 2^-53 (an early rounding is raised to the power
// still to come), so in Adam's bias correction 1 - beta^t the absolute error, below
// t beta^t 2^-53 <= 2^-53 / (e ln(1/beta)), stays under 1e-13 for beta <= 0.999: far below float.
inline double integer_power(double base, int64_t n) {
  double result = 1.0;
  for (; n > 0; n /= 2) {
    if (n % 2 == 1) result *= base;
    base *= base;
  }
  return result;
}

}  // namespace gan::kernels

// The double build (tensor/scalar.h) runs every op on doubles: there exp, log, log1p and tanh of a
// Scalar pick the double overloads by the argument's type. The float build never sees them, so no
// float expression can slip into a double function and change its bits.
#ifdef GAN_DOUBLE_PRECISION
#include "gan/kernels/math_functions_double.h"
#endif
