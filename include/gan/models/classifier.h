// A LeNet-size classifier (after LeCun et al. 1998, with ReLU and max pooling) for the metrics:
// trained on the real data set, it supplies the class probabilities of the Inception Score and
// the 128-d penultimate features of FID/KID, standing in for Inception-v3 on 28 x 28 images.
//   x (N, C, 28, 28) -> Conv(C -> 32, K 5, padding 2) ReLU -> max pool 2  (N, 32, 14, 14)
//                    -> Conv(32 -> 64, K 5, padding 2) ReLU -> max pool 2 (N, 64, 7, 7)
//                    -> flatten (N, 3136) -> Linear 128 ReLU              (N, 128)  features
//                    -> Linear K                                           (N, K)    logits
// Other image sizes S (a multiple of 4) use S/4 where 7 is written. Initialised with PyTorch's
// defaults (nn/layers.h).
//
//   Classifier classifier(1, 28, 10, rng);
//   Variable loss = cross_entropy(classifier.logits(x), labels);
#pragma once

#include <memory>

#include "gan/nn/layers.h"
#include "gan/nn/module.h"

namespace gan {

class Classifier {
 public:
  // requires: channels >= 1, image_size a multiple of 4, num_classes >= 1
  Classifier(int channels, int image_size, int num_classes, Rng& rng);

  // x (N, C, H, W) -> the penultimate layer, after its ReLU: (N, 128)
  Variable features(const Variable& x);
  // x (N, C, H, W) -> class logits (N, K)
  Variable logits(const Variable& x);

  // "features.0.weight", ..., "head.weight", "head.bias"
  std::vector<nn::NamedParameter> parameters();
  std::vector<nn::NamedBuffer> buffers();  // empty: this network has no batch norm
  void set_training(bool training);

  static constexpr int kFeatures = 128;

 private:
  void collect(std::vector<nn::NamedParameter>& parameters, std::vector<nn::NamedBuffer>& buffers);

  nn::Sequential body_;                // x -> features
  std::unique_ptr<nn::Linear> head_;   // features -> logits
};

}  // namespace gan
