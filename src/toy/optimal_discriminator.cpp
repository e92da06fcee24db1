#include "gan/toy/optimal_discriminator.h"
#include "gan/kernels/math_functions_double.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace gan::toy {

namespace {

void require_same_size(const char* where, const std::vector<double>& a, const std::vector<double>& b,
                       const Grid1d& grid) {
  if (a.size() != b.size() || a.size() != static_cast<size_t>(grid.points)) {
    throw std::invalid_argument(std::string(where) + ": the densities must have the grid's " +
                                std::to_string(grid.points) + " points, got " + std::to_string(a.size()) + " and " +
                                std::to_string(b.size()));
  }
}

// p log q with 0 log q = 0 for any q (also q = 0).
double p_log(double p, double q) { return p > 0 ? p * kernels::log(q) : 0.0; }

}  // namespace

std::vector<double> optimal_discriminator(const std::vector<double>& p_data, const std::vector<double>& p_g) {
  if (p_data.size() != p_g.size()) throw std::invalid_argument("optimal_discriminator: p_data and p_g differ in size");
  std::vector<double> d_star(p_data.size());
  for (size_t i = 0; i < p_data.size(); ++i) {
    const double total = p_data[i] + p_g[i];
    d_star[i] = total > 0 ? p_data[i] / total : 0.5;  // Eq. 2
  }
  return d_star;
}

double game_value(const std::vector<double>& D, const std::vector<double>& p_data, const std::vector<double>& p_g,
                  const Grid1d& grid) {
  require_same_size("game_value", p_data, p_g, grid);
  require_same_size("game_value", D, p_g, grid);
  double value = 0;
  for (int i = 0; i < grid.points; ++i) value += p_log(p_data[i], D[i]) + p_log(p_g[i], 1 - D[i]);  // Eq. 3
  return value * grid.dx();
}

double game_value_of_logits(const std::vector<double>& logits, const std::vector<double>& p_data,
                            const std::vector<double>& p_g, const Grid1d& grid) {
  require_same_size("game_value_of_logits", p_data, p_g, grid);
  require_same_size("game_value_of_logits", logits, p_g, grid);
  double value = 0;
  for (int i = 0; i < grid.points; ++i) {
    value -= p_data[i] * kernels::softplus(-logits[i]) + p_g[i] * kernels::softplus(logits[i]);
  }
  return value * grid.dx();
}

double kl_divergence(const std::vector<double>& p, const std::vector<double>& q, const Grid1d& grid) {
  require_same_size("kl_divergence", p, q, grid);
  double kl = 0;
  for (int i = 0; i < grid.points; ++i) kl += p_log(p[i], p[i] / q[i]);
  return kl * grid.dx();
}

double jensen_shannon(const std::vector<double>& p_data, const std::vector<double>& p_g, const Grid1d& grid) {
  require_same_size("jensen_shannon", p_data, p_g, grid);
  std::vector<double> m(p_data.size());
  for (size_t i = 0; i < m.size(); ++i) m[i] = 0.5 * (p_data[i] + p_g[i]);
  return 0.5 * kl_divergence(p_data, m, grid) + 0.5 * kl_divergence(p_g, m, grid);
}

double virtual_training_criterion(const std::vector<double>& p_data, const std::vector<double>& p_g,
                                  const Grid1d& grid) {
  require_same_size("virtual_training_criterion", p_data, p_g, grid);
  double value = 0;
  for (int i = 0; i < grid.points; ++i) {
    const double total = p_data[i] + p_g[i];
    value += p_log(p_data[i], p_data[i] / total) + p_log(p_g[i], p_g[i] / total);  // Eq. 4
  }
  return value * grid.dx();
}

TheoremCheck check_theorem_1(const std::vector<double>& p_data, const std::vector<double>& p_g, const Grid1d& grid) {
  TheoremCheck check;
  check.jsd = jensen_shannon(p_data, p_g, grid);
  check.value_at_optimum = virtual_training_criterion(p_data, p_g, grid);  // Eq. 4
  check.identity_error = std::abs(check.value_at_optimum - (2 * check.jsd - kernels::log(4.0)));  // Eq. 6
  return check;
}

DiscriminatorGap discriminator_gap(const std::vector<double>& D, const std::vector<double>& d_star,
                                   const std::vector<double>& p_data, const std::vector<double>& p_g,
                                   const Grid1d& grid) {
  require_same_size("discriminator_gap", p_data, p_g, grid);
  require_same_size("discriminator_gap", D, d_star, grid);
  double peak = 0;
  for (int i = 0; i < grid.points; ++i) peak = std::max(peak, 0.5 * (p_data[i] + p_g[i]));
  DiscriminatorGap gap;
  for (int i = 0; i < grid.points; ++i) {
    const double m = 0.5 * (p_data[i] + p_g[i]), difference = std::abs(D[i] - d_star[i]);
    gap.mean_gap += m * difference;
    if (m >= 0.01 * peak) gap.max_gap = std::max(gap.max_gap, difference);
  }
  gap.mean_gap *= grid.dx();
  return gap;
}

}  // namespace gan::toy
