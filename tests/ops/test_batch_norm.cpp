#include <catch2/catch.hpp>

#include <cmath>

#include "../check_all.h"
#include "gan/ops/batch_norm.h"
#include "gan/ops/op_checks.h"
#include "gan/tensor/rng.h"

using gan::BatchNormStatistics;
using gan::Scalar;
using gan::Shape;
using gan::Tensor;
using gan::Variable;

TEST_CASE("batch_norm passes its gradient checks", "[ops][gradcheck][task 2.3]") {
  check_all(gan::batch_norm_checks());
}

TEST_CASE("batch_norm 1-D training step, by hand, with the running statistics", "[ops]") {
  // One feature with values 1 2 3 4: mean 2.5, biased variance 1.25, unbiased 5/3.
  Variable x(Tensor::from({4, 1}, {1, 2, 3, 4}), true);
  Variable gamma(Tensor::from({1}, {2.0f}), true), beta(Tensor::from({1}, {0.5f}), true);
  BatchNormStatistics running = BatchNormStatistics::initial(1);
  Variable y = gan::batch_norm(x, gamma, beta, running, true, 0.1f, 0.0f);
  const double sigma = std::sqrt(1.25);
  for (int n = 0; n < 4; ++n) CHECK(y.value().data[n] == Approx(2.0 * (n + 1 - 2.5) / sigma + 0.5));
  CHECK(running.mean.data[0] == Approx(0.25f));                  // 0.9 * 0 + 0.1 * 2.5
  CHECK(running.variance.data[0] == Approx(0.9 + 0.1 * 5.0 / 3));  // 0.9 * 1 + 0.1 * 5/3

  // dL/dy = (1, 0, 0, 0): dL/dbeta = 1, dL/dgamma = x_hat[0], and by (D.10.3)
  // dL/dx = gamma / (m sigma) (m dy - 1 - x_hat x_hat[0]).
  y.backward(Tensor::from({4, 1}, {1, 0, 0, 0}));
  const double x_hat[4] = {-1.5 / sigma, -0.5 / sigma, 0.5 / sigma, 1.5 / sigma};
  CHECK(beta.grad().data[0] == Approx(1.0));
  CHECK(gamma.grad().data[0] == Approx(x_hat[0]));
  for (int n = 0; n < 4; ++n) {
    double expected = 2.0 / (4 * sigma) * ((n == 0 ? 4.0 : 0.0) - 1.0 - x_hat[n] * x_hat[0]);
    CHECK(x.grad().data[n] == Approx(expected));
  }
}

TEST_CASE("batch_norm 2-D normalises each channel over N, H and W", "[ops]") {
  // (N=2, C=2, H=1, W=2): channel 0 holds 1 2 5 6, channel 1 holds 10 10 30 30.
  Variable x(Tensor::from({2, 2, 1, 2}, {1, 2, 10, 10, 5, 6, 30, 30}));
  Variable gamma(Tensor({2}, 1.0f)), beta(Tensor({2}, 0.0f));
  BatchNormStatistics running = BatchNormStatistics::initial(2);
  Tensor y = gan::batch_norm(x, gamma, beta, running, true, 0.5f, 0.0f).value();
  // channel 0: mean 3.5, biased variance (6.25 + 2.25 + 2.25 + 6.25) / 4 = 4.25, unbiased 17/3
  // channel 1: mean 20, biased variance 100, unbiased 400/3
  CHECK(running.mean.data[0] == Approx(0.5 * 3.5));
  CHECK(running.mean.data[1] == Approx(0.5 * 20));
  CHECK(running.variance.data[0] == Approx(0.5 + 0.5 * 17.0 / 3));
  CHECK(running.variance.data[1] == Approx(0.5 + 0.5 * 400.0 / 3));
  CHECK(y.data[0] == Approx(-2.5 / std::sqrt(4.25)));
  CHECK(y.data[2] == Approx(-1.0));
  CHECK(y.data[7] == Approx(1.0));
}

TEST_CASE("batch_norm in training gives each channel mean 0 and variance 1", "[ops]") {
  gan::Rng rng(41);
  Tensor values({8, 3, 5, 5});
  rng.fill_normal(values, 3.0f, 2.0f);
  Variable x(values), gamma(Tensor({3}, 1.0f)), beta(Tensor({3}, 0.0f));
  BatchNormStatistics running = BatchNormStatistics::initial(3);
  Tensor y = gan::batch_norm(x, gamma, beta, running, true).value();
  for (int c = 0; c < 3; ++c) {
    double sum = 0.0, sum_sq = 0.0;
    for (int n = 0; n < 8; ++n)
      for (int p = 0; p < 25; ++p) {
        double v = y.data[(n * 3 + c) * 25 + p];
        sum += v;
        sum_sq += v * v;
      }
    CHECK(sum / 200 == Approx(0.0).margin(1e-5));
    CHECK(sum_sq / 200 == Approx(1.0).epsilon(1e-3));  // eps = 1e-5 shrinks it a little
  }
}

TEST_CASE("batch_norm over feature vectors sums each column in n order, bit for bit", "[ops]") {
  // (N, D) = (64, 1000): batch_norm adds these sums row after row, in chunks of channels that run
  // in parallel; each channel's must still be the plain double sum down its column, n = 0, 1, ...
  const int N = 64, D = 1000;
  gan::Rng rng(43);
  Tensor values({N, D});
  rng.fill_normal(values, 1.0f, 3.0f);
  Variable x(values), gamma(Tensor({D}, 1.5f)), beta(Tensor({D}, -0.25f));
  BatchNormStatistics running = BatchNormStatistics::initial(D);
  const float eps = 1e-5f;
  Tensor y = gan::batch_norm(x, gamma, beta, running, true, 1.0f, eps).value();  // momentum 1: the batch's own
  int mismatches = 0;
  for (int c = 0; c < D; ++c) {
    double sum = 0.0;
    for (int n = 0; n < N; ++n) sum += values.data[n * D + c];
    const Scalar mean = static_cast<Scalar>(sum / N);
    double squares = 0.0;
    for (int n = 0; n < N; ++n) squares += (values.data[n * D + c] - mean) * (values.data[n * D + c] - mean);
    const double variance = squares / N;
    const Scalar inv_std = static_cast<Scalar>(1.0 / std::sqrt(variance + eps));
    mismatches += running.mean.data[c] != mean;
    mismatches += running.variance.data[c] != static_cast<Scalar>(static_cast<Scalar>(variance) * (N / (N - 1.0)));
    for (int n = 0; n < N; ++n) {
      mismatches += y.data[n * D + c] != Scalar{1.5f} * ((values.data[n * D + c] - mean) * inv_std) + Scalar{-0.25f};
    }
  }
  CHECK(mismatches == 0);
}

TEST_CASE("batch_norm over images sums each channel block by block in lanes, bit for bit", "[ops]") {
  // Each channel's sums run over its N image blocks in order, each block's value p in lane p % 8
  // (kernels::add_to_lanes), the lanes added 0 to 7 at the end. Planes of 7 x 7 and 3 x 5 leave
  // last groups of 1 and 7 values; the statistics, y, dL/dgamma, dL/dbeta and dL/dx are checked
  // against that order written out here.
  for (const Shape& shape : {Shape{5, 3, 7, 7}, Shape{4, 2, 3, 5}}) {
    INFO("x " << shape.str());
    const int N = shape[0], C = shape[1], P = shape[2] * shape[3];
    gan::Rng rng(44);
    Tensor values(shape), dy(shape);
    rng.fill_normal(values, 1.0f, 3.0f);
    rng.fill_normal(dy, 0.0f, 1.0f);
    Variable x(values, true), gamma(Tensor({C}, 1.5f), true), beta(Tensor({C}, -0.25f), true);
    BatchNormStatistics running = BatchNormStatistics::initial(C);
    const float eps = 1e-5f;
    Variable y = gan::batch_norm(x, gamma, beta, running, true, 1.0f, eps);  // momentum 1: the batch's own
    y.backward(dy);
    auto channel_sum = [&](int c, auto term) {
      double lanes[8] = {};
      for (int n = 0; n < N; ++n)
        for (int p = 0; p < P; ++p) lanes[p % 8] += term((n * C + c) * P + p);
      double total = 0.0;
      for (double lane : lanes) total += lane;
      return total;
    };
    const int64_t m = int64_t{N} * P;
    int mismatches = 0;
    for (int c = 0; c < C; ++c) {
      const Scalar* v = values.data.data();
      const Scalar mean = static_cast<Scalar>(channel_sum(c, [&](int64_t i) { return v[i]; }) / m);
      const double variance = channel_sum(c, [&](int64_t i) { return (v[i] - mean) * (v[i] - mean); }) / m;
      const Scalar inv_std = static_cast<Scalar>(1.0 / std::sqrt(variance + eps));
      mismatches += running.mean.data[c] != mean;
      mismatches += running.variance.data[c] != static_cast<Scalar>(static_cast<Scalar>(variance) * (m / (m - 1.0)));
      const double sum_dy = channel_sum(c, [&](int64_t i) { return dy.data[i]; });
      const double sum_dy_xhat = channel_sum(c, [&](int64_t i) { return dy.data[i] * (v[i] - mean); }) * inv_std;
      mismatches += beta.grad().data[c] != static_cast<Scalar>(sum_dy);
      mismatches += gamma.grad().data[c] != static_cast<Scalar>(sum_dy_xhat);
      const Scalar mean_dy = static_cast<Scalar>(sum_dy / m), mean_dy_xhat = static_cast<Scalar>(sum_dy_xhat / m);
      for (int n = 0; n < N; ++n) {
        for (int p = 0; p < P; ++p) {
          const int64_t i = (int64_t{n} * C + c) * P + p;
          const Scalar x_hat = (v[i] - mean) * inv_std;
          mismatches += y.value().data[i] != Scalar{1.5f} * x_hat + Scalar{-0.25f};
          const Scalar dx = Scalar{0} + Scalar{1.5f} * inv_std * (dy.data[i] - mean_dy - x_hat * mean_dy_xhat);
          mismatches += x.grad().data[i] != dx;
        }
      }
    }
    CHECK(mismatches == 0);
  }
}

TEST_CASE("batch_norm in evaluation uses the running statistics and leaves them alone", "[ops]") {
  Variable x(Tensor::from({2, 2}, {1, 2, 3, 4}), true);
  Variable gamma(Tensor::from({2}, {1, 3}), true), beta(Tensor::from({2}, {0, 1}), true);
  BatchNormStatistics running{Tensor::from({2}, {1, 2}), Tensor::from({2}, {4, 16})};
  Variable y = gan::batch_norm(x, gamma, beta, running, false, 0.1f, 0.0f);
  // feature 0: (x - 1) / 2;  feature 1: 3 (x - 2) / 4 + 1
  CHECK(y.value().data == std::vector<Scalar>{0.0f, 1.0f, 1.0f, 2.5f});
  CHECK(running.mean.data == std::vector<Scalar>{1, 2});
  CHECK(running.variance.data == std::vector<Scalar>{4, 16});
  y.backward(Tensor({2, 2}, 1.0f));
  CHECK(x.grad().data == std::vector<Scalar>{0.5f, 0.75f, 0.5f, 0.75f});  // (D.10.4): gamma / sigma
  CHECK(gamma.grad().data == std::vector<Scalar>{1.0f, 0.5f});  // sum of x_hat: 0 + 1, 0 + 0.5
  CHECK(beta.grad().data == std::vector<Scalar>{2, 2});
}

TEST_CASE("batch_norm writes dL/dx into a fresh gradient as 0 + term, and adds it to one that holds values", "[ops]") {
  // In evaluation, feature 0's terms are gamma / sigma dy = -0.5 * 0 = -0: a zero-filled gradient
  // would hold 0 + -0 = +0, so the fresh one must too. In training (x (3, 2, 2, 2)), a second
  // backward with no zero_grad between leaves exactly twice the first.
  Variable x(Tensor::from({2, 2}, {1, 2, 3, 4}), true);
  Variable gamma(Tensor::from({2}, {-1, 3}), true), beta(Tensor::from({2}, {0, 1}), true);
  BatchNormStatistics running{Tensor::from({2}, {1, 2}), Tensor::from({2}, {4, 16})};
  gan::batch_norm(x, gamma, beta, running, false, 0.1f, 0.0f).backward(Tensor::from({2, 2}, {0, 1, 0, 1}));
  CHECK(x.grad().data == std::vector<Scalar>{0.0f, 0.75f, 0.0f, 0.75f});
  CHECK_FALSE(std::signbit(x.grad().data[0]));
  CHECK_FALSE(std::signbit(x.grad().data[2]));

  gan::Rng rng(45);
  Tensor values({3, 2, 2, 2}), dy({3, 2, 2, 2});
  rng.fill_normal(values, 0.0f, 1.0f);
  rng.fill_normal(dy, 0.0f, 1.0f);
  Variable images(values, true), scale(Tensor({2}, 1.5f)), shift(Tensor({2}, 0.0f));
  BatchNormStatistics statistics = BatchNormStatistics::initial(2);
  gan::batch_norm(images, scale, shift, statistics, true, 0.1f, 1e-5f).backward(dy);
  const Tensor once = images.grad();
  gan::batch_norm(images, scale, shift, statistics, true, 0.1f, 1e-5f).backward(dy);
  bool doubled = true;
  for (int64_t i = 0; i < once.numel(); ++i) doubled &= images.grad().data[i] == 2.0f * once.data[i];
  CHECK(doubled);
}

TEST_CASE("batch_norm names the mismatched shapes", "[ops]") {
  BatchNormStatistics running = BatchNormStatistics::initial(64);
  Variable gamma(Tensor({64}, 1.0f)), beta(Tensor({64}));
  CHECK_THROWS_WITH(gan::batch_norm(Variable(Tensor({8, 32, 7, 7})), gamma, beta, running, true),
                    "batch_norm: gamma must be (32), got (64)");
  CHECK_THROWS_WITH(gan::batch_norm(Variable(Tensor({8, 64, 7})), gamma, beta, running, true),
                    "batch_norm: input must be (N, D) or (N, C, H, W), got (8, 64, 7)");
  CHECK_THROWS_WITH(gan::batch_norm(Variable(Tensor({1, 64})), gamma, beta, running, true),
                    Catch::Contains("at least 2 values per channel"));
}
