// The data sets gan.cpp trains on, all as greyscale images in [-1, 1] (the range of G's tanh).
//
//   spec                      what                                           where
//   mnist                     10,000 MNIST training digits                   <data_dir>/mnist/ (shipped)
//   mnist-test                2,000 MNIST test digits                        <data_dir>/mnist/ (shipped)
//   fashion, fashion-test     Fashion-MNIST, 60,000 / 10,000 clothes         /usr/share/datasets/fashion-mnist/
//                                                                            (apt-get install dataset-fashion-mnist)
//   quickdraw                 18,000 QuickDraw drawings, six classes of      <data_dir>/quickdraw/ (shipped)
//                             3,000: apple bicycle cat diamond eye fish
//   quickdraw:PATH[,PATH...]  QuickDraw drawings; each PATH is a .npy file  any path
//                             of uint8 (N, 784) or (N, 1, 784), one class
//                             per file named by its stem, or a folder whose
//                             *.npy files are taken in sorted order
//   idx:IMAGES[,LABELS]       any IDX image file (.gz or not), with labels   any path
//                             or without (then every label is 0)
//
//   Dataset digits = load_dataset("mnist", "data");   // images (10000, 1, 28, 28), labels 0..9
#pragma once

#include <string>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan {

struct Dataset {
  Tensor images;            // (N, 1, H, W), 28x28 for every built-in set; pixel p -> p / 127.5 - 1
  std::vector<int> labels;  // N labels in 0 .. num_classes - 1
  int num_classes = 0;
  std::vector<std::string> class_names;  // num_classes names: "0".."9", "T-shirt/top", ..., or file stems
  std::string source;                    // what was read, for logs: "mnist (data/mnist/train-images-10k-idx3-ubyte)"
};

// Throws std::invalid_argument for a spec that is none of the forms above (the message lists
// them) and std::runtime_error, naming the file, for files that are missing or malformed, image
// and label counts that differ, an MNIST or Fashion-MNIST label above 9, or a file that holds
// no images.
Dataset load_dataset(const std::string& spec, const std::string& data_dir);

}  // namespace gan
