#include <catch2/catch.hpp>

#include <cmath>

#include "gan/train/collapse_alarm.h"

namespace {

gan::Evaluation healthy() {
  gan::Evaluation e;
  e.modes.histogram = std::vector<int>(10, 100);
  e.modes.covered_modes = 10;
  e.diversity.diversity = 8.4;
  return e;
}

}  // namespace

TEST_CASE("the collapse alarm stays silent on a healthy epoch and names each sign of collapse", "[train]") {
  CHECK(gan::collapse_alarm(healthy(), 10, 9.4) == "");

  gan::Evaluation few = healthy();
  few.modes.covered_modes = 7;  // 7 < 0.75 * 10
  CHECK(gan::collapse_alarm(few, 10, 9.4) == "G's samples cover 7 of 10 classes");
  few.modes.covered_modes = 8;  // not below 7.5: no alarm
  CHECK(gan::collapse_alarm(few, 10, 9.4) == "");

  gan::Evaluation same = healthy();
  same.diversity.diversity = 4.6;  // under half of 9.4
  CHECK(gan::collapse_alarm(same, 10, 9.4) == "diversity 4.60, under 50% of the real images' 9.40");
  same.modes.covered_modes = 1;
  CHECK(gan::collapse_alarm(same, 10, 9.4) ==
        "G's samples cover 1 of 10 classes; diversity 4.60, under 50% of the real images' 9.40");

  // Without a classifier (no histogram, no real classes) only the diversity is judged.
  gan::Evaluation unlabelled = same;
  unlabelled.modes = {};
  CHECK(gan::collapse_alarm(unlabelled, 0, 9.4) == "diversity 4.60, under 50% of the real images' 9.40");
  CHECK(gan::collapse_alarm(unlabelled, 0, std::nan("")) == "");
}
