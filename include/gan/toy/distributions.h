// The toy data distributions of `gan toy`: small enough (one or two dimensions) that p_data is known
// in closed form and everything the theory of Goodfellow et al. (2014) speaks of can be computed.
//
//   name       dim  what                                              modes  sigma
//   gauss1d    1    N(1, 0.5^2): a shifted, scaled Gaussian            1      0.5
//   mixture1d  1    1/2 N(-2, 0.5^2) + 1/2 N(2, 0.5^2)                 2      0.5
//   ring8      2    8 Gaussians on the circle of radius 2 (Metz et     8      0.05
//                   al. 2017, "Unrolled GANs", Sec. 3.1; their sigma
//                   is 0.02, ours 0.05 so that a short CPU run fills
//                   the modes rather than hitting their centres)
//   grid25     2    25 Gaussians at {-4, -2, 0, 2, 4}^2 (Srivastava    25     0.05
//                   et al. 2017, "VEEGAN", Sec. 5.1)
//   spiral     2    r = 0.5 + 2.5 t, angle 3 pi t, t ~ U(0, 1), plus   none   0.05
//                   N(0, 0.05^2) noise on each axis (1.5 turns)
//
// Every mixture weighs its modes equally. Points are (N, D) tensors, D = dim.
//
//   ToyDistribution ring = toy_distribution("ring8");
//   Tensor x = ring.sample(256, rng);        // (256, 2)
//   double p = toy_distribution("mixture1d").density(0.5);
#pragma once

#include <string>
#include <vector>

#include "gan/tensor/rng.h"
#include "gan/tensor/tensor.h"

namespace gan::toy {

struct Point2 {
  double x = 0, y = 0;
};

struct ToyDistribution {
  std::string name;
  int dim = 1;                // D: 1 or 2
  std::vector<Point2> modes;  // the mixture's means (y = 0 in 1-D); empty for spiral
  double sigma = 0.5;         // each mode's (and the spiral's noise's) standard deviation, per axis
  double extent = 4;          // plots and grids cover [-extent, extent] (per axis), where all the mass is

  // N points (N, D), drawn from rng: a mode uniformly, then its Gaussian (spiral: t, then the noise).
  Tensor sample(int N, Rng& rng) const;

  // p_data(x), in closed form; requires dim == 1.
  //   p_data(x) = (1/K) sum_k phi((x - mu_k) / sigma) / sigma,   phi(u) = e^(-u^2/2) / sqrt(2 pi)
  double density(double x) const;
};

// The names above, in that order.
const std::vector<std::string>& toy_distribution_names();

// Throws std::invalid_argument listing the names for any other.
ToyDistribution toy_distribution(const std::string& name);

// phi(u) / sigma at u = (x - mean) / sigma: the density of N(mean, sigma^2) at x.
double gaussian_density(double x, double mean, double sigma);

}  // namespace gan::toy
