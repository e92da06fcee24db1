// Every setting of a training run, with its default and where the default comes from. `gan train`
// fills it from its flags, prints it at the start, and writes it to <out>/config.json; a checkpoint
// carries it too, so `gan sample` and `--resume` rebuild exactly the same models.
#pragma once

#include <cstdint>
#include <string>

#include "gan/io/json.h"
#include "gan/losses/objectives.h"
#include "gan/models/gan_models.h"
#include "gan/optim/adam.h"

namespace gan {

struct TrainConfig {
  std::string model = "dcgan";          // mlp | dcgan: the two architectures of the PyTorch reference
  std::string init;                     // a scheme of nn/init.h; empty: default_init(model), filled
                                        // in by train_gan so that config.json names the scheme used
  bool conditional = false;             // label-conditioned G and D (Mirza & Osindero 2014)
  std::string loss = "nonsaturating";   // Goodfellow et al. 2014, Sec. 3: strong gradients early on
  std::string data = "mnist";           // see load_dataset: mnist | fashion | quickdraw:PATH,... | idx:...
  std::string data_dir;                 // where the shipped data/ folder is
  int limit = 0;                        // use only the first `limit` images (0: all), for quick runs
  int epochs = 5;
  int batch = 64;                       // Radford et al. 2015 use 128; 64 matches the reference bench
  std::string optimizer = "adam";       // adam | sgd
  float lr_g = AdamSettings{}.lr;       // Adam's defaults are DCGAN's (optim/adam.h)
  float lr_d = AdamSettings{}.lr;
  float beta1 = AdamSettings{}.beta1;
  float beta2 = AdamSettings{}.beta2;
  float momentum = 0.9f;                // SGD only
  int d_steps = 1;                      // discriminator steps per generator step (k in Goodfellow's Alg. 1)
  float clip = kWganClipLimit;          // WGAN weight clipping c (losses/objectives.h)
  int z_dim = ModelSettings{}.z_dim;    // Z (models/gan_models.h)
  uint64_t seed = 1;
  int threads = 0;                      // 0: OMP_NUM_THREADS, or every core
  std::string on_nan = "stop";          // stop (exit 3) | skip-step
  // Per-epoch metrics (train/evaluation.h) in epochs.csv. 1000 samples keep an evaluation near
  // 2 s on 2 cores (FID and precision/recall are biased at this N: compare epochs with each
  // other, not with 10k-sample numbers); 0 turns them off.
  int eval_every = 1;                   // FID, KID, IS, precision, recall, modes, diversity every N epochs
  int eval_samples = 1000;              // fixed z for the fakes, as many real training images (at most N)
  std::string classifier;               // weights file; "": the shipped one for MNIST, none otherwise
  std::string out = "runs/dcgan";
};

JsonValue config_to_json(const TrainConfig& config);
// requires: a JSON object as written by config_to_json; `source` names the file in errors.
TrainConfig config_from_json(const JsonValue& json, const std::string& source);

}  // namespace gan
