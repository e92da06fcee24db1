#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/pca.h"

using gan::Tensor;
using namespace gan::metrics;

TEST_CASE("fit_pca finds the top eigenpairs of the covariance", "[metrics]") {
  // Data with a decaying spectrum in a random basis: x = z diag(s) R^T, s_d = 3 * 0.8^d.
  gan::Rng rng(20);
  int N = 3000, D = 40, k = 5;
  Matrix random(D, D);
  for (int i = 0; i < D; ++i) {
    for (int j = i; j < D; ++j) random(i, j) = random(j, i) = rng.normal();
  }
  Matrix R = symmetric_eigen(random).vectors;  // a random orthogonal basis
  Tensor x({N, D});
  for (int n = 0; n < N; ++n) {
    std::vector<double> z(D);
    for (int d = 0; d < D; ++d) z[d] = 3.0 * std::pow(0.8, d) * rng.normal();
    for (int i = 0; i < D; ++i) {
      double value = 1.0;  // a mean to be removed
      for (int d = 0; d < D; ++d) value += R(i, d) * z[d];
      x.at(n, i) = static_cast<float>(value);
    }
  }
  Pca pca = fit_pca(x, k, rng);
  SymmetricEigen exact = symmetric_eigen(covariance(x, column_means(x)));
  for (int i = 0; i < k; ++i) {
    INFO("component " << i);
    CHECK(pca.variances[i] == Approx(exact.values[i]).epsilon(1e-5));
    double dot = 0.0;  // |cos| between the found and the exact direction
    for (int d = 0; d < D; ++d) dot += pca.components(i, d) * exact.vectors(d, i);
    CHECK(std::abs(dot) == Approx(1.0).margin(1e-5));
  }
  // The projections are centred and uncorrelated, with the component variances.
  Matrix z = project(pca, x);
  for (int i = 0; i < k; ++i) {
    for (int j = 0; j < k; ++j) {
      double sum = 0.0;
      for (int n = 0; n < N; ++n) sum += z(n, i) * z(n, j);
      CHECK(sum / (N - 1) == Approx(i == j ? pca.variances[i] : 0.0).margin(1e-4 * pca.variances[0]));
    }
  }
}

TEST_CASE("fit_pca with k = D is a rotation", "[metrics]") {
  gan::Rng rng(21);
  Tensor x({50, 3});
  rng.fill_normal(x, 0.0f, 1.0f);
  Pca pca = fit_pca(x, 3, rng);
  Matrix product = multiply(pca.components, transpose(pca.components));
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) CHECK(product(i, j) == Approx(i == j ? 1.0 : 0.0).margin(1e-12));
  }
  CHECK_THROWS_WITH(fit_pca(x, 4, rng), Catch::Contains("k must be in [1, D] with D=3"));
  CHECK_THROWS_WITH(project(pca, Tensor({2, 4})), Catch::Contains("D=3"));
}
