#include <catch2/catch.hpp>

#include <cmath>

#include "gan/metrics/linear_algebra.h"
#include "gan/tensor/rng.h"

using gan::Tensor;
using namespace gan::metrics;

namespace {
Matrix random_symmetric(int D, gan::Rng& rng) {
  Matrix a(D, D);
  for (int i = 0; i < D; ++i) {
    for (int j = i; j < D; ++j) a(i, j) = a(j, i) = rng.normal();
  }
  return a;
}
Matrix identity(int D) {
  Matrix I(D, D);
  for (int i = 0; i < D; ++i) I(i, i) = 1.0;
  return I;
}
double max_abs_difference(const Matrix& a, const Matrix& b) {
  double worst = 0.0;
  for (size_t k = 0; k < a.data.size(); ++k) worst = std::max(worst, std::abs(a.data[k] - b.data[k]));
  return worst;
}
}  // namespace

TEST_CASE("column_means and covariance match a hand-worked case", "[metrics]") {
  // Rows (1, 2), (3, 6), (5, 4): mean (3, 4); centred (-2, -2), (0, 2), (2, 0);
  // unbiased covariance = [[8, 4], [4, 8]] / 2.
  Tensor x = Tensor::from({3, 2}, {1, 2, 3, 6, 5, 4});
  std::vector<double> mean = column_means(x);
  CHECK(mean == std::vector<double>{3.0, 4.0});
  Matrix C = covariance(x, mean);
  CHECK(C.data == std::vector<double>{4.0, 2.0, 2.0, 4.0});
  CHECK_THROWS_WITH(covariance(Tensor({1, 2}), {0.0, 0.0}), Catch::Contains("N >= 2"));
}

TEST_CASE("symmetric_eigen finds the eigenpairs of a 2x2 by hand", "[metrics]") {
  // [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1)/sqrt2 and (1, -1)/sqrt2.
  Matrix a(2, 2);
  a.data = {2, 1, 1, 2};
  SymmetricEigen e = symmetric_eigen(a);
  CHECK(e.values[0] == Approx(3.0).epsilon(1e-14));
  CHECK(e.values[1] == Approx(1.0).epsilon(1e-14));
  CHECK(std::abs(e.vectors(0, 0)) == Approx(std::sqrt(0.5)));
  CHECK(e.vectors(0, 0) * e.vectors(1, 0) > 0);  // (1, 1) direction for 3
  CHECK(e.vectors(0, 1) * e.vectors(1, 1) < 0);  // (1, -1) direction for 1
}

TEST_CASE("symmetric_eigen reconstructs random symmetric matrices with orthonormal vectors", "[metrics]") {
  gan::Rng rng(3);
  for (int D : {1, 7, 33, 128}) {  // 128: FID's feature size, past Eigen's blocked Householder threshold
    Matrix a = random_symmetric(D, rng);
    SymmetricEigen e = symmetric_eigen(a);
    Matrix scaled = e.vectors;  // V diag(values)
    for (int i = 0; i < D; ++i) {
      for (int j = 0; j < D; ++j) scaled(i, j) *= e.values[j];
    }
    INFO("D=" << D);
    CHECK(max_abs_difference(multiply(scaled, transpose(e.vectors)), a) < 1e-12);
    CHECK(max_abs_difference(multiply(transpose(e.vectors), e.vectors), identity(D)) < 1e-12);
    for (int i = 1; i < D; ++i) CHECK(e.values[i - 1] >= e.values[i]);
  }
  Matrix not_symmetric(2, 2);
  not_symmetric.data = {1, 2, 3, 4};
  CHECK_THROWS_WITH(symmetric_eigen(not_symmetric), Catch::Contains("must be symmetric"));
}

TEST_CASE("sqrt_psd of a known SPD matrix is its known root", "[metrics][golden]") {
  // [[2, 1], [1, 2]]^2 = [[5, 4], [4, 5]]; the root is the one with positive eigenvalues (3, 1).
  Matrix A(2, 2);
  A.data = {5, 4, 4, 5};
  Matrix S = sqrt_psd(A);
  CHECK(S(0, 0) == Approx(2.0).epsilon(1e-14));
  CHECK(S(0, 1) == Approx(1.0).epsilon(1e-14));
  CHECK(S(1, 0) == Approx(1.0).epsilon(1e-14));
  CHECK(S(1, 1) == Approx(2.0).epsilon(1e-14));
  // diag(4, 9, 0.25) in a rotated basis R: the root is R diag(2, 3, 0.5) R^T.
  double c = std::cos(0.3), s = std::sin(0.3);
  Matrix R(3, 3);
  R.data = {c, -s, 0, s, c, 0, 0, 0, 1};
  Matrix D2(3, 3), D1(3, 3);
  D2.data = {4, 0, 0, 0, 9, 0, 0, 0, 0.25};
  D1.data = {2, 0, 0, 0, 3, 0, 0, 0, 0.5};
  Matrix root = sqrt_psd(multiply(multiply(R, D2), transpose(R)));
  CHECK(max_abs_difference(root, multiply(multiply(R, D1), transpose(R))) < 1e-14);
}

TEST_CASE("sqrt_psd squares back, handles singular matrices, rejects indefinite ones", "[metrics]") {
  gan::Rng rng(4);
  for (int D : {7, 128}) {
    Matrix B = random_symmetric(D, rng);
    Matrix A = multiply(B, transpose(B));  // PSD
    Matrix S = sqrt_psd(A);
    INFO("D=" << D);
    CHECK(max_abs_difference(multiply(S, S), A) < 1e-10);
    CHECK(max_abs_difference(S, transpose(S)) < 1e-12);
  }
  Matrix singular(2, 2);  // rank 1: [[1, 1], [1, 1]], sqrt = [[1, 1], [1, 1]] / sqrt 2
  singular.data = {1, 1, 1, 1};
  Matrix root = sqrt_psd(singular);
  for (double value : root.data) CHECK(value == Approx(std::sqrt(0.5)).epsilon(1e-12));
  Matrix indefinite(2, 2);
  indefinite.data = {1, 2, 2, 1};  // eigenvalues 3, -1
  CHECK_THROWS_WITH(sqrt_psd(indefinite), Catch::Contains("positive semi-definite"));
}

TEST_CASE("cholesky, solve_lower and log_det agree with a hand case", "[metrics]") {
  Matrix A(2, 2);
  A.data = {4, 2, 2, 3};  // L = [[2, 0], [1, sqrt 2]], det = 8
  Matrix L = cholesky(A);
  CHECK(L(0, 0) == Approx(2.0));
  CHECK(L(1, 0) == Approx(1.0));
  CHECK(L(1, 1) == Approx(std::sqrt(2.0)));
  CHECK(L(0, 1) == 0.0);
  CHECK(log_det_from_cholesky(L) == Approx(std::log(8.0)));
  double b[2] = {2.0, 1.0 + std::sqrt(2.0)};  // L (1, 1) = (2, 1 + sqrt 2)
  solve_lower(L, b);
  CHECK(b[0] == Approx(1.0));
  CHECK(b[1] == Approx(1.0));
  Matrix not_pd(2, 2);
  not_pd.data = {1, 2, 2, 1};
  CHECK_THROWS_WITH(cholesky(not_pd), Catch::Contains("positive definite"));
}
