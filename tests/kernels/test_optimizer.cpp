#include <catch2/catch.hpp>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/optimizer.h"
#include "gan/kernels/parallel.h"
#include "gan/tensor/rng.h"

using gan::Scalar;

namespace {

std::vector<Scalar> normals(int64_t count, gan::Rng& rng, Scalar mean = 0.0f) {
  std::vector<Scalar> values(count);
  for (Scalar& value : values) value = rng.normal(mean, 1.0f);
  return values;
}

}  // namespace

TEST_CASE("adam_update matches adam_update_ref on odd sizes", "[kernels][task 4.1]") {
  // 1, 7, 33 reach the vector loops' tails; the largest takes the parallel path with a short last chunk.
  for (int64_t count : {int64_t{1}, int64_t{7}, int64_t{33}, gan::kernels::kParallelMinChunks * gan::kernels::kChunkElements + 5}) {
    gan::Rng rng(static_cast<uint64_t>(count));
    std::vector<Scalar> theta = normals(count, rng), g = normals(count, rng), m = normals(count, rng);
    std::vector<Scalar> v = normals(count, rng, 3.0f);
    for (Scalar& value : v) value = value * value;  // v >= 0, as a second moment
    std::vector<Scalar> theta_ref = theta, m_ref = m, v_ref = v;
    for (int t = 1; t <= 3; ++t) {
      Scalar bc1 = 1.0f - std::pow(0.5f, static_cast<Scalar>(t)), bc2 = 1.0f - std::pow(0.999f, static_cast<Scalar>(t));
      gan::kernels::adam_update(count, theta.data(), g.data(), m.data(), v.data(), 1e-2f, 0.5f, 0.999f, 1e-8f, bc1, bc2);
      gan::kernels::adam_update_ref(count, theta_ref.data(), g.data(), m_ref.data(), v_ref.data(), 1e-2f, 0.5f, 0.999f,
                                    1e-8f, bc1, bc2);
    }
    INFO("count " << count);
    CHECK(m == m_ref);  // the moments are the same formula in the same order
    CHECK(v == v_ref);
    // theta's step is computed with the bias corrections hoisted: equal up to float rounding.
    for (int64_t i = 0; i < count; ++i) REQUIRE(theta[i] == Approx(theta_ref[i]).epsilon(1e-6).margin(1e-7));
  }
}

TEST_CASE("sgd_update matches sgd_update_ref on odd sizes, with and without momentum", "[kernels]") {
  for (int64_t count : {int64_t{1}, int64_t{7}, int64_t{33}, gan::kernels::kParallelMinChunks * gan::kernels::kChunkElements + 5}) {
    for (Scalar momentum : {0.0f, 0.9f}) {
      gan::Rng rng(static_cast<uint64_t>(count) + 100);
      std::vector<Scalar> theta = normals(count, rng), g = normals(count, rng), b = normals(count, rng);
      std::vector<Scalar> theta_ref = theta, b_ref = b;
      gan::kernels::sgd_update(count, theta.data(), g.data(), b.data(), 0.1f, momentum, 1e-2f);
      gan::kernels::sgd_update_ref(count, theta_ref.data(), g.data(), b_ref.data(), 0.1f, momentum, 1e-2f);
      INFO("count " << count << " momentum " << momentum);
      CHECK(theta == theta_ref);
      CHECK(b == b_ref);
    }
  }
}

TEST_CASE("adam_update gives the same bits for any thread count", "[kernels]") {
  const int64_t count = 2 * gan::kernels::kParallelMinChunks * gan::kernels::kChunkElements + 11;
  gan::Rng rng(5);
  std::vector<Scalar> theta = normals(count, rng), g = normals(count, rng), m(count), v(count);
  std::vector<Scalar> theta_2 = theta, m_2 = m, v_2 = v;
  int threads = gan::kernels::num_threads();
  gan::kernels::set_num_threads(1);
  gan::kernels::adam_update(count, theta.data(), g.data(), m.data(), v.data(), 1e-3f, 0.5f, 0.999f, 1e-8f, 0.5f, 1e-3f);
  gan::kernels::set_num_threads(2);
  gan::kernels::adam_update(count, theta_2.data(), g.data(), m_2.data(), v_2.data(), 1e-3f, 0.5f, 0.999f, 1e-8f, 0.5f,
                            1e-3f);
  gan::kernels::set_num_threads(threads);
  CHECK(theta == theta_2);
  CHECK(v == v_2);
}
