#include "gan/train/train_config.h"

#include <stdexcept>

namespace gan {

JsonValue config_to_json(const TrainConfig& c) {
  JsonValue json = JsonValue::object();
  json.set("engine", "gan.cpp");
  json.set("model", c.model);
  json.set("init", c.init);
  json.set("conditional", c.conditional);
  json.set("loss", c.loss);
  json.set("data", c.data);
  json.set("data_dir", c.data_dir);
  json.set("limit", c.limit);
  json.set("epochs", c.epochs);
  json.set("batch", c.batch);
  json.set("optimizer", c.optimizer);
  json.set("lr_g", static_cast<double>(c.lr_g));
  json.set("lr_d", static_cast<double>(c.lr_d));
  json.set("beta1", static_cast<double>(c.beta1));
  json.set("beta2", static_cast<double>(c.beta2));
  json.set("momentum", static_cast<double>(c.momentum));
  json.set("d_steps", c.d_steps);
  json.set("clip", static_cast<double>(c.clip));
  json.set("z_dim", c.z_dim);
  // A string: JSON numbers are doubles, exact only up to 2^53, and a seed may use all 64 bits.
  json.set("seed", std::to_string(c.seed));
  json.set("on_nan", c.on_nan);
  json.set("eval_every", c.eval_every);
  json.set("eval_samples", c.eval_samples);
  json.set("classifier", c.classifier);
  json.set("out", c.out);
  return json;
}

TrainConfig config_from_json(const JsonValue& json, const std::string& source) {
  if (json.type() != JsonValue::Type::Object) {
    throw std::runtime_error(source + ": must be a JSON object, got " + json.type_name());
  }
  auto field = [&](const char* key, JsonValue::Type type) -> const JsonValue& {
    const JsonValue* value = json.find(key);
    if (value == nullptr) throw std::runtime_error(source + ": field '" + key + "' is missing");
    if (value->type() != type) {
      throw std::runtime_error(source + ": field '" + key + "' has the wrong type, got " + value->type_name());
    }
    return *value;
  };
  auto text = [&](const char* key) { return field(key, JsonValue::Type::String).as_string(); };
  auto number = [&](const char* key) { return field(key, JsonValue::Type::Number).as_number(); };
  TrainConfig c;
  c.model = text("model");
  // Configs written before --init lack it: DCGANs were then initialised with zero biases, MLP GANs
  // with PyTorch's defaults. Only the record depends on this: a resumed run loads its parameters.
  if (json.find("init") != nullptr) {
    c.init = text("init");
  } else {
    c.init = c.model == "dcgan" ? "dcgan-zero-bias" : "pytorch-default";
  }
  c.conditional = field("conditional", JsonValue::Type::Bool).as_bool();
  c.loss = text("loss");
  c.data = text("data");
  c.data_dir = text("data_dir");
  c.limit = static_cast<int>(number("limit"));
  c.epochs = static_cast<int>(number("epochs"));
  c.batch = static_cast<int>(number("batch"));
  c.optimizer = text("optimizer");
  c.lr_g = static_cast<float>(number("lr_g"));
  c.lr_d = static_cast<float>(number("lr_d"));
  c.beta1 = static_cast<float>(number("beta1"));
  c.beta2 = static_cast<float>(number("beta2"));
  c.momentum = static_cast<float>(number("momentum"));
  c.d_steps = static_cast<int>(number("d_steps"));
  c.clip = static_cast<float>(number("clip"));
  c.z_dim = static_cast<int>(number("z_dim"));
  std::string seed = text("seed");
  try {
    size_t used = 0;
    c.seed = std::stoull(seed, &used);
    if (used != seed.size()) throw std::invalid_argument("trailing characters");
  } catch (const std::exception&) {
    throw std::runtime_error(source + ": field 'seed' must be a whole number in a string, got '" + seed + "'");
  }
  c.on_nan = text("on_nan");
  // Configs written before the per-epoch metrics lack these three: they keep the defaults.
  if (json.find("eval_every") != nullptr) c.eval_every = static_cast<int>(number("eval_every"));
  if (json.find("eval_samples") != nullptr) c.eval_samples = static_cast<int>(number("eval_samples"));
  if (json.find("classifier") != nullptr) c.classifier = text("classifier");
  if (c.eval_every < 0 || c.eval_samples < 2) {
    throw std::runtime_error(source + ": fields 'eval_every' >= 0 and 'eval_samples' >= 2 expected, got " +
                             std::to_string(c.eval_every) + " and " + std::to_string(c.eval_samples));
  }
  c.out = text("out");
  return c;
}

}  // namespace gan
