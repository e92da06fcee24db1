#include "gan/models/gan_models.h"

#include <stdexcept>
#include <string>

#include "gan/models/dcgan.h"
#include "gan/models/mlp_gan.h"
#include "gan/nn/init.h"
#include "gan/ops/shape_ops.h"

namespace gan {

Player::~Player() = default;

std::vector<nn::NamedParameter> Player::parameters() {
  std::vector<nn::NamedParameter> parameters;
  std::vector<nn::NamedBuffer> buffers;
  if (label_embedding) label_embedding->collect("label_embedding.", parameters);
  net.collect("", parameters, buffers);
  return parameters;
}

std::vector<nn::NamedBuffer> Player::buffers() {
  std::vector<nn::NamedParameter> parameters;
  std::vector<nn::NamedBuffer> buffers;
  net.collect("", parameters, buffers);
  return buffers;
}

void Player::set_training(bool training) { net.set_training(training); }

void Player::check_labels(const char* where, int N, const std::vector<int>& labels) const {
  if (conditional() && static_cast<int>(labels.size()) != N) {
    throw std::invalid_argument(std::string(where) + ": a conditional model needs one label per sample, N=" +
                                std::to_string(N) + ", got " + std::to_string(labels.size()));
  }
  if (!conditional() && !labels.empty()) {
    throw std::invalid_argument(std::string(where) + ": labels must be empty for an unconditional model, got " +
                                std::to_string(labels.size()));
  }
}

Variable Player::forward_layers(Variable h, int first, const LayerHook& hook) {
  for (int i = first; i < net.size(); ++i) {
    h = net[i].forward(h);
    if (hook) hook(i, net[i], h);
  }
  return h;
}

Variable Generator::net_input(const Variable& z, const std::vector<int>& labels) {
  require_rank("Generator::net_input", "z", z.shape(), 2, "(N, Z)");
  check_labels("Generator::net_input", z.shape()[0], labels);
  if (!conditional()) return z;
  return concat({z, label_embedding->forward(labels)}, 1);  // (N, Z + K)
}

Variable Discriminator::net_input(const Variable& x, const std::vector<int>& labels) {
  check_labels("Discriminator::forward", x.shape()[0], labels);
  return x;
}

Variable Discriminator::forward_recording(const Variable& x, const std::vector<int>& labels,
                                          std::vector<Tensor>& hidden) {
  hidden.clear();
  Variable h = net_input(x, labels);
  for (int i = 0; i < net.size(); ++i) {
    h = net[i].forward(h);
    const bool nonlinearity = dynamic_cast<nn::LeakyReLU*>(&net[i]) || dynamic_cast<nn::ReLU*>(&net[i]);
    if (nonlinearity) hidden.push_back(h.value());
  }
  return h;
}

namespace {

void require_setting(bool ok, const std::string& what, int value) {
  if (!ok) throw std::invalid_argument("make_gan: " + what + ", got " + std::to_string(value));
}

}  // namespace

std::string default_init(const std::string& architecture) {
  return architecture == "dcgan" ? "dcgan" : "pytorch-default";
}

GanModels make_gan(const ModelSettings& requested, Rng& rng) {
  ModelSettings settings = requested;
  if (settings.init.empty()) settings.init = default_init(settings.architecture);
  require_setting(settings.z_dim >= 1, "z_dim must be >= 1", settings.z_dim);
  require_setting(settings.channels >= 1, "channels must be >= 1", settings.channels);
  require_setting(settings.image_size >= 1, "image_size must be >= 1", settings.image_size);
  if (settings.conditional) {
    require_setting(settings.num_classes >= 1, "num_classes must be >= 1 for a conditional model",
                    settings.num_classes);
  }
  GanModels models;
  if (settings.architecture == "mlp") {
    models.generator = std::make_unique<MlpGenerator>(settings, rng);
    models.discriminator = std::make_unique<MlpDiscriminator>(settings, rng);
  } else if (settings.architecture == "dcgan") {
    // two stride-2 layers halve the size twice, so it must divide by 4
    require_setting(settings.image_size % 4 == 0, "dcgan needs image_size a multiple of 4", settings.image_size);
    models.generator = std::make_unique<DcganGenerator>(settings, rng);
    models.discriminator = std::make_unique<DcganDiscriminator>(settings, rng);
  } else {
    throw std::invalid_argument("make_gan: architecture must be one of mlp|dcgan, got '" + settings.architecture +
                                "'");
  }
  return models;
}

}  // namespace gan
