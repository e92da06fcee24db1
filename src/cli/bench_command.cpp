// gan bench: training steps per second, timed the way `tests/bench/torch_reference.py bench` times
// PyTorch, so that the two print comparable `key=value` lines:
//   same architectures (models/mlp_gan.h, models/dcgan.h), Adam 2e-4 / (0.5, 0.999), the
//   non-saturating objective, a pool of 8 random MNIST-shaped batches in [-1, 1], a fresh z every
//   step, `warmup` untimed steps, then `reps` timed repetitions of `steps` steps; the summary line
//   gives the median repetition.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/kernels/parallel.h"
#include "gan/optim/adam.h"
#include "gan/train/training_step.h"

namespace gan::cli {

namespace {

// Multiply-adds per image of each Linear / Conv layer, in the order of the forward pass; G's and
// D's first layers come first. These are the layer shapes of models/mlp_gan.h and models/dcgan.h.
struct LayerMacs {
  std::vector<double> generator, discriminator;
};

LayerMacs layer_macs(const std::string& model) {
  if (model == "mlp") {
    return {{100.0 * 256, 256.0 * 512, 512.0 * 1024, 1024.0 * 784}, {784.0 * 512, 512.0 * 256, 256.0 * 1}};
  }
  // a transposed convolution scatters every input pixel into a 4x4 patch of every output channel;
  // a convolution gathers a 4x4 patch of every input channel into every output pixel
  return {{100.0 * 6272, 7.0 * 7 * 128 * 64 * 16, 14.0 * 14 * 64 * 1 * 16},
          {14.0 * 14 * 64 * 1 * 16, 7.0 * 7 * 128 * 64 * 16, 6272.0 * 1}};
}

// FLOPs of one training step as the reference counts them (2 FLOPs per multiply-add): every layer
// costs F forward, F for its weight gradient and F for its input gradient, except that no input
// gradient is needed for the first layer of D on real or detached data, nor of G on z.
//   D(real) and D(fake.detach()):  2 (3 F_D - D1)
//   G(z) forward:                   F_G
//   D(fake) in the generator step:  3 F_D  (the reference also computes D's weight gradients)
//   G's backward:                   2 F_G - G1
// gan.cpp's own step does less: D's parameters are frozen in the generator step
// (training_step.cpp), so D(fake) there costs 2 F_D, the forward and the input gradients. Its
// GFLOP/s (work_gflop_s) is what the fractions of the FMA ceiling and of the GEMM's rate divide.
struct StepFlops {
  double reference;  // as the reference counts them
  double work;       // the products gan.cpp runs
};

StepFlops flops_per_step(const std::string& model, int batch) {
  LayerMacs macs = layer_macs(model);
  double f_g = 0, f_d = 0;
  for (double m : macs.generator) f_g += 2 * m;
  for (double m : macs.discriminator) f_d += 2 * m;
  double g1 = 2 * macs.generator.front(), d1 = 2 * macs.discriminator.front();
  const double reference = (2 * (3 * f_d - d1) + f_g + 3 * f_d + (2 * f_g - g1)) * batch;
  return {reference, reference - f_d * batch};
}

double peak_rss_megabytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;  // Linux reports kilobytes
}

}  // namespace

int bench_command(const Arguments& arguments) {
  CommandLine args("gan bench", "Time GAN training steps, printed like tests/bench/torch_reference.py bench.",
                   arguments);
  std::string model = args.option_choice("--model", "dcgan", {"mlp", "dcgan"}, "architecture");
  int threads = static_cast<int>(args.option_int("--threads", 1, "OpenMP threads", 1, 1024));
  int batch = static_cast<int>(args.option_int("--batch", 64, "batch size", 1, 1 << 16));
  int steps = static_cast<int>(args.option_int("--steps", model == "mlp" ? 100 : 20, "timed steps per repetition", 1));
  int warmup = static_cast<int>(args.option_int("--warmup", 10, "untimed steps first", 0));
  int reps = static_cast<int>(args.option_int("--reps", 5, "timed repetitions", 1, 1000));
  uint64_t seed = static_cast<uint64_t>(args.option_int("--seed", 0, "random seed", 0));
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();

  kernels::set_num_threads(threads);
  Rng rng(seed);
  ModelSettings model_settings;
  model_settings.architecture = model;
  GanModels models = make_gan(model_settings, rng);
  Adam d_optimizer(models.discriminator->parameters(), AdamSettings{});
  Adam g_optimizer(models.generator->parameters(), AdamSettings{});
  Objective objective = objective_named("nonsaturating");
  StepSettings step_settings;
  step_settings.measure_after = false;  // the reference does not score G(z) a second time

  std::vector<Tensor> pool;
  for (int i = 0; i < 8; ++i) {
    Tensor real({batch, 1, 28, 28});
    rng.fill_uniform(real, -1.0f, 1.0f);
    pool.push_back(real);
  }
  const StepFlops step_flops = flops_per_step(model, batch);
  const double flops = step_flops.reference, work = step_flops.work;
  std::printf("flops model=%s batch=%d flops_per_step=%.0f gflop_per_step=%.4f work_flops_per_step=%.0f\n",
              model.c_str(), batch, flops, flops / 1e9, work);

  long long step = 0;
  auto run_step = [&] {
    training_step(models, d_optimizer, g_optimizer, objective, pool[step % 8], {}, rng, step_settings);
    ++step;
  };
  for (int i = 0; i < warmup; ++i) run_step();
  std::vector<double> rates;
  for (int r = 0; r < reps; ++r) {
    auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i) run_step();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    double rate = steps / seconds;
    rates.push_back(rate);
    std::printf("rep=%d model=%s threads=%d batch=%d steps_per_s=%.3f imgs_per_s=%.1f ms_per_step=%.3f gflop_s=%.2f\n",
                r, model.c_str(), threads, batch, rate, rate * batch, 1e3 / rate, rate * flops / 1e9);
    std::fflush(stdout);
  }
  std::vector<double> sorted = rates;
  std::sort(sorted.begin(), sorted.end());
  double median = sorted[sorted.size() / 2];
  std::printf("model=%s threads=%d batch=%d steps_per_s=%.3f imgs_per_s=%.1f ms_per_step=%.3f gflop_s=%.2f "
              "work_gflop_s=%.2f steps_per_s_min=%.3f steps_per_s_max=%.3f peak_rss_mb=%.1f reps=%d steps=%d\n",
              model.c_str(), threads, batch, median, median * batch, 1e3 / median, median * flops / 1e9,
              median * work / 1e9, sorted.front(), sorted.back(), peak_rss_megabytes(), reps, steps);
  return 0;
}

}  // namespace gan::cli
