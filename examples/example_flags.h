// The flags every training example accepts, read into a TrainConfig:
//   --smoke       one epoch on 256 images: proves the example runs (the test suite uses it)
//   --epochs N    train for N epochs
//   --out DIR     the run folder
// Any other argument is left for the example itself.
#pragma once

#include <cstdlib>
#include <cstring>

#include "gan/train/train_config.h"

inline void read_example_flags(int argc, char** argv, gan::TrainConfig& config) {
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--smoke")) {
      config.epochs = 1;
      config.limit = 256;
    } else if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc) {
      config.epochs = std::atoi(argv[++i]);
    } else if (!std::strcmp(argv[i], "--out") && i + 1 < argc) {
      config.out = argv[++i];
    }
  }
}
