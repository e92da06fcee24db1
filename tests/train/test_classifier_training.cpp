#include <catch2/catch.hpp>

#include <cmath>
#include <functional>

#include "gan/io/atomic_file.h"
#include "gan/io/checkpoint.h"
#include "gan/ops/activations.h"
#include "gan/train/classifier_training.h"
#include "../test_files.h"

using namespace gan;

namespace {

const std::string kShippedWeights = GAN_SOURCE_DIR "/data/classifier/mnist_lenet.ckpt";

std::string scratch(const std::string& name) { return scratch_path("classifier", name); }

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the shipped MNIST weights classify at least 98% of the shipped test digits", "[train][golden]") {
  TrainedClassifier loaded = load_classifier(kShippedWeights);
  CHECK(loaded.info.data == "mnist");
  CHECK(loaded.info.num_classes == 10);
  CHECK(loaded.info.channels == 1);
  CHECK(loaded.info.image_size == 28);
  CHECK(loaded.info.test_accuracy >= 0.98);
  CHECK(loaded.info.command.rfind("gan classifier train --data mnist", 0) == 0);

  Dataset test = load_dataset("mnist-test", GAN_SOURCE_DIR "/data");
  REQUIRE(test.images.size(0) == 2000);
  double accuracy = classifier_accuracy(*loaded.classifier, test, 256);
  CHECK(accuracy >= 0.98);
  // The accuracy recorded at training time was measured on the same 2,000 digits; another CPU's
  // rounding may at most flip a borderline digit.
  CHECK(accuracy == Approx(loaded.info.test_accuracy).margin(1.0 / 2000 + 1e-12));
}

TEST_CASE("a short training run is reproducible bit for bit from its seed, on 1 or 2 threads", "[train][smoke]") {
  ClassifierTrainConfig config;
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.limit = 128;
  config.test_limit = 20;
  config.epochs = 1;
  config.batch = 32;
  config.seed = 11;
  config.print_progress = false;
  config.threads = 1;
  TrainedClassifier first = train_classifier(config);
  config.threads = 2;
  TrainedClassifier second = train_classifier(config);
  save_classifier(scratch("first.ckpt"), *first.classifier, first.info);
  save_classifier(scratch("second.ckpt"), *second.classifier, second.info);
  CHECK(gan::read_file(scratch("first.ckpt")) == gan::read_file(scratch("second.ckpt")));
  CHECK(first.info.command == "gan classifier train --data mnist --limit 128 --epochs 1 --batch 32 --lr 0.001 "
                              "--beta1 0.9 --seed 11");
  CHECK(first.info.test_data == "mnist-test (20 images)");
}

TEST_CASE("save then load gives the same logits, features and probabilities", "[train]") {
  Rng rng(3);
  Classifier classifier(1, 28, 10, rng);
  ClassifierInfo info;
  info.data = "mnist";
  info.num_classes = 10;
  info.test_accuracy = 0.1234;
  info.test_data = "mnist-test (2000 images)";
  info.seed = 18446744073709551615ull;  // all 64 bits survive the text metadata
  info.command = "gan classifier train --data mnist";
  save_classifier(scratch("round_trip.ckpt"), classifier, info);
  TrainedClassifier loaded = load_classifier(scratch("round_trip.ckpt"));
  CHECK(loaded.info.seed == info.seed);
  CHECK(loaded.info.test_accuracy == 0.1234);
  CHECK(loaded.info.test_data == info.test_data);
  CHECK(loaded.info.command == info.command);

  Tensor x({5, 1, 28, 28});
  rng.fill_uniform(x, -1.0f, 1.0f);
  Tensor expected = classifier.logits(Variable(x)).value();
  Tensor got = loaded.classifier->logits(Variable(x)).value();
  CHECK(got.shape == expected.shape);
  CHECK(got.data == expected.data);

  // In batches of 2 (the last one of 1), the same numbers as one forward pass of all 5 images.
  Tensor features = classifier_features(*loaded.classifier, x, 2);
  Tensor all_features = classifier.features(Variable(x)).value();
  REQUIRE(features.shape == Shape{5, Classifier::kFeatures});
  for (int64_t i = 0; i < features.numel(); ++i) CHECK(features.data[i] == Approx(all_features.data[i]).margin(1e-5));
  Tensor probabilities = classifier_probabilities(*loaded.classifier, x, 2);
  Tensor softmax_logits = softmax(Variable(expected)).value();
  REQUIRE(probabilities.shape == Shape{5, 10});
  for (int n = 0; n < 5; ++n) {
    double row_sum = 0;
    for (int k = 0; k < 10; ++k) {
      row_sum += probabilities.data[n * 10 + k];
      CHECK(probabilities.data[n * 10 + k] == Approx(softmax_logits.data[n * 10 + k]).margin(1e-6));
    }
    CHECK(row_sum == Approx(1.0).margin(1e-6));
  }
  // The predicted class is the largest logit of each row.
  std::vector<int> predicted = classifier_predictions(*loaded.classifier, x, 3);
  for (int n = 0; n < 5; ++n) {
    int best = 0;
    for (int k = 1; k < 10; ++k) best = expected.data[n * 10 + k] > expected.data[n * 10 + best] ? k : best;
    CHECK(predicted[n] == best);
  }
}

TEST_CASE("classifier_accuracy counts the images whose largest logit is their label", "[train]") {
  Rng rng(4);
  Classifier classifier(1, 8, 3, rng);
  Dataset data;
  data.images = Tensor({4, 1, 8, 8});
  rng.fill_uniform(data.images, -1.0f, 1.0f);
  data.num_classes = 3;
  std::vector<int> predicted = classifier_predictions(classifier, data.images, 4);
  // Labels that agree with the prediction for images 0 and 2 only: accuracy 2/4.
  data.labels = {predicted[0], (predicted[1] + 1) % 3, predicted[2], (predicted[3] + 2) % 3};
  CHECK(classifier_accuracy(classifier, data, 3) == 0.5);
}

TEST_CASE("loading a checkpoint that is not a classifier's names the file and the missing tensor", "[train]") {
  Checkpoint gan_checkpoint;
  gan_checkpoint.tensors.emplace_back("generator.0.weight", Tensor({2, 3}));
  gan_checkpoint.metadata.emplace_back("num_classes", "10");
  std::string path = scratch("not_a_classifier.ckpt");
  save_checkpoint(path, gan_checkpoint);
  std::string message = error_of([&] { load_classifier(path); });
  CHECK_THAT(message, Catch::Contains(path));
  CHECK_THAT(message, Catch::Contains("'classifier.features.0.weight' is missing"));
  CHECK_THAT(message, Catch::Contains("generator.0.weight"));

  // Right tensors, wrong sizes: a 5-class file with its metadata claiming 10 classes.
  Rng rng(5);
  Classifier five(1, 28, 5, rng);
  ClassifierInfo info;
  info.data = "quickdraw:x";
  info.num_classes = 10;
  save_classifier(path, five, info);
  message = error_of([&] { load_classifier(path); });
  CHECK_THAT(message, Catch::Contains(path));
  CHECK_THAT(message, Catch::Contains("'classifier.head.weight' must be (10, 128)"));
}

TEST_CASE("data sets without a test set hold out the last 10% of each class", "[train]") {
  // The 2,000 shipped test digits through the generic path (an IDX file pair): per class,
  // the last floor(count / 10) images in file order are held out.
  std::string images = GAN_SOURCE_DIR "/data/mnist/t10k-images-2k-idx3-ubyte";
  std::string labels = GAN_SOURCE_DIR "/data/mnist/t10k-labels-2k-idx1-ubyte";
  Dataset all = load_dataset("mnist-test", GAN_SOURCE_DIR "/data");
  ClassifierSplit split = classifier_split("idx:" + images + "," + labels, "");
  std::vector<int> count(10, 0);
  for (int y : all.labels) count[y]++;
  int held_out = 0;
  for (int c : count) held_out += c / 10;
  CHECK(split.test.images.size(0) == held_out);
  CHECK(split.train.images.size(0) + split.test.images.size(0) == 2000);
  CHECK(split.test_name.rfind("last 10% of each class", 0) == 0);

  // The first test image of class 0 is the first 0 after the first count[0] - count[0] / 10.
  int seen = 0, index = -1;
  for (int i = 0; i < 2000 && index < 0; ++i) {
    if (all.labels[i] == 0 && seen++ == count[0] - count[0] / 10) index = i;
  }
  int first_zero = 0;
  while (split.test.labels[first_zero] != 0) ++first_zero;
  const int64_t pixels = 28 * 28;
  std::vector<float> expected(all.images.data.begin() + index * pixels, all.images.data.begin() + (index + 1) * pixels);
  std::vector<float> got(split.test.images.data.begin() + first_zero * pixels,
                         split.test.images.data.begin() + (first_zero + 1) * pixels);
  CHECK(got == expected);
}

TEST_CASE("train_classifier rejects a batch larger than the data", "[train]") {
  ClassifierTrainConfig config;
  config.data_dir = GAN_SOURCE_DIR "/data";
  config.limit = 10;
  config.batch = 64;
  config.print_progress = false;
  CHECK_THAT(error_of([&] { train_classifier(config); }), Catch::Contains("batch must be in [1, 10]"));
}
