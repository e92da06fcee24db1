#include "gan/nn/layers.h"

#include <cmath>
#include <stdexcept>
#include <string>

#include "gan/ops/activations.h"
#include "gan/ops/conv2d.h"
#include "gan/ops/conv_transpose2d.h"
#include "gan/ops/dropout.h"
#include "gan/ops/embedding.h"
#include "gan/ops/matmul.h"
#include "gan/ops/shape_ops.h"

namespace gan::nn {

namespace {

void require_positive(const char* where, const char* what, int value) {
  if (value < 1) throw std::invalid_argument(std::string(where) + ": " + what + " must be >= 1, got " + std::to_string(value));
}

// PyTorch's default for weights and biases of Linear and convolutions: U(-k, k), k = 1/sqrt(fan_in).
Variable uniform_parameter(Shape shape, int fan_in, Rng& rng) {
  Tensor value(shape);
  float bound = 1.0f / std::sqrt(static_cast<float>(fan_in));
  rng.fill_uniform(value, -bound, bound);
  return Variable(std::move(value), true);
}

void add_weight_and_bias(const std::string& prefix, const Variable& weight, const Variable& bias,
                         std::vector<NamedParameter>& parameters) {
  parameters.push_back({prefix + "weight", weight});
  if (bias.defined()) parameters.push_back({prefix + "bias", bias});
}

}  // namespace

Linear::Linear(const LinearOptions& options, Rng& rng) {
  const int D_in = options.in_features_, D_out = options.out_features_;
  require_positive("Linear", "in_features", D_in);
  require_positive("Linear", "out_features", D_out);
  weight = uniform_parameter({D_out, D_in}, D_in, rng);
  if (options.bias_) bias = uniform_parameter({D_out}, D_in, rng);
}

Variable Linear::forward(const Variable& x) { return linear(x, weight, bias); }

void Linear::collect(const std::string& prefix, std::vector<NamedParameter>& parameters, std::vector<NamedBuffer>&) {
  add_weight_and_bias(prefix, weight, bias, parameters);
}

Conv2d::Conv2d(const ConvOptions& options, Rng& rng) : stride(options.stride_), padding(options.padding_) {
  const int C_in = options.in_channels_, C_out = options.out_channels_, K = options.kernel_;
  require_positive("Conv2d", "in_channels", C_in);
  require_positive("Conv2d", "out_channels", C_out);
  require_positive("Conv2d", "kernel", K);
  if (options.output_padding_ != 0) {
    throw std::invalid_argument("Conv2d: output_padding is for ConvTranspose2d only, got " +
                                std::to_string(options.output_padding_));
  }
  int fan_in = C_in * K * K;
  weight = uniform_parameter({C_out, C_in, K, K}, fan_in, rng);
  if (options.bias_) bias = uniform_parameter({C_out}, fan_in, rng);
}

Variable Conv2d::forward(const Variable& x) { return conv2d(x, weight, bias, stride, padding); }

void Conv2d::collect(const std::string& prefix, std::vector<NamedParameter>& parameters, std::vector<NamedBuffer>&) {
  add_weight_and_bias(prefix, weight, bias, parameters);
}

ConvTranspose2d::ConvTranspose2d(const ConvOptions& options, Rng& rng)
    : stride(options.stride_), padding(options.padding_), output_padding(options.output_padding_) {
  const int C_in = options.in_channels_, C_out = options.out_channels_, K = options.kernel_;
  require_positive("ConvTranspose2d", "in_channels", C_in);
  require_positive("ConvTranspose2d", "out_channels", C_out);
  require_positive("ConvTranspose2d", "kernel", K);
  int fan_in = C_out * K * K;
  weight = uniform_parameter({C_in, C_out, K, K}, fan_in, rng);
  if (options.bias_) bias = uniform_parameter({C_out}, fan_in, rng);
}

Variable ConvTranspose2d::forward(const Variable& x) {
  return conv_transpose2d(x, weight, bias, stride, padding, output_padding);
}

void ConvTranspose2d::collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
                              std::vector<NamedBuffer>&) {
  add_weight_and_bias(prefix, weight, bias, parameters);
}

BatchNorm::BatchNorm(int features, float momentum, float eps)
    : running(BatchNormStatistics::initial(features)), momentum(momentum), eps(eps) {
  require_positive("BatchNorm", "features", features);
  gamma = Variable(Tensor({features}, 1.0f), true);
  beta = Variable(Tensor({features}, 0.0f), true);
}

Variable BatchNorm::forward(const Variable& x) { return batch_norm(x, gamma, beta, running, training(), momentum, eps); }

void BatchNorm::collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
                        std::vector<NamedBuffer>& buffers) {
  parameters.push_back({prefix + "weight", gamma});
  parameters.push_back({prefix + "bias", beta});
  buffers.push_back({prefix + "running_mean", &running.mean});
  buffers.push_back({prefix + "running_var", &running.variance});
}

Variable ReLU::forward(const Variable& x) { return relu(x); }

LeakyReLU::LeakyReLU(float slope) : slope(slope) {}

Variable LeakyReLU::forward(const Variable& x) { return leaky_relu(x, slope); }

Variable Tanh::forward(const Variable& x) { return tanh(x); }

Variable Sigmoid::forward(const Variable& x) { return sigmoid(x); }

Variable Flatten::forward(const Variable& x) { return flatten(x); }

Reshape::Reshape(Shape per_sample) : per_sample(per_sample) {
  if (per_sample.rank > 3) {
    throw std::invalid_argument("Reshape: per_sample must have rank <= 3 (the batch axis makes 4), got " +
                                per_sample.str());
  }
}

Variable Reshape::forward(const Variable& x) {
  require_positive("Reshape", "x's rank", x.shape().rank);
  Shape shape;  // (N, per_sample...)
  shape.rank = per_sample.rank + 1;
  shape.sizes[0] = x.shape()[0];
  for (int axis = 0; axis < per_sample.rank; ++axis) shape.sizes[axis + 1] = per_sample[axis];
  return reshape(x, shape);
}

Dropout::Dropout(float p, Rng& rng) : p(p), rng_(&rng) {
  if (!(p >= 0.0f && p < 1.0f)) throw std::invalid_argument("Dropout: p must be in [0, 1), got " + std::to_string(p));
}

Variable Dropout::forward(const Variable& x) { return dropout(x, p, *rng_, training()); }

Embedding::Embedding(int num_classes, int features, Rng& rng) {
  require_positive("Embedding", "num_classes", num_classes);
  require_positive("Embedding", "features", features);
  Tensor table({num_classes, features});
  rng.fill_normal(table, 0.0f, 1.0f);
  weight = Variable(std::move(table), true);
}

Variable Embedding::forward(const std::vector<int>& labels) { return embedding(labels, weight); }

void Embedding::collect(const std::string& prefix, std::vector<NamedParameter>& parameters) const {
  parameters.push_back({prefix + "weight", weight});
}

}  // namespace gan::nn
