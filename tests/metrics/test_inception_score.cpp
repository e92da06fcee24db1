#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/inception_score.h"

using gan::Tensor;
using namespace gan::metrics;

TEST_CASE("IS is K for confident predictions spread evenly over K classes", "[metrics][golden]") {
  int K = 4, N = 40;
  Tensor p({N, K});
  for (int n = 0; n < N; ++n) p.at(n, n % K) = 1.0f;  // every split of 4 holds each class once
  MeanStd score = inception_score(p, 10);
  CHECK(score.mean == Approx(4.0).epsilon(1e-12));
  CHECK(score.std == Approx(0.0).margin(1e-12));
}

TEST_CASE("IS is 1 when every sample gets the same prediction", "[metrics][golden]") {
  Tensor p({30, 3});
  for (int n = 0; n < 30; ++n) {
    p.at(n, 0) = 0.1f;
    p.at(n, 1) = 0.2f;
    p.at(n, 2) = 0.7f;
  }
  CHECK(inception_score(p, 3).mean == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("IS matches a hand-worked two-sample case", "[metrics][golden]") {
  // p1 = (1, 0), p2 = (1/2, 1/2): p(y) = (3/4, 1/4); KL1 = log 4/3, KL2 = 1/2 log 2/3 + 1/2 log 2
  // = 1/2 log 4/3; IS = exp(3/4 log 4/3) = (4/3)^(3/4).
  Tensor p = Tensor::from({2, 2}, {1.0f, 0.0f, 0.5f, 0.5f});
  MeanStd score = inception_score(p, 1);
  CHECK(score.mean == Approx(std::pow(4.0 / 3.0, 0.75)).epsilon(1e-12));
  // Two splits of one sample each: each split's p(y) is its own prediction, IS = 1 in both.
  CHECK(inception_score(p, 2).mean == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("IS reports the spread over splits", "[metrics]") {
  // Split 1: one-hot over 2 classes (IS 2); split 2: identical predictions (IS 1): mean 1.5, std 0.5.
  Tensor p = Tensor::from({4, 2}, {1, 0, 0, 1, 1, 0, 1, 0});
  MeanStd score = inception_score(p, 2);
  CHECK(score.mean == Approx(1.5));
  CHECK(score.std == Approx(0.5));
  CHECK_THROWS_WITH(inception_score(p, 5), Catch::Contains("splits must be in [1, N] with N=4"));
  CHECK_THROWS_WITH(inception_score(Tensor::from({1, 2}, {0.3f, 0.3f}), 1), Catch::Contains("rows must sum to 1"));
}
