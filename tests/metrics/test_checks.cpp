#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "gan/metrics/checks.h"

using gan::Tensor;
using namespace gan::metrics;

TEST_CASE("require_finite names the array and the first bad index", "[metrics]") {
  Tensor x({3, 4}, 1.0f);
  x.at(2, 1) = std::nanf("");
  x.at(2, 3) = std::numeric_limits<float>::infinity();
  CHECK_THROWS_WITH(require_finite("fid", "real", x), "fid: real has a non-finite value (nan) at (2, 1)");
  Tensor images({2, 1, 3, 3}, 0.0f);
  images.at(1, 0, 2, 0) = -std::numeric_limits<float>::infinity();
  CHECK_THROWS_WITH(require_finite("ssim", "a", images), Catch::Contains("a has a non-finite value (-inf) at (1, 0, 2, 0)"));
  std::vector<float> scores = {0.5f, 0.1f, std::nanf("")};
  CHECK_THROWS_WITH(require_finite("auc", "fake_scores", scores), Catch::Contains("fake_scores") && Catch::Contains("index 2"));
  CHECK_NOTHROW(require_finite("fid", "real", Tensor({2, 2}, 3.0f)));
}

TEST_CASE("require_features checks rank, sample count and D", "[metrics]") {
  CHECK_THROWS_WITH(require_features("fid", "real", Tensor({4}), 2), "fid: real must be (N, D), got (4)");
  CHECK_THROWS_WITH(require_features("fid", "real", Tensor({1, 5}), 2),
                    "fid: real must be (N, D) with N >= 2 and D >= 1, got (1, 5)");
  CHECK_NOTHROW(require_features("fid", "real", Tensor({2, 5}), 2));
  CHECK_THROWS_WITH(require_same_features("kid", "real", Tensor({2, 5}), "fake", Tensor({3, 4})),
                    "kid: real and fake must have the same D, got (2, 5) and (3, 4)");
}

TEST_CASE("require_probabilities wants non-negative rows summing to 1", "[metrics]") {
  CHECK_NOTHROW(require_probabilities("is", "p", Tensor::from({2, 2}, {0.25f, 0.75f, 1.0f, 0.0f})));
  CHECK_THROWS_WITH(require_probabilities("is", "p", Tensor::from({2, 2}, {0.5f, 0.6f, 1.0f, 0.0f})),
                    Catch::Contains("row 0 sums to 1.1"));
  CHECK_THROWS_WITH(require_probabilities("is", "p", Tensor::from({1, 2}, {-0.5f, 1.5f})),
                    Catch::Contains(">= 0") && Catch::Contains("(0, 0)"));
}
