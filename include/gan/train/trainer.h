// train_gan: the whole training run behind `gan train`. Each epoch leaves readable files in the
// run folder (config.out):
//
//   config.json                    every resolved setting, the seed, the version
//   steps.csv                      one row per step: losses, D(x), D(G(z)) before and after, gradient norms
//   epochs.csv                     one row per epoch: the means of steps.csv, images/s, wall seconds
//   samples/epoch_0001.png         an 8x8 grid from a fixed z (conditional: one row per class)
//   probabilities/epoch_0001.csv   D(x) for 256 fixed real images and D(G(z)) for 256 fixed z
//   checkpoints/latest.ckpt        everything needed to resume exactly, written atomically
//
// With `resume`, the run continues from <resume>/checkpoints/latest.ckpt in that folder, and ends
// with the same bytes as a run that never stopped.
#pragma once

#include <string>

#include "gan/train/train_config.h"

namespace gan {

struct TrainOptions {
  std::string resume;          // a run folder to continue, or empty
  bool show_progress = true;   // a progress bar on a terminal, plain lines otherwise
};

// Exit code of a run that stopped because a loss or gradient was not finite.
constexpr int kExitDiverged = 3;

// Returns 0, or kExitDiverged. Throws std::runtime_error / std::invalid_argument on bad input.
int train_gan(const TrainConfig& config, const TrainOptions& options);

}  // namespace gan
