// gan classifier train | eval: the classifier whose features and probabilities the metrics use
// (see train/classifier_training.h). `train` writes a weights file; `eval` reports its accuracy.
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "command_line.h"
#include "commands.h"
#include "gan/io/atomic_file.h"
#include "gan/io/json.h"
#include "gan/kernels/parallel.h"
#include "gan/train/classifier_training.h"

namespace gan::cli {

namespace {

namespace fs = std::filesystem;

const char* const kDataHelp = "mnist | mnist-test | mnist-full | mnist-full-test | fashion | fashion-test | quickdraw | quickdraw:PATH[,PATH...] | idx:IMAGES[,LABELS]";

// Fails before the training when the weights could not be written after it.
void check_writable(const std::string& path) {
  fs::path parent = fs::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) fs::create_directories(parent, error);
  if (error) throw std::runtime_error(parent.string() + ": cannot create the output folder: " + error.message());
  write_file_atomically(path + ".write-test", "ok");
  fs::remove(path + ".write-test");
}

int train(const Arguments& arguments) {
  CommandLine args("gan classifier train",
                   "Train the LeNet-size classifier of the metrics on a data set and write its weights.", arguments);
  ClassifierTrainConfig defaults;
  ClassifierTrainConfig config;
  config.data = args.option("--data", defaults.data, kDataHelp);
  config.data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  config.limit = static_cast<int>(args.option_int("--limit", 0, "train on the first N images only (0: all)", 0));
  config.test_limit = static_cast<int>(
      args.option_int("--test-limit", 0, "test on the first N held-out images only (0: all)", 0));
  config.epochs = static_cast<int>(args.option_int("--epochs", defaults.epochs, "epochs to train", 1, 1000000));
  config.batch = static_cast<int>(args.option_int("--batch", defaults.batch, "batch size", 1, 1 << 20));
  config.lr = static_cast<float>(args.option_double("--lr", defaults.lr, "Adam learning rate", 1e-12, 10));
  config.beta1 = static_cast<float>(args.option_double("--beta1", defaults.beta1, "Adam beta1", 0, 0.999999));
  config.seed = static_cast<uint64_t>(args.option_int("--seed", static_cast<long long>(defaults.seed), "random seed", 0));
  config.threads = args.option_threads();
  config.print_progress = !args.flag("--quiet", "print nothing while training");
  std::string out = args.option("--out", "classifier.ckpt", "weights file to write");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  check_writable(out);
  auto start = std::chrono::steady_clock::now();
  TrainedClassifier trained = train_classifier(config);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  save_classifier(out, *trained.classifier, trained.info);
  std::printf("wrote %s: test accuracy %.2f %% on %s after %.0f s\nreproduce with: %s --out %s\n", out.c_str(),
              100.0 * trained.info.test_accuracy, trained.info.test_data.c_str(), seconds,
              trained.info.command.c_str(), out.c_str());
  return 0;
}

int eval(const Arguments& arguments) {
  CommandLine args("gan classifier eval", "Report a classifier's accuracy on a data set, as text and as a JSON line.",
                   arguments);
  std::string weights = args.option("--weights", GAN_SOURCE_DIR "/data/classifier/mnist_lenet.ckpt", "weights file");
  std::string data = args.option("--data", "", std::string(kDataHelp) +
                                                   " (default: the test split of the data the weights were trained on)");
  std::string data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  int batch = static_cast<int>(args.option_int("--batch", 256, "images per forward pass", 1, 1 << 20));
  int threads = args.option_threads();
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (threads > 0) kernels::set_num_threads(threads);

  TrainedClassifier loaded = load_classifier(weights);
  const ClassifierInfo& info = loaded.info;
  Dataset dataset = data.empty() ? classifier_split(info.data, data_dir).test : load_dataset(data, data_dir);
  const Tensor& images = dataset.images;
  if (images.size(1) != info.channels || images.size(2) != info.image_size || images.size(3) != info.image_size ||
      dataset.num_classes != info.num_classes) {
    throw std::runtime_error(weights + " classifies " + std::to_string(info.num_classes) + " classes of " +
                             std::to_string(info.channels) + " x " + std::to_string(info.image_size) + " x " +
                             std::to_string(info.image_size) + " images, but " + dataset.source + " has " +
                             std::to_string(dataset.num_classes) + " classes of " + images.shape.str() + " images");
  }
  std::vector<int> predicted = classifier_predictions(*loaded.classifier, images, batch);
  const int N = images.size(0);
  int correct = 0;
  for (int n = 0; n < N; ++n) correct += predicted[n] == dataset.labels[n];
  const double accuracy = N > 0 ? static_cast<double>(correct) / N : 0.0;
  std::printf("%s on %s: accuracy %.2f %% (%d of %d images)\n", weights.c_str(), dataset.source.c_str(),
              100.0 * accuracy, correct, N);
  JsonValue json = JsonValue::object();
  json.set("weights", weights);
  json.set("data", data.empty() ? info.data + " test split" : data);
  json.set("images", N);
  json.set("correct", correct);
  json.set("accuracy", accuracy);
  std::printf("%s\n", to_json(json, 0).c_str());
  return 0;
}

void print_usage() {
  std::printf(
      "usage: gan classifier train [options]   train the metrics' classifier and write its weights\n"
      "       gan classifier eval [options]    report a weights file's accuracy\n\n"
      "`gan classifier train --help` and `gan classifier eval --help` list the options.\n");
}

}  // namespace

int classifier_command(const Arguments& arguments) {
  if (arguments.empty() || arguments[0] == "--help" || arguments[0] == "-h") {
    print_usage();
    return arguments.empty() ? 2 : 0;
  }
  Arguments rest(arguments.begin() + 1, arguments.end());
  if (arguments[0] == "train") return train(rest);
  if (arguments[0] == "eval") return eval(rest);
  throw UsageError("gan classifier: unknown action '" + arguments[0] + "'; use train or eval");
}

}  // namespace gan::cli
