#include "gan/models/dcgan.h"

#include "gan/nn/init.h"
#include "gan/ops/shape_ops.h"

namespace gan {

using namespace nn;

DcganGenerator::DcganGenerator(const ModelSettings& settings, Rng& rng) {
  const int Z = settings.z_dim, K = settings.num_classes, C = settings.channels;
  const int S = settings.image_size / 4;  // 7 for 28 x 28 images
  if (settings.conditional) label_embedding = std::make_unique<Embedding>(K, K, rng);
  const int input = settings.conditional ? Z + K : Z;
  // (N, Z) -> (N, 6272); (N, Z + K) when conditional. No bias: the batch norm after it adds its own, beta.
  net.add<Linear>(LinearOptions(input, 128 * S * S).bias(false), rng);
  net.add<Reshape>(Shape{128, S, S});  // (N, 6272) -> (N, 128, 7, 7)
  net.add<BatchNorm>(128);
  net.add<ReLU>();
  // (N, 128, 7, 7) -> (N, 64, 14, 14)
  net.add<ConvTranspose2d>(ConvOptions(128, 64).kernel(4).stride(2).padding(1).bias(false), rng);
  net.add<BatchNorm>(64);
  net.add<ReLU>();
  // (N, 64, 14, 14) -> (N, 1, 28, 28)
  net.add<ConvTranspose2d>(ConvOptions(64, C).kernel(4).stride(2).padding(1), rng);
  net.add<Tanh>();
  init_parameters(net, settings.init, rng);
}

Variable DcganGenerator::forward(const Variable& z, const std::vector<int>& labels) {
  require_rank("DcganGenerator::forward", "z", z.shape(), 2, "(N, Z)");
  check_labels("DcganGenerator::forward", z.shape()[0], labels);
  if (!conditional()) return net.forward(z);
  return net.forward(concat({z, label_embedding->forward(labels)}, 1));  // (N, Z + K)
}

DcganDiscriminator::DcganDiscriminator(const ModelSettings& settings, Rng& rng) : image_size_(settings.image_size) {
  const int K = settings.num_classes, C = settings.channels;
  const int S = settings.image_size / 4;
  if (settings.conditional) label_embedding = std::make_unique<Embedding>(K, image_size_ * image_size_, rng);
  const int input = settings.conditional ? C + 1 : C;
  // (N, 1, 28, 28) -> (N, 64, 14, 14); C + 1 channels when conditional
  net.add<Conv2d>(ConvOptions(input, 64).kernel(4).stride(2).padding(1), rng);
  net.add<LeakyReLU>(0.2f);
  // (N, 64, 14, 14) -> (N, 128, 7, 7)
  net.add<Conv2d>(ConvOptions(64, 128).kernel(4).stride(2).padding(1).bias(false), rng);
  net.add<BatchNorm>(128);
  net.add<LeakyReLU>(0.2f);
  net.add<Flatten>();                                   // (N, 128, 7, 7) -> (N, 6272)
  net.add<Linear>(LinearOptions(128 * S * S, 1), rng);  // (N, 6272) -> (N, 1), a logit: the sigmoid is in the loss
  init_parameters(net, settings.init, rng);
}

Variable DcganDiscriminator::net_input(const Variable& x, const std::vector<int>& labels) {
  require_rank("DcganDiscriminator::forward", "x", x.shape(), 4, "(N, C, H, W)");
  const int N = x.shape()[0];
  check_labels("DcganDiscriminator::forward", N, labels);
  if (!conditional()) return x;
  // the label as one more image channel: (N, H*W) -> (N, 1, H, W), joined to x's C channels
  Variable label_plane = reshape(label_embedding->forward(labels), Shape{N, 1, image_size_, image_size_});
  return concat({x, label_plane}, 1);  // (N, C + 1, H, W)
}

}  // namespace gan
