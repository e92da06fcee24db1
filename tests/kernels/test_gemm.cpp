#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "gan/kernels/gemm.h"
#include "gan/kernels/parallel.h"
#include "gan/tensor/rng.h"

using gan::kernels::gemm;
using gan::kernels::gemm_ref;

namespace {
std::vector<float> random_values(size_t count, gan::Rng& rng) {
  std::vector<float> values(count);
  for (float& v : values) v = rng.normal();
  return values;
}
}  // namespace

TEST_CASE("gemm matches the plain triple loop on odd sizes, all transposes", "[kernels]") {
  gan::Rng rng(1);
  for (int M : {1, 7, 33}) {
    for (int N : {1, 7, 33}) {
      for (int K : {1, 7, 33}) {
        for (int flags = 0; flags < 4; ++flags) {
          bool ta = flags & 1, tb = flags & 2;
          auto A = random_values(size_t(M) * K, rng);
          auto B = random_values(size_t(K) * N, rng);
          auto C = random_values(size_t(M) * N, rng);
          auto C_ref = C;
          gemm(ta, tb, M, N, K, 0.5f, A.data(), B.data(), 1.0f, C.data());
          gemm_ref(ta, tb, M, N, K, 0.5f, A.data(), B.data(), 1.0f, C_ref.data());
          for (size_t i = 0; i < C.size(); ++i) {
            INFO("M=" << M << " N=" << N << " K=" << K << " ta=" << ta << " tb=" << tb);
            REQUIRE(C[i] == Approx(C_ref[i]).margin(1e-4));
          }
        }
      }
    }
  }
}

TEST_CASE("gemm with beta 0 ignores the old contents of C, even NaN", "[kernels]") {
  std::vector<float> A = {1, 2, 3, 4}, B = {1, 0, 0, 1}, C(4, NAN);
  gemm(false, false, 2, 2, 2, 1.0f, A.data(), B.data(), 0.0f, C.data());
  CHECK(C == A);
}

TEST_CASE("gemm gives the same bits with 1 and 2 threads on a parallel-sized product", "[kernels]") {
  gan::Rng rng(2);
  const int M = 64, N = 512, K = 784;
  auto A = random_values(size_t(M) * K, rng), B = random_values(size_t(K) * N, rng);
  std::vector<float> C1(size_t(M) * N), C2(size_t(M) * N);
  int saved = gan::kernels::num_threads();
  gan::kernels::set_num_threads(1);
  gemm(false, false, M, N, K, 1.0f, A.data(), B.data(), 0.0f, C1.data());
  gan::kernels::set_num_threads(2);
  gemm(false, false, M, N, K, 1.0f, A.data(), B.data(), 0.0f, C2.data());
  gan::kernels::set_num_threads(saved);
  CHECK(C1 == C2);
}
