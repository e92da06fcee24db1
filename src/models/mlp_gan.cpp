#include "gan/models/mlp_gan.h"

#include "gan/nn/init.h"
#include "gan/ops/shape_ops.h"

namespace gan {

using namespace nn;

MlpGenerator::MlpGenerator(const ModelSettings& settings, Rng& rng) {
  const int Z = settings.z_dim, K = settings.num_classes;
  const int C = settings.channels, H = settings.image_size, W = settings.image_size;
  if (settings.conditional) label_embedding = std::make_unique<Embedding>(K, K, rng);
  const int input = settings.conditional ? Z + K : Z;
  net.add<Linear>(LinearOptions(input, 256), rng);       // (N, Z) -> (N, 256); (N, Z + K) when conditional
  net.add<LeakyReLU>(0.2f);
  net.add<Linear>(LinearOptions(256, 512), rng);         // (N, 256) -> (N, 512)
  net.add<BatchNorm>(512);
  net.add<LeakyReLU>(0.2f);
  net.add<Linear>(LinearOptions(512, 1024), rng);        // (N, 512) -> (N, 1024)
  net.add<BatchNorm>(1024);
  net.add<LeakyReLU>(0.2f);
  net.add<Linear>(LinearOptions(1024, C * H * W), rng);  // (N, 1024) -> (N, 784)
  net.add<Tanh>();                                       // in (-1, 1), like the images scaled to [-1, 1]
  net.add<Reshape>(Shape{C, H, W});                      // (N, 784) -> (N, 1, 28, 28)
  init_parameters(net, settings.init, rng);
}

Variable MlpGenerator::forward(const Variable& z, const std::vector<int>& labels) {
  require_rank("MlpGenerator::forward", "z", z.shape(), 2, "(N, Z)");
  check_labels("MlpGenerator::forward", z.shape()[0], labels);
  if (!conditional()) return net.forward(z);
  return net.forward(concat({z, label_embedding->forward(labels)}, 1));  // (N, Z + K)
}

MlpDiscriminator::MlpDiscriminator(const ModelSettings& settings, Rng& rng) {
  const int K = settings.num_classes;
  const int D = settings.channels * settings.image_size * settings.image_size;
  if (settings.conditional) label_embedding = std::make_unique<Embedding>(K, K, rng);
  const int input = settings.conditional ? D + K : D;
  net.add<Linear>(LinearOptions(input, 512), rng);  // (N, 784) -> (N, 512); (N, 784 + K) when conditional
  net.add<LeakyReLU>(0.2f);
  net.add<Linear>(LinearOptions(512, 256), rng);    // (N, 512) -> (N, 256)
  net.add<LeakyReLU>(0.2f);
  net.add<Linear>(LinearOptions(256, 1), rng);      // (N, 256) -> (N, 1), a logit: the sigmoid is in the loss
  init_parameters(net, settings.init, rng);
}

Variable MlpDiscriminator::net_input(const Variable& x, const std::vector<int>& labels) {
  require_rank("MlpDiscriminator::forward", "x", x.shape(), 4, "(N, C, H, W)");
  check_labels("MlpDiscriminator::forward", x.shape()[0], labels);
  Variable h = flatten(x);                                          // (N, C*H*W)
  if (conditional()) h = concat({h, label_embedding->forward(labels)}, 1);  // (N, C*H*W + K)
  return h;
}

}  // namespace gan
