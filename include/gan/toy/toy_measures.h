// What `gan toy` measures of a toy GAN at one moment: the theory's quantities in 1-D, the fields,
// modes and gradients in 2-D. Every measure is taken in evaluation (no-grad) mode on fixed inputs
// (the same z and the same data samples every epoch), so that epochs compare, and changes neither
// player.
//
// 1-D (measure_1d), on a grid of kGrid1dPoints points over [-extent, extent]:
//   p_data       closed form (distributions.h), then normalised on the grid
//   p_g          Gaussian KDE of G's M fixed samples (density_estimate.h), normalised on the grid
//   D            sigma of D's logits at the grid points
//   D*, JSD, V(G, D*), the identity error    optimal_discriminator.h, on those normalised densities
//   V(G, D)      Eq. 3 on the grid with the learned D (<= V(G, D*) exactly, D* being the pointwise
//                maximiser of the integrand), and its sample estimate
//                  V_hat = mean_n log D(x_n) + mean_n log(1 - D(G(z_n)))
//                with its standard error, which may exceed V(G, D*) by sampling alone
// 2-D (measure_2d): D on a kField2dSize^2 grid over the plane, and the modes (mode_count.h).
// Both: the generator gradients below.
//
//   Measures1d m = measure_1d(distribution, models, z_fixed, data_fixed, 0.0);
//   std::printf("JSD %g, identity error %g\n", m.theorem.jsd, m.theorem.identity_error);
#pragma once

#include <vector>

#include "gan/losses/objectives.h"
#include "gan/models/gan_models.h"
#include "gan/toy/distributions.h"
#include "gan/toy/mode_count.h"
#include "gan/toy/optimal_discriminator.h"

namespace gan::toy {

constexpr int kGrid1dPoints = 1001;  // dx = 0.01 on mixture1d's [-5, 5]: far below any bandwidth used
constexpr int kField2dSize = 64;     // D's field in 2-D: 64 x 64 points, cells of about a tenth of a unit

// How the generator's loss pulls on its samples. For M samples x_n = G(z_n) and the loss
// L_G = (1/M) sum_n l(D(x_n)), each sample's own pull is -dl/dx_n = -M dL_G/dx_n: the arrows of the
// 2-D picture. Measured for the run's objective and, on the same D and samples, for both losses of
// Goodfellow et al. (2014), whose logit gradients are
//   minimax        l = log(1 - D)  dl/dlogit = -D             -> 0 as D(G(z)) -> 0 (saturates)
//   nonsaturating  l = -log D      dl/dlogit = -(1 - D)       -> -1 as D(G(z)) -> 0
// (objectives.h, D.12.3 and D.12.4), so |dl/dx| = |dl/dlogit| |dlogit/dx|.
struct GeneratorPull {
  double d_fake = 0;          // mean_n D(x_n)
  double minimax = 0;         // mean_n ||dl/dx_n|| for the minimax loss
  double nonsaturating = 0;   // the same for the non-saturating loss
  Tensor descent;             // (M, D): -dl/dx_n for the run's objective
};

// requires: fake (M, D) points. D's parameters receive no gradient.
GeneratorPull generator_pull(Discriminator& D, const Tensor& fake, const Objective& objective);

// D's logits at points (N, D) -> N values, in evaluation mode.
std::vector<double> discriminator_logits(Discriminator& D, const Tensor& points);

// G's points for fixed noise z (M, Z) -> (M, D), in evaluation mode.
Tensor generate(Generator& G, const Tensor& z);

struct Measures1d {
  Grid1d grid;
  std::vector<double> p_data, p_g, d, d_star;  // each (G), the grid's points
  double bandwidth = 0;       // h of the KDE
  double p_data_mass = 0;     // the grid's mass of each density before normalising (near 1: the
  double p_g_mass = 0;        //   grid holds the mass; well below 1: G puts samples off the grid)
  TheoremCheck theorem;       // JSD, V(G, D*), the identity error
  double value = 0;           // V(G, D) on the grid
  double value_samples = 0;   // V_hat
  double value_samples_se = 0;  // its standard error
  DiscriminatorGap gap;       // |D - D*| where the mass is
  GeneratorPull pull;
};

// requires: a 1-D distribution; z (M, Z); data (M', 1) fixed samples of p_data. bandwidth 0 takes
// Silverman's rule (kde_bandwidth, density_estimate.h).
Measures1d measure_1d(const ToyDistribution& distribution, GanModels& models, const Tensor& z, const Tensor& data,
                      const Objective& objective, double bandwidth);

// The JSD that the estimator alone puts between p_data and a perfect G: JSD(p_data || KDE of data
// samples), on the same grid with the same bandwidth rule. p_g's KDE is smoothed (and noisy) in the
// same way, so a run's JSD cannot be expected to fall below about this. requires: a 1-D distribution.
double estimator_floor_jsd(const ToyDistribution& distribution, const Tensor& data, double bandwidth);

struct Measures2d {
  std::vector<double> field;  // (F, F): D at x = -e + 2e j/(F-1), y = -e + 2e i/(F-1), as toy_plots.h
  Tensor fake;                // (M, 2) G's samples
  double value_samples = 0, value_samples_se = 0;  // V_hat as in 1-D
  bool has_modes = false;     // false for the spiral
  ModeCount modes;
  GeneratorPull pull;
};

Measures2d measure_2d(const ToyDistribution& distribution, GanModels& models, const Tensor& z, const Tensor& data,
                      const Objective& objective, double mode_share);

}  // namespace gan::toy
