// The feature classifier of the metrics (models/classifier.h): training it on a data set, judging
// it on held-out images, saving and loading its weights, and evaluating it in batches for FID, KID,
// precision/recall (its 128 penultimate features) and IS, mode coverage (its softmax).
//
// Training minimises the cross-entropy of the class labels, L = (1/N) sum_n -ln softmax(f(x_n))[y_n]
// (loss_ops.h, D.6.4), with Adam on shuffled minibatches whose learning rate falls along a cosine
// from lr in the first epoch towards 0 in the last (Loshchilov & Hutter 2017, stepped per epoch):
// the large early steps fit quickly, the small late ones settle instead of hopping between
// minima. After each epoch it prints the accuracy on the test split below, which is never
// trained on:
//
//   data          trained on                           tested on
//   mnist         the 10,000 shipped training digits   mnist-test (the 2,000 shipped test digits)
//   fashion       Fashion-MNIST's 60,000 training      fashion-test (its 10,000 test images)
//   anything else all but the last 10% of each class   the last 10% of each class, in file order
//
//   ClassifierTrainConfig config;                   // mnist, 6 epochs, batch 32, Adam lr 1e-3
//   config.data_dir = "data";
//   TrainedClassifier trained = train_classifier(config);
//   save_classifier("data/classifier/mnist_lenet.ckpt", *trained.classifier, trained.info);
//   TrainedClassifier loaded = load_classifier("data/classifier/mnist_lenet.ckpt");
//   Tensor features = classifier_features(*loaded.classifier, images, 256);   // (N, 128)
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "gan/data/dataset.h"
#include "gan/models/classifier.h"

namespace gan {

struct ClassifierTrainConfig {
  std::string data = "mnist";  // a load_dataset spec (data/dataset.h)
  std::string data_dir;        // where the shipped data/ folder is
  int limit = 0;               // train on the first `limit` images only (0: all), for quick runs
  int test_limit = 0;          // test on the first `test_limit` held-out images only (0: all)
  // The settings of the shipped data/classifier/mnist_lenet.ckpt: 98.3% of the test digits.
  // Batch 32 makes 312 steps per epoch of the 10,000 digits, where 64 makes only 156; with a
  // constant lr, 5 epochs of 64 stopped at 97.65% (data/classifier/README.md).
  int epochs = 6;
  int batch = 32;
  // Adam with the defaults of Kingma & Ba 2015 (Algorithm 1: "good default settings ... are
  // alpha = 0.001, beta1 = 0.9"), the usual choice for a LeNet-size classifier. Not the GAN's
  // 2e-4 and 0.5: those slow a stationary objective down for the sake of adversarial stability.
  float lr = 1e-3f;
  float beta1 = 0.9f;
  uint64_t seed = 1;           // initialisation and shuffling
  int threads = 0;             // 0: OMP_NUM_THREADS, or every core
  bool print_progress = true;  // a line per epoch on stdout (and a step counter on a terminal)
};

// What a weights file records besides the weights.
struct ClassifierInfo {
  std::string data;             // the spec it was trained on, e.g. "mnist"
  int channels = 1;             // C of its input images
  int image_size = 28;          // H = W of its input images
  int num_classes = 0;          // K
  double test_accuracy = 0;     // fraction of the test split classified correctly, in [0, 1]
  std::string test_data;        // what the test split was, e.g. "mnist-test (2000 images)"
  uint64_t seed = 0;
  std::string command;          // the `gan classifier train` command that reproduces the weights
};

struct TrainedClassifier {
  std::unique_ptr<Classifier> classifier;  // in evaluation mode
  ClassifierInfo info;
};

// The data a classifier for `spec` trains and tests on, after the table at the top.
struct ClassifierSplit {
  Dataset train;
  Dataset test;
  std::string test_name;  // "mnist-test", "fashion-test", or "last 10% of each class of <spec>"
};
ClassifierSplit classifier_split(const std::string& spec, const std::string& data_dir);

// Trains a Classifier from config.seed. Throws what load_dataset throws, and std::invalid_argument
// for a batch larger than the training set. ensures: info.command reproduces the same weights,
// bit for bit, on any machine and thread count.
TrainedClassifier train_classifier(const ClassifierTrainConfig& config);

// The classifier's outputs without a graph, `batch` >= 1 images at a time, in evaluation mode
// (they switch the classifier to it and leave it there):
//   images (N, C, H, W) -> features (N, 128), probabilities softmax(logits) (N, K),
//                          predictions: N indices of the largest logit
Tensor classifier_features(Classifier& classifier, const Tensor& images, int batch);
Tensor classifier_probabilities(Classifier& classifier, const Tensor& images, int batch);
std::vector<int> classifier_predictions(Classifier& classifier, const Tensor& images, int batch);

// The fraction of data.images whose most probable class is their label, in [0, 1].
double classifier_accuracy(Classifier& classifier, const Dataset& data, int batch);

// A Checkpoint (io/checkpoint.h) with tensors "classifier.<parameter>" (features.0.weight, ...,
// head.bias) and metadata data, channels, image_size, num_classes, accuracy, test_data, seed,
// command: every field of `info`. Written atomically; the same weights give the same bytes.
void save_classifier(const std::string& path, Classifier& classifier, const ClassifierInfo& info);
// Throws std::runtime_error naming the file: not a classifier's checkpoint (naming the tensor
// that is missing), a missing or malformed metadata field, or a tensor of the wrong shape.
// ensures: the classifier is in evaluation mode.
TrainedClassifier load_classifier(const std::string& path);

}  // namespace gan
