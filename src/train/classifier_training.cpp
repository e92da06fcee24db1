#include "gan/train/classifier_training.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "gan/data/batches.h"
#include "gan/io/checkpoint.h"
#include "gan/io/csv.h"
#include "gan/kernels/parallel.h"
#include "gan/ops/activations.h"
#include "gan/ops/loss_ops.h"
#include "gan/optim/adam.h"

namespace gan {

namespace {

// The random streams of a classifier run, as in training_state.cpp: one PCG stream each.
enum RngStream : uint64_t { kInitStream = 1, kDataStream = 2 };

// Images per forward pass when judging the test split: large enough to keep the GEMMs busy,
// small enough that the activations of one batch (about 60 kB per image) stay near 15 MB.
constexpr int kEvalBatch = 256;

// The images at `indices` (all of them, in that order) as a data set of their own.
Dataset subset(const Dataset& data, const std::vector<int>& indices, const std::string& source) {
  Dataset part;
  const int count = static_cast<int>(indices.size());
  part.images = gather_images(data.images, indices, 0, count);
  part.labels = gather_labels(data.labels, indices, 0, count);
  part.num_classes = data.num_classes;
  part.class_names = data.class_names;
  part.source = source;
  return part;
}

Dataset first_images(const Dataset& data, int count) {
  if (count <= 0 || count >= data.images.size(0)) return data;
  std::vector<int> first(count);
  for (int i = 0; i < count; ++i) first[i] = i;
  return subset(data, first, data.source + ", first " + std::to_string(count));
}

// The shortest decimal that reads back as the same float: "0.001", not "0.0010000000474974513".
std::string float_text(float value) {
  char text[32];
  for (int digits = 1; digits <= 9; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, static_cast<double>(value));
    if (std::strtof(text, nullptr) == value) break;
  }
  return text;
}

// Every setting that changes the weights; where they are written and how many threads compute
// them do not (the kernels give the same bits for any thread count).
std::string reproducing_command(const ClassifierTrainConfig& config) {
  std::string command = "gan classifier train --data " + config.data;
  if (config.limit > 0) command += " --limit " + std::to_string(config.limit);
  command += " --epochs " + std::to_string(config.epochs) + " --batch " + std::to_string(config.batch) +
             " --lr " + float_text(config.lr) + " --beta1 " + float_text(config.beta1) +
             " --seed " + std::to_string(config.seed);
  return command;
}

// Runs `head` on `batch` images at a time, in evaluation mode and without a graph, and stacks
// the (n, D) results into (N, D).
template <class Head>
Tensor evaluate_in_batches(Classifier& classifier, const Tensor& images, int batch, const char* where, Head head) {
  require_rank(where, "images", images.shape, 4, "(N, C, H, W)");
  if (batch < 1) throw std::invalid_argument(std::string(where) + ": batch must be >= 1, got " + std::to_string(batch));
  NoGradGuard no_grad;
  classifier.set_training(false);
  const int N = images.size(0);
  const int64_t image_size = N > 0 ? images.numel() / N : 0;
  Tensor result;
  for (int begin = 0; begin < N; begin += batch) {
    const int count = std::min(batch, N - begin);
    Tensor slice({count, images.size(1), images.size(2), images.size(3)});
    std::copy(images.data.begin() + begin * image_size, images.data.begin() + (begin + count) * image_size,
              slice.data.begin());
    Tensor out = head(Variable(slice)).value();  // (count, D)
    if (begin == 0) result = Tensor({N, out.size(1)});
    std::copy(out.data.begin(), out.data.end(), result.data.begin() + static_cast<int64_t>(begin) * out.size(1));
  }
  return result;
}

// Cosine annealing, one cycle over the run, stepped once per epoch (Loshchilov & Hutter 2017,
// Eq. 5 with eta_min = 0): lr_e = lr (1 + cos(pi (e - 1) / E)) / 2 for epoch e = 1 .. E.
float epoch_lr(float lr, int epoch, int epochs) {
  const double pi = 3.14159265358979323846;
  return static_cast<float>(lr * 0.5 * (1.0 + std::cos(pi * (epoch - 1) / epochs)));
}

// On a terminal, "step 37/156  loss 0.1234" redrawn in place; nothing in logs.
void show_step(bool terminal, int epoch, int epochs, int step, int steps, double loss) {
  if (!terminal) return;
  std::fprintf(stderr, "\repoch %d/%d  step %d/%d  loss %.4f ", epoch, epochs, step, steps, loss);
  std::fflush(stderr);
}

// Metadata of a weights file, each field checked, with the file named in every message.
struct MetadataReader {
  const Checkpoint& checkpoint;
  const std::string& path;

  const std::string& text(const std::string& key) const {
    for (const auto& [entry_key, value] : checkpoint.metadata) {
      if (entry_key == key) return value;
    }
    throw std::runtime_error(path + ": metadata '" + key + "' is missing; a classifier's weights carry it");
  }
  uint64_t whole(const std::string& key, uint64_t maximum) const {
    const std::string& value = text(key);
    char* end = nullptr;
    unsigned long long number = std::strtoull(value.c_str(), &end, 10);
    if (value.empty() || value[0] == '-' || *end != '\0' || number > maximum) {
      throw std::runtime_error(path + ": metadata '" + key + "' must be a whole number in [0, " +
                               std::to_string(maximum) + "], got '" + value + "'");
    }
    return number;
  }
  double fraction(const std::string& key) const {
    const std::string& value = text(key);
    char* end = nullptr;
    double number = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(number >= 0 && number <= 1)) {
      throw std::runtime_error(path + ": metadata '" + key + "' must be a number in [0, 1], got '" + value + "'");
    }
    return number;
  }
};

}  // namespace

ClassifierSplit classifier_split(const std::string& spec, const std::string& data_dir) {
  ClassifierSplit split;
  if (spec == "mnist" || spec == "fashion") {
    split.train = load_dataset(spec, data_dir);
    split.test_name = spec + "-test";
    split.test = load_dataset(split.test_name, data_dir);
    return split;
  }
  // No official test set: hold out the last tenth of every class, so that each class is tested
  // in proportion to its size and the split depends only on the files.
  Dataset all = load_dataset(spec, data_dir);
  std::vector<int> class_count(all.num_classes, 0), seen(all.num_classes, 0);
  for (int label : all.labels) class_count[label]++;
  std::vector<int> train_indices, test_indices;
  for (int i = 0; i < static_cast<int>(all.labels.size()); ++i) {
    int y = all.labels[i];
    bool held_out = seen[y]++ >= class_count[y] - class_count[y] / 10;
    (held_out ? test_indices : train_indices).push_back(i);
  }
  if (test_indices.empty()) {
    throw std::runtime_error(all.source + ": too few images to hold out a test split (the last 10% of each class)");
  }
  split.test_name = "last 10% of each class of " + spec;
  split.train = subset(all, train_indices, all.source + ", first 90% of each class");
  split.test = subset(all, test_indices, all.source + ", last 10% of each class");
  return split;
}

TrainedClassifier train_classifier(const ClassifierTrainConfig& config) {
  if (config.threads > 0) kernels::set_num_threads(config.threads);
  ClassifierSplit split = classifier_split(config.data, config.data_dir);
  const Dataset train = first_images(split.train, config.limit);
  const Dataset test = first_images(split.test, config.test_limit);
  const int N = train.images.size(0);
  if (config.batch < 1 || config.batch > N) {
    throw std::invalid_argument("train_classifier: batch must be in [1, " + std::to_string(N) + "] (the images of " +
                                train.source + "), got " + std::to_string(config.batch));
  }

  TrainedClassifier trained;
  ClassifierInfo& info = trained.info;
  info.data = config.data;
  info.channels = train.images.size(1);
  info.image_size = train.images.size(2);
  info.num_classes = train.num_classes;
  info.test_data = split.test_name + " (" + std::to_string(test.images.size(0)) + " images)";
  info.seed = config.seed;
  info.command = reproducing_command(config);

  Rng init_rng(config.seed, kInitStream);
  Rng data_rng(config.seed, kDataStream);
  trained.classifier = std::make_unique<Classifier>(info.channels, info.image_size, info.num_classes, init_rng);
  Classifier& classifier = *trained.classifier;
  Adam adam(classifier.parameters(), AdamSettings{config.lr, config.beta1});

  const int steps = N / config.batch;  // the last partial batch is dropped, as in gan train
  if (config.print_progress) {
    std::printf("gan classifier train: LeNet on %s (%d images), %d epochs of %d steps, batch %d, Adam lr %s, "
                "seed %llu, %d threads; testing on %s\n",
                train.source.c_str(), N, config.epochs, steps, config.batch, float_text(config.lr).c_str(),
                static_cast<unsigned long long>(config.seed), kernels::num_threads(), info.test_data.c_str());
    std::fflush(stdout);
  }
  const bool terminal = config.print_progress && isatty(fileno(stderr));
  using Clock = std::chrono::steady_clock;
  for (int epoch = 1; epoch <= config.epochs; ++epoch) {
    Clock::time_point start = Clock::now();
    classifier.set_training(true);
    adam.set_lr(epoch_lr(config.lr, epoch, config.epochs));
    std::vector<int> order = shuffled_indices(N, data_rng);
    double loss_sum = 0;
    for (int b = 0; b < steps; ++b) {
      Tensor x = gather_images(train.images, order, b * config.batch, config.batch);   // (B, C, H, W)
      std::vector<int> y = gather_labels(train.labels, order, b * config.batch, config.batch);
      adam.zero_grad();
      Variable loss = cross_entropy(classifier.logits(Variable(x)), y);  // (D.6.4)
      const double value = loss.value().data[0];
      if (!std::isfinite(value)) {
        throw std::runtime_error("train_classifier: the loss is not finite at epoch " + std::to_string(epoch) +
                                 ", step " + std::to_string(b + 1) + "; try a smaller --lr");
      }
      loss.backward();
      adam.step();
      loss_sum += value;
      show_step(terminal, epoch, config.epochs, b + 1, steps, value);
    }
    info.test_accuracy = classifier_accuracy(classifier, test, kEvalBatch);
    double seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (terminal) std::fprintf(stderr, "\r%60s\r", "");
    if (config.print_progress) {
      std::printf("epoch %d/%d  lr %.3g  %.1f s  %.0f images/s  loss %.4f  test accuracy %.2f %%\n", epoch,
                  config.epochs, adam.lr(), seconds, steps * config.batch / seconds, loss_sum / steps,
                  100.0 * info.test_accuracy);
      std::fflush(stdout);
    }
  }
  classifier.set_training(false);
  return trained;
}

Tensor classifier_features(Classifier& classifier, const Tensor& images, int batch) {
  return evaluate_in_batches(classifier, images, batch, "classifier_features",
                             [&](const Variable& x) { return classifier.features(x); });
}

Tensor classifier_probabilities(Classifier& classifier, const Tensor& images, int batch) {
  return evaluate_in_batches(classifier, images, batch, "classifier_probabilities",
                             [&](const Variable& x) { return softmax(classifier.logits(x)); });
}

std::vector<int> classifier_predictions(Classifier& classifier, const Tensor& images, int batch) {
  Tensor logits = evaluate_in_batches(classifier, images, batch, "classifier_predictions",
                                      [&](const Variable& x) { return classifier.logits(x); });  // (N, K)
  const int N = images.size(0);
  const int K = N > 0 ? logits.size(1) : 0;
  std::vector<int> classes(N);
  for (int n = 0; n < N; ++n) {
    const float* row = logits.ptr() + static_cast<int64_t>(n) * K;
    classes[n] = static_cast<int>(std::max_element(row, row + K) - row);  // the first of equal maxima
  }
  return classes;
}

double classifier_accuracy(Classifier& classifier, const Dataset& data, int batch) {
  const int N = data.images.size(0);
  if (N == 0 || static_cast<int>(data.labels.size()) != N) {
    throw std::invalid_argument("classifier_accuracy: needs N >= 1 images and N labels, got " + std::to_string(N) +
                                " images and " + std::to_string(data.labels.size()) + " labels (" + data.source + ")");
  }
  std::vector<int> predicted = classifier_predictions(classifier, data.images, batch);
  int correct = 0;
  for (int n = 0; n < N; ++n) correct += predicted[n] == data.labels[n];
  return static_cast<double>(correct) / N;
}

void save_classifier(const std::string& path, Classifier& classifier, const ClassifierInfo& info) {
  Checkpoint checkpoint;
  for (const nn::NamedParameter& parameter : classifier.parameters()) {
    checkpoint.tensors.emplace_back("classifier." + parameter.name, parameter.variable.value());
  }
  checkpoint.metadata = {
      {"data", info.data},
      {"channels", std::to_string(info.channels)},
      {"image_size", std::to_string(info.image_size)},
      {"num_classes", std::to_string(info.num_classes)},
      {"accuracy", format_float(info.test_accuracy)},
      {"test_data", info.test_data},
      // A string: a seed may use all 64 bits, more than a double holds exactly.
      {"seed", std::to_string(info.seed)},
      {"command", info.command},
  };
  save_checkpoint(path, checkpoint);
}

TrainedClassifier load_classifier(const std::string& path) {
  Checkpoint checkpoint = load_checkpoint(path);
  auto stored = [&](const std::string& name) -> const Tensor& {
    for (const auto& [entry_name, tensor] : checkpoint.tensors) {
      if (entry_name == name) return tensor;
    }
    std::string first = checkpoint.tensors.empty() ? "none" : "'" + checkpoint.tensors.front().first + "'";
    throw std::runtime_error(path + ": not a classifier's weights (as `gan classifier train` writes them): tensor '" +
                             name + "' is missing; the first tensor is " + first);
  };
  // Checked before any metadata, so that a GAN checkpoint given by mistake is named as such.
  stored("classifier.features.0.weight");

  MetadataReader metadata{checkpoint, path};
  TrainedClassifier loaded;
  ClassifierInfo& info = loaded.info;
  info.data = metadata.text("data");
  info.channels = static_cast<int>(metadata.whole("channels", 4096));
  info.image_size = static_cast<int>(metadata.whole("image_size", 4096));
  info.num_classes = static_cast<int>(metadata.whole("num_classes", 1 << 20));
  info.test_accuracy = metadata.fraction("accuracy");
  info.test_data = metadata.text("test_data");
  info.seed = metadata.whole("seed", UINT64_MAX);
  info.command = metadata.text("command");

  Rng unused(0);  // the initial values are all replaced below
  loaded.classifier = std::make_unique<Classifier>(info.channels, info.image_size, info.num_classes, unused);
  for (const nn::NamedParameter& parameter : loaded.classifier->parameters()) {
    const std::string name = "classifier." + parameter.name;
    const Tensor& tensor = stored(name);
    Variable variable = parameter.variable;
    if (tensor.shape != variable.value().shape) {
      throw std::runtime_error(path + ": tensor '" + name + "' must be " + variable.value().shape.str() +
                               " for a classifier of " + std::to_string(info.num_classes) + " classes on " +
                               std::to_string(info.channels) + " x " + std::to_string(info.image_size) + " x " +
                               std::to_string(info.image_size) + " images, got " + tensor.shape.str());
    }
    variable.value() = tensor;
  }
  loaded.classifier->set_training(false);
  return loaded;
}

}  // namespace gan
