#include <catch2/catch.hpp>

#include "gan/toy/mode_count.h"

using namespace gan::toy;

TEST_CASE("ring8: a collapsed G (constant output) covers 1 mode, at full quality", "[toy]") {
  const ToyDistribution ring = toy_distribution("ring8");
  gan::Tensor collapsed({1000, 2});
  for (int n = 0; n < 1000; ++n) collapsed.at(n, 0) = 2.0f, collapsed.at(n, 1) = 0.0f;  // mode 0, at (2, 0)
  const ModeCount count = count_modes(collapsed, ring.modes, ring.sigma, 0.01);
  CHECK(count.covered == 1);
  CHECK(count.per_mode[0] == 1000);
  CHECK(count.high_quality == 1.0);
}

TEST_CASE("samples of the data cover every mode, and points between modes are low quality", "[toy]") {
  gan::Rng rng(3);
  for (const char* name : {"ring8", "grid25", "mixture1d"}) {
    INFO(name);
    const ToyDistribution d = toy_distribution(name);
    const ModeCount count = count_modes(d.sample(5000, rng), d.modes, d.sigma, 0.01);
    CHECK(count.covered == static_cast<int>(d.modes.size()));
    CHECK(count.high_quality > 0.97);  // 98.9% in 2-D and 99.7% in 1-D lie within 3 sigma
  }
  const ToyDistribution ring = toy_distribution("ring8");
  gan::Tensor centre({10, 2});  // all at the origin, 2 from every mode
  CHECK(count_modes(centre, ring.modes, ring.sigma, 0.01).high_quality == 0.0);
  CHECK(count_modes(centre, ring.modes, ring.sigma, 0.01).covered == 0);
}

TEST_CASE("a mode needs the given share of all samples", "[toy]") {
  const std::vector<Point2> modes = {{0, 0}, {10, 0}};
  gan::Tensor samples({100, 1});
  for (int n = 0; n < 100; ++n) samples.data[n] = n < 3 ? 10.0f : 0.0f;  // 3 at the second mode
  CHECK(count_modes(samples, modes, 1.0, 0.03).covered == 2);
  CHECK(count_modes(samples, modes, 1.0, 0.04).covered == 1);
  CHECK_THROWS_WITH(count_modes(samples, modes, 1.0, 0.0), Catch::Contains("share in (0, 1]"));
}
