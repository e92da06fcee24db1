#include <catch2/catch.hpp>

#include "gan/metrics/summary.h"

using namespace gan::metrics;

TEST_CASE("mean_std reports the mean and the population std", "[metrics]") {
  MeanStd s = mean_std({2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0});  // the textbook example
  CHECK(s.mean == Approx(5.0));
  CHECK(s.std == Approx(2.0));
  CHECK(mean_std({3.0}).std == 0.0);
  CHECK_THROWS(mean_std({}));
}
