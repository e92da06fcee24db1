// 05 — A conditional DCGAN: ask for a digit, get that digit.
//
// Mirza & Osindero (2014) give both players the label y: G(z, y) and D(x, y). G must then make
// images that D believes are real *for that label*, so the label steers the sample. Our models
// learn an embedding of y: G reads it concatenated to z; D reads it as one extra input channel
// beside the image. The sample grid has one row per class (0 to 9, top to bottom), from fixed z.
//
//   build/examples/05_conditional_dcgan [--epochs N] [--out DIR] [--smoke]

#include "example_flags.h"
#include "gan/train/trainer.h"

int main(int argc, char** argv) {
  gan::TrainConfig config;
  config.conditional = true;
  config.data = "mnist";
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.epochs = 5;
  config.out = "runs/example_05";
  read_example_flags(argc, argv, config);
  return gan::train_gan(config, gan::TrainOptions{});
}
