#include <catch2/catch.hpp>

#include <cmath>

#include "gan/toy/density_estimate.h"
#include "gan/toy/distributions.h"

using namespace gan::toy;

TEST_CASE("each toy distribution samples points of its dimension around its modes", "[toy]") {
  for (const std::string& name : toy_distribution_names()) {
    INFO(name);
    const ToyDistribution d = toy_distribution(name);
    gan::Rng rng(1);
    const gan::Tensor x = d.sample(4000, rng);
    CHECK(x.shape == gan::Shape{4000, d.dim});
    double worst = 0;
    for (float v : x.data) worst = std::max(worst, static_cast<double>(std::abs(v)));
    CHECK(worst < d.extent);  // the plots and grids hold the whole sample
  }
  CHECK_THROWS_WITH(toy_distribution("moons"),
                    "toy_distribution: unknown distribution 'moons'; expected one of "
                    "gauss1d|mixture1d|ring8|grid25|spiral");
}

TEST_CASE("the 1-D densities integrate to 1 and match their samples' moments", "[toy]") {
  const ToyDistribution mixture = toy_distribution("mixture1d");
  const Grid1d grid{-mixture.extent, mixture.extent, 2001};
  std::vector<double> p(grid.points);
  for (int i = 0; i < grid.points; ++i) p[i] = mixture.density(grid.x(i));
  CHECK(mass_on_grid(p, grid) == Approx(1.0).margin(1e-6));
  CHECK(mixture.density(2.0) == Approx(0.5 * gaussian_density(2, 2, 0.5) + 0.5 * gaussian_density(2, -2, 0.5)));
  gan::Rng rng(2);
  const gan::Tensor x = toy_distribution("gauss1d").sample(20000, rng);
  double mean = 0;
  for (float v : x.data) mean += v;
  CHECK(mean / 20000 == Approx(1.0).margin(0.02));  // 4 standard errors of 0.5 / sqrt(20000)
  CHECK_THROWS_WITH(toy_distribution("ring8").density(0), Catch::Contains("ring8 is not 1-D"));
}

TEST_CASE("a seed gives the same sample", "[toy]") {
  gan::Rng a(5), b(5);
  CHECK(toy_distribution("spiral").sample(100, a).data == toy_distribution("spiral").sample(100, b).data);
}
