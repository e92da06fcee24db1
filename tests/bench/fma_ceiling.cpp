// The FMA ceiling of this machine (not a test; `make bench` runs it first): the most single-
// precision FLOP/s that fused multiply-adds can deliver on 1, 2, ... threads, against which every
// other figure of `make bench` is quoted as a fraction.
//
//   fma_ceiling [MAX_THREADS]     one line per thread count 1, 2, 4, ... up to MAX_THREADS (default
//                                 all cores), then MAX_THREADS itself:
//                                 fma_ceiling threads=1 width=16 gflops=...
//
// How. Each thread runs kChains independent chains of vector FMAs, x = x * a + b, on registers
// only: no memory traffic, and enough chains that a new FMA can start every cycle on every FMA unit
// although each one takes several cycles to finish (latency 4 x 2 units needs 8 chains). The chains
// and the two constants must all fit in registers: AVX-512 has 32, so 16 chains; AVX2 has only 16,
// so 12 (with 16, GCC kept three chains on the stack, and a store and a load in each of their FMA's
// latency cut the measured ceiling by a fifth). One FMA on a vector of `width` floats is 2 * width
// FLOPs. The widest vector the build targets is used (AVX-512: 16 lanes; AVX2: 8), which is what
// the GEMM's micro-kernel uses too. The median of several timed runs is reported; threads run the
// same loop at once, so the figure includes whatever clock the CPU holds with all of them busy.
#include <immintrin.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

constexpr long kIterations = 20'000'000;

#if defined(__AVX512F__)
constexpr int kWidth = 16;
constexpr int kChains = 16;
using Vector = __m512;
inline Vector broadcast(float v) { return _mm512_set1_ps(v); }
inline Vector fma(Vector x, Vector a, Vector b) { return _mm512_fmadd_ps(x, a, b); }
inline float first_lane(Vector x) { return _mm512_cvtss_f32(x); }
#elif defined(__AVX2__) && defined(__FMA__)
constexpr int kWidth = 8;
constexpr int kChains = 12;
using Vector = __m256;
inline Vector broadcast(float v) { return _mm256_set1_ps(v); }
inline Vector fma(Vector x, Vector a, Vector b) { return _mm256_fmadd_ps(x, a, b); }
inline float first_lane(Vector x) { return _mm256_cvtss_f32(x); }
#else
#error "fma_ceiling needs AVX2 + FMA or AVX-512 (build with -march=native or -march=x86-64-v3)"
#endif

// Runs the chains on one thread; returns a value that depends on every chain, so that the compiler
// keeps them all.
float run_chains(float seed) {
  Vector x[kChains];
  for (int c = 0; c < kChains; ++c) x[c] = broadcast(seed + 0.001f * c);
  // a slightly below 1 and b small keep x bounded (it tends to b / (1 - a)): no overflow, no
  // subnormals that could slow the FMA units down.
  const Vector a = broadcast(0.9999f), b = broadcast(1e-4f);
  for (long i = 0; i < kIterations; ++i) {
#pragma GCC unroll 16  // keep the chains in registers, not in a stack array (16 >= kChains)
    for (int c = 0; c < kChains; ++c) x[c] = fma(x[c], a, b);
  }
  float total = 0.0f;
  for (int c = 0; c < kChains; ++c) total += first_lane(x[c]);
  return total;
}

double measure_gflops(int threads) {
  std::vector<double> rates;
  for (int repetition = 0; repetition < 5; ++repetition) {
    float sink = 0.0f;
    auto start = std::chrono::steady_clock::now();
#pragma omp parallel num_threads(threads) reduction(+ : sink)
    sink += run_chains(1.0f + omp_get_thread_num());
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (sink == 12345.0f) std::printf(" ");  // never true; keeps the result observable
    rates.push_back(2.0 * kWidth * kChains * double(kIterations) * threads / seconds * 1e-9);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  int max_threads = argc > 1 ? std::atoi(argv[1]) : omp_get_num_procs();
  if (max_threads < 1) {
    std::fprintf(stderr, "fma_ceiling: MAX_THREADS must be a whole number >= 1, got '%s'\n", argv[1]);
    return 2;
  }
  std::vector<int> counts;
  for (int t = 1; t < max_threads; t *= 2) counts.push_back(t);
  counts.push_back(max_threads);
  for (int threads : counts) {
    std::printf("fma_ceiling threads=%d width=%d gflops=%.1f\n", threads, kWidth, measure_gflops(threads));
    std::fflush(stdout);
  }
  return 0;
}
