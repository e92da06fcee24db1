// Kernel benchmark (not a test; `make bench` runs it beside tests/bench/eigen_gemm_reference.cpp).
//
//   gemm_bench --gemm   kernels::gemm (our own packed, blocked GEMM; docs/gemm.md) on the sizes
//                       below at 1 and 2 threads, one line each:
//                       gemm impl=ours M=64 K=784 N=512 threads=1 gflops=...
//                       (C = A B with A (M, K) and B (K, N), all row-major; 2 M K N flops;
//                       the median of several repetitions)
//   gemm_bench --conv   milliseconds of DCGAN-28's convolutions at batch 64, forward and each
//                       backward apart, and their sum over one training step (bench_conv)
//   gemm_bench --mlp-step   every product of an MLP GAN training step (mlp_step_products.h), one
//                       thread, as the Linear op calls gemm; the best thread CPU time per call over
//                       50 timings (mlp_step_products.h says how):
//                       step_product impl=ours kind=forward M=64 K=784 N=512 calls=3 ms=...
//                       then their sum over a step (eigen_gemm_reference --mlp-step: Eigen's)
//   gemm_bench --memory one thread's rate of reading from beyond its caches, in GB/s:
//                       memory read threads=1 megabytes=32 gb_s=...
//   gemm_bench          --gemm and --conv
//
// The sizes: 64x784x512 is a 784 -> 512 Linear layer at batch 64; 64x6272x128 one that reads a
// flattened (128, 7, 7) feature map; 1024^3 a large square product for reference.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <vector>

#include "gan/kernels/gemm.h"
#include "gan/kernels/parallel.h"
#include "gan/ops/conv2d.h"
#include "gan/ops/conv_transpose2d.h"
#include "gan/tensor/cache_line_allocator.h"
#include "gan/tensor/rng.h"
#include "mlp_step_products.h"

namespace {

using Clock = std::chrono::steady_clock;

// Median seconds of `repetitions` calls of f, after one warm-up call.
double median_seconds(int repetitions, const std::function<void()>& f) {
  f();
  std::vector<double> seconds;
  for (int r = 0; r < repetitions; ++r) {
    auto start = Clock::now();
    f();
    seconds.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

void bench_gemm() {
  struct Size { int M, K, N; };
  for (Size s : {Size{64, 784, 512}, Size{64, 6272, 128}, Size{1024, 1024, 1024}}) {
    gan::Rng rng(1);
    std::vector<float> A(size_t(s.M) * s.K), B(size_t(s.K) * s.N), C(size_t(s.M) * s.N);
    for (float& v : A) v = rng.normal();
    for (float& v : B) v = rng.normal();
    int repetitions = s.M == 1024 ? 9 : 41;
    for (int threads : {1, 2}) {
      gan::kernels::set_num_threads(threads);
      double seconds = median_seconds(repetitions, [&] {
        gan::kernels::gemm(false, false, s.M, s.N, s.K, 1.0f, A.data(), B.data(), 0.0f, C.data());
      });
      std::printf("gemm impl=ours M=%d K=%d N=%d threads=%d gflops=%.2f\n", s.M, s.K, s.N, threads,
                  2.0 * s.M * s.K * s.N / seconds * 1e-9);
      std::fflush(stdout);
    }
  }
}

void bench_mlp_step() {
  gan::kernels::set_num_threads(1);
  double step_ms = 0.0;
  for (const mlp_step::Product& p : mlp_step::kProducts) {
    const int M = p.M(), K = p.K(), N = p.N();
    // Tensors, as the layer's operands are (64-byte aligned storage).
    gan::Rng rng(1);
    gan::Tensor A({M, K}), B({K, N}), C({M, N});
    rng.fill_normal(A, 0.0f, 1.0f);
    rng.fill_normal(B, 0.0f, 1.0f);
    // forward: A is x (64, D_in), B is W stored (D_out, D_in); dX: A is dy, B is W (D_out, D_in);
    // dW: A is dy stored (64, D_out), B is x (64, D_in). Each adds into C, as the layer does.
    const bool transpose_a = p.kind == mlp_step::Kind::dW, transpose_b = p.kind == mlp_step::Kind::forward;
    double seconds = mlp_step::best_thread_seconds([&] {
      gan::kernels::gemm(transpose_a, transpose_b, M, N, K, 1.0f, A.ptr(), B.ptr(), 1.0f, C.ptr());
    });
    step_ms += p.calls * seconds * 1e3;
    std::printf("step_product impl=ours kind=%s M=%d K=%d N=%d calls=%d ms=%.6f\n", mlp_step::name(p.kind), M, K,
                N, p.calls, seconds * 1e3);
  }
  std::printf("step_products impl=ours ms=%.4f\n", step_ms);
  std::fflush(stdout);
}

gan::Variable random_variable(gan::Shape shape, gan::Rng& rng, bool requires_grad) {
  gan::Tensor t(shape);
  rng.fill_normal(t, 0.0f, 0.02f);
  return gan::Variable(t, requires_grad);
}

// DCGAN-28's four convolutions, K4 s2 p1, with a bias where the model has one (src/models/dcgan.cpp:
// D's first layer and G's last; none before a batch norm, after Radford et al. 2015). Each is timed
// in the three passes a training step asks of it: the forward; the backward into the weight (and
// bias) alone, as on real or detached data; and the backward into the input alone, as in the
// generator step, where D's parameters are frozen. Then the step's sum: D runs 3 forwards (real,
// fake, fake again in the generator step), 2 weight gradients and as many input gradients as the
// layers above it need (D1 1, D2 3); G runs one of each. Against the GEMM's 1024^3 rate, this sum
// shows what the convolutions lose beside products of that shape (docs/performance.md).
void bench_conv() {
  struct Layer {
    const char* name;
    bool transposed, bias;
    gan::Shape x, W;
    int forwards, dweights, dinputs;  // per training step
  };
  const Layer layers[] = {
      {"D1 conv2d 1x28x28->64x14x14", false, true, {64, 1, 28, 28}, {64, 1, 4, 4}, 3, 2, 1},
      {"D2 conv2d 64x14x14->128x7x7", false, false, {64, 64, 14, 14}, {128, 64, 4, 4}, 3, 2, 3},
      {"G1 conv_transpose2d 128x7x7->64x14x14", true, false, {64, 128, 7, 7}, {128, 64, 4, 4}, 1, 1, 1},
      {"G2 conv_transpose2d 64x14x14->1x28x28", true, true, {64, 64, 14, 14}, {64, 1, 4, 4}, 1, 1, 1},
  };
  for (int threads : {1, 2}) {
    gan::kernels::set_num_threads(threads);
    double step_seconds = 0.0, step_flops = 0.0;
    for (const Layer& layer : layers) {
      // seconds[0]: forward; [1]: backward into the weight and bias; [2]: backward into x
      double seconds[3], seed = 0.0, macs = 0.0;
      for (int pass = 0; pass < 3; ++pass) {
        gan::Rng rng(2);
        const bool into_x = pass == 2;
        gan::Variable x = random_variable(layer.x, rng, into_x), W = random_variable(layer.W, rng, !into_x);
        gan::Variable b = layer.bias ? random_variable(gan::Shape{layer.W[layer.transposed ? 1 : 0]}, rng, !into_x)
                                     : gan::Variable();
        auto run = [&] {
          return layer.transposed ? gan::conv_transpose2d(x, W, b, 2, 1) : gan::conv2d(x, W, b, 2, 1);
        };
        gan::Tensor dy(run().shape());
        rng.fill_normal(dy, 0.0f, 1.0f);
        const double forward = median_seconds(15, [&] { run(); });
        if (pass == 0) {
          // A pass's multiply-adds: the weight's, once for each pixel of the smaller plane (the
          // convolution's output, the transposed convolution's input), for each image.
          const gan::Shape& windows = layer.transposed ? layer.x : dy.shape;
          macs = static_cast<double>(windows[0]) * windows[2] * windows[3] * layer.W.numel();
          seconds[0] = forward;
          // backward(dy) first adds dy into a zero-filled gradient of y, which a training step
          // never does (its backward starts from a scalar loss): timed alone, taken off below
          volatile float sink = 0.0f;
          seed = median_seconds(15, [&] {
            gan::Tensor dy_seed(dy.shape);
            for (int64_t i = 0; i < dy.numel(); ++i) dy_seed.data[i] += dy.data[i];
            sink = sink + dy_seed.data[0];
          });
          continue;
        }
        const double both = median_seconds(15, [&] {
          x.zero_grad();
          W.zero_grad();
          if (layer.bias) b.zero_grad();
          run().backward(dy);
        });
        seconds[pass] = both - forward - seed;
      }
      const double ms = (layer.forwards * seconds[0] + layer.dweights * seconds[1] + layer.dinputs * seconds[2]) * 1e3;
      step_seconds += ms * 1e-3;
      step_flops += 2 * macs * (layer.forwards + layer.dweights + layer.dinputs);
      std::printf("conv layer=\"%s\" batch=64 threads=%d forward_ms=%.2f dweight_ms=%.2f dinput_ms=%.2f "
                  "step_ms=%.2f\n",
                  layer.name, threads, seconds[0] * 1e3, seconds[1] * 1e3, seconds[2] * 1e3, ms);
      std::fflush(stdout);
    }
    std::printf("conv step batch=64 threads=%d ms=%.2f gflop=%.3f gflop_s=%.1f\n", threads, step_seconds * 1e3,
                step_flops * 1e-9, step_flops / step_seconds * 1e-9);
    std::fflush(stdout);
  }
}

// The other bound of a training step, beside the FMA ceiling: the element-wise passes (batch norm,
// activations, copies between layouts, packing) read activations of megabytes, which do not stay in
// a core's L2 between layers, at the rate one core can read from beyond it. Measured as the median
// time to sum a 32 MB array with 16 independent partial sums, so that the adds keep pace with the
// loads.
void bench_memory() {
  std::vector<float> values(size_t{8} << 20, 1.0f);
  volatile float keep = 0.0f;  // where the sums go, so that the loop is not left out
  double seconds = median_seconds(9, [&] {
    float partial[16] = {};  // local, so that they stay in registers
    for (size_t i = 0; i + 16 <= values.size(); i += 16) {
      for (int l = 0; l < 16; ++l) partial[l] += values[i + l];
    }
    float total = 0.0f;
    for (float p : partial) total += p;
    keep = keep + total;
  });
  std::printf("memory read threads=1 megabytes=32 gb_s=%.1f\n", values.size() * sizeof(float) / seconds / 1e9);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  gan::keep_freed_memory();  // as gan does: the layers are timed without page faults
  bool gemm = argc == 1, conv = argc == 1, mlp = false, memory = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--gemm") == 0) {
      gemm = true;
    } else if (std::strcmp(argv[i], "--conv") == 0) {
      conv = true;
    } else if (std::strcmp(argv[i], "--mlp-step") == 0) {
      mlp = true;
    } else if (std::strcmp(argv[i], "--memory") == 0) {
      memory = true;
    } else {
      std::fprintf(stderr, "usage: gemm_bench [--gemm] [--conv] [--mlp-step] [--memory]\n");
      return 2;
    }
  }
  if (gemm) bench_gemm();
  if (conv) bench_conv();
  if (mlp) bench_mlp_step();
  if (memory) bench_memory();
  return 0;
}
