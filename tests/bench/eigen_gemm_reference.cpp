// The yardstick for kernels::gemm: Eigen's own product, with Eigen's own OpenMP parallelism, on the
// sizes of tests/bench/gemm_bench.cpp, printing lines in the same format:
//   gemm impl=eigen M=64 K=784 N=512 threads=1 gflops=...
// With --mlp-step, the products of an MLP GAN training step instead, as gemm_bench --mlp-step
// times ours (mlp_step_products.h):
//   step_product impl=eigen kind=forward M=64 K=784 N=512 calls=3 ms=...
//
// This program is built apart from gan.cpp's libraries (CMakeLists.txt links it to Eigen and OpenMP
// only): src/metrics/linear_algebra.cpp compiles Eigen scalar and serial (EIGEN_DONT_VECTORIZE,
// EIGEN_DONT_PARALLELIZE), and the two settings must not meet in one binary, where they would
// share Eigen's template instantiations.
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

#include <omp.h>

#include "mlp_step_products.h"

namespace {

using RowMajorMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Clock = std::chrono::steady_clock;

// Eigen's product for each of mlp_step::kProducts, on one thread, with the same operands as
// gemm_bench: C += x W^T, dy W or dy^T x on row-major matrices.
void bench_mlp_step() {
  omp_set_num_threads(1);
  Eigen::setNbThreads(1);
  double step_ms = 0.0;
  for (const mlp_step::Product& p : mlp_step::kProducts) {
    const int M = p.M(), K = p.K(), N = p.N();
    // the operands as stored: forward A (M, K), B (N, K); dX A (M, K), B (K, N); dW A (K, M), B (K, N)
    const bool transpose_a = p.kind == mlp_step::Kind::dW, transpose_b = p.kind == mlp_step::Kind::forward;
    RowMajorMatrix A = transpose_a ? RowMajorMatrix::Random(K, M) : RowMajorMatrix::Random(M, K);
    RowMajorMatrix B = transpose_b ? RowMajorMatrix::Random(N, K) : RowMajorMatrix::Random(K, N);
    RowMajorMatrix C = RowMajorMatrix::Zero(M, N);
    double seconds = mlp_step::best_thread_seconds([&] {
      if (transpose_a) {
        C.noalias() += A.transpose() * B;
      } else if (transpose_b) {
        C.noalias() += A * B.transpose();
      } else {
        C.noalias() += A * B;
      }
    });
    step_ms += p.calls * seconds * 1e3;
    std::printf("step_product impl=eigen kind=%s M=%d K=%d N=%d calls=%d ms=%.6f\n", mlp_step::name(p.kind), M, K,
                N, p.calls, seconds * 1e3);
  }
  std::printf("step_products impl=eigen ms=%.4f\n", step_ms);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 2 && std::strcmp(argv[1], "--mlp-step") == 0) {
    bench_mlp_step();
    return 0;
  }
  if (argc != 1) {
    std::fprintf(stderr, "usage: eigen_gemm_reference [--mlp-step]\n");
    return 2;
  }
  struct Size { int M, K, N; };
  for (Size s : {Size{64, 784, 512}, Size{64, 6272, 128}, Size{1024, 1024, 1024}}) {
    RowMajorMatrix A = RowMajorMatrix::Random(s.M, s.K), B = RowMajorMatrix::Random(s.K, s.N);
    RowMajorMatrix C(s.M, s.N);
    int repetitions = s.M == 1024 ? 9 : 41;
    for (int threads : {1, 2}) {
      omp_set_num_threads(threads);
      Eigen::setNbThreads(threads);
      C.noalias() = A * B;  // warm-up
      std::vector<double> seconds;
      for (int r = 0; r < repetitions; ++r) {
        auto start = Clock::now();
        C.noalias() = A * B;
        seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
      }
      std::sort(seconds.begin(), seconds.end());
      std::printf("gemm impl=eigen M=%d K=%d N=%d threads=%d gflops=%.2f\n", s.M, s.K, s.N, threads,
                  2.0 * s.M * s.K * s.N / seconds[seconds.size() / 2] * 1e-9);
      std::fflush(stdout);
    }
  }
  return 0;
}
