#include "gan/models/classifier.h"

#include <stdexcept>
#include <string>

#include "gan/ops/pooling.h"

namespace gan {

namespace {

// Max pooling as a layer, for the Sequential below.
class MaxPool2d : public nn::Module {
 public:
  explicit MaxPool2d(int kernel) : kernel_(kernel) {}
  Variable forward(const Variable& x) override { return max_pool2d(x, kernel_, kernel_); }

 private:
  int kernel_;
};

}  // namespace

Classifier::Classifier(int channels, int image_size, int num_classes, Rng& rng) {
  using namespace nn;
  if (channels < 1 || num_classes < 1 || image_size < 4 || image_size % 4 != 0) {
    throw std::invalid_argument(
        "Classifier: needs channels >= 1, image_size a multiple of 4 and num_classes >= 1, got channels " +
        std::to_string(channels) + ", image_size " + std::to_string(image_size) + ", num_classes " +
        std::to_string(num_classes));
  }
  const int S = image_size / 4;
  body_.add<Conv2d>(ConvOptions(channels, 32).kernel(5).padding(2), rng);  // (N, 1, 28, 28) -> (N, 32, 28, 28)
  body_.add<ReLU>();
  body_.add<MaxPool2d>(2);                                                  // -> (N, 32, 14, 14)
  body_.add<Conv2d>(ConvOptions(32, 64).kernel(5).padding(2), rng);        // -> (N, 64, 14, 14)
  body_.add<ReLU>();
  body_.add<MaxPool2d>(2);                                                  // -> (N, 64, 7, 7)
  body_.add<Flatten>();                                                     // -> (N, 3136)
  body_.add<Linear>(LinearOptions(64 * S * S, kFeatures), rng);             // -> (N, 128)
  body_.add<ReLU>();
  head_ = std::make_unique<Linear>(LinearOptions(kFeatures, num_classes), rng);  // (N, 128) -> (N, K)
}

Variable Classifier::features(const Variable& x) { return body_.forward(x); }

Variable Classifier::logits(const Variable& x) { return head_->forward(features(x)); }

void Classifier::collect(std::vector<nn::NamedParameter>& parameters, std::vector<nn::NamedBuffer>& buffers) {
  body_.collect("features.", parameters, buffers);
  head_->collect("head.", parameters, buffers);
}

std::vector<nn::NamedParameter> Classifier::parameters() {
  std::vector<nn::NamedParameter> parameters;
  std::vector<nn::NamedBuffer> buffers;
  collect(parameters, buffers);
  return parameters;
}

std::vector<nn::NamedBuffer> Classifier::buffers() {
  std::vector<nn::NamedParameter> parameters;
  std::vector<nn::NamedBuffer> buffers;
  collect(parameters, buffers);
  return buffers;
}

void Classifier::set_training(bool training) {
  body_.set_training(training);
  head_->set_training(training);
}

}  // namespace gan
