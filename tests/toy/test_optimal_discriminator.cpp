// Proposition 1 and Theorem 1 of Goodfellow et al. (2014) on densities whose answers are known.
#include <catch2/catch.hpp>

#include <cmath>

#include "gan/toy/distributions.h"
#include "gan/toy/optimal_discriminator.h"

using namespace gan::toy;

namespace {

const Grid1d kGrid{-10, 10, 4001};

std::vector<double> gaussian_on_grid(double mean, double sigma) {
  std::vector<double> p(kGrid.points);
  for (int i = 0; i < kGrid.points; ++i) p[i] = gaussian_density(kGrid.x(i), mean, sigma);
  return p;
}

// 1 / width on [from, to), 0 elsewhere.
std::vector<double> box_on_grid(double from, double to) {
  std::vector<double> p(kGrid.points, 0.0);
  for (int i = 0; i < kGrid.points; ++i) p[i] = kGrid.x(i) >= from && kGrid.x(i) < to ? 1.0 / (to - from) : 0.0;
  return p;
}

}  // namespace

TEST_CASE("D* of two Gaussians is the closed-form logistic curve", "[toy][golden]") {
  // p_data = N(0, 1), p_g = N(1, 1): p_g / p_data = e^(x - 1/2), so D*(x) = 1 / (1 + e^(x - 1/2)).
  const std::vector<double> d_star = optimal_discriminator(gaussian_on_grid(0, 1), gaussian_on_grid(1, 1));
  for (int i = 0; i < kGrid.points; i += 50) {
    const double x = kGrid.x(i);
    INFO("x = " << x);
    CHECK(d_star[i] == Approx(1 / (1 + std::exp(x - 0.5))).epsilon(1e-12));
  }
  // Equal variances 1 and 4, same mean 0: log(p_data / p_g) = log 2 - 3x^2/8.
  const std::vector<double> wide = optimal_discriminator(gaussian_on_grid(0, 1), gaussian_on_grid(0, 2));
  for (int i = 0; i < kGrid.points; i += 400) {
    const double x = kGrid.x(i);
    CHECK(wide[i] == Approx(1 / (1 + std::exp(-(std::log(2.0) - 3 * x * x / 8)))).epsilon(1e-12));
  }
}

TEST_CASE("D* is 1/2 where both densities vanish and 1 where only p_data lives", "[toy]") {
  const std::vector<double> d_star = optimal_discriminator({0, 1, 0, 2}, {0, 0, 3, 2});
  CHECK(d_star == std::vector<double>{0.5, 1, 0, 0.5});
}

TEST_CASE("the JSD is 0 for identical densities and log 2 for disjoint ones", "[toy]") {
  const std::vector<double> p = gaussian_on_grid(0.3, 0.7);
  CHECK(jensen_shannon(p, p, kGrid) == 0.0);
  // Two boxes of width 2 that never overlap: the JSD reaches its maximum.
  const std::vector<double> left = box_on_grid(-3, -1), right = box_on_grid(1, 3);
  CHECK(jensen_shannon(left, right, kGrid) == Approx(std::log(2.0)).epsilon(1e-12));
  // In between: strictly inside (0, log 2).
  const double between = jensen_shannon(gaussian_on_grid(0, 1), gaussian_on_grid(1, 1), kGrid);
  CHECK(between > 0.05);
  CHECK(between < std::log(2.0) - 0.05);
}

TEST_CASE("Theorem 1: V(G, D*) = 2 JSD - log 4 to 1e-9 on normalised densities", "[toy][golden]") {
  struct Pair {
    const char* name;
    std::vector<double> p_data, p_g;
  };
  std::vector<Pair> pairs = {
      {"equal", gaussian_on_grid(0, 1), gaussian_on_grid(0, 1)},
      {"shifted", gaussian_on_grid(0, 1), gaussian_on_grid(1, 1)},
      {"wider", gaussian_on_grid(0, 1), gaussian_on_grid(-2, 2.5)},
      {"disjoint boxes", box_on_grid(-3, -1), box_on_grid(1, 3)},
      {"box and Gaussian", box_on_grid(-1, 1), gaussian_on_grid(0.5, 0.3)},
  };
  for (Pair& pair : pairs) {
    INFO(pair.name);
    normalise_on_grid(pair.p_data, kGrid);
    normalise_on_grid(pair.p_g, kGrid);
    const TheoremCheck check = check_theorem_1(pair.p_data, pair.p_g, kGrid);
    CHECK(check.identity_error < 1e-9);
    CHECK(check.value_at_optimum >= -std::log(4.0) - 1e-12);  // C(G) >= -log 4, with equality iff p_g = p_data
    // Eq. 3 at D* is Eq. 4, and any other D does no better (D* maximises the integrand point by point).
    CHECK(game_value(optimal_discriminator(pair.p_data, pair.p_g), pair.p_data, pair.p_g, kGrid) ==
          Approx(check.value_at_optimum).margin(1e-12));
    std::vector<double> half(kGrid.points, 0.5);
    CHECK(game_value(half, pair.p_data, pair.p_g, kGrid) <= check.value_at_optimum + 1e-12);
  }
  CHECK(check_theorem_1(pairs[0].p_data, pairs[0].p_g, kGrid).value_at_optimum ==
        Approx(-std::log(4.0)).epsilon(1e-12));
  CHECK(check_theorem_1(pairs[3].p_data, pairs[3].p_g, kGrid).value_at_optimum == Approx(0.0).margin(1e-12));
}

TEST_CASE("C(G) stays finite where p_g is a vanishing fraction of p_data", "[toy]") {
  // At x = 0, 1 - D* = 1e-20 / (0.5 + 1e-20) rounds to 0 in double; the term p_g log(1 - D*) is -8e-19.
  const Grid1d grid{0, 1, 2};  // dx = 1: both densities sum to 1
  std::vector<double> p_data(2, 0.5), p_g(2, 1e-20);
  p_g[1] = 1 - 1e-20;
  CHECK(std::isinf(game_value(optimal_discriminator(p_data, p_g), p_data, p_g, grid)));
  const TheoremCheck check = check_theorem_1(p_data, p_g, grid);
  CHECK(std::isfinite(check.value_at_optimum));
  CHECK(check.identity_error < 1e-9);
}

TEST_CASE("V of a D given by logits equals V of the same D given by probabilities", "[toy]") {
  std::vector<double> p_data = gaussian_on_grid(0, 1), p_g = gaussian_on_grid(1, 1);
  std::vector<double> logits(kGrid.points), D(kGrid.points);
  for (int i = 0; i < kGrid.points; ++i) {
    logits[i] = 0.5 - 0.8 * kGrid.x(i);
    D[i] = 1 / (1 + std::exp(-logits[i]));
  }
  CHECK(game_value_of_logits(logits, p_data, p_g, kGrid) == Approx(game_value(D, p_data, p_g, kGrid)).epsilon(1e-10));
}

TEST_CASE("the gap to D* weighs by the mixture and takes the max where it has mass", "[toy]") {
  const Grid1d grid{0, 3, 4};  // points 0, 1, 2, 3, dx = 1
  // Built element by element: GCC 12.2 at -O3 with AVX-512 (-march=native here, x86-64-v4) built
  // the brace-initialised {0.5, 0.5, 0.0, 0.0} as four times 0.5 in this test (not with x86-64-v3).
  std::vector<double> p_data(4, 0.0), p_g(4, 0.0);
  p_data[0] = p_data[1] = 0.5;
  p_g[1] = p_g[2] = 0.5;
  const std::vector<double> d_star = optimal_discriminator(p_data, p_g);  // 1, 0.5, 0, 0.5
  REQUIRE(d_star == std::vector<double>{1.0, 0.5, 0.0, 0.5});
  std::vector<double> D(4, 0.0);
  D[0] = 0.9, D[1] = 0.5, D[2] = 0.2;
  const DiscriminatorGap gap = discriminator_gap(D, d_star, p_data, p_g, grid);
  CHECK(gap.mean_gap == Approx(0.25 * 0.1 + 0.5 * 0 + 0.25 * 0.2));
  CHECK(gap.max_gap == Approx(0.2));  // the point at x = 3 (gap 0.5) holds no mass
}
