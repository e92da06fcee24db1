// The files `gan metric` compares: a .npy array or an IDX image file, read into one of three
// kinds by its rank:
//
//   rank 1 (N), or a column (N, 1)       scores, e.g. D's logits: AUC, 1-D Wasserstein
//   rank 2 (N, D), D >= 2                features (or class probabilities) used as given
//   rank 3 (N, H, W), rank 4 (N, C, H, W), IDX images
//                                        images, rescaled to [-1, 1], the range of G's tanh
//
// How image values are scaled is said by --range: uint8 (0..255), 0to1 or minus1to1; "auto"
// takes uint8 for uint8 files ('|u1' and IDX) and minus1to1 for float32 ones (what `gan sample`
// writes). A value outside the declared range is an error, so a wrong --range cannot pass
// silently.
#pragma once

#include <string>
#include <vector>

#include "gan/io/json.h"
#include "gan/tensor/tensor.h"

namespace gan::cli {

enum class InputKind { Scores, Features, Images };

struct MetricInput {
  std::string path;
  std::string dtype;           // "<f4", "|u1" or "idx"
  std::vector<int> shape;      // as in the file
  InputKind kind = InputKind::Features;
  std::string range;           // the range images were read in; empty for scores and features
  Tensor values;               // scores (N, 1), features (N, D), images (N, C, H, W) in [-1, 1]

  int count() const { return values.size(0); }
  Tensor flattened() const;    // (N, D): images as C * H * W pixel values, scores as D = 1
  std::vector<float> scores() const;  // requires kind == Scores
  JsonValue describe() const;  // {"path", "dtype", "shape", "kind", "range"}
};

const char* kind_name(InputKind kind);  // "scores", "features", "images"

// Files ending in .npy are read as NumPy arrays, any other as IDX images (.gz or not). A column
// (N, 1) is scores, not one-dimensional features: NumPy code keeps D's outputs in that shape (as
// PyTorch returns them), and a single feature is one score per sample all the same. Throws
// std::runtime_error naming the file: unreadable or malformed (the readers' messages), rank 0,
// no samples, a non-finite value, an image value outside `range`.
// range: auto | uint8 | 0to1 | minus1to1.
MetricInput read_metric_input(const std::string& path, const std::string& range);

}  // namespace gan::cli
