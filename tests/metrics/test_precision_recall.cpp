#include <catch2/catch.hpp>

#include "gan/metrics/precision_recall.h"
#include "gan/tensor/rng.h"

using gan::Tensor;
using namespace gan::metrics;

TEST_CASE("precision and recall are 1 for identical sets and 0 for far-apart sets", "[metrics]") {
  gan::Rng rng(18);
  Tensor real({300, 8}), far({300, 8});
  rng.fill_normal(real, 0.0f, 1.0f);
  rng.fill_normal(far, 100.0f, 1.0f);
  PrecisionRecall same = precision_recall(real, real);
  CHECK(same.precision == 1.0);
  CHECK(same.recall == 1.0);
  PrecisionRecall apart = precision_recall(real, far);
  CHECK(apart.precision == 0.0);
  CHECK(apart.recall == 0.0);
}

TEST_CASE("precision and recall match a hand-worked 1-D case", "[metrics][golden]") {
  // k = 1. Real {0, 1, 2, 10}: radii 1, 1, 1, 8. Fake {0.5, 5, 21, 30}: radii 4.5, 4.5, 9, 9.
  // Precision: 0.5 in ball(0, 1); 5 in ball(10, 8); 21 and 30 in none -> 2/4.
  // Recall: 0, 1, 2 in ball(0.5, 4.5); 10 is 5 from 5 (> 4.5), 11 from 21 (> 9) -> 3/4.
  Tensor real = Tensor::from({4, 1}, {0, 1, 2, 10});
  Tensor fake = Tensor::from({4, 1}, {0.5f, 5, 21, 30});
  PrecisionRecall pr = precision_recall(real, fake, 1);
  CHECK(pr.precision == 0.5);
  CHECK(pr.recall == 0.75);
}

TEST_CASE("a collapsed generator has high precision and low recall", "[metrics]") {
  gan::Rng rng(19);
  Tensor real({400, 2}), collapsed({400, 2});
  rng.fill_normal(real, 0.0f, 1.0f);
  rng.fill_normal(collapsed, 0.0f, 0.05f);  // all samples near the centre of the real data
  PrecisionRecall pr = precision_recall(real, collapsed);
  INFO("precision " << pr.precision << " recall " << pr.recall);
  CHECK(pr.precision > 0.95);
  CHECK(pr.recall < 0.2);
  CHECK_THROWS_WITH(precision_recall(Tensor({3, 2}), Tensor({10, 2})), Catch::Contains("N >= 4"));
}
