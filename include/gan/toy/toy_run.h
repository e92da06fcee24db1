// run_toy: the whole run behind `gan toy`. A small GAN (toy_models.h) learns a 1-D or 2-D
// distribution (distributions.h) with the training step of `gan train` (train/training_step.h)
// and any of its objectives (losses/objectives.h); after every epoch the quantities of
// toy_measures.h are printed and logged. Every file is written whole through
// write_file_atomically (io/atomic_file.h), so a killed run leaves each file as its last
// complete version. Into config.out:
//
//   config.json             every setting of ToyConfig, the seed as a string, the grid sizes, the
//                           KDE's bandwidth rule, and in 1-D jsd_of_data_kde (estimator_floor_jsd)
//   epochs.csv              one row per epoch, epoch 0 being the untrained models. Columns:
//     epoch, steps                  the epoch and the training steps it ran (0 for epoch 0)
//     d_loss, g_loss, d_real, d_fake  means over the epoch's steps (train/training_step.h; blank at 0)
//     d_g_z                         mean D(G(z)) on the fixed z
//     grad_minimax, grad_nonsaturating  mean ||dl/dx|| of each generator loss at G's fixed samples,
//                                   on the same D (GeneratorPull in toy_measures.h)
//     value_samples, value_samples_se   V_hat of D and its standard error
//     1-D only (blank in 2-D): jsd, value_d, value_d_star, identity_error (|V(G, D*) - (2 JSD - log 4)|),
//       two_jsd_minus_log4, bandwidth, p_g_mass, gap_mean, gap_max (|D - D*|, optimal_discriminator.h)
//     2-D only (blank in 1-D, and for the spiral): modes_covered, modes_total, high_quality
//   fields/epoch_0005.csv   every fields_every epochs, and at the first and last epoch:
//     1-D: x,p_data,p_g,d,d_star   one row per grid point (kGrid1dPoints)
//     2-D: x,y,d                    one row per field point (kField2dSize^2), x fastest
//   fields/epoch_0005_samples.csv   2-D only: source,x,y,descent_x,descent_y: the first
//                           kPlotSamples data samples (source "data", descent blank) and G's samples
//                           (source "g", with -dl/dx of the run's loss)
//   fields/epoch_0005.png   the picture of the same fields (toy_plots.h)
//   d_only.csv              with train_d_only > 0: G frozen after the epochs, D alone trained for that
//                           many steps on the minimax D loss (Eq. 1), whose optimum is D*. Columns:
//                           step, d_loss, d_g_z, grad_minimax, grad_nonsaturating, value_samples,
//                           and in 1-D jsd, value_d, value_d_star, gap_mean, gap_max
//                           (rows at step 0 and at 10 evenly spaced steps up to the last)
//   fields/d_only.csv, fields/d_only.png   the fields after D's last step
//
// Same config, same bytes in every file, at any thread count: the kernels fix their sums' order
// (kernels/parallel.h), every sum here runs in one order in double, and exp, log, sin and cos are
// our own (kernels/math_functions_double.h), not the C library's: the same bytes on every x86-64
// machine too (tests/golden/checksums.txt holds a run's epochs.csv).
//
//   ToyConfig config;
//   config.dist = "ring8";
//   config.out = "runs/ring8";
//   ToySummary summary = run_toy(config, true);
#pragma once

#include <cstdint>
#include <string>

#include "gan/io/json.h"

namespace gan::toy {

constexpr int kPlotSamples = 2000;  // samples of each kind drawn and written in 2-D

struct ToyConfig {
  std::string dist = "mixture1d";      // distributions.h
  std::string loss = "nonsaturating";  // losses/objectives.h: minimax | nonsaturating | lsgan | hinge | wgan
  int epochs = 40;
  int steps_per_epoch = 200;
  int batch = 512;                     // samples of each kind per step; toy steps are cheap, and a
                                       // bigger batch gives D a less noisy view of both densities
                                       // (ring8 kept all 8 modes in 33 of 40 epochs at 512, fewer at 256)
  float lr_g = 1e-3f;                  // Adam; 5x DCGAN's 2e-4, as toy GANs (GAN Lab) train fast
  float lr_d = 1e-3f;
  float beta1 = 0.5f;                  // Radford et al. 2015, as optim/adam.h
  float beta2 = 0.999f;
  int d_steps = 1;                     // k of Goodfellow et al. 2014, Algorithm 1 (k = 1 there)
  int z_dim = 8;                       // Z; ring8 kept its modes better with 8 than with 2 or 16
                                       // (docs/theory.md)
  int hidden = 128;
  int layers = 2;
  int samples = 10000;                 // M: fixed z (and fixed data samples) for each epoch's measures
  double bandwidth = 0;                // KDE's h in 1-D; 0: Silverman's rule (density_estimate.h)
  double mode_share = 0.01;            // a mode counts when it holds >= this share of G's samples
  int fields_every = 5;                // fields/epoch_*.csv and .png every this many epochs
  int train_d_only = 0;                // steps of D alone against the final, frozen G (0: none)
  uint64_t seed = 1;
  int threads = 0;                     // 0: OMP_NUM_THREADS, or every core
  std::string out = "runs/toy";
};

JsonValue toy_config_to_json(const ToyConfig& config);

// The last epoch's figures (NaN where a figure does not apply), for the caller and the tests.
struct ToySummary {
  double jsd = 0, value_d_star = 0, identity_error = 0, max_identity_error = 0;  // max over all epochs
  int modes_covered = 0, modes_total = 0;
  double high_quality = 0;
  double d_only_gap_mean = 0, d_only_gap_max = 0;  // after the D-only steps (1-D)
};

// Creates config.out and its fields/ folder and checks that a file can be written there; throws
// std::runtime_error "<path>: cannot create the output folder: <reason>" (or the write's error).
void prepare_toy_folder(const std::string& out);

// Writes the files above and, with `print`, one line per epoch. Throws std::invalid_argument for a
// bad setting (unknown dist or loss, a size below 1), std::runtime_error naming the path when
// config.out cannot be written (prepare_toy_folder, before any training).
ToySummary run_toy(const ToyConfig& config, bool print);

}  // namespace gan::toy
