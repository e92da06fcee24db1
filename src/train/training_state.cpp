#include "gan/train/training_state.h"

#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "gan/optim/adam.h"
#include "gan/optim/sgd.h"

namespace gan {

namespace {

// Each random stream of a run has its own PCG stream number, so that they never overlap.
enum RngStream : uint64_t { kInitStream = 1, kDataStream = 2, kNoiseStream = 3 };

std::unique_ptr<Optimizer> make_optimizer(const TrainConfig& config, std::vector<nn::NamedParameter> parameters,
                                          float lr) {
  if (config.optimizer == "sgd") {
    SgdSettings settings;
    settings.lr = lr;
    settings.momentum = config.momentum;
    return std::make_unique<Sgd>(std::move(parameters), settings);
  }
  AdamSettings settings;
  settings.lr = lr;
  settings.beta1 = config.beta1;
  settings.beta2 = config.beta2;
  return std::make_unique<Adam>(std::move(parameters), settings);
}

ModelSettings model_settings(const TrainConfig& config, int num_classes) {
  ModelSettings settings;
  settings.architecture = config.model;
  settings.conditional = config.conditional;
  settings.z_dim = config.z_dim;
  settings.num_classes = num_classes;
  settings.init = config.init;
  return settings;
}

// "state increment has_spare spare-bits": the float's bits, so the text round-trips exactly.
std::string rng_to_text(const Rng& rng) {
  RngState s = rng.state();
  uint32_t spare_bits;
  std::memcpy(&spare_bits, &s.spare_normal, sizeof spare_bits);
  char text[96];
  std::snprintf(text, sizeof text, "%" PRIu64 " %" PRIu64 " %d %" PRIu32, s.state, s.increment,
                s.has_spare_normal ? 1 : 0, spare_bits);
  return text;
}

Rng rng_from_text(const std::string& text, const std::string& where) {
  RngState s;
  int has_spare = 0;
  uint32_t spare_bits = 0;
  if (std::sscanf(text.c_str(), "%" SCNu64 " %" SCNu64 " %d %" SCNu32, &s.state, &s.increment, &has_spare,
                  &spare_bits) != 4) {
    throw std::runtime_error(where + ": must be four numbers 'state increment has_spare spare_bits', got '" +
                             text + "'");
  }
  s.has_spare_normal = has_spare != 0;
  std::memcpy(&s.spare_normal, &spare_bits, sizeof spare_bits);
  Rng rng(0);
  rng.set_state(s);
  return rng;
}

void add_model(Checkpoint& checkpoint, const std::string& prefix, const std::vector<nn::NamedParameter>& parameters,
               const std::vector<nn::NamedBuffer>& buffers) {
  for (const nn::NamedParameter& parameter : parameters) {
    checkpoint.tensors.emplace_back(prefix + parameter.name, parameter.variable.value());
  }
  for (const nn::NamedBuffer& buffer : buffers) checkpoint.tensors.emplace_back(prefix + buffer.name, *buffer.tensor);
}

void load_model(const Checkpoint& checkpoint, const std::string& path, const std::string& prefix,
                const std::vector<nn::NamedParameter>& parameters, const std::vector<nn::NamedBuffer>& buffers) {
  auto load = [&](const std::string& name, Tensor& target) {
    const Tensor& stored = find_tensor(checkpoint, name);
    if (stored.shape != target.shape) {
      throw std::runtime_error(path + ": tensor '" + name + "' must be " + target.shape.str() + ", got " +
                               stored.shape.str());
    }
    target = stored;
  };
  for (const nn::NamedParameter& parameter : parameters) {
    Variable variable = parameter.variable;
    load(prefix + parameter.name, variable.value());
  }
  for (const nn::NamedBuffer& buffer : buffers) load(prefix + buffer.name, *buffer.tensor);
}

int parse_count(const std::string& text, const std::string& where) {
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || value < 0) {
    throw std::runtime_error(where + ": must be a whole number >= 0, got '" + text + "'");
  }
  return static_cast<int>(value);
}

}  // namespace

TrainingState new_training_state(const TrainConfig& config, int num_classes) {
  TrainingState state;
  state.config = config;
  state.num_classes = num_classes;
  Rng init_rng(config.seed, kInitStream);
  state.models = make_gan(model_settings(config, num_classes), init_rng);
  state.g_optimizer = make_optimizer(config, state.models.generator->parameters(), config.lr_g);
  state.d_optimizer = make_optimizer(config, state.models.discriminator->parameters(), config.lr_d);
  state.data_rng = Rng(config.seed, kDataStream);
  state.noise_rng = Rng(config.seed, kNoiseStream);
  return state;
}

Checkpoint to_checkpoint(const TrainingState& state) {
  Checkpoint checkpoint;
  add_model(checkpoint, "generator.", state.models.generator->parameters(), state.models.generator->buffers());
  add_model(checkpoint, "discriminator.", state.models.discriminator->parameters(),
            state.models.discriminator->buffers());
  for (auto& entry : state.g_optimizer->state("g_optimizer")) checkpoint.tensors.push_back(std::move(entry));
  for (auto& entry : state.d_optimizer->state("d_optimizer")) checkpoint.tensors.push_back(std::move(entry));
  // The checkpoint records what was trained, not where or for how long: the run folder, the data
  // folder and the planned epochs are left out, so that the same training gives the same bytes
  // wherever it ran, and whether or not it was stopped and resumed on the way.
  TrainConfig training = state.config;
  training.out.clear();
  training.data_dir.clear();
  training.epochs = 0;
  checkpoint.metadata = {
      {"config", to_json(config_to_json(training), 0)},
      {"num_classes", std::to_string(state.num_classes)},
      {"epoch", std::to_string(state.epoch)},
      {"step", std::to_string(state.step)},
      {"data_rng", rng_to_text(state.data_rng)},
      {"noise_rng", rng_to_text(state.noise_rng)},
  };
  return checkpoint;
}

TrainingState from_checkpoint(const Checkpoint& checkpoint, const std::string& path) {
  TrainConfig config = config_from_json(parse_json(find_metadata(checkpoint, "config"), path + ": config"),
                                        path + ": config");
  int num_classes = parse_count(find_metadata(checkpoint, "num_classes"), path + ": num_classes");
  TrainingState state = new_training_state(config, num_classes);
  load_model(checkpoint, path, "generator.", state.models.generator->parameters(), state.models.generator->buffers());
  load_model(checkpoint, path, "discriminator.", state.models.discriminator->parameters(),
             state.models.discriminator->buffers());
  auto find = [&](const std::string& name) -> const Tensor& { return find_tensor(checkpoint, name); };
  state.g_optimizer->load_state("g_optimizer", find);
  state.d_optimizer->load_state("d_optimizer", find);
  state.epoch = parse_count(find_metadata(checkpoint, "epoch"), path + ": epoch");
  state.step = parse_count(find_metadata(checkpoint, "step"), path + ": step");
  state.data_rng = rng_from_text(find_metadata(checkpoint, "data_rng"), path + ": data_rng");
  state.noise_rng = rng_from_text(find_metadata(checkpoint, "noise_rng"), path + ": noise_rng");
  return state;
}

}  // namespace gan
