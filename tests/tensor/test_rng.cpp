#include <catch2/catch.hpp>

#include <cmath>

#include "gan/tensor/rng.h"

using gan::Rng;
using gan::Scalar;

TEST_CASE("the generator is PCG32: seed 42, stream 54 gives the published stream", "[tensor][golden]") {
  // The first outputs of the PCG reference implementation (pcg32-demo) for this seed and stream.
  Rng rng(42, 54);
  CHECK(rng.next_u32() == 0xa15c02b7u);
  CHECK(rng.next_u32() == 0x7b47f409u);
  CHECK(rng.next_u32() == 0xba1d3330u);
  CHECK(rng.next_u32() == 0x83d2f293u);
  CHECK(rng.next_u32() == 0xbfa4784bu);
  CHECK(rng.next_u32() == 0xcbed606eu);
}

TEST_CASE("rng_log agrees with the natural logarithm", "[tensor]") {
  for (double x : {1e-300, 1e-9, 0.001, 0.3, 0.7071, 1.0, 1.5, 2.0, 10.0, 12345.678, 1e300}) {
    CHECK(gan::rng_log(x) == Approx(std::log(x)).epsilon(1e-15).margin(1e-15));
  }
}

TEST_CASE("uniform and normal draws have the right moments", "[tensor]") {
  Rng rng(3);
  const int count = 200000;
  double uniform_sum = 0, normal_sum = 0, normal_square_sum = 0;
  Scalar uniform_min = 1, uniform_max = 0;
  for (int i = 0; i < count; ++i) {
    Scalar u = rng.uniform();
    uniform_sum += u;
    uniform_min = std::min(uniform_min, u);
    uniform_max = std::max(uniform_max, u);
    double z = rng.normal();
    normal_sum += z;
    normal_square_sum += z * z;
  }
  CHECK(uniform_min >= 0.0f);
  CHECK(uniform_max < 1.0f);
  CHECK(uniform_sum / count == Approx(0.5).margin(0.005));        // sd of mean ~ 0.0006
  CHECK(normal_sum / count == Approx(0.0).margin(0.01));          // sd of mean ~ 0.0022
  CHECK(normal_square_sum / count == Approx(1.0).margin(0.015));  // sd ~ 0.003
}

TEST_CASE("uniform_int covers its range evenly", "[tensor]") {
  Rng rng(5);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) counts[rng.uniform_int(7)]++;
  for (int c : counts) CHECK(c == Approx(10000).margin(450));  // ~5 sd
  CHECK_THROWS(rng.uniform_int(0));
}

TEST_CASE("a saved state continues the stream exactly", "[tensor]") {
  Rng rng(9);
  rng.normal();  // leaves a spare normal in the state
  gan::RngState saved = rng.state();
  std::vector<Scalar> first;
  for (int i = 0; i < 5; ++i) first.push_back(rng.normal());
  Rng other(1234);
  other.set_state(saved);
  for (int i = 0; i < 5; ++i) CHECK(other.normal() == first[i]);
}
