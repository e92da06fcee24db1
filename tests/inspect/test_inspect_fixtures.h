// What the inspect tests share: an untrained DCGAN (a fixed seed), the shipped test digits and the
// shipped classifier.
#pragma once

#include "gan/data/dataset.h"
#include "gan/models/gan_models.h"
#include "gan/train/classifier_training.h"

inline gan::GanModels untrained_dcgan(bool conditional = false) {
  gan::Rng rng(7);
  gan::ModelSettings settings;
  settings.conditional = conditional;
  return gan::make_gan(settings, rng);
}

inline gan::Dataset test_digits() { return gan::load_dataset("mnist-test", GAN_SOURCE_DIR "/data"); }

inline gan::TrainedClassifier shipped_classifier() {
  return gan::load_classifier(GAN_SOURCE_DIR "/data/classifier/mnist_lenet.ckpt");
}
