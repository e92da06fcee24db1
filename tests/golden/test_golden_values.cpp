// Golden values: each task of assignment mode (docs/teaching.md) on inputs small enough to work by
// hand, with the outputs and gradients written out. The numbers were computed from the formulas in
// the comments, in double precision, independently of gan.cpp; a wrong implementation fails with
// the element that differs, what was expected and what it gave.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "gan/kernels/optimizer.h"
#include "gan/losses/objectives.h"
#include "gan/metrics/fid.h"
#include "gan/ops/activations.h"
#include "gan/ops/batch_norm.h"
#include "gan/ops/conv2d.h"
#include "gan/ops/loss_ops.h"
#include "gan/ops/matmul.h"
#include "gan/optim/adam.h"

using gan::Tensor;
using gan::Variable;

namespace {

// got against the hand-computed values, element by element: the first element further than
// tol * (1 + |expected|) from its value fails the test case, naming its index.
template <class Values>  // a Tensor's data or a plain std::vector<float>
void check_values(const std::string& what, const Values& got, const std::vector<double>& expected,
                  double tol = 1e-5) {
  if (got.size() != expected.size()) {
    FAIL(what << ": expected " << expected.size() << " values, got " << got.size());
  }
  for (size_t i = 0; i < got.size(); ++i) {
    if (!(std::fabs(got[i] - expected[i]) <= tol * (1.0 + std::fabs(expected[i])))) {
      std::ostringstream message;
      message.precision(9);
      message << what << "[" << i << "]: expected " << expected[i] << ", got " << got[i];
      FAIL(message.str());
    }
  }
  SUCCEED(what << ": " << got.size() << " values as expected");
}

void check_value(const std::string& what, double got, double expected, double tol = 1e-5) {
  check_values(what, std::vector<float>{static_cast<float>(got)}, {expected}, tol);
}

}  // namespace

TEST_CASE("golden: sigmoid forward and backward", "[golden][task 1.1]") {
  // y = 1 / (1 + e^-x); dL/dx = dy y (1 - y)                                              (D.4.1)
  Variable x(Tensor::from({4}, {0.0f, std::log(3.0f), -std::log(3.0f), 2.0f}), true);
  Variable y = gan::sigmoid(x);
  check_values("sigmoid y", y.value().data, {0.5, 0.75, 0.25, 0.8807970779778823});
  y.backward(Tensor::from({4}, {1.0f, 2.0f, -1.0f, 0.5f}));
  check_values("sigmoid dx", x.grad().data, {0.25, 0.375, -0.1875, 0.05249679270175331});
}

TEST_CASE("golden: tanh forward and backward", "[golden][task 1.2]") {
  // dL/dx = dy (1 - y^2)                                                                   (D.4.2)
  Variable x(Tensor::from({3}, {0.0f, 0.5f, -1.0f}), true);
  Variable y = gan::tanh(x);
  check_values("tanh y", y.value().data, {0.0, 0.46211715726000974, -0.7615941559557649});
  y.backward(Tensor::from({3}, {1.0f, 1.0f, 2.0f}));
  check_values("tanh dx", x.grad().data, {1.0, 0.7864477329659274, 0.8399486832280523});
}

TEST_CASE("golden: a 2x3 by 3x2 matmul and its gradients", "[golden][task 2.1]") {
  // A = [1 2 3; 4 5 6], B = [7 8; 9 10; 11 12], dY = [1 2; 3 4]:
  // dA = dY B^T (D.1.1), dB = A^T dY (D.1.2).
  Variable a(Tensor::from({2, 3}, {1, 2, 3, 4, 5, 6}), true);
  Variable b(Tensor::from({3, 2}, {7, 8, 9, 10, 11, 12}), true);
  Variable y = gan::matmul(a, b);
  check_values("matmul y", y.value().data, {58, 64, 139, 154});
  y.backward(Tensor::from({2, 2}, {1, 2, 3, 4}));
  check_values("matmul da", a.grad().data, {23, 29, 35, 53, 67, 81});
  check_values("matmul db", b.grad().data, {13, 18, 17, 24, 21, 30});
}

TEST_CASE("golden: a 3x3 convolution, padding 1, and its gradients", "[golden][task 2.2]") {
  // One 3x3 image, one 3x3 kernel, bias 0.5, stride 1, padding 1: y[i][j] = b + sum_ab W[a][b]
  // x[i+a-1][j+b-1] (cross-correlation, zeros outside). dW[a][b] = sum_ij dy[i][j] x[i+a-1][j+b-1],
  // dx[p][q] = sum_ij dy[i][j] W[p-i+1][q-j+1], db = sum dy.
  Variable x(Tensor::from({1, 1, 3, 3}, {1, 2, 0, 0, 1, 3, 2, 1, 1}), true);
  Variable w(Tensor::from({1, 1, 3, 3}, {1, 0, -1, 2, 1, 0, 0, 1, 1}), true);
  Variable b(Tensor::from({1}, {0.5f}), true);
  Variable y = gan::conv2d(x, w, b, 1, 1);
  check_values("conv2d y", y.value().data, {2.5, 8.5, 7.5, 1.5, 4.5, 8.5, 1.5, 2.5, 4.5});
  y.backward(Tensor::from({1, 1, 3, 3}, {1, 0, 2, 0, 1, 0, -1, 0, 1}));
  check_values("conv2d dW", w.grad().data, {2, 5, -1, 5, 1, 4, 4, 7, 2});
  check_values("conv2d dx", x.grad().data, {2, 4, 1, 3, 4, 2, -1, 3, 2});
  check_values("conv2d db", b.grad().data, {4});
}

TEST_CASE("golden: a batch of 4 through batch norm, forward and backward", "[golden][task 2.3]") {
  // x = 1, 2, 3, 4 (N = 4, D = 1), gamma 2, beta 0.5, eps 1e-5: mu = 2.5, sigma^2 = 1.25 (biased),
  // y = gamma x_hat + beta (D.10.1). dy = 1, 0, 0, -2:
  // dx = gamma / sigma (dy - mean(dy) - x_hat mean(dy x_hat)) (D.10.3), dgamma = sum dy x_hat.
  Variable x(Tensor::from({4, 1}, {1, 2, 3, 4}), true);
  Variable gamma(Tensor::from({1}, {2.0f}), true), beta(Tensor::from({1}, {0.5f}), true);
  gan::BatchNormStatistics running = gan::BatchNormStatistics::initial(1);
  Variable y = gan::batch_norm(x, gamma, beta, running, true);
  check_values("batch_norm y", y.value().data,
               {-2.1832708399378538, -0.394423613312618, 1.394423613312618, 3.1832708399378538});
  // Running statistics, momentum 0.1, with the unbiased variance 1.25 * 4/3.
  check_values("batch_norm running mean", running.mean.data, {0.25});
  check_values("batch_norm running variance", running.variance.data, {1.0666666666666667});
  y.backward(Tensor::from({4, 1}, {1, 0, 0, -2}));
  check_values("batch_norm dx", x.grad().data,
               {-0.17886540326703046, -0.3577630055265496, 1.2521866188391677, -0.7155582100455875});
  check_values("batch_norm dgamma", gamma.grad().data, {-4.02490625990678});
  check_values("batch_norm dbeta", beta.grad().data, {-1});
}

TEST_CASE("golden: binary cross-entropy on logits", "[golden][task 3.1]") {
  // l = 0, 2, -1, t = 1, 0, 1: L = mean(t softplus(-l) + (1 - t) softplus(l)) (D.6.1),
  // dL/dl = (sigma(l) - t) / N (D.6.2).
  Variable l(Tensor::from({3}, {0, 2, -1}), true);
  Variable L = gan::binary_cross_entropy_with_logits(l, Tensor::from({3}, {1, 0, 1}));
  check_value("bce L", L.value().data[0], 1.3777789597070471);
  L.backward();
  check_values("bce dl", l.grad().data, {-1.0 / 6, 0.29359902599262744, -0.2436861928766683});
}

TEST_CASE("golden: the discriminator's minimax loss", "[golden][task 3.2]") {
  // l_r = 1, -2, l_f = 0.5: L_D = mean softplus(-l_r) + mean softplus(l_f)                (D.12.2)
  Variable real(Tensor::from({2}, {1, -2}), true), fake(Tensor::from({1}, {0.5f}), true);
  Variable L = gan::d_loss_minimax(real, fake);
  check_value("d_loss_minimax L", L.value().data[0], 2.1941718334607048);
  L.backward();
  check_values("d_loss_minimax dl_real", real.grad().data, {-0.13447071068499755, -0.4403985389889412});
  check_values("d_loss_minimax dl_fake", fake.grad().data, {0.6224593312018546});
}

TEST_CASE("golden: the generator's minimax loss", "[golden][task 3.3]") {
  // l_f = 0.5, -1: L_G = mean ln(1 - sigma(l_f)) = -mean softplus(l_f), dL/dl = -sigma(l) / N (D.12.3)
  Variable fake(Tensor::from({2}, {0.5f, -1}), true);
  Variable L = gan::g_loss_minimax(fake);
  check_value("g_loss_minimax L", L.value().data[0], -0.6436693358491647);
  L.backward();
  check_values("g_loss_minimax dl", fake.grad().data, {-0.3112296656009273, -0.13447071068499755});
}

TEST_CASE("golden: the generator's non-saturating loss", "[golden][task 3.4]") {
  // l_f = 0.5, -1: L_G = mean softplus(-l_f), dL/dl = (sigma(l) - 1) / N                  (D.12.4)
  Variable fake(Tensor::from({2}, {0.5f, -1}), true);
  Variable L = gan::g_loss_nonsaturating(fake);
  check_value("g_loss_nonsaturating L", L.value().data[0], 0.8936693358491647);
  L.backward();
  check_values("g_loss_nonsaturating dl", fake.grad().data, {-0.1887703343990727, -0.36552928931500245});
}

TEST_CASE("golden: two Adam steps", "[golden][task 4.1]") {
  // lr 0.1, beta1 0.9, beta2 0.999, eps 1e-8; theta = 1, -2; g = (0.5, -1) then (0.5, 2).
  // m = beta1 m + (1 - beta1) g, v = beta2 v + (1 - beta2) g^2,
  // theta -= lr m / (1 - beta1^t) / (sqrt(v / (1 - beta2^t)) + eps)        (Kingma & Ba 2015, Alg. 1)
  const std::vector<double> theta_1 = {0.900000002, -1.900000001};
  const std::vector<double> theta_2 = {0.8000000040000006, -1.9366103534720749};
  SECTION("through the Adam optimiser") {
    Variable theta(Tensor::from({2}, {1, -2}), true);
    gan::Adam adam({{"theta", theta}}, gan::AdamSettings{0.1f, 0.9f, 0.999f, 1e-8f});
    theta.backward(Tensor::from({2}, {0.5f, -1}));
    adam.step();
    check_values("Adam theta after step 1", theta.value().data, theta_1);
    theta.zero_grad();
    theta.backward(Tensor::from({2}, {0.5f, 2}));
    adam.step();
    check_values("Adam theta after step 2", theta.value().data, theta_2);
  }
  SECTION("through the plain-loop kernel, adam_update_ref") {
    std::vector<float> theta = {1, -2}, m(2, 0.0f), v(2, 0.0f);
    std::vector<float> g = {0.5f, -1};
    gan::kernels::adam_update_ref(2, theta.data(), g.data(), m.data(), v.data(), 0.1f, 0.9f, 0.999f, 1e-8f,
                                  1.0f - 0.9f, 1.0f - 0.999f);
    check_values("adam_update_ref theta after step 1", theta, theta_1);
    check_values("adam_update_ref m after step 1", m, {0.05, -0.1});
    check_values("adam_update_ref v after step 1", v, {0.00025, 0.001}, 1e-4);
  }
}

TEST_CASE("golden: the Frechet distance of two Gaussians", "[golden][task 5.1]") {
  // d^2 = |mu_a - mu_b|^2 + Tr(C_a + C_b - 2 (C_a^1/2 C_b C_a^1/2)^1/2)    (Heusel et al. 2017)
  // 1-D: N(0, 1) and N(1, 4): 1 + 1 + 4 - 2 sqrt(4) = 2.
  gan::metrics::GaussianStats a, b;
  a.mean = {0.0};
  a.covariance = gan::metrics::Matrix(1, 1, 1.0);
  b.mean = {1.0};
  b.covariance = gan::metrics::Matrix(1, 1, 4.0);
  check_value("frechet_distance 1-D", gan::metrics::frechet_distance(a, b), 2.0, 1e-9);
  // 2-D, diagonal: means (0, 0) and (3, 4); C_a = diag(1, 9), C_b = diag(4, 1):
  // 25 + (1 + 4 - 2 * 2) + (9 + 1 - 2 * 3) = 25 + 1 + 4 = 30.
  a.mean = {0.0, 0.0};
  a.covariance = gan::metrics::Matrix(2, 2, 0.0);
  a.covariance(0, 0) = 1.0;
  a.covariance(1, 1) = 9.0;
  b.mean = {3.0, 4.0};
  b.covariance = gan::metrics::Matrix(2, 2, 0.0);
  b.covariance(0, 0) = 4.0;
  b.covariance(1, 1) = 1.0;
  check_value("frechet_distance 2-D", gan::metrics::frechet_distance(a, b), 30.0, 1e-9);
}
