#include "gan/train/trainer.h"

#include <unistd.h>

#include <algorithm>
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
#include "gan/metrics/auc.h"
#include "gan/metrics/mode_coverage.h"
#include "gan/ops/activations.h"
#include "gan/report/report.h"
#include "gan/train/classifier_training.h"
#include "gan/train/collapse_alarm.h"
#include "gan/train/evaluation.h"
#include "gan/train/game_record.h"
#include "gan/train/interrupt.h"
#include "gan/train/progress.h"
#include "gan/train/training_state.h"
#include "gan/train/training_step.h"

namespace gan {

namespace {

namespace fs = std::filesystem;

// The fixed inputs every epoch is judged on, drawn once from their own streams of the seed.
enum FixedStream : uint64_t { kGridStream = 4, kProbeStream = 5, kEvalStream = 6, kEvalMetricsStream = 7 };
constexpr int kGridColumns = 8;
constexpr int kProbeCount = 256;
constexpr int kProbeBatch = 64;  // images per forward pass over the probes

const std::vector<std::string> kStepColumns = {"epoch", "step", "d_loss", "g_loss", "d_real", "d_fake",
                                               "d_fake_after", "grad_norm_d", "grad_norm_g", "seconds"};
const std::vector<std::string> kEpochColumns = {"epoch", "steps", "d_loss", "g_loss", "d_real", "d_fake",
                                                "d_fake_after", "grad_norm_d", "grad_norm_g",
                                                "images_per_second", "seconds", "d_auc", "fid", "kid", "kid_std",
                                                "inception_score", "inception_score_std", "precision", "recall",
                                                "modes", "modes_kl", "diversity", "dist_diff", "collapse", "eval_seconds"};
// The cells evaluate_epoch fills: the columns from "fid" to the last, "eval_seconds".
const size_t kMetricCells = kEpochColumns.end() - std::find(kEpochColumns.begin(), kEpochColumns.end(), "fid");

// A number for a CSV cell; NaN (not measured) becomes an empty cell, not a zero.
std::string cell(double value) { return std::isnan(value) ? "" : format_float(value); }

struct FixedInputs {
  Tensor grid_z;                 // (rows * 8, Z)
  std::vector<int> grid_labels;  // one row per class for conditional models
  Probes probes;                 // 256 real images and 256 z (train/game_record.h)
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
  fixed.probes.real = gather_images(data.images, order, 0, probe_count);
  fixed.probes.z = Tensor({probe_count, config.z_dim});
  probe_rng.fill_normal(fixed.probes.z, 0.0f, 1.0f);
  if (config.conditional) {
    fixed.probes.real_labels = gather_labels(data.labels, order, 0, probe_count);
    fixed.probes.z_labels = fixed.probes.real_labels;
  }
  return fixed;
}

// The fixed inputs of the per-epoch metrics (train/evaluation.h): M = min(eval_samples, N) z from
// their own stream, as many real training images (equal sizes: FID and precision/recall depend on
// them), and what the collapse alarm compares with (train/collapse_alarm.h), computed once.
struct EpochEvaluator {
  bool enabled = false;
  TrainedClassifier classifier;  // none: only the diversity is computed
  Tensor real_features;          // (M, 128)
  Tensor z;                      // (M, Z)
  std::vector<int> labels;       // conditional models: the classes in turn
  int real_classes = 0;          // the classes the M real images cover (0 without a classifier)
  double real_diversity = 0.0;   // their SSIM diversity
};

EpochEvaluator make_epoch_evaluator(const TrainConfig& config, const Dataset& data) {
  EpochEvaluator evaluator;
  if (config.eval_every == 0) return evaluator;
  const int count = std::min(config.eval_samples, data.images.size(0));
  if (count <= EvaluationSettings{}.k) {
    std::printf("gan train: %d images are too few for the per-epoch metrics (precision/recall needs %d)\n", count,
                EvaluationSettings{}.k + 1);
    return evaluator;
  }
  evaluator.enabled = true;
  Rng eval_rng(config.seed, kEvalStream);
  evaluator.z = Tensor({count, config.z_dim});
  eval_rng.fill_normal(evaluator.z, 0.0f, 1.0f);
  if (config.conditional) {
    for (int i = 0; i < count; ++i) evaluator.labels.push_back(i % data.num_classes);
  }
  std::vector<int> order = shuffled_indices(data.images.size(0), eval_rng);
  Tensor real = gather_images(data.images, order, 0, count);
  Rng diversity_rng(config.seed, kEvalMetricsStream);  // fixed draws of SSIM pairs, the same in every run
  evaluator.real_diversity = metrics::ssim_diversity(real, diversity_rng, EvaluationSettings{}.diversity).diversity;
  std::string path = config.classifier.empty() ? default_classifier_path(config.data, config.data_dir) : config.classifier;
  if (path.empty()) {
    std::printf("gan train: no classifier for '%s', so FID, KID, IS, precision, recall and modes stay blank in "
                "epochs.csv (pass --classifier)\n", config.data.c_str());
    return evaluator;
  }
  evaluator.classifier = load_classifier(path);
  evaluator.real_classes = metrics::mode_coverage(gather_labels(data.labels, order, 0, count), data.num_classes,
                                                  EvaluationSettings{}.mode_threshold).covered_modes;
  require_classifier_input(path, evaluator.classifier.info.channels, evaluator.classifier.info.image_size,
                           data.source, real);
  evaluator.real_features = classifier_features(*evaluator.classifier.classifier, real, EvaluationSettings{}.batch);
  return evaluator;
}

// An epoch's sample metrics: the cells from "fid" to "eval_seconds" (blank in epochs that are
// not evaluated, the classifier metrics blank without a classifier), and the collapse alarm's
// words ("" when healthy or not evaluated).
struct EpochMetrics {
  std::vector<std::string> cells = std::vector<std::string>(kMetricCells);
  std::string alarm;
};

EpochMetrics evaluate_epoch(TrainingState& state, const EpochEvaluator& evaluator, int epoch) {
  const TrainConfig& config = state.config;
  if (!evaluator.enabled || epoch % config.eval_every != 0) return {};
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  EvaluationSettings settings;
  Tensor fake = generate_images(*state.models.generator, evaluator.z, evaluator.labels, settings.batch);
  Rng rng(config.seed, kEvalMetricsStream);  // the same draws every epoch: only G changes
  Evaluation e = evaluate_generated(evaluator.classifier.classifier.get(), evaluator.real_features, fake, rng, settings);
  EpochMetrics metrics;
  metrics.alarm = collapse_alarm(e, evaluator.real_classes, evaluator.real_diversity);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics.cells = {cell(e.fid), cell(e.kid.mean), cell(e.kid.std), cell(e.inception_score.mean),
                   cell(e.inception_score.std), cell(e.precision_recall.precision), cell(e.precision_recall.recall),
                   e.modes.histogram.empty() ? "" : std::to_string(e.modes.covered_modes), cell(e.modes.kl_to_uniform),
                   cell(e.diversity.diversity), cell(e.dist_diff.kl), metrics.alarm.empty() ? "0" : "1",
                   format_float(seconds)};
  return metrics;
}

// The samples grid, D's probabilities on the probes, and what the report's views need
// (train/game_record.h), all in evaluation mode (batch norm on running statistics), no graph.
// Returns D's AUC on the probe images (metrics/auc.h): 0.5 when D cannot tell them apart; NaN
// when a logit is not finite, which the training losses can miss: evaluation mode divides by the
// running variance, and that can overflow while every training batch still looks finite.
double write_epoch_pictures(TrainingState& state, const FixedInputs& fixed, GameRecorder& recorder,
                            const std::string& out, int epoch) {
  Generator& G = *state.models.generator;
  Discriminator& D = *state.models.discriminator;
  char name[64];
  std::snprintf(name, sizeof name, "epoch_%04d", epoch);
  write_png_grid(out + "/samples/" + name + ".png", generate_images(G, fixed.grid_z, fixed.grid_labels, kProbeBatch),
                 kGridColumns);

  ProbePass pass = run_probes(G, D, fixed.probes, kProbeBatch);
  std::string csv = "index,d_real,d_fake\n";
  for (size_t i = 0; i < pass.d_real_logits.size(); ++i) {
    csv += std::to_string(i) + "," + format_float(sigmoid_value(pass.d_real_logits[i])) + "," +
           format_float(sigmoid_value(pass.d_fake_logits[i])) + "\n";
  }
  write_file_atomically(out + "/probabilities/" + name + ".csv", csv);
  for (size_t i = 0; i < pass.d_real_logits.size(); ++i) {
    if (!std::isfinite(pass.d_real_logits[i]) || !std::isfinite(pass.d_fake_logits[i])) {
      return std::numeric_limits<double>::quiet_NaN();
    }
  }
  recorder.record(name, pass, fixed.probes, D);
  return metrics::discriminator_auc(pass.d_real_logits, pass.d_fake_logits);
}

// The mean of one steps.csv column over an epoch; NaN entries (no G step in that step) are left out.
struct RunningMean {
  double sum = 0;
  int count = 0;
  void add(double value) {
    if (std::isnan(value)) return;
    sum += value;
    ++count;
  }
  double mean() const { return count ? sum / count : std::numeric_limits<double>::quiet_NaN(); }
};

// The epoch's means of the step statistics that epochs.csv reports, one per column.
struct EpochMeans {
  RunningMean d_loss, g_loss, d_real, d_fake, d_fake_after, grad_norm_d, grad_norm_g;
  void add(const StepStatistics& s) {
    d_loss.add(s.d_loss);
    g_loss.add(s.g_loss);
    d_real.add(s.d_real);
    d_fake.add(s.d_fake);
    d_fake_after.add(s.d_fake_after);
    grad_norm_d.add(s.grad_norm_d);
    grad_norm_g.add(s.grad_norm_g);
  }
};

// Fails before any training when the output folder cannot be written.
void prepare_run_folder(const std::string& out) {
  std::vector<std::string> folders = {"", "/samples", "/probabilities", "/checkpoints"};
  for (const std::string& folder : game_record_folders()) folders.push_back("/" + folder);
  for (const std::string& sub : folders) {
    std::error_code error;
    fs::create_directories(out + sub, error);
    if (error) throw std::runtime_error(out + sub + ": cannot create the output folder: " + error.message());
  }
  write_file_atomically(out + "/checkpoints/.write-test", "ok");
  fs::remove(out + "/checkpoints/.write-test");
}

// What a run starts from: its settings, its state (new, or loaded from the checkpoint it resumes),
// and its data.
struct RunStart {
  TrainConfig config;
  TrainingState state;
  Dataset data;
  int steps_per_epoch = 0;
  int64_t steps_into_epoch = 0;  // batches already done of epoch state.epoch + 1 (after an interrupt)
};

// The resume logic: a resumed run takes its settings from its checkpoint, except those the command
// line may change (where to write, for how long, on how many threads), and must see the data set it
// was trained on.
RunStart start_run(const TrainConfig& given, const TrainOptions& options) {
  RunStart run;
  run.config = given;
  if (run.config.init.empty()) run.config.init = default_init(run.config.model);
  if (run.config.threads > 0) kernels::set_num_threads(run.config.threads);
  std::string checkpoint_path;
  if (!options.resume.empty()) {
    checkpoint_path = options.resume + "/checkpoints/latest.ckpt";
    run.state = from_checkpoint(load_checkpoint(checkpoint_path), checkpoint_path);
    // A resumed run may train for longer, on another machine: these come from the command line.
    run.state.config.epochs = given.epochs;
    run.state.config.out = options.resume;
    run.state.config.data_dir = given.data_dir;
    run.state.config.threads = given.threads;
    if (!given.classifier.empty()) run.state.config.classifier = given.classifier;
    run.config = run.state.config;
  }
  const TrainConfig& config = run.config;
  try {
    run.data = load_dataset(config.data, config.data_dir);
  } catch (const std::invalid_argument& error) {  // the spec is none of the forms: a bad --data
    throw SettingError(std::string("--data: ") + error.what());
  }
  if (config.limit > 0 && config.limit < run.data.images.size(0)) {
    std::vector<int> first(config.limit);
    for (int i = 0; i < config.limit; ++i) first[i] = i;
    run.data.images = gather_images(run.data.images, first, 0, config.limit);
    run.data.labels = gather_labels(run.data.labels, first, 0, config.limit);
  }
  const int N = run.data.images.size(0);
  if (config.batch > N) {
    throw SettingError("--batch " + std::to_string(config.batch) + " is larger than the data set (" +
                       std::to_string(N) + " images in " + run.data.source + "); use --batch " + std::to_string(N) +
                       " or less");
  }
  if (options.resume.empty()) run.state = new_training_state(config, run.data.num_classes);
  run.steps_per_epoch = N / config.batch;  // the last partial batch is dropped
  // A checkpoint written on an interrupt stops inside epoch `epoch + 1`: its step counts the batches
  // done there, and its data_rng is the one that shuffled that epoch, so the same order comes back.
  run.steps_into_epoch = run.state.step - int64_t{run.state.epoch} * run.steps_per_epoch;
  if (run.steps_into_epoch < 0 || run.steps_into_epoch > run.steps_per_epoch) {
    throw std::runtime_error(checkpoint_path + ": step " + std::to_string(run.state.step) + " does not fall in epoch " +
                             std::to_string(run.state.epoch + 1) + " of " + std::to_string(run.steps_per_epoch) +
                             " steps; expected the data set the run was trained on (" + run.data.source + ", " +
                             std::to_string(N) + " images now)");
  }
  return run;
}

// What a run writes as it goes, and what it needs to write it.
struct RunOutputs {
  CsvWriter steps_csv, epochs_csv;
  FixedInputs fixed;          // the grid's z and the probe images, the same every epoch
  EpochEvaluator evaluator;   // the per-epoch sample metrics
  GameRecorder recorder;      // the report's per-epoch records
  Progress progress;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
};

// Trains the batches [first_batch, steps_per_epoch) of one epoch, writing a steps.csv row after
// each. Returns 0, or the exit status that ends the run: an interrupt (after checkpointing where
// the epoch stands) or a non-finite value with --on-nan stop.
int train_epoch_steps(RunStart& run, RunOutputs& outputs, const Objective& objective, StepSettings& step_settings,
                      int epoch, int first_batch, EpochMeans& means) {
  const TrainConfig& config = run.config;
  TrainingState& state = run.state;
  Rng epoch_rng = state.data_rng;  // before this epoch's shuffle: what an interrupt checkpoints
  std::vector<int> order = shuffled_indices(run.data.images.size(0), state.data_rng);
  for (int b = first_batch; b < run.steps_per_epoch; ++b) {
    // Polled between steps, so the step under way when the signal came is finished first.
    if (interrupt_requested()) {
      state.data_rng = epoch_rng;
      save_checkpoint(config.out + "/checkpoints/latest.ckpt", to_checkpoint(state));
      std::fprintf(stderr,
                   "\ngan train: interrupted after step %lld (epoch %d, %d of %d steps), saved %s/checkpoints/"
                   "latest.ckpt; continue with: gan train --resume %s --epochs %d\n",
                   (long long)state.step, epoch, b, run.steps_per_epoch, config.out.c_str(), config.out.c_str(),
                   config.epochs);
      return kExitInterrupted;
    }
    Tensor real = gather_images(run.data.images, order, b * config.batch, config.batch);
    std::vector<int> labels;
    if (config.conditional) labels = gather_labels(run.data.labels, order, b * config.batch, config.batch);
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
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - outputs.start).count();
    outputs.steps_csv.write_row({std::to_string(epoch), std::to_string(state.step), cell(stats.d_loss),
                                 cell(stats.g_loss), cell(stats.d_real), cell(stats.d_fake), cell(stats.d_fake_after),
                                 cell(stats.grad_norm_d), cell(stats.grad_norm_g), format_float(seconds)});
    outputs.progress.update(epoch, config.epochs, b + 1, run.steps_per_epoch, stats.d_loss, stats.g_loss);
  }
  return 0;
}

// The end of an epoch: the pictures and probe probabilities, the sample metrics, the checkpoint,
// and the epochs.csv row. Returns 0, or kExitDiverged when D's logits on the probes are not finite
// (then no checkpoint of the broken model is written).
int finish_epoch(RunStart& run, RunOutputs& outputs, const EpochMeans& means, int epoch, int steps_run,
                 double epoch_seconds) {
  const TrainConfig& config = run.config;
  TrainingState& state = run.state;
  state.epoch = epoch;
  double d_auc = write_epoch_pictures(state, outputs.fixed, outputs.recorder, config.out, epoch);
  if (std::isnan(d_auc)) {
    std::fprintf(stderr, "\ngan train: epoch %d, step %lld: D's logits on the fixed probe images are not finite; "
                 "stopping, the last checkpoint is kept\n", epoch, (long long)state.step);
    return kExitDiverged;
  }
  EpochMetrics metrics = evaluate_epoch(state, outputs.evaluator, epoch);
  save_checkpoint(config.out + "/checkpoints/latest.ckpt", to_checkpoint(state));
  double images_per_second = steps_run * config.batch / epoch_seconds;
  std::vector<std::string> row = {std::to_string(epoch), std::to_string(steps_run), cell(means.d_loss.mean()),
                                  cell(means.g_loss.mean()), cell(means.d_real.mean()), cell(means.d_fake.mean()),
                                  cell(means.d_fake_after.mean()), cell(means.grad_norm_d.mean()),
                                  cell(means.grad_norm_g.mean()), format_float(images_per_second),
                                  format_float(epoch_seconds), format_float(d_auc)};
  row.insert(row.end(), metrics.cells.begin(), metrics.cells.end());
  outputs.epochs_csv.write_row(row);
  outputs.progress.finish_epoch(epoch, config.epochs, epoch_seconds, images_per_second, means.d_loss.mean(),
                                means.g_loss.mean(), means.d_real.mean(), means.d_fake.mean(),
                                metrics.alarm.empty() ? "" : "  collapse? " + metrics.alarm);
  return 0;
}

}  // namespace

int train_gan(const TrainConfig& given, const TrainOptions& options) {
  RunStart run = start_run(given, options);
  const TrainConfig& config = run.config;
  prepare_run_folder(config.out);
  write_file_atomically(config.out + "/config.json", to_json(config_to_json(config), 2) + "\n");
  // A resumed run keeps the rows of the steps and epochs its checkpoint holds and drops any later
  // ones (written after the checkpoint by a run that was then killed). After an interrupt the
  // checkpoint holds part of an epoch: its step rows are kept, its epoch row is still to come.
  const std::string steps_path = config.out + "/steps.csv", epochs_path = config.out + "/epochs.csv";
  RunOutputs outputs{
      options.resume.empty() ? CsvWriter(steps_path, kStepColumns)
                             : CsvWriter::resume(steps_path, kStepColumns, "step", run.state.step),
      options.resume.empty() ? CsvWriter(epochs_path, kEpochColumns)
                             : CsvWriter::resume(epochs_path, kEpochColumns, "epoch", run.state.epoch),
      make_fixed_inputs(config, run.data), make_epoch_evaluator(config, run.data), GameRecorder(config.out, config.seed),
      Progress(options.show_progress && isatty(fileno(stderr)))};
  Objective objective = objective_named(config.loss);
  StepSettings step_settings;
  step_settings.z_dim = config.z_dim;
  step_settings.clip_limit = config.clip;

  std::printf("gan train: %s%s (init %s) on %s (%d images), loss %s, %d epochs of %d steps, batch %d, seed %llu, "
              "%d threads\n",
              config.conditional ? "conditional " : "", config.model.c_str(), config.init.c_str(),
              run.data.source.c_str(), run.data.images.size(0), config.loss.c_str(), config.epochs,
              run.steps_per_epoch, config.batch, static_cast<unsigned long long>(config.seed), kernels::num_threads());
  if (run.state.step > 0) {
    std::printf("resuming after epoch %d and %lld steps of epoch %d (step %lld)\n", run.state.epoch,
                (long long)run.steps_into_epoch, run.state.epoch + 1, (long long)run.state.step);
  }
  const int first_epoch = run.state.epoch + 1;
  for (int epoch = first_epoch; epoch <= config.epochs; ++epoch) {
    auto epoch_start = std::chrono::steady_clock::now();
    // An epoch resumed after an interrupt runs, and reports, only the steps still to do.
    const int first_batch = epoch == first_epoch ? static_cast<int>(run.steps_into_epoch) : 0;
    EpochMeans means;
    if (int status = train_epoch_steps(run, outputs, objective, step_settings, epoch, first_batch, means)) return status;
    double epoch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - epoch_start).count();
    const int steps_run = run.steps_per_epoch - first_batch;
    if (int status = finish_epoch(run, outputs, means, epoch, steps_run, epoch_seconds)) return status;
    if (options.write_report) write_report(config.out);
  }
  std::printf("outputs in %s: samples/, probabilities/, steps.csv, epochs.csv, checkpoints/latest.ckpt%s\n",
              config.out.c_str(), options.write_report ? ", report.html" : " (gan report writes report.html)");
  return 0;
}

}  // namespace gan
