// 06 — The same DCGAN on hand-drawn sketches (Google's Quick, Draw!, CC BY 4.0).
//
// Nothing in a GAN is specific to digits: point it at six categories of doodles (apple, bicycle,
// cat, diamond, eye, fish; 3,000 each) and it learns strokes instead. The data is not in this
// repository; it is read from ../shared/data/quickdraw (one .npy file per category) or from the
// folder given with --data-folder.
//
//   build/examples/06_dcgan_quickdraw [--data-folder DIR] [--epochs N] [--out DIR] [--smoke]
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "example_flags.h"
#include "gan/train/trainer.h"

int main(int argc, char** argv) {
  std::string folder = GAN_SOURCE_DIR "/../shared/data/quickdraw";
  gan::TrainConfig config;
  config.epochs = 5;
  config.out = "runs/example_06";
  read_example_flags(argc, argv, config);
  for (int i = 1; i + 1 < argc; ++i) {
    if (!std::strcmp(argv[i], "--data-folder")) folder = argv[i + 1];
  }
  if (!std::filesystem::is_directory(folder)) {
    std::printf("QuickDraw data not found at %s; pass --data-folder DIR (one <category>.npy per class).\n",
                folder.c_str());
    return 0;
  }
  config.data = "quickdraw:" + folder;
  return gan::train_gan(config, gan::TrainOptions{});
}
