#include <catch2/catch.hpp>

#include "gan/inspect/latent_arithmetic.h"

using namespace gan;
using namespace gan::inspect;

TEST_CASE("the arithmetic's ink count moves the right way", "[inspect]") {
  // A stand-in for G and its measurements, known exactly: z[0] sets the thickness (ink = 50 + 10
  // z[0]), z[1]'s sign the class (7 or 1). Thick 7 - thin 7 must then add thickness to thin 1s.
  Rng rng(5);
  const int N = 400;
  Tensor z({N, 4});
  rng.fill_normal(z, 0.0f, 1.0f);
  std::vector<int> classes, inks;
  std::vector<double> confidences(N, 0.99);
  auto ink_of = [](float thickness) { return static_cast<int>(50.0f + 10.0f * thickness); };
  for (int n = 0; n < N; ++n) {
    classes.push_back(z.at(n, 1) > 0 ? 7 : 1);
    inks.push_back(ink_of(z.at(n, 0)));
  }
  ArithmeticSettings settings;
  ArithmeticGroups groups = arithmetic_groups(classes, confidences, inks, settings);
  REQUIRE(!groups.thin_to.empty());
  for (int n : groups.thick_from) CHECK(classes[n] == 7);
  std::vector<float> direction = attribute_direction(z, groups);
  CHECK(direction[0] > 1.5f);  // thick minus thin along the thickness axis
  double before = 0.0, after = 0.0;
  int still_one = 0;
  for (int n : groups.thin_to) {
    before += ink_of(z.at(n, 0));
    after += ink_of(z.at(n, 0) + direction[0]);
    still_one += z.at(n, 1) + direction[1] <= 0;
  }
  CHECK(after > before + 15.0 * groups.thin_to.size());
  CHECK(still_one >= static_cast<int>(groups.thin_to.size()) * 3 / 4);  // the class direction barely moves
  Tensor image = Tensor::from({1, 1, 2, 2}, {-1.0f, 0.5f, 0.0f, 1.0f});
  CHECK(ink_count(image, 0) == 2);
}
