#include <catch2/catch.hpp>

#include "../check_all.h"
#include "gan/ops/dropout.h"
#include "gan/ops/op_checks.h"

using gan::Rng;
using gan::Scalar;
using gan::Tensor;
using gan::Variable;

TEST_CASE("dropout passes its gradient check", "[ops][gradcheck]") {
  check_all(gan::dropout_checks());
}

TEST_CASE("dropout in evaluation, or with p = 0, is the identity and draws nothing", "[ops]") {
  Variable x(Tensor({3, 4}, 2.0f), true);
  Rng rng(1);
  uint64_t before = rng.state().state;
  CHECK(gan::dropout(x, 0.5f, rng, false).node() == x.node());
  CHECK(gan::dropout(x, 0.0f, rng, true).node() == x.node());
  CHECK(rng.state().state == before);
}

TEST_CASE("dropout zeroes about p of the entries and scales the rest by 1/(1-p)", "[ops]") {
  const int count = 20000;
  Variable x(Tensor({count}, 3.0f), true);
  Rng rng(2);
  Variable y = gan::dropout(x, 0.25f, rng, true);
  int dropped = 0;
  double total = 0;
  for (Scalar v : y.value().data) {
    REQUIRE((v == 0.0f || v == 4.0f));  // 3 / (1 - 0.25)
    dropped += v == 0.0f;
    total += v;
  }
  CHECK(dropped == Approx(0.25 * count).margin(300));  // about 5 standard deviations
  CHECK(total / count == Approx(3.0).margin(0.1));      // E[y] = x
  y.backward(Tensor({count}, 1.0f));
  for (int i = 0; i < count; ++i) REQUIRE(x.grad().data[i] == y.value().data[i] / 3.0f);

  // The mask comes from the rng: the same seed drops the same entries.
  Rng again(2);
  CHECK(gan::dropout(x, 0.25f, again, true).value().data == y.value().data);
}

TEST_CASE("dropout rejects p outside 0 <= p < 1", "[ops]") {
  Variable x(Tensor({2}));
  Rng rng(3);
  CHECK_THROWS_WITH(gan::dropout(x, 1.0f, rng, true),
                    Catch::StartsWith("dropout: p must be in [0, 1), got 1"));
  CHECK_THROWS_WITH(gan::dropout(x, -0.1f, rng, false), Catch::StartsWith("dropout: p must be in [0, 1)"));
}
