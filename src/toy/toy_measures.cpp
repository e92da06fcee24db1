#include "gan/toy/toy_measures.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "gan/autograd/variable.h"
#include "gan/kernels/math_functions_double.h"

namespace gan::toy {

namespace {

double sigmoid(double x) { return 1.0 / (1.0 + kernels::exp(-x)); }

// mean_n dl/dx_n's norm and -dl/dx_n = -M dL_G/dx_n, for one generator loss.
Tensor descent_of(Discriminator& D, const Tensor& fake, Variable (*g_loss)(const Variable&), double* mean_norm) {
  nn::FrozenParameters frozen(D.parameters());
  Variable x(fake, /*requires_grad=*/true);
  g_loss(D.forward(x, {})).backward();
  const int M = fake.size(0), dim = fake.size(1);
  Tensor descent(fake.shape);
  double norms = 0;
  for (int n = 0; n < M; ++n) {
    double squares = 0;
    for (int k = 0; k < dim; ++k) {
      const double g = static_cast<double>(M) * x.grad().data[n * dim + k];
      descent.data[n * dim + k] = static_cast<float>(-g);
      squares += g * g;
    }
    norms += std::sqrt(squares);
  }
  *mean_norm = norms / M;
  return descent;
}

// V_hat = mean log D(x_n) + mean log(1 - D(G(z_n))) and its standard error, from the logits.
void sample_value(const std::vector<double>& real_logits, const std::vector<double>& fake_logits, double* value,
                  double* standard_error) {
  *value = 0;
  *standard_error = 0;
  for (const auto& [logits, sign] : {std::make_pair(&real_logits, -1.0), std::make_pair(&fake_logits, 1.0)}) {
    const double N = static_cast<double>(logits->size());
    double sum = 0, squares = 0;
    for (double l : *logits) {
      const double term = -kernels::softplus(sign * l);  // log D (sign -1) or log(1 - D) (sign +1)
      sum += term;
      squares += term * term;
    }
    const double mean = sum / N;
    *value += mean;
    *standard_error += std::max(0.0, squares / N - mean * mean) / N;
  }
  *standard_error = std::sqrt(*standard_error);
}

}  // namespace

std::vector<double> discriminator_logits(Discriminator& D, const Tensor& points) {
  NoGradGuard no_grad;
  const Tensor logits = D.forward(Variable(points), {}).value();
  return std::vector<double>(logits.data.begin(), logits.data.end());
}

Tensor generate(Generator& G, const Tensor& z) {
  NoGradGuard no_grad;
  return G.forward(Variable(z), {}).value();
}

GeneratorPull generator_pull(Discriminator& D, const Tensor& fake, const Objective& objective) {
  require_rank("generator_pull", "fake", fake.shape, 2, "(M, D)");
  GeneratorPull pull;
  double unused = 0;
  descent_of(D, fake, g_loss_minimax, &pull.minimax);
  descent_of(D, fake, g_loss_nonsaturating, &pull.nonsaturating);
  pull.descent = descent_of(D, fake, objective.g_loss, &unused);
  double d_sum = 0;
  for (double l : discriminator_logits(D, fake)) d_sum += sigmoid(l);
  pull.d_fake = d_sum / fake.size(0);
  return pull;
}

Measures1d measure_1d(const ToyDistribution& distribution, GanModels& models, const Tensor& z, const Tensor& data,
                      const Objective& objective, double bandwidth) {
  if (distribution.dim != 1) throw std::invalid_argument("measure_1d: " + distribution.name + " is not 1-D");
  Measures1d m;
  m.grid = Grid1d{-distribution.extent, distribution.extent, kGrid1dPoints};
  const Tensor fake = generate(*models.generator, z);  // (M, 1)
  const std::vector<double> fake_points(fake.data.begin(), fake.data.end());

  m.p_data.resize(m.grid.points);
  for (int i = 0; i < m.grid.points; ++i) m.p_data[i] = distribution.density(m.grid.x(i));
  m.bandwidth = kde_bandwidth(fake_points, bandwidth, m.grid);
  m.p_g = kde_on_grid(fake_points, m.bandwidth, m.grid);
  m.p_data_mass = normalise_on_grid(m.p_data, m.grid);
  m.p_g_mass = mass_on_grid(m.p_g, m.grid);
  if (m.p_g_mass > 0) normalise_on_grid(m.p_g, m.grid);  // else G put every sample off the grid: p_g = 0

  Tensor grid_points({m.grid.points, 1});
  for (int i = 0; i < m.grid.points; ++i) grid_points.data[i] = static_cast<float>(m.grid.x(i));
  const std::vector<double> logits = discriminator_logits(*models.discriminator, grid_points);
  m.d.resize(logits.size());
  for (size_t i = 0; i < logits.size(); ++i) m.d[i] = sigmoid(logits[i]);
  m.d_star = optimal_discriminator(m.p_data, m.p_g);
  m.theorem = check_theorem_1(m.p_data, m.p_g, m.grid);
  m.value = game_value_of_logits(logits, m.p_data, m.p_g, m.grid);
  sample_value(discriminator_logits(*models.discriminator, data), discriminator_logits(*models.discriminator, fake),
               &m.value_samples, &m.value_samples_se);
  m.gap = discriminator_gap(m.d, m.d_star, m.p_data, m.p_g, m.grid);
  m.pull = generator_pull(*models.discriminator, fake, objective);
  return m;
}

double estimator_floor_jsd(const ToyDistribution& distribution, const Tensor& data, double bandwidth) {
  if (distribution.dim != 1) throw std::invalid_argument("estimator_floor_jsd: " + distribution.name + " is not 1-D");
  const Grid1d grid{-distribution.extent, distribution.extent, kGrid1dPoints};
  const std::vector<double> points(data.data.begin(), data.data.end());
  std::vector<double> p_data(grid.points), estimate = kde_on_grid(points, kde_bandwidth(points, bandwidth, grid), grid);
  for (int i = 0; i < grid.points; ++i) p_data[i] = distribution.density(grid.x(i));
  normalise_on_grid(p_data, grid);
  normalise_on_grid(estimate, grid);
  return jensen_shannon(p_data, estimate, grid);
}

Measures2d measure_2d(const ToyDistribution& distribution, GanModels& models, const Tensor& z, const Tensor& data,
                      const Objective& objective, double mode_share) {
  if (distribution.dim != 2) throw std::invalid_argument("measure_2d: " + distribution.name + " is not 2-D");
  Measures2d m;
  const int F = kField2dSize;
  const double e = distribution.extent;
  Tensor plane({F * F, 2});
  for (int i = 0; i < F; ++i) {
    for (int j = 0; j < F; ++j) {
      plane.at(i * F + j, 0) = static_cast<float>(-e + 2 * e * j / (F - 1));
      plane.at(i * F + j, 1) = static_cast<float>(-e + 2 * e * i / (F - 1));
    }
  }
  const std::vector<double> logits = discriminator_logits(*models.discriminator, plane);
  m.field.resize(logits.size());
  for (size_t i = 0; i < logits.size(); ++i) m.field[i] = sigmoid(logits[i]);
  m.fake = generate(*models.generator, z);
  sample_value(discriminator_logits(*models.discriminator, data), discriminator_logits(*models.discriminator, m.fake),
               &m.value_samples, &m.value_samples_se);
  m.has_modes = !distribution.modes.empty();
  if (m.has_modes) m.modes = count_modes(m.fake, distribution.modes, distribution.sigma, mode_share);
  m.pull = generator_pull(*models.discriminator, m.fake, objective);
  return m;
}

}  // namespace gan::toy
