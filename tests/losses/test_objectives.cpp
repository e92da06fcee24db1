#include <catch2/catch.hpp>

#include <cmath>

#include "gan/losses/objective_checks.h"
#include "gan/losses/objectives.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

namespace {

Variable logits(const std::vector<Scalar>& values, bool requires_grad = false) {
  int N = static_cast<int>(values.size());
  return Variable(Tensor::from({N, 1}, values), requires_grad);
}

double sigmoid(double x) { return 1.0 / (1.0 + std::exp(-x)); }

}  // namespace

TEST_CASE("every objective passes its gradient check, logits from -30 to 30", "[losses][gradcheck]") {
  for (const gan::OpCheck& check : gan::objective_checks()) {
    auto result = check.run();
    INFO(check.op << " max abs error " << result.max_abs_error << ", rel " << result.max_rel_error);
    CHECK(result.passed);
    CHECK(result.entries_checked >= 8);
  }
}

TEST_CASE("the discriminator's minimax loss at hand-worked logits", "[losses][task 3.2]") {
  const double ln2 = std::log(2.0);
  // D undecided, D = 1/2: -ln(1/2) - ln(1 - 1/2) = 2 ln 2.
  CHECK(gan::d_loss_minimax(logits({0, 0}), logits({0})).value().data[0] == Approx(2 * ln2));
  // l_r = 2, l_f = -1: softplus(-2) + softplus(-1) = ln(1 + e^-2) + ln(1 + e^-1).
  CHECK(gan::d_loss_minimax(logits({2}), logits({-1})).value().data[0] ==
        Approx(std::log1p(std::exp(-2.0)) + std::log1p(std::exp(-1.0))));
  // Means over each batch separately: real {0, 4}, fake {0}.
  CHECK(gan::d_loss_minimax(logits({0, 4}), logits({0})).value().data[0] ==
        Approx((ln2 + std::log1p(std::exp(-4.0))) / 2 + ln2));
}

TEST_CASE("the generator's minimax loss at hand-worked logits", "[losses][task 3.3]") {
  // ln(1 - 1/2) = -ln 2 at l_f = 0
  CHECK(gan::g_loss_minimax(logits({0, 0, 0})).value().data[0] == Approx(-std::log(2.0)));
}

TEST_CASE("the generator's non-saturating loss at hand-worked logits", "[losses][task 3.4]") {
  // -ln(1/2) = ln 2 at l_f = 0
  CHECK(gan::g_loss_nonsaturating(logits({0})).value().data[0] == Approx(std::log(2.0)));
}

TEST_CASE("the minimax losses stay finite however confident D is", "[losses]") {
  // A perfect D: the loss is ~0, not NaN from 0 * log 0.
  Scalar perfect = gan::d_loss_minimax(logits({100, 50}), logits({-100})).value().data[0];
  CHECK(perfect >= 0.0f);
  CHECK(perfect < 1e-20f);
  // A D that is confidently wrong: ln(1 + e^100) = 100 exactly in float, not inf.
  CHECK(gan::d_loss_minimax(logits({-100}), logits({100})).value().data[0] == Approx(200.0));
  CHECK(gan::g_loss_nonsaturating(logits({-100})).value().data[0] == Approx(100.0));
  CHECK(gan::g_loss_minimax(logits({100})).value().data[0] == Approx(-100.0));
}

TEST_CASE("the minimax generator loss saturates where the non-saturating one does not", "[losses]") {
  // D rejects every fake: l_f = -8, D(G(z)) = sigma(-8) ~ 3.4e-4. N = 4.
  const int N = 4;
  Variable l_minimax = logits({-8, -8, -8, -8}, true), l_nonsaturating = logits({-8, -8, -8, -8}, true);
  gan::g_loss_minimax(l_minimax).backward();
  gan::g_loss_nonsaturating(l_nonsaturating).backward();
  for (int n = 0; n < N; ++n) {
    // d/dl ln(1 - sigma(l)) / N = -sigma(l) / N: vanishes as D wins.
    CHECK(l_minimax.grad().data[n] == Approx(-sigmoid(-8) / N).epsilon(1e-5));
    // d/dl -ln sigma(l) / N = -(1 - sigma(l)) / N: stays near -1/N.
    CHECK(l_nonsaturating.grad().data[n] == Approx(-(1 - sigmoid(-8)) / N).epsilon(1e-5));
  }
  CHECK(std::fabs(l_nonsaturating.grad().data[0]) > 2900 * std::fabs(l_minimax.grad().data[0]));
}

TEST_CASE("the discriminator's minimax gradients are sigma(l) - target over N", "[losses][task 3.2]") {
  Variable real = logits({0.5f, -1}, true), fake = logits({2, 0, -3}, true);
  gan::d_loss_minimax(real, fake).backward();
  CHECK(real.grad().data[0] == Approx((sigmoid(0.5) - 1) / 2));
  CHECK(real.grad().data[1] == Approx((sigmoid(-1) - 1) / 2));
  CHECK(fake.grad().data[0] == Approx(sigmoid(2) / 3));
  CHECK(fake.grad().data[2] == Approx(sigmoid(-3) / 3));
}

TEST_CASE("least squares, hinge and Wasserstein losses at hand-worked logits", "[losses]") {
  // LSGAN: 1/2 mean (l_r - 1)^2 + 1/2 mean l_f^2.
  CHECK(gan::d_loss_least_squares(logits({1, 1}), logits({0})).value().data[0] == 0.0f);
  CHECK(gan::d_loss_least_squares(logits({3}), logits({2, 0})).value().data[0] == Approx(0.5 * 4 + 0.5 * 2));
  CHECK(gan::g_loss_least_squares(logits({0, 1})).value().data[0] == Approx(0.25));
  // Hinge: mean max(0, 1 - l_r) + mean max(0, 1 + l_f) = (0 + 0.5)/2 + (0 + 1)/2.
  CHECK(gan::d_loss_hinge(logits({2, 0.5f}), logits({-2, 0})).value().data[0] == Approx(0.75));
  CHECK(gan::g_loss_hinge(logits({2, -4})).value().data[0] == Approx(1.0));
  // WGAN critic: mean l_f - mean l_r = -1 - 2.
  CHECK(gan::d_loss_wasserstein(logits({1, 3}), logits({-1})).value().data[0] == Approx(-3.0));
  CHECK(gan::g_loss_wasserstein(logits({1, 3})).value().data[0] == Approx(-2.0));

  // The hinge passes no gradient from samples beyond the margin.
  Variable real = logits({2, 0.5f}, true), fake = logits({-2, 0}, true);
  gan::d_loss_hinge(real, fake).backward();
  CHECK(real.grad().data == std::vector<Scalar>{0.0f, -0.5f});
  CHECK(fake.grad().data == std::vector<Scalar>{0.0f, 0.5f});
}

TEST_CASE("objective_named pairs each game's two losses", "[losses]") {
  gan::Objective minimax = gan::objective_named("minimax");
  CHECK(minimax.d_loss == gan::d_loss_minimax);
  CHECK(minimax.g_loss == gan::g_loss_minimax);
  gan::Objective nonsaturating = gan::objective_named("nonsaturating");
  CHECK(nonsaturating.d_loss == gan::d_loss_minimax);
  CHECK(nonsaturating.g_loss == gan::g_loss_nonsaturating);
  CHECK(gan::objective_named("lsgan").g_loss == gan::g_loss_least_squares);
  CHECK(gan::objective_named("hinge").d_loss == gan::d_loss_hinge);
  gan::Objective wgan = gan::objective_named("wgan");
  CHECK(wgan.d_loss == gan::d_loss_wasserstein);
  CHECK(wgan.clips_discriminator_weights);
  CHECK_FALSE(nonsaturating.clips_discriminator_weights);
  CHECK(wgan.name == "wgan");
  CHECK_THROWS_WITH(gan::objective_named("bce"),
                    Catch::Contains("minimax|nonsaturating|lsgan|hinge|wgan") && Catch::Contains("'bce'"));
}

TEST_CASE("clip_weights clamps every parameter to [-c, c]", "[losses]") {
  Variable W(Tensor::from({2, 2}, {-0.5f, 0.003f, 0.02f, -0.01f}), true);
  Variable b(Tensor::from({1}, {1.0f}), true);
  gan::clip_weights({{"0.weight", W}, {"0.bias", b}}, 0.01f);
  CHECK(W.value().data == std::vector<Scalar>{-0.01f, 0.003f, 0.01f, -0.01f});
  CHECK(b.value().data == std::vector<Scalar>{0.01f});
  CHECK_THROWS_WITH(gan::clip_weights({}, 0.0f), Catch::Contains("limit must be > 0"));
}

TEST_CASE("objectives name an empty batch", "[losses]") {
  CHECK_THROWS_WITH(gan::d_loss_minimax(Variable(Tensor({0, 1})), logits({0})),
                    Catch::Contains("d_loss_minimax: d_real_logits must hold at least one logit, got (0, 1)"));
}
