// The layers of the GAN models: each holds its parameters and calls one op (include/gan/ops/) in
// forward. The math and the backward passes live in the ops; a layer adds only ownership, names
// and initialisation.
//
// Default initialisation is PyTorch's (torch.nn, v1.x and v2.x), so that a model starts where the
// PyTorch reference's does: Linear, Conv2d and ConvTranspose2d draw weight and bias from
// U(-1/sqrt(fan_in), 1/sqrt(fan_in)) (their kaiming_uniform_ with a = sqrt(5) reduces to this bound;
// He et al. 2015 for the scheme), with fan_in = inputs per output unit; BatchNorm starts at
// gamma = 1, beta = 0; Embedding at N(0, 1). The other schemes, DCGAN's among them, redraw from
// there (init.h).
// Parameters are public members, so that an initialiser or a test can reach them directly.
#pragma once

#include <vector>

#include "gan/nn/module.h"
#include "gan/ops/batch_norm.h"
#include "gan/tensor/rng.h"

namespace gan::nn {

// A layer's sizes, in and out, are given in that order; every other setting is named:
//   LinearOptions(100, 6272).bias(false)                           // no bias: a batch norm follows
//   ConvOptions(1, 64).kernel(4).stride(2).padding(1)              // in_channels 1 -> out_channels 64
//   ConvOptions(128, 64).kernel(4).stride(2).padding(1).bias(false)
// The fields, with a trailing underscore, are what the layer reads; the methods set them.
struct LinearOptions {
  LinearOptions(int in_features, int out_features) : in_features_(in_features), out_features_(out_features) {}
  LinearOptions& bias(bool with_bias) { bias_ = with_bias; return *this; }

  int in_features_, out_features_;
  bool bias_ = true;
};

// For Conv2d and ConvTranspose2d. kernel (K, for a K x K kernel) has no default: it must be set.
struct ConvOptions {
  ConvOptions(int in_channels, int out_channels) : in_channels_(in_channels), out_channels_(out_channels) {}
  ConvOptions& kernel(int K) { kernel_ = K; return *this; }
  ConvOptions& stride(int value) { stride_ = value; return *this; }
  ConvOptions& padding(int value) { padding_ = value; return *this; }
  ConvOptions& output_padding(int value) { output_padding_ = value; return *this; }  // ConvTranspose2d only
  ConvOptions& bias(bool with_bias) { bias_ = with_bias; return *this; }

  int in_channels_, out_channels_, kernel_ = 0, stride_ = 1, padding_ = 0, output_padding_ = 0;
  bool bias_ = true;
};

// y = x weight^T + b.   x: (N, D_in) -> y: (N, D_out).   weight (D_out, D_in), bias (D_out).
class Linear : public Module {
 public:
  Linear(const LinearOptions& options, Rng& rng);
  Variable forward(const Variable& x) override;
  void collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
               std::vector<NamedBuffer>& buffers) override;

  Variable weight, bias;  // bias undefined when constructed without one
};

// 2-D convolution.   x: (N, C_in, H, W) -> y: (N, C_out, H_out, W_out), H_out = (H + 2 padding - K) / stride + 1.
// weight (C_out, C_in, K, K), bias (C_out); fan_in = C_in K K.
class Conv2d : public Module {
 public:
  Conv2d(const ConvOptions& options, Rng& rng);  // requires: options.output_padding_ == 0
  Variable forward(const Variable& x) override;
  void collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
               std::vector<NamedBuffer>& buffers) override;

  Variable weight, bias;
  int stride, padding;
};

// Transposed convolution, the generator's upsampling.
//   x: (N, C_in, H, W) -> y: (N, C_out, H_out, W_out), H_out = (H - 1) stride - 2 padding + K + output_padding.
// weight (C_in, C_out, K, K), bias (C_out); fan_in = C_out K K, as PyTorch computes it from the
// weight's second axis.
class ConvTranspose2d : public Module {
 public:
  ConvTranspose2d(const ConvOptions& options, Rng& rng);
  Variable forward(const Variable& x) override;
  void collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
               std::vector<NamedBuffer>& buffers) override;

  Variable weight, bias;
  int stride, padding, output_padding;
};

// Batch normalisation (Ioffe & Szegedy 2015) over `features` channels: BatchNorm1d for (N, D),
// BatchNorm2d for (N, C, H, W), chosen by the input's rank. y: x's shape.
// Parameters "weight" = gamma and "bias" = beta, (features); buffers "running_mean" and
// "running_var", (features), updated by each training-mode forward and used in evaluation.
class BatchNorm : public Module {
 public:
  explicit BatchNorm(int features, float momentum = 0.1f, float eps = 1e-5f);
  Variable forward(const Variable& x) override;
  void collect(const std::string& prefix, std::vector<NamedParameter>& parameters,
               std::vector<NamedBuffer>& buffers) override;

  Variable gamma, beta;
  BatchNormStatistics running;
  float momentum, eps;
};

// Element-wise activations: y has x's shape.
class ReLU : public Module {
 public:
  Variable forward(const Variable& x) override;  // max(x, 0)
};

class LeakyReLU : public Module {
 public:
  explicit LeakyReLU(float slope);
  Variable forward(const Variable& x) override;  // x if x > 0, else slope x

  float slope;
};

class Tanh : public Module {
 public:
  Variable forward(const Variable& x) override;  // tanh x, in (-1, 1): the generator's output
};

class Sigmoid : public Module {
 public:
  Variable forward(const Variable& x) override;  // 1 / (1 + e^-x)
};

// (N, ...) -> (N, D), D the product of the other sizes.
class Flatten : public Module {
 public:
  Variable forward(const Variable& x) override;
};

// (N, ...) -> (N, per_sample...): e.g. Reshape({128, 7, 7}) turns (N, 6272) into (N, 128, 7, 7).
class Reshape : public Module {
 public:
  explicit Reshape(Shape per_sample);  // requires: rank <= 3
  Variable forward(const Variable& x) override;

  Shape per_sample;
};

// Inverted dropout with probability p in training mode; the identity in evaluation.
// Draws its masks from `rng`, which must outlive the layer.
class Dropout : public Module {
 public:
  Dropout(float p, Rng& rng);
  Variable forward(const Variable& x) override;

  float p;

 private:
  Rng* rng_;
};

// A learned vector per class: labels (N integers in [0, K)) -> (N, D). Its input is a list of
// labels, not a Variable, so it is not a Module; a model owning one adds it to its own lists.
// Parameter "weight" (K, D).
class Embedding {
 public:
  Embedding(int num_classes, int features, Rng& rng);
  Variable forward(const std::vector<int>& labels);
  void collect(const std::string& prefix, std::vector<NamedParameter>& parameters) const;

  Variable weight;
};

}  // namespace gan::nn
