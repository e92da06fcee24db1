// A translation run (gan translate train): pix2pix on paired digits or CycleGAN on unpaired ones,
// trained for config.epochs epochs and measured after each on held-out test digits.
//
// What it writes into config.out:
//   config.json        every setting of TranslateConfig, with the papers' defaults
//   epochs.csv         per epoch: the mean losses (d_loss 0 when adv_weight is 0: no D step runs),
//                      then on the test digits
//                        l1            mean |G(a) - b| against the true target b = task.make_target(x)
//                        l1_input      mean |a - b|: the identity's L1, the baseline to beat
//                        label_preservation   share of G(a) the classifier assigns x's label
//                        cycle_a, cycle_b     CycleGAN: mean |F(G(a)) - a|, mean |G(F(b)) - b|
//                        label_preservation_f CycleGAN: share of F(b) given x's label
//   grids/epoch_NNNN.png  one test digit of each class per column, enlarged 3x (translation_grid.h); rows
//                        pix2pix:  a | G(a) | b
//                        CycleGAN: a | G(a) | F(G(a)) | b | F(b) | G(F(b))
//   result.json        the last epoch's measures and the reference accuracies of the classifier
//                      on the test inputs and targets themselves
//   generator.ckpt     G's (and for CycleGAN F's) weights after the last epoch, "G.<name>" and
//                      "F.<name>", with metadata model, task, features (load_translation_generator)
// Every file is a function of the config alone: the same bytes at any thread count.
//
//   TranslateConfig config;  config.model = "pix2pix";  config.task = "edges2digit";
//   run_translation(config, true);
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "gan/io/json.h"
#include "gan/translate/translation_models.h"

namespace gan::translate {

struct TranslateConfig {
  std::string model = "pix2pix";     // pix2pix | cyclegan
  std::string task = "edges2digit";  // domains.h
  // Isola et al. 2017, Sec. 3.3, and Zhu et al. 2017, Sec. 4: Adam, lr 2e-4, beta1 0.5.
  float lr = 2e-4f;
  float beta1 = 0.5f;
  // The objective of losses/objectives.h for the adversarial terms: pix2pix trains G with the
  // non-saturating loss (Isola et al. 2017, Sec. 3.3), CycleGAN with least squares (Zhu et al.
  // 2017, Sec. 4). Empty: the model's own.
  std::string loss;
  float lambda_l1 = 100.0f;      // pix2pix's lambda (Isola et al. 2017, Sec. 4, Eq. 4)
  float lambda_cycle = 10.0f;    // CycleGAN's lambda (Zhu et al. 2017, Sec. 4, Eq. 3)
  float lambda_identity = 0.0f;  // weight of L_identity; 0: off (the paper's default for most tasks)
  float adv_weight = 1.0f;       // weight of the adversarial terms; 0 trains a plain L1 (or cycle) model
  int features = 32;             // F of both networks (translation_models.h)
  int epochs = 3;
  int steps_per_epoch = 300;
  int batch = 32;
  int eval_count = 1000;  // test digits measured each epoch (of mnist-test's 2000)
  std::string data_dir = "data";
  std::string classifier;  // empty: data/classifier/mnist_lenet.ckpt
  uint64_t seed = 1;
  int threads = 0;
  std::string out = "runs/translate";
};

std::string default_loss(const std::string& model);  // "nonsaturating" for pix2pix, "lsgan" for cyclegan
JsonValue translate_config_to_json(const TranslateConfig& config);

// Creates config.out and config.out/grids; throws std::runtime_error when they cannot be written.
void prepare_translation_folder(const std::string& out);

// Trains and measures; prints a line per epoch when `verbose`. Returns result.json's value.
// Throws std::invalid_argument for an unknown model, task or loss, and std::runtime_error for
// missing data or classifier files (naming them).
JsonValue run_translation(const TranslateConfig& config, bool verbose);

// G's outputs for images (N, C, H, W) in [-1, 1], without a graph, 100 at a time, in their order.
Tensor translate_images(nn::Module& generator, const Tensor& images);

// A generator saved by run_translation: G (A -> B, `which` "G") or, from a CycleGAN run, F (B -> A,
// `which` "F"). `task` receives the run's task name. Throws std::runtime_error naming the file when
// it is not a translation run's generator.ckpt, or holds no F.
std::unique_ptr<UNetGenerator> load_translation_generator(const std::string& path, const std::string& which,
                                                          std::string* task);

}  // namespace gan::translate
