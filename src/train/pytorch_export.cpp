#include "gan/train/pytorch_export.h"

#include <stdexcept>

#include "gan/io/json.h"
#include "gan/io/safetensors.h"

namespace gan {

namespace {

bool ends_with(const std::string& text, const std::string& end) {
  return text.size() >= end.size() && text.compare(text.size() - end.size(), end.size(), end) == 0;
}

std::vector<int64_t> sizes_of(const Tensor& tensor) {
  return std::vector<int64_t>(tensor.shape.sizes.begin(), tensor.shape.sizes.begin() + tensor.rank());
}

// "3.weight" -> "<player>.<3 + shift>.weight"; "label_embedding.weight" keeps its name.
std::string torch_name(const std::string& player, const std::string& name, int shift) {
  size_t dot = name.find('.');
  const std::string head = name.substr(0, dot);
  if (head.empty() || head.find_first_not_of("0123456789") != std::string::npos) return player + "." + name;
  return player + "." + std::to_string(std::stoi(head) + shift) + name.substr(dot);
}

void add_player(const std::string& player, Player& net, int shift, int64_t step, std::vector<NamedArray>& arrays) {
  for (const nn::NamedParameter& parameter : net.parameters()) {
    const Tensor& value = parameter.variable.value();
    arrays.push_back(float32_array(torch_name(player, parameter.name, shift), sizes_of(value), value.ptr()));
  }
  for (const nn::NamedBuffer& buffer : net.buffers()) {
    const std::string name = torch_name(player, buffer.name, shift);
    arrays.push_back(float32_array(name, sizes_of(*buffer.tensor), buffer.tensor->ptr()));
    if (ends_with(name, ".running_var")) {  // PyTorch's third batch-norm buffer
      arrays.push_back(int64_array(name.substr(0, name.size() - 11) + "num_batches_tracked", {}, &step));
    }
  }
}

}  // namespace

std::vector<NamedArray> pytorch_state_dict(TrainingState& state) {
  std::vector<NamedArray> arrays;
  add_player("G", *state.models.generator, 0, state.step, arrays);
  // the reference's MLP discriminator starts with nn.Flatten(), which gan.cpp does before its net
  add_player("D", *state.models.discriminator, state.config.model == "mlp" ? 1 : 0, state.step, arrays);
  return arrays;
}

std::string export_meta_json(const TrainingState& state) {
  const TrainConfig& config = state.config;
  JsonValue meta = JsonValue::object();
  meta.set("format", "gan.cpp export 1");
  meta.set("model", config.model);
  meta.set("z_dim", config.z_dim);
  meta.set("loss", config.loss);
  meta.set("conditional", config.conditional);
  meta.set("num_classes", state.num_classes);
  const ModelSettings images;  // every run's models draw 1 x 28 x 28 images (training_state.cpp)
  meta.set("channels", images.channels);
  meta.set("image_size", images.image_size);
  meta.set("step", state.step);
  if (config.conditional) {
    meta.set("G_input", "cat([z, G.label_embedding(labels)], 1): (N, Z + K)");
    meta.set("D_input", config.model == "mlp"
                            ? "cat([x.flatten(1), D.label_embedding(labels)], 1): (N, C*H*W + K)"
                            : "cat([x, D.label_embedding(labels).reshape(N, 1, H, W)], 1): (N, C + 1, H, W)");
  }
  return to_json(meta);
}

void export_weights(const std::string& path, TrainingState& state) {
  const bool npz = ends_with(path, ".npz"), safetensors = ends_with(path, ".safetensors");
  if (!npz && !safetensors) {
    throw std::invalid_argument("export: the output must end in .npz or .safetensors, got '" + path + "'");
  }
  std::vector<NamedArray> arrays = pytorch_state_dict(state);
  const std::string meta = export_meta_json(state);
  if (npz) {
    arrays.push_back(string_array("meta", meta));
    write_npz(path, arrays);
  } else {
    write_safetensors(path, arrays, {{"meta", meta}});
  }
}

}  // namespace gan
