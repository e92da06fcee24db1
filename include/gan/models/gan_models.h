// The two players of a GAN (Goodfellow et al. 2014): a generator G that maps noise z (and, when
// conditional, a class label) to an image, and a discriminator D that scores an image (and its
// label) with a logit: D(x) = sigma(logit) is D's probability that x is real.
//
// Two architectures, exactly those of the PyTorch reference (tests/bench/torch_reference.py):
//   "mlp"    fully connected G and D (models/mlp_gan.h)
//   "dcgan"  DCGAN-28: transposed convolutions in G, strided convolutions in D (models/dcgan.h)
// each with a conditional version (Mirza & Osindero 2014) that feeds a learned label embedding
// to both players.
//
//   Rng rng(1);
//   GanModels models = make_gan(ModelSettings{}, rng);        // DCGAN-28 for 1 x 28 x 28 images
//   Variable fake = models.generator->forward(z, {});          // z (N, 100) -> (N, 1, 28, 28)
//   Variable logits = models.discriminator->forward(fake, {}); // (N, 1)
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gan/nn/layers.h"
#include "gan/nn/module.h"
#include "gan/tensor/rng.h"

namespace gan {

struct ModelSettings {
  std::string architecture = "dcgan";  // mlp | dcgan
  bool conditional = false;            // feed class labels to G and D
  int z_dim = 100;                     // Z: Radford et al. 2015
  int num_classes = 10;                // K, for conditional models
  int channels = 1;                    // C of the images
  int image_size = 28;                 // H = W; dcgan requires a multiple of 4
  std::string init;                    // a scheme of nn/init.h; empty: make_gan uses default_init
};

// The initialisation scheme (nn/init.h) an architecture gets unless told otherwise: "dcgan" for
// DCGAN-28, as in the PyTorch DCGAN example; "pytorch-default" for the MLP GAN, as in the PyTorch
// reference. docs/initialisation.md measures both against PyTorch, and "dcgan" against
// "dcgan-zero-bias". An unknown architecture gets "pytorch-default" (make_gan rejects it anyway).
std::string default_init(const std::string& architecture);

// Called after each of net's layers by Player::forward_layers: `index` is the layer's position in
// net (its parameters are "<index>.weight", so `gan inspect` names it "generator.<index>"),
// `output` its result (N, ...), which the hook may read or replace: GAN Dissection (Bau et al.
// 2019) ablates and inserts units by replacing a layer's output.
using LayerHook = std::function<void(int index, nn::Module& layer, Variable& output)>;

// What Generator and Discriminator share: the layers (`net`), an optional label embedding, and
// the lists of their parameters and buffers. The embedding's parameter is "label_embedding.weight";
// net's are named by position, "0.weight", "2.running_mean", ...
class Player {
 public:
  virtual ~Player();
  std::vector<nn::NamedParameter> parameters();
  std::vector<nn::NamedBuffer> buffers();
  // Training mode uses batch statistics in batch norm; evaluation uses the running ones, so each
  // sample's output no longer depends on the rest of its batch.
  void set_training(bool training);
  bool conditional() const { return label_embedding != nullptr; }

  // net's layers from `first` on, applied to h one at a time, with hook (if set) after each:
  // forward_layers(input, 0, {}) is net.forward(input). Starting at a later layer reruns only the
  // rest of the network on a recorded, possibly edited, output of the layer before it.
  Variable forward_layers(Variable h, int first, const LayerHook& hook);
  int num_layers() const { return net.size(); }

 protected:
  // requires: labels empty when not conditional, else N of them.
  void check_labels(const char* where, int N, const std::vector<int>& labels) const;

  nn::Sequential net;
  std::unique_ptr<nn::Embedding> label_embedding;  // null unless conditional
};

class Generator : public Player {
 public:
  // z (N, Z) -> images (N, C, H, W) in [-1, 1]; labels empty unless conditional.
  virtual Variable forward(const Variable& z, const std::vector<int>& labels) = 0;
  // What net reads: z (N, Z), or z joined with the label's embedding (N, Z + K); checks both.
  // forward(z, labels) = forward_layers(net_input(z, labels), 0, {}).
  Variable net_input(const Variable& z, const std::vector<int>& labels);
};

class Discriminator : public Player {
 public:
  // images (N, C, H, W) -> logits (N, 1); labels empty unless conditional.
  virtual Variable forward(const Variable& x, const std::vector<int>& labels) {
    return net.forward(net_input(x, labels));
  }

  // The same logits, and what D computed on the way: `hidden` receives the output of each of
  // net's nonlinearities (ReLU, LeakyReLU), in order, such as (N, 64, 14, 14) and (N, 128, 7, 7)
  // for DCGAN-28. The last one is D's penultimate feature: the logit is a linear function of it.
  // These are the layers GANViz's TensorPath and activation views show (train/game_record.h).
  Variable forward_recording(const Variable& x, const std::vector<int>& labels, std::vector<Tensor>& hidden);
  // The same logits, with hook after each of net's layers (Player::forward_layers).
  Variable forward_hooked(const Variable& x, const std::vector<int>& labels, const LayerHook& hook) {
    return forward_layers(net_input(x, labels), 0, hook);
  }

 protected:
  // What net reads: x itself, or x joined with the label's embedding; checks x and labels.
  virtual Variable net_input(const Variable& x, const std::vector<int>& labels);
};

struct GanModels {
  std::unique_ptr<Generator> generator;
  std::unique_ptr<Discriminator> discriminator;
};

// Builds both players, initialised from rng with settings.init (G first, then D). Throws
// std::invalid_argument for an unknown architecture (listing mlp|dcgan) or init scheme, z_dim < 1,
// channels < 1, num_classes < 1 when conditional, or an image size the architecture cannot produce.
GanModels make_gan(const ModelSettings& settings, Rng& rng);

}  // namespace gan
