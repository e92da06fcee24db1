// The layers of a trained GAN by name, and what they compute, for `gan inspect`.
//
// A layer is named as its parameters are in the checkpoint: the output of position i of G's net
// is "generator.i", of D's "discriminator.i" (the checkpoint's generator.2.running_mean belongs to
// the batch norm "generator.2"). Its units are the channels C of an (N, C, H, W) output, each
// with an H x W feature map, or the D features of an (N, D) output, each a 1 x 1 map.
//
//   std::vector<LayerInfo> layers = list_layers(models, settings);
//   LayerInfo relu = find_layer(layers, "generator.3", "generator");   // (128, 7, 7) for DCGAN-28
//   Tensor maps = generator_layer(*models.generator, z, {}, relu.index, 64);   // (N, 128, 7, 7)
//   maps = zero_units(maps, {5, 9});                                           // ablate two units
//   Tensor images = generator_from_layer(*models.generator, maps, relu.index, 64);
#pragma once

#include <string>
#include <vector>

#include "gan/models/gan_models.h"

namespace gan::inspect {

struct LayerInfo {
  std::string name;    // "generator.3"
  std::string player;  // "generator" or "discriminator"
  int index = 0;       // position in the player's net
  std::string kind;    // "Linear", "ConvTranspose2d", "BatchNorm", "ReLU", ...
  Shape shape;         // one sample's output: (C, H, W) or (D)
  int units = 0;       // C, or D
};

// Every layer of both players, G's first, with the shapes of one forward pass. `settings` are the
// models' own (z_dim, channels, image_size, conditional).
std::vector<LayerInfo> list_layers(GanModels& models, const ModelSettings& settings);

// The layer called `name`; player "" accepts either. Throws std::invalid_argument naming what was
// asked and listing the valid names.
LayerInfo find_layer(const std::vector<LayerInfo>& layers, const std::string& name, const std::string& player);

// The last nonlinearity of `player` whose output has a feature map (H x W > 1) if one has, else the
// last nonlinearity: G's last hidden layer, or D's penultimate features. What the tools use when
// no --layer is given.
LayerInfo default_layer(const std::vector<LayerInfo>& layers, const std::string& player);

// Each function below runs in evaluation mode, without a graph, `batch` >= 1 samples at a time.

// G's output at layer `index` for z (N, Z) and labels (empty unless conditional) -> (N, ...)
Tensor generator_layer(Generator& generator, const Tensor& z, const std::vector<int>& labels, int index, int batch);
// The rest of G after layer `index`, run on that layer's (possibly edited) output -> images (N, C, H, W)
Tensor generator_from_layer(Generator& generator, const Tensor& layer_output, int index, int batch);
// D's output at layer `index` for images (N, C, H, W) -> (N, ...)
Tensor discriminator_layer(Discriminator& discriminator, const Tensor& images, const std::vector<int>& labels,
                           int index, int batch);
// D's logits -> N numbers
std::vector<double> discriminator_logits(Discriminator& discriminator, const Tensor& images,
                                         const std::vector<int>& labels, int batch);

// The activation of each unit: the mean of its feature map, (N, C, H, W) -> (N, C); (N, D) as is.
Tensor unit_means(const Tensor& layer_output);
// layer_output with the maps of `units` set to 0 (GAN Dissection's ablation).
Tensor zero_units(Tensor layer_output, const std::vector<int>& units);

// Rows [begin, begin + count) of a tensor, (N, ...) -> (count, ...).
Tensor take_rows(const Tensor& tensor, int begin, int count);

}  // namespace gan::inspect
