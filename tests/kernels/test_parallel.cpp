// The work decomposition of the training step's parallel loops: fixed by the sizes alone, and fine
// enough that 16 cores find work. (The GEMM's own decomposition is tested in test_gemm.cpp.)
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <vector>

#include <omp.h>

#include "gan/kernels/elementwise.h"
#include "gan/kernels/parallel.h"

using gan::kernels::chunk_count;
using gan::kernels::grain_for;
using gan::kernels::kChunkElements;

TEST_CASE("every large element-wise loop of the batch-64 steps offers at least 64 chunks", "[kernels]") {
  // The activations and parameters of DCGAN-28 and of the MLP GAN at batch 64 that hold at least
  // 64K floats: anything smaller takes microseconds, and runs on one thread.
  const std::vector<int64_t> sizes = {
      64 * 64 * 14 * 14,  // DCGAN: D's first feature map, G's second
      64 * 128 * 7 * 7,   // DCGAN: D's second feature map, G's first (= 64 x 6272)
      100 * 6272,         // DCGAN: G's Linear weight
      64 * 128 * 4 * 4,   // DCGAN: D's second convolution weight, G's first transposed convolution
      64 * 1024,          // MLP: G's widest activation
      1024 * 784,         // MLP: G's last weight
      784 * 512,          // MLP: D's first weight
  };
  for (int64_t size : sizes) {
    INFO("size " << size);
    CHECK(size >= 64 * 1024);
    CHECK(chunk_count(size, kChunkElements) >= 64);
  }
}

TEST_CASE("batch norm's per-channel items reach 64 on the large batch norms", "[kernels]") {
  // batch_norm.cpp hands out channels, grain_for(m) at a time, m = N*H*W values per channel.
  struct Norm { int C; int64_t m; };
  for (Norm norm : {Norm{64, 64 * 14 * 14}, Norm{128, 64 * 7 * 7}, Norm{1024, 64}}) {
    INFO("C " << norm.C << ", m " << norm.m);
    CHECK(chunk_count(norm.C, grain_for(norm.m)) >= 64);
  }
}

TEST_CASE("the convolutions' bias loops reach 64 items on DCGAN's biased layers", "[kernels]") {
  // conv2d's product starts every row at the bias (gemm_patches_left's row_start: no loop of its
  // own) and sums dL/dy's channels for dL/db, grain_for(N*H_out*W_out) channels at a time (D's
  // first convolution: 64 channels of 64 x 14 x 14). conv_transpose2d starts its (n, o) planes at
  // the bias inside col2im, which hands out planes one at a time, and sums dL/dy's planes for dL/db
  // grain_for(H*W) at a time (G's last: 64 x 1 planes of 28 x 28).
  CHECK(chunk_count(64, grain_for(64 * 14 * 14)) >= 64);
  CHECK(chunk_count(64 * 1, grain_for(28 * 28)) >= 64);
}

TEST_CASE("Linear's bias loops reach 64 items on the MLP's widest layer", "[kernels]") {
  // linear fills y with the bias by broadcast_map, in chunks of kChunkElements, and sums dL/dy's
  // columns for dL/db, grain_for(N) columns at a time over all N rows: G's 512 -> 1024 layer holds
  // 64 x 1024 values. (reshape copies in map's chunks: the first test's sizes.)
  CHECK(chunk_count(64 * 1024, kChunkElements) >= 64);
  CHECK(chunk_count(1024, grain_for(64)) >= 64);
}

TEST_CASE("chunks depend on the sizes only and cover the range once", "[kernels]") {
  for (int64_t count : {int64_t{1}, int64_t{1023}, int64_t{1024}, int64_t{1025}, int64_t{40000}}) {
    // Written from the chunks (in parallel for 40000), checked afterwards: Catch2 is not thread-safe.
    std::vector<int> visits(count, 0);
    std::vector<int64_t> chunk_end(chunk_count(count, kChunkElements), -1);
    gan::kernels::for_each_chunk(count, kChunkElements, [&](int64_t begin, int64_t end) {
      chunk_end[begin / kChunkElements] = end;
      for (int64_t i = begin; i < end; ++i) visits[i] += 1;
    });
    for (size_t chunk = 0; chunk < chunk_end.size(); ++chunk) {
      CHECK(chunk_end[chunk] == std::min<int64_t>(count, (chunk + 1) * kChunkElements));
    }
    for (int visit : visits) REQUIRE(visit == 1);
  }
}

TEST_CASE("team_share gives each thread of a team one run, and the runs cover the items once", "[kernels]") {
  CHECK(gan::kernels::team_share(16).begin == 0);  // outside a parallel region: all of them
  CHECK(gan::kernels::team_share(16).end == 16);
  for (int threads : {1, 2, 3}) {
    for (int count : {0, 1, 5, 16}) {
      // Written by the team, checked afterwards: Catch2 is not thread-safe.
      std::vector<int> visits(count, 0);
      std::vector<int> runs(threads, 0);
#pragma omp parallel num_threads(threads)
      {
        const gan::kernels::TeamShare mine = gan::kernels::team_share(count);
#pragma omp critical
        {
          for (int i = mine.begin; i < mine.end; ++i) visits[i] += 1;
          runs[omp_get_thread_num()] = mine.end - mine.begin;
        }
      }
      INFO("threads=" << threads << " count=" << count);
      for (int visit : visits) REQUIRE(visit == 1);
      // equal runs: no two differ by more than one item
      CHECK(*std::max_element(runs.begin(), runs.end()) - *std::min_element(runs.begin(), runs.end()) <= 1);
    }
  }
}
