#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/auc.h"
#include "gan/tensor/rng.h"

using gan::metrics::discriminator_auc;

TEST_CASE("AUC is 1 for separable scores, 0 when reversed, 0.5 for identical sets", "[metrics]") {
  CHECK(discriminator_auc({2.0f, 3.0f, 5.0f}, {-1.0f, 0.0f, 1.5f, 1.9f}) == 1.0);
  CHECK(discriminator_auc({-1.0f, 0.0f}, {2.0f, 3.0f, 5.0f}) == 0.0);
  std::vector<float> same = {0.3f, -1.2f, 4.0f, 0.3f, 2.5f};
  CHECK(discriminator_auc(same, same) == 0.5);
  CHECK(discriminator_auc({0.7f, 0.7f}, {0.7f}) == 0.5);  // all tied
}

TEST_CASE("AUC counts ties as half on a hand case", "[metrics][golden]") {
  // Pairs (real, fake): (0.9, 0.5) 1, (0.9, 0.1) 1, (0.5, 0.5) 1/2 twice, (0.5, 0.1) 1 twice: 5 of 6.
  CHECK(discriminator_auc({0.9f, 0.5f, 0.5f}, {0.5f, 0.1f}) == Approx(5.0 / 6.0).epsilon(1e-15));
}

TEST_CASE("AUC equals the brute-force pair count on random scores with ties", "[metrics]") {
  gan::Rng rng(8);
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<float> real(1 + rng.uniform_int(40)), fake(1 + rng.uniform_int(40));
    for (float& s : real) s = static_cast<float>(rng.uniform_int(10));  // few values: many ties
    for (float& s : fake) s = static_cast<float>(rng.uniform_int(8));
    double wins = 0.0;
    for (float r : real) {
      for (float f : fake) wins += r > f ? 1.0 : (r == f ? 0.5 : 0.0);
    }
    CHECK(discriminator_auc(real, fake) == Approx(wins / (real.size() * fake.size())).epsilon(1e-12));
  }
}

TEST_CASE("AUC rejects empty or non-finite scores", "[metrics]") {
  CHECK_THROWS_WITH(discriminator_auc({}, {1.0f}), Catch::Contains("must not be empty"));
  CHECK_THROWS_WITH(discriminator_auc({1.0f, std::nanf("")}, {1.0f}),
                    Catch::Contains("real_scores has a non-finite value (nan) at index 1"));
}
