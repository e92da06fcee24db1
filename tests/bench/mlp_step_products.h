// Every matrix product of one MLP GAN training step at batch 64 (src/models/mlp_gan.cpp), as the
// Linear op (src/ops/matmul.cpp) calls gemm, with how many times a step makes it. Shared by
// gemm_bench --mlp-step (ours) and eigen_gemm_reference --mlp-step (Eigen), so that both time the
// same list.
//
// A step (src/train/training_step.cpp) runs D three times (real, fake for D's step, fake for G's
// step) and G once:
//   forward  y = x W^T        gemm(false, true,  64, D_out, D_in)   G's 4 layers once, D's 3 layers 3 times
//   dX       dx = dy W        gemm(false, false, 64, D_in, D_out)   G's layers 2-4 once; D's layers 2-3 in
//                                                                   both passes of D's step, all 3 in G's
//   dW       dW = dy^T x      gemm(true, false, D_out, D_in, 64)    G's 4 layers once, D's 3 layers twice
// Each accumulates into C (beta = 1): the forward into the bias it starts from, the others into
// gradient buffers.
#pragma once

#include <algorithm>
#include <ctime>
#include <functional>

namespace mlp_step {

enum class Kind { forward, dX, dW };

struct Product {
  Kind kind;
  int d_in, d_out;  // the Linear layer's
  int calls;        // per training step
  // gemm's M, K, N
  int M() const { return kind == Kind::dW ? d_out : kBatch; }
  int K() const { return kind == Kind::forward ? d_in : kind == Kind::dX ? d_out : kBatch; }
  int N() const { return kind == Kind::forward ? d_out : d_in; }
  static constexpr int kBatch = 64;
};

inline const char* name(Kind kind) { return kind == Kind::forward ? "forward" : kind == Kind::dX ? "dX" : "dW"; }

// G: 100 -> 256 -> 512 -> 1024 -> 784; D: 784 -> 512 -> 256 -> 1.
constexpr Product kProducts[] = {
    {Kind::forward, 100, 256, 1},  {Kind::forward, 256, 512, 1}, {Kind::forward, 512, 1024, 1},
    {Kind::forward, 1024, 784, 1}, {Kind::forward, 784, 512, 3}, {Kind::forward, 512, 256, 3},
    {Kind::forward, 256, 1, 3},    {Kind::dX, 256, 512, 1},      {Kind::dX, 512, 1024, 1},
    {Kind::dX, 1024, 784, 1},      {Kind::dX, 784, 512, 1},      {Kind::dX, 512, 256, 3},
    {Kind::dX, 256, 1, 3},         {Kind::dW, 100, 256, 1},      {Kind::dW, 256, 512, 1},
    {Kind::dW, 512, 1024, 1},      {Kind::dW, 1024, 784, 1},     {Kind::dW, 784, 512, 2},
    {Kind::dW, 512, 256, 2},       {Kind::dW, 256, 1, 2},
};

// The least thread CPU time per call of f over 50 timings, after two warm-up calls: what the product
// itself costs, without the time that other processes on this core take from it. Each timing
// covers enough calls to last about 100 us, so that reading the clock (a few tenths of a
// microsecond) does not weigh on the products of a few microseconds.
inline double best_thread_seconds(const std::function<void()>& f) {
  auto thread_seconds = [] {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
  };
  f();
  const double warm_start = thread_seconds();
  f();
  const double one_call = thread_seconds() - warm_start;
  const int calls = std::max(1, static_cast<int>(100e-6 / std::max(one_call, 1e-9)));
  double best = 1e30;
  for (int r = 0; r < 50; ++r) {
    const double start = thread_seconds();
    for (int c = 0; c < calls; ++c) f();
    best = std::min(best, (thread_seconds() - start) / calls);
  }
  return best;
}

}  // namespace mlp_step
