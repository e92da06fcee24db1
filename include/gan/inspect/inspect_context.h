// What every `gan inspect` tool works on: the checkpoint's models (in evaluation mode), the
// classifier that serves as judge and segmenter (the shipped LeNet for MNIST), the real images the
// run trained on, and where the pictures and result.json go.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gan/data/dataset.h"
#include "gan/inspect/network_layers.h"
#include "gan/io/json.h"
#include "gan/train/classifier_training.h"
#include "gan/train/training_state.h"

namespace gan::inspect {

struct InspectContext {
  TrainingState state;
  TrainedClassifier classifier;  // classifier null when the data set has none
  Dataset data;                  // the real images the run trained on
  std::vector<LayerInfo> layers;
  std::string out;               // the output folder, made and writable
  uint64_t seed = 0;             // z and every other random draw
  int batch = 64;                // samples per forward pass

  Generator& generator() { return *state.models.generator; }
  Discriminator& discriminator() { return *state.models.discriminator; }
  int z_dim() const { return state.config.z_dim; }
  bool conditional() const { return state.config.conditional; }
  int num_classes() const { return state.num_classes; }
};

// What a tool hands back: result.json's body and the one-line summary for stdout.
struct ToolReport {
  JsonValue body = JsonValue::object();
  std::string summary;
};

// N normal z's from `seed` (gan sample's stream, so `gan sample --seed S` draws the same first
// ones), and their labels for a conditional G (class n mod K), else none.
Tensor draw_z(const InspectContext& context, int N, uint64_t seed);
std::vector<int> draw_labels(const InspectContext& context, int N);

// Writes DIR/result.json: {"tool", "checkpoint", "seed", ...body's members}.
void write_result(const InspectContext& context, const std::string& tool, const std::string& checkpoint,
                  const JsonValue& body);

// requires a classifier; throws std::runtime_error naming the tool otherwise.
Classifier& require_classifier(InspectContext& context, const std::string& tool);

}  // namespace gan::inspect
