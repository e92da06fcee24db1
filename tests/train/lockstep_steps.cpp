// lockstep_steps: gan.cpp's training step from a known start, with every input written down, so
// that PyTorch can take the same steps from the same start (tests/train/lockstep_in_torch.py).
//
// The two programs share their layers' forward and backward passes op by op (tests/ops/), but not
// yet the loop that joins them: which batch D sees when, how z is reused for G's step, batch norm's
// running statistics, the Adam state. Started from the same weights, with the same real batches and
// the same z, both loops must give the same losses step after step, up to float rounding (which
// grows from about 1e-7 at the first step as the game goes on).
//
// Usage: lockstep_steps MODEL STEPS DATA_DIR OUT_DIR writes, into OUT_DIR:
//   init.npz         the models' initial weights, in PyTorch's names (gan export's format)
//   z.npy            (STEPS, 64, Z): the z each step draws
//   steps.csv        step, d_loss, g_loss, d_real, d_fake: what each step measured
//   after_step1.npz  the weights and batch-norm buffers after the first step
// Step s trains on MNIST digits [64 s, 64 (s + 1)) of DATA_DIR, in file order.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include "gan/data/dataset.h"
#include "gan/io/atomic_file.h"
#include "gan/io/npy.h"
#include "gan/losses/objectives.h"
#include "gan/train/pytorch_export.h"
#include "gan/train/training_state.h"
#include "gan/train/training_step.h"

namespace {

constexpr int kBatch = 64;

int run(const std::string& model, int steps, const std::string& data_dir, const std::string& out) {
  gan::TrainConfig config;  // gan train's defaults: Adam 2e-4 / (0.5, 0.999), non-saturating G loss
  config.model = model;
  config.init = gan::default_init(model);
  gan::TrainingState state = gan::new_training_state(config, 10);
  gan::Dataset data = gan::load_dataset("mnist", data_dir);
  const int64_t image_size = data.images.numel() / data.images.size(0);
  if (int64_t{steps} * kBatch > data.images.size(0)) {
    std::fprintf(stderr, "lockstep_steps: %d steps need %d digits; %s has %d\n", steps, steps * kBatch,
                 data.source.c_str(), data.images.size(0));
    return 2;
  }
  gan::export_weights(out + "/init.npz", state);

  gan::StepSettings settings;
  settings.z_dim = config.z_dim;
  settings.measure_after = false;  // PyTorch's loop has no extra measuring pass
  std::vector<float> all_z;
  std::string csv = "step,d_loss,g_loss,d_real,d_fake\n";
  for (int step = 0; step < steps; ++step) {
    // The z this step will draw: the same draws from a copy of the noise generator.
    gan::Rng preview = state.noise_rng;
    gan::Tensor z({kBatch, config.z_dim});
    preview.fill_normal(z, 0.0f, 1.0f);
    all_z.insert(all_z.end(), z.data.begin(), z.data.end());

    gan::Tensor real({kBatch, 1, 28, 28});
    const float* first = data.images.ptr() + int64_t{step} * kBatch * image_size;
    std::copy(first, first + real.numel(), real.ptr());
    gan::StepStatistics stats =
        gan::training_step(state.models, *state.d_optimizer, *state.g_optimizer, gan::objective_named(config.loss),
                           real, {}, state.noise_rng, settings);
    char row[160];
    std::snprintf(row, sizeof row, "%d,%.9g,%.9g,%.9g,%.9g\n", step, stats.d_loss, stats.g_loss, stats.d_real,
                  stats.d_fake);
    csv += row;
    if (step == 0) gan::export_weights(out + "/after_step1.npz", state);
  }
  gan::write_npy_float32(out + "/z.npy", {steps, kBatch, config.z_dim}, all_z.data());
  gan::write_file_atomically(out + "/steps.csv", csv);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: lockstep_steps MODEL STEPS DATA_DIR OUT_DIR\n");
    return 2;
  }
  try {
    return run(argv[1], std::atoi(argv[2]), argv[3], argv[4]);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "lockstep_steps: %s\n", error.what());
    return 1;
  }
}
