#include "gan/inspect/inspect_context.h"

#include <stdexcept>

#include "gan/io/atomic_file.h"

namespace gan::inspect {

Tensor draw_z(const InspectContext& context, int N, uint64_t seed) {
  Rng rng(seed);
  Tensor z({N, context.z_dim()});
  rng.fill_normal(z, 0.0f, 1.0f);
  return z;
}

std::vector<int> draw_labels(const InspectContext& context, int N) {
  std::vector<int> labels;
  if (context.conditional()) {
    for (int n = 0; n < N; ++n) labels.push_back(n % context.num_classes());
  }
  return labels;
}

void write_result(const InspectContext& context, const std::string& tool, const std::string& checkpoint,
                  const JsonValue& body) {
  JsonValue json = JsonValue::object();
  json.set("tool", tool);
  json.set("checkpoint", checkpoint);
  json.set("model", std::string(context.conditional() ? "conditional " : "") + context.state.config.model);
  json.set("seed", std::to_string(context.seed));
  for (const JsonMember& member : body.members()) json.set(member.key, member.value);
  write_file_atomically(context.out + "/result.json", to_json(json, 2) + "\n");
}

Classifier& require_classifier(InspectContext& context, const std::string& tool) {
  if (!context.classifier.classifier) {
    throw std::runtime_error("gan inspect " + tool + " needs a classifier for '" + context.state.config.data +
                             "' (pass --classifier FILE, made by gan classifier train)");
  }
  return *context.classifier.classifier;
}

}  // namespace gan::inspect
