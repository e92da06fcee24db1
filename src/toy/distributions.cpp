#include "gan/toy/distributions.h"
#include "gan/kernels/math_functions_double.h"

#include <cmath>
#include <stdexcept>

namespace gan::toy {

namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

const std::vector<std::string>& toy_distribution_names() {
  static const std::vector<std::string> names = {"gauss1d", "mixture1d", "ring8", "grid25", "spiral"};
  return names;
}

ToyDistribution toy_distribution(const std::string& name) {
  ToyDistribution d;
  d.name = name;
  if (name == "gauss1d") {
    d.dim = 1, d.sigma = 0.5, d.extent = 4;
    d.modes = {{1.0, 0.0}};
  } else if (name == "mixture1d") {
    d.dim = 1, d.sigma = 0.5, d.extent = 5;
    d.modes = {{-2.0, 0.0}, {2.0, 0.0}};
  } else if (name == "ring8") {
    d.dim = 2, d.sigma = 0.05, d.extent = 3;
    // (cos, sin) of 2 pi k / 8 in closed form, exact up to sqrt's correct rounding: 0, +-1, +-sqrt(1/2).
    const double h = std::sqrt(0.5);
    const Point2 unit[8] = {{1, 0}, {h, h}, {0, 1}, {-h, h}, {-1, 0}, {-h, -h}, {0, -1}, {h, -h}};
    for (const Point2& u : unit) d.modes.push_back({2.0 * u.x, 2.0 * u.y});
  } else if (name == "grid25") {
    d.dim = 2, d.sigma = 0.05, d.extent = 5.5;
    for (int i = -2; i <= 2; ++i) {
      for (int j = -2; j <= 2; ++j) d.modes.push_back({2.0 * i, 2.0 * j});
    }
  } else if (name == "spiral") {
    d.dim = 2, d.sigma = 0.05, d.extent = 3.5;
  } else {
    std::string names;
    for (const std::string& known : toy_distribution_names()) names += (names.empty() ? "" : "|") + known;
    throw std::invalid_argument("toy_distribution: unknown distribution '" + name + "'; expected one of " + names);
  }
  return d;
}

Tensor ToyDistribution::sample(int N, Rng& rng) const {
  Tensor x({N, dim});
  for (int n = 0; n < N; ++n) {
    Point2 centre;
    if (modes.empty()) {  // the spiral: a point on the curve, then the noise
      const double t = rng.uniform();
      const double r = 0.5 + 2.5 * t, angle = 3 * kPi * t;
      centre = {r * kernels::cos(angle), r * kernels::sin(angle)};
    } else {
      centre = modes[rng.uniform_int(static_cast<int>(modes.size()))];
    }
    x.data[n * dim] = static_cast<float>(centre.x + sigma * rng.normal());
    if (dim == 2) x.data[n * dim + 1] = static_cast<float>(centre.y + sigma * rng.normal());
  }
  return x;
}

double gaussian_density(double x, double mean, double sigma) {
  const double u = (x - mean) / sigma;
  return kernels::exp(-0.5 * u * u) / (sigma * std::sqrt(2 * kPi));
}

double ToyDistribution::density(double x) const {
  if (dim != 1) throw std::logic_error("ToyDistribution::density: " + name + " is not 1-D");
  double p = 0;
  for (const Point2& mode : modes) p += gaussian_density(x, mode.x, sigma);
  return p / static_cast<double>(modes.size());
}

}  // namespace gan::toy
