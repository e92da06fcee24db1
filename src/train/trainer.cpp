#include "gan/train/trainer.h"

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "gan/data/batches.h"
#include "gan/data/dataset.h"
#include "gan/io/atomic_file.h"
#include "gan/io/checkpoint.h"
#include "gan/io/csv.h"
#include "gan/io/png.h"
#include "gan/kernels/parallel.h"
#include "gan/train/progress.h"
#include "gan/train/training_state.h"
#include "gan/train/training_step.h"

namespace gan {

namespace {

namespace fs = std::filesystem;

// The fixed inputs every epoch is judged on, drawn once from their own streams of the seed.
enum FixedStream : uint64_t { kGridStream = 4, kProbeStream = 5 };
constexpr int kGridColumns = 8;
constexpr int kProbeCount = 256;

const std::vector<std::string> kStepColumns = {"epoch", "step", "d_loss", "g_loss", "d_real", "d_fake",
                                               "d_fake_after", "grad_norm_d", "grad_norm_g", "seconds"};
const std::vector<std::string> kEpochColumns = {"epoch", "steps", "d_loss", "g_loss", "d_real", "d_fake",
                                                "d_fake_after", "grad_norm_d", "grad_norm_g",
                                                "images_per_second", "seconds"};

// A number for a CSV cell; NaN (not measured) becomes an empty cell, not a zero.
std::string cell(double value) { return std::isnan(value) ? "" : format_float(value); }

struct FixedInputs {
  Tensor grid_z;                 // (rows * 8, Z)
  std::vector<int> grid_labels;  // one row per class for conditional models
  Tensor probe_z;                // (256, Z)
  std::vector<int> probe_labels;
  Tensor probe_real;             // (256, C, H, W)
  std::vector<int> probe_real_labels;
};

FixedInputs make_fixed_inputs(const TrainConfig& config, const Dataset& data) {
  FixedInputs fixed;
  Rng grid_rng(config.seed, kGridStream);
  int rows = config.conditional ? data.num_classes : kGridColumns;
  fixed.grid_z = Tensor({rows * kGridColumns, config.z_dim});
  grid_rng.fill_normal(fixed.grid_z, 0.0f, 1.0f);
  if (config.conditional) {
    for (int i = 0; i < rows * kGridColumns; ++i) fixed.grid_labels.push_back(i / kGridColumns);
  }
  Rng probe_rng(config.seed, kProbeStream);
  int probe_count = std::min(kProbeCount, data.images.size(0));
  std::vector<int> order = shuffled_indices(data.images.size(0), probe_rng);
  fixed.probe_real = gather_images(data.images, order, 0, probe_count);
  fixed.probe_z = Tensor({probe_count, config.z_dim});
  probe_rng.fill_normal(fixed.probe_z, 0.0f, 1.0f);
  if (config.conditional) {
    fixed.probe_real_labels = gather_labels(data.labels, order, 0, probe_count);
    fixed.probe_labels = fixed.probe_real_labels;
  }
  return fixed;
}

// Samples and D's probabilities in evaluation mode (batch norm on running statistics), no graph.
void write_epoch_pictures(TrainingState& state, const FixedInputs& fixed, const std::string& out, int epoch) {
  NoGradGuard no_grad;
  Generator& G = *state.models.generator;
  Discriminator& D = *state.models.discriminator;
  G.set_training(false);
  D.set_training(false);
  char name[64];
  std::snprintf(name, sizeof name, "epoch_%04d", epoch);

  Variable grid = G.forward(Variable(fixed.grid_z), fixed.grid_labels);
  write_png_grid(out + "/samples/" + name + ".png", grid.value(), kGridColumns);

  Tensor d_real_logits = D.forward(Variable(fixed.probe_real), fixed.probe_real_labels).value();
  Tensor d_fake_logits = D.forward(G.forward(Variable(fixed.probe_z), fixed.probe_labels), fixed.probe_labels).value();
  std::string csv = "index,d_real,d_fake\n";
  for (int i = 0; i < d_real_logits.numel(); ++i) {
    double d_real = 1.0 / (1.0 + std::exp(-static_cast<double>(d_real_logits.data[i])));
    double d_fake = 1.0 / (1.0 + std::exp(-static_cast<double>(d_fake_logits.data[i])));
    csv += std::to_string(i) + "," + format_float(d_real) + "," + format_float(d_fake) + "\n";
  }
  write_file_atomically(out + "/probabilities/" + name + ".csv", csv);
  G.set_training(true);
  D.set_training(true);
}

// Means over an epoch; NaN entries (no G step) are left out of their column's mean.
struct EpochMeans {
  std::vector<double> sums = std::vector<double>(7, 0.0);
  std::vector<int> counts = std::vector<int>(7, 0);
  void add(const StepStatistics& s) {
    double values[7] = {s.d_loss, s.g_loss, s.d_real, s.d_fake, s.d_fake_after, s.grad_norm_d, s.grad_norm_g};
    for (int i = 0; i < 7; ++i) {
      if (std::isnan(values[i])) continue;
      sums[i] += values[i];
      counts[i]++;
    }
  }
  double mean(int i) const { return counts[i] ? sums[i] / counts[i] : std::numeric_limits<double>::quiet_NaN(); }
};

// Fails before any training when the output folder cannot be written.
void prepare_run_folder(const std::string& out) {
  for (const char* sub : {"", "/samples", "/probabilities", "/checkpoints"}) {
    std::error_code error;
    fs::create_directories(out + sub, error);
    if (error) throw std::runtime_error(out + sub + ": cannot create the output folder: " + error.message());
  }
  write_file_atomically(out + "/checkpoints/.write-test", "ok");
  fs::remove(out + "/checkpoints/.write-test");
}

}  // namespace

int train_gan(const TrainConfig& requested, const TrainOptions& options) {
  if (requested.threads > 0) kernels::set_num_threads(requested.threads);
  std::string checkpoint_path;
  TrainingState state;
  if (!options.resume.empty()) {
    checkpoint_path = options.resume + "/checkpoints/latest.ckpt";
    state = from_checkpoint(load_checkpoint(checkpoint_path), checkpoint_path);
    // A resumed run may train for longer, on another machine: these come from the command line.
    state.config.epochs = requested.epochs;
    state.config.out = options.resume;
    state.config.data_dir = requested.data_dir;
    state.config.threads = requested.threads;
  }
  const TrainConfig& config = options.resume.empty() ? requested : state.config;

  Dataset data = load_dataset(config.data, config.data_dir);
  if (config.limit > 0 && config.limit < data.images.size(0)) {
    std::vector<int> first(config.limit);
    for (int i = 0; i < config.limit; ++i) first[i] = i;
    data.images = gather_images(data.images, first, 0, config.limit);
    data.labels = gather_labels(data.labels, first, 0, config.limit);
  }
  const int N = data.images.size(0);
  if (config.batch > N) {
    throw std::invalid_argument("--batch " + std::to_string(config.batch) + " is larger than the data set (" +
                                std::to_string(N) + " images in " + data.source + ")");
  }
  if (options.resume.empty()) state = new_training_state(config, data.num_classes);
  const std::string& out = config.out;
  prepare_run_folder(out);
  write_file_atomically(out + "/config.json", to_json(config_to_json(config), 2) + "\n");

  // A resumed run keeps the rows of the epochs its checkpoint holds and drops any later ones
  // (written after the checkpoint by a run that was then killed).
  CsvWriter steps_csv = options.resume.empty() ? CsvWriter(out + "/steps.csv", kStepColumns)
                                               : CsvWriter::resume(out + "/steps.csv", kStepColumns, state.epoch);
  CsvWriter epochs_csv = options.resume.empty() ? CsvWriter(out + "/epochs.csv", kEpochColumns)
                                                : CsvWriter::resume(out + "/epochs.csv", kEpochColumns, state.epoch);

  FixedInputs fixed = make_fixed_inputs(config, data);
  Objective objective = objective_named(config.loss);
  StepSettings step_settings;
  step_settings.z_dim = config.z_dim;
  step_settings.clip_limit = config.clip;
  const int steps_per_epoch = N / config.batch;  // the last partial batch is dropped

  std::printf("gan train: %s%s on %s (%d images), loss %s, %d epochs of %d steps, batch %d, seed %llu, %d threads\n",
              config.conditional ? "conditional " : "", config.model.c_str(), data.source.c_str(), N,
              config.loss.c_str(), config.epochs, steps_per_epoch, config.batch,
              static_cast<unsigned long long>(config.seed), kernels::num_threads());
  if (state.epoch > 0) std::printf("resuming after epoch %d (step %lld)\n", state.epoch, (long long)state.step);

  using Clock = std::chrono::steady_clock;
  Clock::time_point run_start = Clock::now();
  Progress progress(options.show_progress && isatty(fileno(stderr)));
  for (int epoch = state.epoch + 1; epoch <= config.epochs; ++epoch) {
    Clock::time_point epoch_start = Clock::now();
    std::vector<int> order = shuffled_indices(N, state.data_rng);
    EpochMeans means;
    for (int b = 0; b < steps_per_epoch; ++b) {
      Tensor real = gather_images(data.images, order, b * config.batch, config.batch);
      std::vector<int> labels;
      if (config.conditional) labels = gather_labels(data.labels, order, b * config.batch, config.batch);
      step_settings.update_generator = (state.step + 1) % config.d_steps == 0;
      StepStatistics stats = training_step(state.models, *state.d_optimizer, *state.g_optimizer, objective, real,
                                           labels, state.noise_rng, step_settings);
      ++state.step;
      if (stats.skipped) {
        std::fprintf(stderr, "\ngan train: epoch %d, step %lld: %s is not finite%s\n", epoch, (long long)state.step,
                     stats.non_finite.c_str(),
                     config.on_nan == "stop" ? "; stopping, the last checkpoint is kept" : "; step skipped");
        if (config.on_nan == "stop") return kExitDiverged;
        continue;
      }
      means.add(stats);
      double seconds = std::chrono::duration<double>(Clock::now() - run_start).count();
      steps_csv.write_row({std::to_string(epoch), std::to_string(state.step), cell(stats.d_loss), cell(stats.g_loss),
                           cell(stats.d_real), cell(stats.d_fake), cell(stats.d_fake_after),
                           cell(stats.grad_norm_d), cell(stats.grad_norm_g), format_float(seconds)});
      progress.update(epoch, config.epochs, b + 1, steps_per_epoch, stats.d_loss, stats.g_loss);
    }
    double epoch_seconds = std::chrono::duration<double>(Clock::now() - epoch_start).count();
    state.epoch = epoch;
    write_epoch_pictures(state, fixed, out, epoch);
    save_checkpoint(out + "/checkpoints/latest.ckpt", to_checkpoint(state));
    double images_per_second = steps_per_epoch * config.batch / epoch_seconds;
    epochs_csv.write_row({std::to_string(epoch), std::to_string(steps_per_epoch), cell(means.mean(0)),
                          cell(means.mean(1)), cell(means.mean(2)), cell(means.mean(3)), cell(means.mean(4)),
                          cell(means.mean(5)), cell(means.mean(6)), format_float(images_per_second),
                          format_float(epoch_seconds)});
    progress.finish_epoch(epoch, config.epochs, epoch_seconds, images_per_second, means.mean(0), means.mean(1),
                          means.mean(2), means.mean(3));
  }
  std::printf("outputs in %s: samples/, probabilities/, steps.csv, epochs.csv, checkpoints/latest.ckpt\n", out.c_str());
  return 0;
}

}  // namespace gan
