// gan eval: score a checkpoint's generator against held-out real images (train/evaluation.h) and
// write the numbers as JSON. The fakes are those `gan sample --n N --seed S` draws (the same z).
#include <cmath>
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/data/batches.h"
#include "gan/data/dataset.h"
#include "gan/io/atomic_file.h"
#include "gan/io/checkpoint.h"
#include "gan/kernels/parallel.h"
#include "gan/metrics/ssim.h"
#include "gan/train/classifier_training.h"
#include "gan/train/evaluation.h"
#include "gan/train/training_state.h"

namespace gan::cli {

namespace {

// The held-out split of the data a run trained on; "" when there is none to name.
std::string held_out_split(const std::string& data) {
  if (data == "mnist") return "mnist-test";
  if (data == "mnist-full") return "mnist-full-test";
  if (data == "fashion") return "fashion-test";
  return "";
}

// Streams of --seed besides z (which uses gan sample's stream): the real subset and the metrics.
enum EvalStream : uint64_t { kRealSubsetStream = 1, kMetricsStream = 2 };

}  // namespace

int eval_command(const Arguments& arguments) {
  CommandLine args("gan eval",
                   "Score a checkpoint's generator against real held-out images: FID, KID, IS, precision/recall, "
                   "modes, diversity.",
                   arguments);
  std::string checkpoint_path = args.option("--checkpoint", "", "checkpoint file (run folder/checkpoints/latest.ckpt)");
  std::string data = args.option("--data", "",
                                 "real images: a load_dataset spec (default: mnist-test for runs on mnist, "
                                 "fashion-test for fashion)");
  std::string data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  int count = static_cast<int>(args.option_int("--n", 2000, "generated and real samples each", 2, 1 << 24));
  std::string out = args.option("--out", "", "also write the JSON to this file");
  uint64_t seed = static_cast<uint64_t>(args.option_int("--seed", 0, "seed of z, of the real subset and the metrics", 0));
  std::string classifier_path = args.option(
      "--classifier", "", "classifier weights (default: data/classifier/mnist_lenet.ckpt for MNIST, else none)");
  EvaluationSettings settings;
  settings.batch = static_cast<int>(args.option_int("--batch", settings.batch, "images per forward pass", 1, 1 << 20));
  int threads = args.option_threads();
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (checkpoint_path.empty()) throw UsageError("gan eval: --checkpoint is required (see gan eval --help)");
  if (threads > 0) kernels::set_num_threads(threads);

  TrainingState state = from_checkpoint(load_checkpoint(checkpoint_path), checkpoint_path);
  if (data.empty()) data = held_out_split(state.config.data);
  if (data.empty()) {
    throw UsageError("gan eval: --data is required: the checkpoint was trained on '" + state.config.data +
                     "', which has no held-out split gan.cpp knows");
  }
  Dataset dataset = load_dataset(data, data_dir);
  if (count > dataset.images.size(0)) {
    throw UsageError("gan eval: --n " + std::to_string(count) + " is more than the " +
                     std::to_string(dataset.images.size(0)) + " images of " + dataset.source);
  }
  if (classifier_path.empty()) classifier_path = default_classifier_path(data, data_dir);

  Rng subset_rng(seed, kRealSubsetStream);
  std::vector<int> order = shuffled_indices(dataset.images.size(0), subset_rng);
  Tensor real = gather_images(dataset.images, order, 0, count);  // (N, C, H, W)
  Rng z_rng(seed);
  Tensor z({count, state.config.z_dim});
  z_rng.fill_normal(z, 0.0f, 1.0f);
  std::vector<int> labels;
  if (state.config.conditional) {
    for (int i = 0; i < count; ++i) labels.push_back(i % state.num_classes);
  }
  Tensor fake = generate_images(*state.models.generator, z, labels, settings.batch);
  Shape real_sample = real.shape, fake_sample = fake.shape;
  real_sample.sizes[0] = fake_sample.sizes[0] = 0;
  if (real_sample != fake_sample) {
    throw std::runtime_error(checkpoint_path + " generates images " + fake.shape.str() + " but " + dataset.source +
                             " holds " + dataset.images.shape.str());
  }

  TrainedClassifier classifier;
  Tensor real_features;
  if (classifier_path.empty()) {
    std::fprintf(stderr, "gan eval: no classifier for '%s' (pass --classifier); only the diversity is computed\n",
                 data.c_str());
  } else {
    classifier = load_classifier(classifier_path);
    require_classifier_input(classifier_path, classifier.info.channels, classifier.info.image_size, dataset.source,
                             real);
    real_features = classifier_features(*classifier.classifier, real, settings.batch);
  }
  Rng metrics_rng(seed, kMetricsStream);
  Evaluation evaluation = evaluate_generated(classifier.classifier.get(), real_features, fake, metrics_rng, settings);
  metrics::Diversity real_diversity = metrics::ssim_diversity(real, metrics_rng, settings.diversity);

  JsonValue json = JsonValue::object();
  json.set("checkpoint", checkpoint_path);
  json.set("model", std::string(state.config.conditional ? "conditional " : "") + state.config.model);
  json.set("trained_on", state.config.data);
  json.set("epoch", state.epoch);
  json.set("data", data);
  json.set("seed", std::to_string(seed));
  json.set("classifier", classifier_path.empty() ? JsonValue() : JsonValue(classifier_path));
  JsonValue scores = evaluation_to_json(evaluation, settings);
  for (const JsonMember& member : scores.members()) json.set(member.key, member.value);
  json.set("real_count", count);
  json.set("real_diversity", std::isfinite(real_diversity.diversity) ? JsonValue(real_diversity.diversity) : JsonValue());
  std::string text = to_json(json, 2) + "\n";
  std::printf("%s", text.c_str());
  if (!out.empty()) write_file_atomically(out, text);
  return 0;
}

}  // namespace gan::cli
