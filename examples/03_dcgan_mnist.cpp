// 03 — A DCGAN learns MNIST, the way `gan train` runs it.
//
// Radford et al. (2015) made GANs stable with a few architectural rules: strided convolutions
// instead of pooling, batch norm in both players, ReLU in G and LeakyReLU(0.2) in D, tanh output,
// Adam with lr 2e-4 and beta1 0.5, weights from N(0, 0.02). Our DCGAN-28 follows them:
//   G: z (N, 100) -> Linear -> (N, 128, 7, 7) BN ReLU -> ConvT 4/2/1 -> (N, 64, 14, 14) BN ReLU
//      -> ConvT 4/2/1 -> (N, 1, 28, 28) tanh
//   D: (N, 1, 28, 28) -> Conv 4/2/1 -> (N, 64, 14, 14) LReLU -> Conv 4/2/1 -> (N, 128, 7, 7) BN LReLU
//      -> flatten -> Linear -> (N, 1) logit
// Here the loop is gan::train_gan, which adds what a real run needs (logs, fixed-noise grids,
// D's probabilities, checkpoints): after each epoch, open <out>/samples/ and watch digits appear.
//
//   build/examples/03_dcgan_mnist [--epochs N] [--out DIR] [--smoke]

#include "example_flags.h"
#include "gan/train/trainer.h"

int main(int argc, char** argv) {
  gan::TrainConfig config;  // defaults: dcgan, non-saturating loss, Adam 2e-4 / 0.5, batch 64, seed 1
  config.data = "mnist";
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.epochs = 5;
  config.out = "runs/example_03";
  read_example_flags(argc, argv, config);
  gan::TrainOptions options;
  return gan::train_gan(config, options);
}
