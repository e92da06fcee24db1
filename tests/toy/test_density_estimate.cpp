#include <catch2/catch.hpp>

#include <cmath>

#include "gan/toy/density_estimate.h"
#include "gan/toy/distributions.h"

using namespace gan::toy;

TEST_CASE("Silverman's rule on a hand-worked sample", "[toy][golden]") {
  // 1..5: sd = sqrt(2.5), IQR = 4 - 2 = 2 (type 7), so h = 0.9 min(1.5811, 2 / 1.34) 5^(-1/5).
  const double h = silverman_bandwidth({5, 1, 4, 2, 3});
  CHECK(h == Approx(0.9 * (2 / 1.34) * std::pow(5.0, -0.2)).epsilon(1e-14));
  // A collapsed sample has no spread: a narrow spike, not a division by zero.
  CHECK(silverman_bandwidth({2, 2, 2}) == 1e-3);
  // On the grid, the kernel is kept wider than the grid's spacing.
  const Grid1d grid{-1, 1, 201};  // dx = 0.01
  CHECK(kde_bandwidth({2, 2, 2}, 0, grid) == Approx(0.02));
  CHECK(kde_bandwidth({2, 2, 2}, 0.5, grid) == 0.5);
}

TEST_CASE("the KDE integrates to 1 and recovers a Gaussian from its samples", "[toy]") {
  gan::Rng rng(7);
  const ToyDistribution gauss = toy_distribution("gauss1d");  // N(1, 0.5^2)
  const gan::Tensor x = gauss.sample(20000, rng);
  const std::vector<double> samples(x.data.begin(), x.data.end());
  const Grid1d grid{-4, 4, 801};
  const std::vector<double> p = kde_on_grid(samples, silverman_bandwidth(samples), grid);
  CHECK(mass_on_grid(p, grid) == Approx(1.0).margin(1e-6));
  double worst = 0;
  for (int i = 0; i < grid.points; ++i) worst = std::max(worst, std::abs(p[i] - gauss.density(grid.x(i))));
  CHECK(worst < 0.03);  // the peak is 0.80; bias h^2/2 p'' and noise both stay below this at N = 20000
}

TEST_CASE("normalise_on_grid rescales to mass 1 and returns the mass before", "[toy]") {
  const Grid1d grid{0, 1, 3};  // dx = 0.5
  std::vector<double> p = {1, 1, 2};
  CHECK(normalise_on_grid(p, grid) == 2.0);
  CHECK(mass_on_grid(p, grid) == 1.0);
  std::vector<double> empty(3, 0.0);
  CHECK_THROWS_WITH(normalise_on_grid(empty, grid), Catch::Contains("no mass on the grid"));
}
