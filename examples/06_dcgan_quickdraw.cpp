// 06 — The same DCGAN on hand-drawn sketches (Google's Quick, Draw!, CC BY 4.0).
//
// Nothing in a GAN is specific to digits: point it at six categories of doodles (apple, bicycle,
// cat, diamond, eye, fish; 3,000 each, shipped in data/quickdraw/) and it learns strokes instead.
// --data-folder DIR takes the .npy files of another folder, one class per file (more of Google's
// 345 categories, for instance).
//
//   build/examples/06_dcgan_quickdraw [--data-folder DIR] [--epochs N] [--out DIR] [--smoke]
#include <cstring>
#include <string>

#include "example_flags.h"
#include "gan/train/trainer.h"

int main(int argc, char** argv) {
  gan::TrainConfig config;  // defaults: dcgan, non-saturating loss, Adam 2e-4 / 0.5, batch 64, seed 1
  config.data = "quickdraw";
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.epochs = 5;
  config.out = "runs/example_06";
  read_example_flags(argc, argv, config);
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--data-folder")) config.data = std::string("quickdraw:") + argv[i + 1];
  }
  return gan::train_gan(config, gan::TrainOptions{});
}
