#include "gan/translate/translation_models.h"

#include <stdexcept>

#include "gan/ops/activations.h"
#include "gan/ops/shape_ops.h"

namespace gan::translate {
namespace {

constexpr float kLeakySlope = 0.2f;  // Isola et al. 2017, Appendix 6.1.1; Radford et al. 2015

int checked_features(int channels, int features) {
  if (channels < 1 || features < 2 || features % 2 != 0)
    throw std::invalid_argument("UNetGenerator: channels " + std::to_string(channels) + ", features " +
                                std::to_string(features) + "; expected channels >= 1 and an even features >= 2");
  return features;
}


}  // namespace

UNetGenerator::UNetGenerator(int channels, int features, Rng& rng)
    : e1(nn::ConvOptions(channels, checked_features(channels, features)).kernel(4).stride(2).padding(1), rng),
      e2(nn::ConvOptions(features, 2 * features).kernel(4).stride(2).padding(1), rng),
      d1(nn::ConvOptions(2 * features, features).kernel(4).stride(2).padding(1), rng),
      d2(nn::ConvOptions(2 * features, features / 2).kernel(4).stride(2).padding(1), rng),
      out(nn::ConvOptions(features / 2 + channels, channels).kernel(3).padding(1), rng) {}

Variable UNetGenerator::forward(const Variable& x) {
  Variable h1 = leaky_relu(e1.forward(x), kLeakySlope);   // (N, F, H/2, W/2)
  Variable h2 = leaky_relu(e2.forward(h1), kLeakySlope);  // (N, 2F, H/4, W/4)
  Variable u1 = relu(d1.forward(h2));                     // (N, F, H/2, W/2)
  Variable u2 = relu(d2.forward(concat({u1, h1}, 1)));    // (N, F/2, H, W): the skip from e1
  return tanh(out.forward(concat({u2, x}, 1)));           // (N, C, H, W): the skip from the input
}

void UNetGenerator::collect(const std::string& prefix, std::vector<nn::NamedParameter>& parameters,
                            std::vector<nn::NamedBuffer>& buffers) {
  e1.collect(prefix + "e1.", parameters, buffers);
  e2.collect(prefix + "e2.", parameters, buffers);
  d1.collect(prefix + "d1.", parameters, buffers);
  d2.collect(prefix + "d2.", parameters, buffers);
  out.collect(prefix + "out.", parameters, buffers);
}

PatchDiscriminator::PatchDiscriminator(int in_channels, int features, Rng& rng)
    : c1(nn::ConvOptions(in_channels, features).kernel(4).stride(2).padding(1), rng),
      c2(nn::ConvOptions(features, 2 * features).kernel(4).stride(2).padding(1), rng),
      c3(nn::ConvOptions(2 * features, 1).kernel(3).padding(1), rng) {}

Variable PatchDiscriminator::forward(const Variable& x) {
  Variable h = leaky_relu(c1.forward(x), kLeakySlope);  // (N, F, H/2, W/2)
  h = leaky_relu(c2.forward(h), kLeakySlope);           // (N, 2F, H/4, W/4)
  return c3.forward(h);                                 // (N, 1, H/4, W/4) logits, one per patch
}

void PatchDiscriminator::collect(const std::string& prefix, std::vector<nn::NamedParameter>& parameters,
                                 std::vector<nn::NamedBuffer>& buffers) {
  c1.collect(prefix + "c1.", parameters, buffers);
  c2.collect(prefix + "c2.", parameters, buffers);
  c3.collect(prefix + "c3.", parameters, buffers);
}

}  // namespace gan::translate
