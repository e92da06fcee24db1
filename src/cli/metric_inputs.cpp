#include "metric_inputs.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "gan/io/idx.h"
#include "gan/io/npy.h"

namespace gan::cli {

namespace {

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

// "(17, 0, 3, 4)": the position of flat index i in the file's own shape, for error messages.
std::string coordinates(const std::vector<int>& shape, int64_t i) {
  std::vector<int64_t> index(shape.size());
  for (size_t axis = shape.size(); axis-- > 0;) {
    index[axis] = i % shape[axis];
    i /= shape[axis];
  }
  std::string text = "(";
  for (size_t axis = 0; axis < index.size(); ++axis) text += (axis ? ", " : "") + std::to_string(index[axis]);
  return text + ")";
}

std::string number_text(float value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The linear map of a range onto [-1, 1], and the values it accepts.
struct Range {
  float low, high;
  const char* text;
};
Range range_named(const std::string& name) {
  if (name == "uint8") return {0.0f, 255.0f, "0 .. 255"};
  if (name == "0to1") return {0.0f, 1.0f, "0 .. 1"};
  return {-1.0f, 1.0f, "-1 .. 1"};
}

}  // namespace

const char* kind_name(InputKind kind) {
  switch (kind) {
    case InputKind::Scores: return "scores";
    case InputKind::Features: return "features";
    case InputKind::Images: return "images";
  }
  return "";
}

Tensor MetricInput::flattened() const { return gan::flattened(values); }

std::vector<float> MetricInput::scores() const { return {values.data.begin(), values.data.end()}; }

JsonValue MetricInput::describe() const {
  JsonValue json = JsonValue::object();
  json.set("path", path);
  json.set("dtype", dtype);
  JsonValue sizes = JsonValue::array();
  for (int size : shape) sizes.push_back(size);
  json.set("shape", sizes);
  json.set("kind", kind_name(kind));
  if (kind == InputKind::Images) json.set("range", range);
  return json;
}

MetricInput read_metric_input(const std::string& path, const std::string& range) {
  MetricInput input;
  input.path = path;
  ScalarStorage values;  // becomes the tensor's own storage
  if (ends_with(path, ".npy")) {
    NpyArray array = read_npy(path);
    input.dtype = array.dtype;
    for (int64_t size : array.shape) input.shape.push_back(static_cast<int>(size));  // read_npy keeps sizes < 2^31
    values.assign(array.values.begin(), array.values.end());
  } else {
    IdxImages images = read_idx_images(path);
    input.dtype = "idx";
    input.shape = {images.count, images.rows, images.cols};
    values.assign(images.pixels.begin(), images.pixels.end());
  }
  const std::vector<int>& shape = input.shape;
  if (shape.empty()) throw std::runtime_error(path + ": holds a single number (shape ()); expected N samples");
  for (int size : shape) {
    if (size < 1) throw std::runtime_error(path + ": holds no values (a size of its shape is 0); expected N >= 1 samples");
  }
  for (size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::runtime_error(path + ": value " + number_text(values[i]) + " at " + coordinates(shape, i) +
                               " is not finite");
    }
  }
  const int N = shape[0];
  if (shape.size() == 1 || (shape.size() == 2 && shape[1] == 1)) {
    input.kind = InputKind::Scores;
    input.values = Tensor({N, 1}, std::move(values));
  } else if (shape.size() == 2) {
    input.kind = InputKind::Features;
    input.values = Tensor({N, shape[1]}, std::move(values));
  } else {
    input.kind = InputKind::Images;
    bool uint8_file = input.dtype != "<f4";
    input.range = range == "auto" ? (uint8_file ? "uint8" : "minus1to1") : range;
    Range r = range_named(input.range);
    // (v - low) / half_width - 1: p / 127.5 - 1 for uint8, the same floats as load_dataset gives.
    const float half_width = (r.high - r.low) / 2.0f;
    for (size_t i = 0; i < values.size(); ++i) {
      if (values[i] < r.low || values[i] > r.high) {
        throw std::runtime_error(path + ": value " + number_text(values[i]) + " at " + coordinates(shape, i) +
                                 " is outside " + r.text + ", the range --range " + input.range +
                                 " says (see gan metric --help)");
      }
      values[i] = (values[i] - r.low) / half_width - 1.0f;
    }
    if (shape.size() == 3) {
      input.values = Tensor({N, 1, shape[1], shape[2]}, std::move(values));
    } else {
      input.values = Tensor({N, shape[1], shape[2], shape[3]}, std::move(values));
    }
  }
  return input;
}

}  // namespace gan::cli
