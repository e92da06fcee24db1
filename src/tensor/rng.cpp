#include "gan/tensor/rng.h"

#include <cmath>
#include <stdexcept>

namespace gan {

namespace {
constexpr uint64_t kPcgMultiplier = 6364136223846793005ULL;
}

Rng::Rng(uint64_t seed, uint64_t stream) {
  // PCG's seeding: pick the stream (odd increment), advance once, mix in the seed, advance again.
  state_.increment = (stream << 1u) | 1u;
  next_u32();
  state_.state += seed;
  next_u32();
}

uint32_t Rng::next_u32() {
  // PCG-XSH-RR: a 64-bit LCG step; output a rotated xorshift of the old state's high bits.
  uint64_t old = state_.state;
  state_.state = old * kPcgMultiplier + state_.increment;
  auto xorshifted = static_cast<uint32_t>(((old >> 18u) ^ old) >> 27u);
  auto rotation = static_cast<uint32_t>(old >> 59u);
  return (xorshifted >> rotation) | (xorshifted << ((32u - rotation) & 31u));
}

float Rng::uniform() { return static_cast<float>(next_u32() >> 8) * (1.0f / 16777216.0f); }

float Rng::uniform(float low, float high) { return low + (high - low) * uniform(); }

float Rng::normal() {
  if (state_.has_spare_normal) {
    state_.has_spare_normal = false;
    return state_.spare_normal;
  }
  // Marsaglia's polar method: (u, v) uniform in the unit disc; s = u^2 + v^2;
  // u * sqrt(-2 log s / s) and v * sqrt(-2 log s / s) are two independent N(0, 1) draws.
  double u, v, s;
  do {
    u = 2.0 * (next_u32() * (1.0 / 4294967296.0)) - 1.0;
    v = 2.0 * (next_u32() * (1.0 / 4294967296.0)) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  double scale = std::sqrt(-2.0 * rng_log(s) / s);  // sqrt is exactly rounded by IEEE 754
  state_.spare_normal = static_cast<float>(v * scale);
  state_.has_spare_normal = true;
  return static_cast<float>(u * scale);
}

float Rng::normal(float mean, float stddev) { return mean + stddev * normal(); }

int Rng::uniform_int(int n) {
  if (n <= 0) throw std::invalid_argument("Rng::uniform_int: n must be > 0, got " + std::to_string(n));
  // Rejection sampling: drop the last partial copy of [0, n) in [0, 2^32) so every value is
  // equally likely (Lemire's "threshold" form).
  auto range = static_cast<uint32_t>(n);
  uint32_t threshold = (0u - range) % range;
  uint32_t bits;
  do {
    bits = next_u32();
  } while (bits < threshold);
  return static_cast<int>(bits % range);
}

void Rng::fill_uniform(Tensor& tensor, float low, float high) {
  for (Scalar& value : tensor.data) value = uniform(low, high);
}

void Rng::fill_normal(Tensor& tensor, float mean, float stddev) {
  for (Scalar& value : tensor.data) value = normal(mean, stddev);
}

double rng_log(double x) {
  int exponent = 0;
  double mantissa = std::frexp(x, &exponent);  // x = mantissa * 2^exponent, mantissa in [0.5, 1)
  if (mantissa < 0.70710678118654752440) {     // move mantissa into [sqrt(1/2), sqrt(2))
    mantissa *= 2.0;
    exponent -= 1;
  }
  // atanh series: log m = 2 (t + t^3/3 + t^5/5 + ...), t = (m-1)/(m+1), |t| < 0.172;
  // 14 terms leave an error below 1e-20.
  double t = (mantissa - 1.0) / (mantissa + 1.0);
  double t_squared = t * t;
  double power = t;
  double series = 0.0;
  for (int k = 0; k < 14; ++k) {
    series += power / (2 * k + 1);
    power *= t_squared;
  }
  constexpr double kLog2 = 0.69314718055994530942;
  return exponent * kLog2 + 2.0 * series;
}

}  // namespace gan
