#include "gan/toy/density_estimate.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "gan/toy/distributions.h"
#include "gan/kernels/math_functions_double.h"

namespace gan::toy {

namespace {

// The q-quantile of sorted values by linear interpolation between order statistics (the default
// of NumPy and R, "type 7").
double quantile(const std::vector<double>& sorted, double q) {
  const double position = q * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(position);
  const size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

}  // namespace

double silverman_bandwidth(const std::vector<double>& samples) {
  const size_t N = samples.size();
  if (N < 2) throw std::invalid_argument("silverman_bandwidth: needs at least 2 samples, got " + std::to_string(N));
  double mean = 0;
  for (double s : samples) mean += s;
  mean /= static_cast<double>(N);
  double squares = 0;
  for (double s : samples) squares += (s - mean) * (s - mean);
  const double sd = std::sqrt(squares / static_cast<double>(N - 1));
  std::vector<double> sorted = samples;
  std::sort(sorted.begin(), sorted.end());
  const double iqr = (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 1.34;
  double spread = std::min(sd, iqr);
  if (spread <= 0) spread = std::max(sd, iqr);
  if (spread <= 0) return 1e-3;
  return 0.9 * spread * kernels::exp(-0.2 * kernels::log(static_cast<double>(N)));  // N^(-1/5)
}

double kde_bandwidth(const std::vector<double>& samples, double requested, const Grid1d& grid) {
  return std::max(requested > 0 ? requested : silverman_bandwidth(samples), 2 * grid.dx());
}

std::vector<double> kde_on_grid(const std::vector<double>& samples, double h, const Grid1d& grid) {
  if (!(h > 0)) throw std::invalid_argument("kde_on_grid: the bandwidth must be > 0, got " + std::to_string(h));
  std::vector<double> density(grid.points, 0.0);
  const double reach = 8 * h;
  // Sample by sample, each adding its kernel to the grid points within reach: the sum at each grid
  // point runs over the samples in their given order.
  for (double s : samples) {
    const double from = std::ceil((s - reach - grid.lo) / grid.dx());
    const double to = std::floor((s + reach - grid.lo) / grid.dx());
    if (!(to >= 0 && from <= grid.points - 1)) continue;  // out of reach of the grid (or not finite)
    const int first = static_cast<int>(std::max(0.0, from));
    const int last = static_cast<int>(std::min<double>(grid.points - 1, to));
    for (int i = first; i <= last; ++i) density[i] += gaussian_density(grid.x(i), s, h);
  }
  for (double& p : density) p /= static_cast<double>(samples.size());
  return density;
}

double mass_on_grid(const std::vector<double>& density, const Grid1d& grid) {
  double mass = 0;
  for (double p : density) mass += p;
  return mass * grid.dx();
}

double normalise_on_grid(std::vector<double>& density, const Grid1d& grid) {
  const double mass = mass_on_grid(density, grid);
  if (!(mass > 0)) throw std::invalid_argument("normalise_on_grid: the density has no mass on the grid");
  for (double& p : density) p /= mass;
  return mass;
}

}  // namespace gan::toy
