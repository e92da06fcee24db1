#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/mode_coverage.h"

using gan::Tensor;
using namespace gan::metrics;

TEST_CASE("mode coverage counts classes above 1% and the KL to uniform on a hand histogram", "[metrics][golden]") {
  // 200 samples over K = 4: counts (120, 78, 1, 1), i.e. q = (0.6, 0.39, 0.005, 0.005).
  int counts[4] = {120, 78, 1, 1};
  std::vector<int> labels;
  for (int k = 0; k < 4; ++k) labels.insert(labels.end(), counts[k], k);
  ModeCoverage m = mode_coverage(labels, 4);
  CHECK(m.histogram == std::vector<int>{120, 78, 1, 1});
  CHECK(m.covered_modes == 2);
  double expected = 0.6 * std::log(2.4) + 0.39 * std::log(1.56) + 2 * 0.005 * std::log(0.02);
  CHECK(m.kl_to_uniform == Approx(expected).epsilon(1e-12));
  CHECK(mode_coverage(labels, 4, 0.005).covered_modes == 4);
}

TEST_CASE("mode coverage: uniform gives K modes and KL 0, collapse gives 1 mode and log K", "[metrics]") {
  std::vector<int> uniform = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
  ModeCoverage u = mode_coverage(uniform, 5);
  CHECK(u.covered_modes == 5);
  CHECK(u.kl_to_uniform == Approx(0.0).margin(1e-15));
  ModeCoverage c = mode_coverage(std::vector<int>(7, 2), 5);
  CHECK(c.covered_modes == 1);
  CHECK(c.kl_to_uniform == Approx(std::log(5.0)));
}

TEST_CASE("mode coverage from probabilities takes the argmax", "[metrics]") {
  Tensor p = Tensor::from({3, 3}, {0.2f, 0.5f, 0.3f, 0.7f, 0.2f, 0.1f, 0.1f, 0.6f, 0.3f});
  CHECK(mode_coverage(p).histogram == std::vector<int>{1, 2, 0});
  CHECK_THROWS_WITH(mode_coverage({0, 3}, 3), Catch::Contains("got 3 at index 1"));
}
