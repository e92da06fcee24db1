#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "gan/metrics/gmm.h"

using namespace gan::metrics;

TEST_CASE("one component fits the sample mean and ML covariance, and its density is the Gaussian's", "[metrics]") {
  gan::Rng rng(22);
  Matrix x(2, 1);
  x.data = {-1.0, 1.0};  // mean 0, ML variance 1
  GmmSettings settings;
  settings.components = 1;
  GaussianMixture gmm = fit_gmm(x, rng, settings);
  CHECK(gmm.weights[0] == Approx(1.0));
  CHECK(gmm.means[0][0] == Approx(0.0).margin(1e-12));
  CHECK(gmm.covariances[0](0, 0) == Approx(1.0 + 1e-6));  // plus the floor
  Matrix at(2, 1);
  at.data = {0.0, 2.0};
  std::vector<double> log_p = gmm_log_density(gmm, at);
  CHECK(log_p[0] == Approx(-0.5 * std::log(2.0 * M_PI * (1.0 + 1e-6))));
  CHECK(log_p[1] == Approx(-0.5 * std::log(2.0 * M_PI * (1.0 + 1e-6)) - 2.0 / (1.0 + 1e-6)));
}

TEST_CASE("EM separates two clusters and sampling reproduces the mixture", "[metrics]") {
  gan::Rng rng(23);
  Matrix x(1000, 2);
  for (int n = 0; n < 1000; ++n) {
    if (n < 600) {
      x(n, 0) = -5.0 + 0.7 * rng.normal();
      x(n, 1) = 0.7 * rng.normal();
    } else {
      x(n, 0) = 5.0 + rng.normal();
      x(n, 1) = 2.0 + 0.5 * rng.normal();
    }
  }
  GmmSettings settings;
  settings.components = 2;
  GaussianMixture gmm = fit_gmm(x, rng, settings);
  int left = gmm.means[0][0] < gmm.means[1][0] ? 0 : 1, right = 1 - left;
  CHECK(gmm.weights[left] == Approx(0.6).margin(1e-9));  // the clusters do not overlap at all
  CHECK(gmm.means[left][0] == Approx(-5.0).margin(0.1));
  CHECK(gmm.means[right][1] == Approx(2.0).margin(0.1));
  CHECK(gmm.covariances[right](1, 1) == Approx(0.25).margin(0.05));
  CHECK(gmm.em_steps < settings.max_iterations);  // converged: separated clusters take a few steps

  Matrix draws = sample_gmm(gmm, 20000, rng);
  double mean_x = 0.0, right_share = 0.0;
  for (int s = 0; s < draws.rows; ++s) {
    mean_x += draws(s, 0) / draws.rows;
    right_share += (draws(s, 0) > 0.0) / static_cast<double>(draws.rows);
  }
  CHECK(right_share == Approx(0.4).margin(0.015));
  CHECK(mean_x == Approx(0.6 * gmm.means[left][0] + 0.4 * gmm.means[right][0]).margin(0.1));
  CHECK_THROWS_WITH(fit_gmm(Matrix(1, 2), rng, settings), Catch::Contains("N >= components"));
}
