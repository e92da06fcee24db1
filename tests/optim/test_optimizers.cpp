#include <catch2/catch.hpp>

#include <map>

#include "gan/ops/math.h"
#include "gan/ops/arithmetic.h"
#include "gan/ops/reductions.h"
#include "gan/optim/adam.h"
#include "gan/optim/sgd.h"

using gan::Scalar;
using gan::Tensor;
using gan::Variable;

namespace {

// Gives a leaf parameter the gradient g, as a backward pass would.
void set_grad(const Variable& theta, const std::vector<Scalar>& g) {
  theta.zero_grad();
  theta.backward(Tensor::from(theta.shape(), g));
}

// L = 1/2 a sum theta^2, so dL/dtheta = a theta: a quadratic bowl with its minimum at 0.
Variable quadratic(const Variable& theta, Scalar a) { return gan::mul_scalar(gan::sum(gan::square(theta)), 0.5f * a); }

}  // namespace

TEST_CASE("Adam's first steps match Algorithm 1 worked by hand", "[optim][task 4.1]") {
  Variable theta(Tensor::from({1}, {1.0f}), true);
  gan::Adam adam({{"theta", theta}}, gan::AdamSettings{0.1f, 0.5f, 0.999f, 1e-8f});
  // t = 1, g = 2: m = 1, v = 0.004, m_hat = 2, v_hat = 4: theta = 1 - 0.1 * 2 / (2 + 1e-8).
  set_grad(theta, {2.0f});
  adam.step();
  CHECK(theta.value().data[0] == Approx(0.9000000005).epsilon(1e-6));
  // t = 2, g = 1: m = 1, v = 0.004996, m_hat = 1 / 0.75, v_hat = 0.004996 / 0.001999.
  set_grad(theta, {1.0f});
  adam.step();
  CHECK(theta.value().data[0] == Approx(0.8156599385).epsilon(1e-6));
  // t = 3, g = -4: m = -1.5, v = 0.020991004; the step changes sign with the gradient.
  set_grad(theta, {-4.0f});
  adam.step();
  CHECK(theta.value().data[0] == Approx(0.8804353294).epsilon(1e-6));
  CHECK(adam.steps() == 3);
  auto state = adam.state("opt");
  REQUIRE(state.size() == 3);
  CHECK(state[0].first == "opt.step");
  CHECK(state[0].second.data == std::vector<Scalar>{3.0f});
  CHECK(state[1].first == "opt.theta.m");
  CHECK(state[1].second.data[0] == Approx(-1.5));
  CHECK(state[2].first == "opt.theta.v");
  CHECK(state[2].second.data[0] == Approx(0.020991004).epsilon(1e-4));  // 1 - 0.999f is 0.00100005 in float
}

TEST_CASE("Adam's set_lr scales the next step and keeps t, m and v", "[optim]") {
  // Two Adams see the same gradients; one halves its lr after the first step. Because t, m and v
  // carry over, its second step is exactly half the other's: lr m_hat / (sqrt(v_hat) + eps).
  Variable kept(Tensor::from({1}, {1.0f}), true), halved(Tensor::from({1}, {1.0f}), true);
  gan::Adam adam_kept({{"theta", kept}}, gan::AdamSettings{0.1f});
  gan::Adam adam_halved({{"theta", halved}}, gan::AdamSettings{0.1f});
  for (auto [theta, adam] : {std::pair{kept, &adam_kept}, std::pair{halved, &adam_halved}}) {
    set_grad(theta, {2.0f});
    adam->step();
  }
  adam_halved.set_lr(0.05f);
  CHECK(adam_halved.lr() == 0.05f);
  const Scalar kept_before = kept.value().data[0], halved_before = halved.value().data[0];
  for (auto [theta, adam] : {std::pair{kept, &adam_kept}, std::pair{halved, &adam_halved}}) {
    set_grad(theta, {1.0f});
    adam->step();
  }
  // By hand (beta1 0.5): t = 2, m = 1, v = 0.004996, m_hat = 4/3, v_hat = 2.49925: a step of 0.08434
  // at lr 0.1 (as in the hand-worked test above), 0.04217 at lr 0.05.
  CHECK(kept_before - kept.value().data[0] == Approx(0.0843400615).epsilon(1e-5));
  CHECK(halved_before - halved.value().data[0] == Approx(0.5 * 0.0843400615).epsilon(1e-5));
  CHECK(adam_halved.steps() == 2);
  CHECK_THROWS_WITH(adam_halved.set_lr(0.0f), Catch::Contains("Adam: lr must be > 0"));
}

TEST_CASE("SGD with momentum on a quadratic follows the hand-worked iterates", "[optim]") {
  // a = 2, lr = 0.1, momentum 0.9, theta_0 = 1:
  //   g = 2.0, b = 2.0, theta = 0.8;   g = 1.6, b = 3.4, theta = 0.46;   g = 0.92, b = 3.98, theta = 0.062
  Variable theta(Tensor::from({1}, {1.0f}), true);
  gan::Sgd sgd({{"theta", theta}}, gan::SgdSettings{0.1f, 0.9f, 0.0f});
  const Scalar expected[] = {0.8f, 0.46f, 0.062f};
  for (Scalar value : expected) {
    sgd.zero_grad();
    quadratic(theta, 2.0f).backward();
    sgd.step();
    CHECK(theta.value().data[0] == Approx(value).epsilon(1e-5));
  }
  // and it settles at the minimum
  for (int step = 0; step < 300; ++step) {
    sgd.zero_grad();
    quadratic(theta, 2.0f).backward();
    sgd.step();
  }
  CHECK(std::fabs(theta.value().data[0]) < 1e-4f);
}

TEST_CASE("SGD's weight decay shrinks a parameter with zero gradient", "[optim]") {
  Variable theta(Tensor::from({2}, {1.0f, -2.0f}), true);
  gan::Sgd sgd({{"theta", theta}}, gan::SgdSettings{0.1f, 0.0f, 0.5f});
  set_grad(theta, {0.0f, 0.0f});
  sgd.step();  // theta -= 0.1 * 0.5 theta
  const Scalar lr = 0.1f, decay = 0.5f;
  CHECK(theta.value().data == std::vector<Scalar>{1 - lr * (decay * 1), -2 - lr * (decay * -2)});
  CHECK(sgd.state("s").size() == 1);  // no momentum: only the step count
}

TEST_CASE("optimisers skip parameters that received no gradient", "[optim]") {
  Variable a(Tensor::from({1}, {1.0f}), true), b(Tensor::from({1}, {1.0f}), true);
  gan::Adam adam({{"a", a}, {"b", b}}, gan::AdamSettings{});
  set_grad(a, {1.0f});
  adam.step();
  CHECK(a.value().data[0] < 1.0f);
  CHECK(b.value().data[0] == 1.0f);
  CHECK(adam.state("o")[4].second.data[0] == 0.0f);  // "o.b.v" untouched
  adam.zero_grad();
  CHECK(a.grad().empty());
}

TEST_CASE("state and load_state continue a run exactly", "[optim]") {
  auto run = [](gan::Optimizer& optimizer, const Variable& theta, int steps) {
    for (int step = 0; step < steps; ++step) {
      optimizer.zero_grad();
      quadratic(theta, 3.0f).backward();
      optimizer.step();
    }
  };
  for (std::string kind : {"adam", "sgd"}) {
    auto make = [&](const Variable& theta) -> std::unique_ptr<gan::Optimizer> {
      if (kind == "adam") return std::make_unique<gan::Adam>(std::vector<gan::nn::NamedParameter>{{"w", theta}},
                                                             gan::AdamSettings{0.05f});
      return std::make_unique<gan::Sgd>(std::vector<gan::nn::NamedParameter>{{"w", theta}},
                                        gan::SgdSettings{0.05f, 0.9f});
    };
    Variable theta(Tensor::from({3}, {1.0f, -2.0f, 0.5f}), true);
    auto original = make(theta);
    run(*original, theta, 3);
    std::map<std::string, Tensor> saved;
    for (auto& entry : original->state("d_optimizer")) saved[entry.first] = entry.second;
    Variable resumed_theta(theta.value(), true);

    run(*original, theta, 4);
    auto resumed = make(resumed_theta);
    resumed->load_state("d_optimizer", [&](const std::string& name) -> const Tensor& { return saved.at(name); });
    run(*resumed, resumed_theta, 4);
    INFO(kind);
    CHECK(resumed_theta.value().data == theta.value().data);  // bit for bit
    CHECK(resumed->state("x")[0].second.data[0] == 7.0f);
  }
}

TEST_CASE("optimisers reject bad settings and mis-shaped state", "[optim]") {
  Variable theta(Tensor({2, 3}), true);
  CHECK_THROWS_WITH(gan::Adam({{"w", theta}}, gan::AdamSettings{0.0f}), Catch::Contains("Adam: lr must be > 0"));
  CHECK_THROWS_WITH(gan::Adam({{"w", theta}}, gan::AdamSettings{1e-3f, 1.0f}),
                    Catch::Contains("beta1 must be in [0, 1)"));
  CHECK_THROWS_WITH(gan::Sgd({{"w", theta}}, gan::SgdSettings{0.1f, -0.5f}), Catch::Contains("Sgd: momentum"));
  gan::Adam adam({{"w", theta}}, gan::AdamSettings{});
  Tensor step = Tensor::from({1}, {1.0f}), wrong({3, 2});
  auto find = [&](const std::string& name) -> const Tensor& { return name == "o.step" ? step : wrong; };
  CHECK_THROWS_WITH(adam.load_state("o", find), Catch::Contains("o.w.m must be (2, 3), got (3, 2)"));
}
