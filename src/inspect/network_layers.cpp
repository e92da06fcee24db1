#include "gan/inspect/network_layers.h"

#include <algorithm>
#include <stdexcept>

#include "gan/nn/layers.h"

namespace gan::inspect {

namespace {

// The layer's class, for the listing; one line per kind that the models use.
std::string kind_of(nn::Module& layer) {
  if (dynamic_cast<nn::Linear*>(&layer)) return "Linear";
  if (dynamic_cast<nn::Conv2d*>(&layer)) return "Conv2d";
  if (dynamic_cast<nn::ConvTranspose2d*>(&layer)) return "ConvTranspose2d";
  if (dynamic_cast<nn::BatchNorm*>(&layer)) return "BatchNorm";
  if (dynamic_cast<nn::ReLU*>(&layer)) return "ReLU";
  if (dynamic_cast<nn::LeakyReLU*>(&layer)) return "LeakyReLU";
  if (dynamic_cast<nn::Tanh*>(&layer)) return "Tanh";
  if (dynamic_cast<nn::Sigmoid*>(&layer)) return "Sigmoid";
  if (dynamic_cast<nn::Flatten*>(&layer)) return "Flatten";
  if (dynamic_cast<nn::Reshape*>(&layer)) return "Reshape";
  if (dynamic_cast<nn::Dropout*>(&layer)) return "Dropout";
  return "Module";
}

bool is_nonlinearity(const LayerInfo& layer) { return layer.kind == "ReLU" || layer.kind == "LeakyReLU"; }

LayerHook record_into(std::vector<LayerInfo>& layers, const std::string& player) {
  return [&layers, player](int index, nn::Module& layer, Variable& output) {
    LayerInfo info;
    info.name = player + "." + std::to_string(index);
    info.player = player;
    info.index = index;
    info.kind = kind_of(layer);
    const Shape& shape = output.shape();
    info.shape.rank = shape.rank - 1;
    for (int axis = 1; axis < shape.rank; ++axis) info.shape.sizes[axis - 1] = shape[axis];
    info.units = shape[1];
    layers.push_back(info);
  };
}

// The rows of `input` in slices of `batch`, each through `run`, joined again: (N, ...) -> (N, ...).
template <class Run>
Tensor in_batches(int N, int batch, Run run) {
  if (batch < 1) throw std::invalid_argument("gan inspect: batch must be >= 1, got " + std::to_string(batch));
  Tensor joined;
  for (int begin = 0; begin < N; begin += batch) {
    const int count = std::min(batch, N - begin);
    Tensor out = run(begin, count);
    if (begin == 0) {
      joined.shape = out.shape;
      joined.shape.sizes[0] = N;
      joined.data.resize(static_cast<size_t>(joined.shape.numel()));
    }
    std::copy(out.data.begin(), out.data.end(), joined.data.begin() + static_cast<int64_t>(begin) * (out.numel() / count));
  }
  return joined;
}

std::vector<int> take_labels(const std::vector<int>& labels, int begin, int count) {
  if (labels.empty()) return {};
  return std::vector<int>(labels.begin() + begin, labels.begin() + begin + count);
}

}  // namespace

Tensor take_rows(const Tensor& tensor, int begin, int count) {
  Shape shape = tensor.shape;
  shape.sizes[0] = count;
  Tensor rows(shape);
  const int64_t row = tensor.numel() / tensor.size(0);
  std::copy(tensor.data.begin() + begin * row, tensor.data.begin() + (begin + count) * row, rows.data.begin());
  return rows;
}

std::vector<LayerInfo> list_layers(GanModels& models, const ModelSettings& settings) {
  NoGradGuard no_grad;
  models.generator->set_training(false);
  models.discriminator->set_training(false);
  std::vector<int> labels;
  if (settings.conditional) labels.push_back(0);
  std::vector<LayerInfo> layers;
  Tensor z({1, settings.z_dim});
  Variable image = models.generator->forward_layers(models.generator->net_input(Variable(z), labels), 0,
                                                    record_into(layers, "generator"));
  models.discriminator->forward_hooked(image, labels, record_into(layers, "discriminator"));
  return layers;
}

LayerInfo find_layer(const std::vector<LayerInfo>& layers, const std::string& name, const std::string& player) {
  std::string valid;
  for (const LayerInfo& layer : layers) {
    if (!player.empty() && layer.player != player) continue;
    if (layer.name == name) return layer;
    valid += (valid.empty() ? "" : "|") + layer.name;
  }
  throw std::invalid_argument("--layer must name a " + (player.empty() ? std::string("") : player + " ") +
                              "layer, one of " + valid + ", got '" + name + "' (gan inspect layers lists them)");
}

LayerInfo default_layer(const std::vector<LayerInfo>& layers, const std::string& player) {
  const LayerInfo* chosen = nullptr;
  const LayerInfo* chosen_with_map = nullptr;
  for (const LayerInfo& layer : layers) {
    if (layer.player != player || !is_nonlinearity(layer)) continue;
    chosen = &layer;
    if (layer.shape.rank == 3 && layer.shape[1] * layer.shape[2] > 1) chosen_with_map = &layer;
  }
  if (chosen_with_map) return *chosen_with_map;
  if (chosen) return *chosen;
  throw std::invalid_argument("the " + player + " has no ReLU or LeakyReLU layer to inspect");
}

Tensor generator_layer(Generator& generator, const Tensor& z, const std::vector<int>& labels, int index, int batch) {
  NoGradGuard no_grad;
  generator.set_training(false);
  return in_batches(z.size(0), batch, [&](int begin, int count) {
    Tensor recorded;
    generator.forward_layers(generator.net_input(Variable(take_rows(z, begin, count)), take_labels(labels, begin, count)),
                             0, [&](int i, nn::Module&, Variable& output) {
                               if (i == index) recorded = output.value();
                             });
    return recorded;
  });
}

Tensor generator_from_layer(Generator& generator, const Tensor& layer_output, int index, int batch) {
  NoGradGuard no_grad;
  generator.set_training(false);
  return in_batches(layer_output.size(0), batch, [&](int begin, int count) {
    return generator.forward_layers(Variable(take_rows(layer_output, begin, count)), index + 1, {}).value();
  });
}

Tensor discriminator_layer(Discriminator& discriminator, const Tensor& images, const std::vector<int>& labels,
                           int index, int batch) {
  NoGradGuard no_grad;
  discriminator.set_training(false);
  return in_batches(images.size(0), batch, [&](int begin, int count) {
    Tensor recorded;
    discriminator.forward_hooked(Variable(take_rows(images, begin, count)), take_labels(labels, begin, count),
                                 [&](int i, nn::Module&, Variable& output) {
                                   if (i == index) recorded = output.value();
                                 });
    return recorded;
  });
}

std::vector<double> discriminator_logits(Discriminator& discriminator, const Tensor& images,
                                         const std::vector<int>& labels, int batch) {
  NoGradGuard no_grad;
  discriminator.set_training(false);
  Tensor logits = in_batches(images.size(0), batch, [&](int begin, int count) {
    return discriminator.forward(Variable(take_rows(images, begin, count)), take_labels(labels, begin, count)).value();
  });
  return std::vector<double>(logits.data.begin(), logits.data.end());
}

Tensor unit_means(const Tensor& layer_output) {
  const int N = layer_output.size(0), C = layer_output.size(1);
  if (layer_output.rank() == 2) return layer_output;
  const int64_t area = layer_output.numel() / (static_cast<int64_t>(N) * C);
  Tensor means({N, C});
  for (int n = 0; n < N; ++n) {
    for (int c = 0; c < C; ++c) {
      const float* map = layer_output.ptr() + (static_cast<int64_t>(n) * C + c) * area;
      double total = 0.0;  // in pixel order
      for (int64_t p = 0; p < area; ++p) total += map[p];
      means.at(n, c) = static_cast<float>(total / static_cast<double>(area));
    }
  }
  return means;
}

Tensor zero_units(Tensor layer_output, const std::vector<int>& units) {
  const int N = layer_output.size(0), C = layer_output.size(1);
  const int64_t area = layer_output.numel() / (static_cast<int64_t>(N) * C);
  for (int n = 0; n < N; ++n) {
    for (int unit : units) {
      float* map = layer_output.ptr() + (static_cast<int64_t>(n) * C + unit) * area;
      std::fill(map, map + area, 0.0f);
    }
  }
  return layer_output;
}

}  // namespace gan::inspect
