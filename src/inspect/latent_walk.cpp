#include "gan/inspect/latent_walk.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace gan::inspect {

double series_sin(double x) {
  // sin x = x - x^3/3! + x^5/5! - ...; for |x| <= 4 the terms fall below 1e-17 of the sum by the 30th.
  double term = x, total = x;
  for (int k = 1; k <= 30; ++k) {
    term *= -x * x / ((2.0 * k) * (2.0 * k + 1.0));
    total += term;
  }
  return total;
}

double series_arccos(double c) {
  // cos falls monotonically on [0, pi]: bisection halves the interval holding arccos c each step,
  // and 60 halvings of pi reach below 3e-18. cos x = sin(pi/2 - x).
  constexpr double kPi = 3.14159265358979323846;
  c = std::clamp(c, -1.0, 1.0);
  double low = 0.0, high = kPi;
  for (int step = 0; step < 60; ++step) {
    const double middle = 0.5 * (low + high);
    if (series_sin(kPi / 2 - middle) > c) low = middle; else high = middle;
  }
  return 0.5 * (low + high);
}

std::vector<float> lerp(const std::vector<float>& z0, const std::vector<float>& z1, double t) {
  std::vector<float> z(z0.size());
  for (size_t i = 0; i < z.size(); ++i) z[i] = static_cast<float>((1.0 - t) * z0[i] + t * z1[i]);
  return z;
}

std::vector<float> slerp(const std::vector<float>& z0, const std::vector<float>& z1, double t) {
  double dot = 0.0, norm0 = 0.0, norm1 = 0.0;  // in index order
  for (size_t i = 0; i < z0.size(); ++i) {
    dot += static_cast<double>(z0[i]) * z1[i];
    norm0 += static_cast<double>(z0[i]) * z0[i];
    norm1 += static_cast<double>(z1[i]) * z1[i];
  }
  if (norm0 == 0.0 || norm1 == 0.0) return lerp(z0, z1, t);
  // cos W = dot / (|z0| |z1|); the square root of the product is IEEE-exact rounding
  const double omega = series_arccos(dot / std::sqrt(norm0 * norm1));
  const double sin_omega = series_sin(omega);
  if (sin_omega < 1e-12) return lerp(z0, z1, t);
  const double a = series_sin((1.0 - t) * omega) / sin_omega, b = series_sin(t * omega) / sin_omega;
  std::vector<float> z(z0.size());
  for (size_t i = 0; i < z.size(); ++i) z[i] = static_cast<float>(a * z0[i] + b * z1[i]);
  return z;
}

Tensor latent_path(const std::vector<float>& z0, const std::vector<float>& z1, int steps, bool spherical) {
  if (steps < 2) throw std::invalid_argument("latent_path: steps must be >= 2, got " + std::to_string(steps));
  if (z0.size() != z1.size()) throw std::invalid_argument("latent_path: z0 and z1 must have the same size");
  const int Z = static_cast<int>(z0.size());
  Tensor path({steps, Z});
  for (int k = 0; k < steps; ++k) {
    const double t = static_cast<double>(k) / (steps - 1);
    std::vector<float> z = spherical ? slerp(z0, z1, t) : lerp(z0, z1, t);
    std::copy(z.begin(), z.end(), path.data.begin() + static_cast<int64_t>(k) * Z);
  }
  return path;
}

}  // namespace gan::inspect
