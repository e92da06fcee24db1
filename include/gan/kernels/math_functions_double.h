// Our own exp, log, log1p, tanh, sin and cos of a double, for the measures that gan toy computes in
// double (densities, D*, the JSD, V; src/toy/), and for every op of the double build
// (tensor/scalar.h), which gradcheck runs to check each backward to 1e-6.
//
// Why not the C library's: as for the float functions of math_functions.h, the standards leave
// the last bit of std::exp, std::log, std::sin, ... to the implementation, and C libraries differ.
// These use only +, -, *, / and comparisons on doubles and integer operations on their bits, each
// rounded as IEEE 754 says, in the order written here (-ffp-contract=off, no -ffast-math), so they
// give the same bits on every x86-64 CPU and with any build flags. Unlike the float functions they
// are not meant for vectorised loops, so they branch where that reads more plainly.
//
// Accuracy, measured by tests/kernels/test_math_functions_double.cpp against the C library (whose
// results on these are within a hair of correctly rounded) over about 10^6 arguments each:
//   exp    at most 1 ULP on [-745, 710], subnormal results included
//   log    at most 1 ULP on all positive doubles, subnormals included
//   log1p  at most 1 ULP on (-1, 1e300]
//   tanh   at most 5 ULP on [-20, 20], 2 on (-1/8, 1/8)
//   sin, cos  at most 1 ULP for |x| <= 10^5 (accurate for |x| < 8e5, see sin_cos_reduced)
//
// Coefficients. The polynomials are truncated Taylor series, long enough that the first term left
// out is below 1/10 ULP on the reduced interval; each coefficient is an exact fraction (1/n!, 2/(2j+1))
// rounded once by the compiler. (Minimax fits, as math_functions.h uses, would save a few terms.)
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

namespace gan::kernels {

namespace detail {

inline uint64_t bits_of(double x) {
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return bits;
}

inline double double_of(uint64_t bits) {
  double x;
  std::memcpy(&x, &bits, sizeof x);
  return x;
}

// ln 2 = kLn2HighD + kLn2LowD, where kLn2HighD keeps 42 significant bits: k * kLn2HighD is then
// exact for every integer |k| < 2^11, which covers every exponent of a double (Cody & Waite 1980).
constexpr double kLn2HighD = 0x1.62e42fefa38p-1;        // 0.6931471805598903
constexpr double kLn2LowD = 0x1.ef35793c7673p-45;       // ln 2 - kLn2HighD, rounded: 5.497923018708371e-14

// ln(u + c) for u > 0 and a correction |c| <= ulp(u) / 2 (0 for a plain log); the cases u <= 0,
// u = inf and NaN are left to the callers. The method of math_functions.h's log_of_sum in double:
// u = 2^e m, m in [sqrt(1/2), sqrt(2)), f = m - 1, s = f / (2 + f), z = s^2 <= 0.02944 and
//   ln(1 + f) = f - (f^2/2 - s (f^2/2 + R(z))),   R(z) = 2z/3 + 2z^2/5 + ... + 2z^10/21
// (the first term left out, 2z^11/23, is below 1e-18 of the result).
inline double log_of_sum(double u, double c) {
  double correction = c / u;
  bool subnormal = u < std::numeric_limits<double>::min();
  u = subnormal ? u * 0x1p52 : u;  // exact
  constexpr uint64_t kSqrtHalfBits = 0x3fe6a09e667f3bcd;  // sqrt(1/2) rounded to double
  constexpr uint64_t kOneBits = 0x3ff0000000000000;
  uint64_t shifted = bits_of(u) + (kOneBits - kSqrtHalfBits);
  int64_t e = static_cast<int64_t>(shifted >> 52) - 1023 - (subnormal ? 52 : 0);
  double m = double_of((shifted & 0x000fffffffffffffu) + kSqrtHalfBits);
  double f = m - 1.0;
  double s = f / (2.0 + f);
  double z = s * s;
  double R = z * (2.0 / 3 + z * (2.0 / 5 + z * (2.0 / 7 + z * (2.0 / 9 + z * (2.0 / 11 + z * (2.0 / 13 +
             z * (2.0 / 15 + z * (2.0 / 17 + z * (2.0 / 19 + z * (2.0 / 21))))))))));
  double half_f_squared = 0.5 * f * f;
  double k = static_cast<double>(e);
  return k * kLn2HighD + (f - (half_f_squared - (s * (half_f_squared + R) + k * kLn2LowD + correction)));
}

// x = k pi/2 + (r + t), |r| <= pi/4 (a little more near the ends), t the part of the reduction
// below r's last bit, for |x| < 2^19 pi/2 ~ 8e5. pi/2 = kPiHalf1 + kPiHalf2 + kPiHalf3, the first
// two with 33 significant bits, so that k times each is exact for |k| < 2^20 (Cody & Waite 1980).
// x - k kPiHalf1 is exact too (Sterbenz's lemma); r = that - k kPiHalf2 rounds, and its rounding
// error is recovered exactly into t (Dekker's Fast2Sum), with k kPiHalf3 taken off t.
constexpr double kPiHalf1 = 0x1.921fb544p+0;         // 1.5707963267341256
constexpr double kPiHalf2 = 0x1.0b4611a6p-34;        // 6.077100506303966e-11
constexpr double kPiHalf3 = 0x1.3198a2e037073p-69;   // 2.0222662487959506e-21, rounded
inline int64_t reduce_pi_half(double x, double* r, double* t) {
  constexpr double kRound = 0x1.8p52;  // adding it leaves no bits below the unit
  double k = (x * 0.6366197723675814 + kRound) - kRound;  // round(x 2/pi), to nearest even
  double y = x - k * kPiHalf1;
  double w = k * kPiHalf2;
  *r = y - w;
  *t = ((y - *r) - w) - k * kPiHalf3;
  return static_cast<int64_t>(k);
}

// sin(r + t) and cos(r + t) for |r| <= pi/4 + a little, |t| <= ulp(r):
//   sin(r + t) = r + (t (1 - r^2/2) + r^3 S(r^2)),  S = -1/3! + r^2/5! - ... + r^14/17!
//   cos(r + t) = 1 - (r^2/2 - (r^4 C(r^2) - r t)),  C = 1/4! - r^2/6! + ... + r^12/16!
// (first terms left out: r^19/19! and r^18/18!, below 1e-17 of the result). The exact leading r
// and 1 are added last.
inline double sin_reduced(double r, double t) {
  double z = r * r;
  // n! for n <= 18 is an exact double (below 2^53), so each coefficient is 1/n! rounded once.
  double S = -1.0 / 6 + z * (1.0 / 120 + z * (-1.0 / 5040 + z * (1.0 / 362880 + z * (-1.0 / 39916800 +
             z * (1.0 / 6227020800 + z * (-1.0 / 1307674368000 + z * (1.0 / 355687428096000)))))));
  return r + (t * (1.0 - 0.5 * z) + r * z * S);
}

inline double cos_reduced(double r, double t) {
  double z = r * r;
  double C = 1.0 / 24 + z * (-1.0 / 720 + z * (1.0 / 40320 + z * (-1.0 / 3628800 + z * (1.0 / 479001600 +
             z * (-1.0 / 87178291200 + z * (1.0 / 20922789888000))))));
  return 1.0 - (0.5 * z - (z * z * C - r * t));
}

}  // namespace detail

// e^x. exp(x) = +inf for x > 709.78 (the log of the largest double), subnormal below -708.40,
// 0 below -745.13; exp(-inf) = 0, exp(NaN) = NaN.
//
// Method (as the float exp): x = k ln 2 + r, k = round(x / ln 2), |r| <= ln(2)/2, and
//   e^r = 1 + (r + r^2 Q(r)),  Q(r) = 1/2! + r/3! + ... + r^11/13!
// (first term left out r^14/14!, below 5e-18), times 2^k built from bits in two halves
// 2^k1 2^k2, so that the product rounds once, right, also into the subnormals or to inf.
inline double exp(double x) {
  x = x > 710.0 ? 710.0 : x;    // beyond, the result is inf or 0 anyway; a NaN passes
  x = x < -746.0 ? -746.0 : x;
  constexpr double kRound = 0x1.8p52;
  double shifted = x * 1.4426950408889634 + kRound;  // log2(e) rounded
  double k = shifted - kRound;
  int64_t k_int = static_cast<int64_t>(detail::bits_of(shifted) - detail::bits_of(kRound));
  double r = (x - k * detail::kLn2HighD) - k * detail::kLn2LowD;
  double Q = 1.0 / 2 + r * (1.0 / 6 + r * (1.0 / 24 + r * (1.0 / 120 + r * (1.0 / 720 + r * (1.0 / 5040 +
             r * (1.0 / 40320 + r * (1.0 / 362880 + r * (1.0 / 3628800 + r * (1.0 / 39916800 +
             r * (1.0 / 479001600 + r * (1.0 / 6227020800)))))))))));
  double e_r = 1.0 + (r + r * r * Q);
  int64_t k1 = k_int / 2, k2 = k_int - k1;
  double scale1 = detail::double_of(static_cast<uint64_t>(k1 + 1023) << 52);  // 2^k1
  double scale2 = detail::double_of(static_cast<uint64_t>(k2 + 1023) << 52);  // 2^k2
  return x != x ? x : e_r * scale1 * scale2;
}

// ln x. log(0) = -inf, log(x < 0) = NaN, log(inf) = inf, log(NaN) = NaN.
inline double log(double x) {
  if (x != x || x == std::numeric_limits<double>::infinity()) return x;
  if (x < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (x == 0.0) return -std::numeric_limits<double>::infinity();
  return detail::log_of_sum(x, 0.0);
}

// ln(1 + x), accurate also where 1 + x would round away x's digits: u = 1 + x rounds, its error
// c = x - (u - 1) is exact, and ln(1 + x) = ln(u + c). log1p(-1) = -inf, log1p(x < -1) = NaN,
// log1p(+-0) = +-0.
inline double log1p(double x) {
  if (x == 0.0) return x;  // keeps the sign of -0
  double u = 1.0 + x;
  if (u != u || u == std::numeric_limits<double>::infinity()) return u;
  if (u < 0.0) return std::numeric_limits<double>::quiet_NaN();
  if (u == 0.0) return -std::numeric_limits<double>::infinity();
  return detail::log_of_sum(u, x - (u - 1.0));
}

// tanh x, odd: tanh(-x) = -tanh(x) exactly, also tanh(-0) = -0; +-1 for |x| >= 20 (tanh rounds to
// 1 beyond 19.1); tanh(NaN) = NaN.
//
// Method. t = tanh|x|, given x's sign. For |x| < 1/8 the odd series
//   tanh a = a + a^3 P(a^2),  P(z) = -1/3 + 2z/15 - 17z^2/315 + ... + 6404582 z^7/10854718875
// (first term left out below 3e-18 of the result), with a exact and a^3 P at most 1/190 of t.
// Beyond, t = (e - 1) / (e + 1) with e = e^{2a}: e - 1 is exact (Sterbenz's lemma where e <= 2),
// and e's one rounding grows at most e / (e - 1) < 4.6-fold in it, the ULPs the accuracy line states.
inline double tanh(double x) {
  if (x != x) return x;
  const double a = std::fabs(x);
  double t = 1.0;
  if (a < 0.125) {
    const double z = a * a;
    const double P = -1.0 / 3 + z * (2.0 / 15 + z * (-17.0 / 315 + z * (62.0 / 2835 + z * (-1382.0 / 155925 +
                     z * (21844.0 / 6081075 + z * (-929569.0 / 638512875 + z * (6404582.0 / 10854718875)))))));
    t = a + a * (z * P);
  } else if (a < 20.0) {
    const double e = exp(2.0 * a);
    t = (e - 1.0) / (e + 1.0);
  }
  return std::copysign(t, x);
}

// sin x and cos x for |x| < 8e5 (beyond, the reduction loses bits; inf and NaN give NaN). With
// x = k pi/2 + r (detail::reduce_pi_half), k mod 4 picks the quadrant: sin x is sin r, cos r,
// -sin r, -cos r for k = 0, 1, 2, 3 (mod 4), and cos x = sin(x + pi/2) the next in that cycle.
inline double sin(double x) {
  if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
  double r, t;
  int64_t k = detail::reduce_pi_half(x, &r, &t);
  switch (k & 3) {
    case 0: return detail::sin_reduced(r, t);
    case 1: return detail::cos_reduced(r, t);
    case 2: return -detail::sin_reduced(r, t);
    default: return -detail::cos_reduced(r, t);
  }
}

inline double cos(double x) {
  if (!std::isfinite(x)) return std::numeric_limits<double>::quiet_NaN();
  double r, t;
  int64_t k = detail::reduce_pi_half(x, &r, &t);
  switch (k & 3) {
    case 0: return detail::cos_reduced(r, t);
    case 1: return -detail::sin_reduced(r, t);
    case 2: return -detail::cos_reduced(r, t);
    default: return detail::sin_reduced(r, t);
  }
}

// softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|), finite for any x: log sigma(l) is
// -softplus(-l) and log(1 - sigma(l)) is -softplus(l) (D.12.1).
inline double softplus(double x) { return (x > 0.0 ? x : 0.0) + log1p(exp(-(x < 0.0 ? -x : x))); }

}  // namespace gan::kernels
