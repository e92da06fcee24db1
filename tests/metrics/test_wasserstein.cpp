#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/wasserstein.h"

using gan::Tensor;
using namespace gan::metrics;

TEST_CASE("1-D W1 of a sample and its shifted copy is the shift", "[metrics]") {
  gan::Rng rng(14);
  std::vector<float> a(101), b(101);
  for (size_t i = 0; i < a.size(); ++i) {
    a[i] = rng.normal();
    b[(i * 37) % b.size()] = a[i] + 0.75f;  // shuffled: the sort must pair them up
  }
  CHECK(wasserstein1_1d(a, b) == Approx(0.75).margin(1e-6));
  CHECK(wasserstein1_1d(b, a) == Approx(0.75).margin(1e-6));
}

TEST_CASE("1-D W1 with unequal sizes follows the quantile functions", "[metrics][golden]") {
  // {0, 1} vs {0, 0.5, 1}: the quantiles differ by 0.5 on (1/3, 2/3), area 1/6.
  CHECK(wasserstein1_1d({0.0f, 1.0f}, {0.0f, 0.5f, 1.0f}) == Approx(1.0 / 6.0).epsilon(1e-14));
  // {0} vs {1, 3}: half the mass moves 1, half moves 3.
  CHECK(wasserstein1_1d({0.0f}, {3.0f, 1.0f}) == Approx(2.0).epsilon(1e-14));
  CHECK_THROWS_WITH(wasserstein1_1d({}, {1.0f}), Catch::Contains("must not be empty"));
}

TEST_CASE("assignment W1 of a point set and its shifted, shuffled copy is the shift's length", "[metrics]") {
  // For any matching sigma, sum ||x_sigma(i) + v - x_i|| >= ||sum (x_sigma(i) - x_i + v)|| = N ||v||.
  gan::Rng rng(15);
  int N = 60, D = 3;
  Tensor x({N, D}), y({N, D});
  rng.fill_normal(x, 0.0f, 1.0f);
  float shift[3] = {0.3f, -0.4f, 1.2f};  // length 1.3
  for (int n = 0; n < N; ++n) {
    for (int d = 0; d < D; ++d) y.at((n * 7) % N, d) = x.at(n, d) + shift[d];
  }
  CHECK(wasserstein1_assignment(x, y) == Approx(1.3).epsilon(1e-6));
  CHECK(wasserstein1_assignment(x, x) == Approx(0.0).margin(1e-12));
  CHECK_THROWS_WITH(wasserstein1_assignment(x, Tensor({N - 1, D})), Catch::Contains("y must be (60, 3)"));
}

TEST_CASE("assignment W1 in 1-D agrees with the sorted formula", "[metrics]") {
  gan::Rng rng(16);
  std::vector<float> a(40), b(40);
  for (float& v : a) v = rng.normal();
  for (float& v : b) v = rng.uniform(-1.0f, 3.0f);
  CHECK(wasserstein1_assignment(Tensor::from({40, 1}, a), Tensor::from({40, 1}, b)) ==
        Approx(wasserstein1_1d(a, b)).epsilon(1e-9));
}

TEST_CASE("sliced W1 of shifted copies: exact in 1-D, ||v|| E|theta_1| in 2-D", "[metrics]") {
  gan::Rng rng(17);
  Tensor x({300, 1}), y({200, 1});
  rng.fill_normal(x, 0.0f, 1.0f);
  rng.fill_normal(y, 1.0f, 2.0f);
  SlicedSettings settings;
  settings.projections = 8;  // in 1-D every direction is +-1
  CHECK(sliced_wasserstein1(x, y, rng, settings) == Approx(wasserstein1_1d({x.data.begin(), x.data.end()}, {y.data.begin(), y.data.end()})).epsilon(1e-6));

  // In 2-D, theta.(x + v) - theta.x = theta.v, so SW1 = ||v|| E|cos| = ||v|| 2/pi.
  Tensor p({200, 2}), q({200, 2});
  rng.fill_normal(p, 0.0f, 1.0f);
  for (int n = 0; n < 200; ++n) {
    q.at(n, 0) = p.at(n, 0) + 3.0f;
    q.at(n, 1) = p.at(n, 1) + 4.0f;
  }
  settings.projections = 2000;  // std of 5|cos| is ~1.5: Monte Carlo error ~0.035
  CHECK(sliced_wasserstein1(p, q, rng, settings) == Approx(5.0 * 2.0 / M_PI).margin(0.12));
}
