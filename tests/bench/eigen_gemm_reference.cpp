// The yardstick for kernels::gemm: Eigen's own product, with Eigen's own OpenMP parallelism, on the
// sizes of tests/bench/gemm_bench.cpp, printing lines in the same format:
//   gemm impl=eigen M=64 K=784 N=512 threads=1 gflops=...
//
// This program is built apart from gan.cpp's libraries (CMakeLists.txt links it to Eigen and OpenMP
// only): src/metrics/linear_algebra.cpp compiles Eigen scalar and serial (EIGEN_DONT_VECTORIZE,
// EIGEN_DONT_PARALLELIZE), and the two settings must not meet in one binary, where they would
// share Eigen's template instantiations.
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include <omp.h>

namespace {

using RowMajorMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Clock = std::chrono::steady_clock;

}  // namespace

int main() {
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
