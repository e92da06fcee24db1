// train_gan: the whole training run behind `gan train`. Each epoch leaves readable files in the
// run folder (config.out):
//
//   config.json                    every resolved setting, the seed, the version
//   steps.csv                      one row per step: losses, D(x), D(G(z)) before and after, gradient norms
//   epochs.csv                     one row per epoch: the means of steps.csv, images/s, wall seconds, D's AUC
//                                  on the probe images, and every --eval-every epochs FID, KID, IS,
//                                  precision, recall, modes and diversity (blank cells otherwise;
//                                  docs/metrics.md), and the collapse alarm: 1 when the epoch looks
//                                  collapsed, 0 when not, blank when not evaluated (train/collapse_alarm.h)
//   samples/epoch_0001.png         an 8x8 grid from a fixed z (conditional: one row per class)
//   probabilities/epoch_0001.csv   D(x) for 256 fixed real images and D(G(z)) for 256 fixed z
//   checkpoints/latest.ckpt        everything needed to resume exactly, written atomically
//   activations/, projection/, probes/, tensorpath/, filters/
//                                  what the report's views need, every epoch (train/game_record.h)
//   report.html                    with TrainOptions::write_report, after every epoch (report/report.h)
//
// With `resume`, the run continues from <resume>/checkpoints/latest.ckpt in that folder, and ends
// with the same bytes as a run that never stopped.
#pragma once

#include <stdexcept>
#include <string>

#include "gan/train/train_config.h"

namespace gan {

struct TrainOptions {
  std::string resume;          // a run folder to continue, or empty
  bool show_progress = true;   // a progress bar on a terminal, plain lines otherwise
  bool write_report = false;   // rewrite report.html (report/report.h) after every epoch
};

// Exit code of a run that stopped because a loss or gradient was not finite.
constexpr int kExitDiverged = 3;
// Exit code of a run stopped by SIGINT or SIGTERM (train/interrupt.h): 128 + SIGINT, as shells do.
constexpr int kExitInterrupted = 130;

// A setting that does not fit the data it meets, found only once the data is loaded (a batch
// larger than the data set): the caller's mistake, which `gan train` reports as a usage error.
struct SettingError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Returns 0, kExitDiverged, or kExitInterrupted once interrupt_requested() (train/interrupt.h):
// then the step under way is finished and checkpointed, so that --resume continues mid-epoch,
// from the next batch of the same shuffled order, and ends with the bytes of an uninterrupted run.
// Throws SettingError, or std::runtime_error / std::invalid_argument on bad input.
int train_gan(const TrainConfig& config, const TrainOptions& options);

}  // namespace gan
