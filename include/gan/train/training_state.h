// Everything a run needs to continue exactly where it stopped, and its conversion to and from a
// checkpoint file: both players' parameters and batch-norm statistics, both optimisers' moments,
// the random streams, the epoch and the step. Nothing time-dependent goes in, so two runs that did
// the same work write the same bytes.
#pragma once

#include <memory>
#include <string>

#include "gan/io/checkpoint.h"
#include "gan/models/gan_models.h"
#include "gan/optim/optimizer.h"
#include "gan/tensor/rng.h"
#include "gan/train/train_config.h"

namespace gan {

struct TrainingState {
  TrainConfig config;
  int num_classes = 0;  // of the data set; sizes the label embeddings of conditional models
  GanModels models;
  std::unique_ptr<Optimizer> g_optimizer, d_optimizer;
  Rng data_rng{0};   // shuffles the data each epoch
  Rng noise_rng{0};  // draws z for training steps
  int epoch = 0;     // epochs completed
  int64_t step = 0;  // training steps completed
};

// Builds models (initialised from config.seed) and optimisers for a fresh run.
// `num_classes` comes from the data set.
TrainingState new_training_state(const TrainConfig& config, int num_classes);

Checkpoint to_checkpoint(const TrainingState& state);
// Rebuilds the state a checkpoint describes; `path` names the file in errors.
TrainingState from_checkpoint(const Checkpoint& checkpoint, const std::string& path);

}  // namespace gan
