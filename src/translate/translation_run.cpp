// The training loop of gan translate: Algorithm 1 of Goodfellow et al. (2014) with pix2pix's and
// CycleGAN's losses, a D step and a G step per batch, then the per-epoch measures on test digits.
#include "gan/translate/translation_run.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "gan/data/dataset.h"
#include "gan/io/atomic_file.h"
#include "gan/io/checkpoint.h"
#include "gan/io/csv.h"
#include "gan/kernels/parallel.h"
#include "gan/losses/objectives.h"
#include "gan/ops/arithmetic.h"
#include "gan/ops/shape_ops.h"
#include "gan/optim/adam.h"
#include "gan/train/classifier_training.h"
#include "gan/train/evaluation.h"
#include "gan/translate/domains.h"
#include "gan/translate/translation_grid.h"
#include "gan/translate/translation_losses.h"
#include "gan/translate/translation_models.h"

namespace fs = std::filesystem;

namespace gan::translate {
namespace {

constexpr int kEvalBatch = 100;

// Rows `indices` of images (N, C, H, W) -> (indices.size(), C, H, W).
Tensor gather(const Tensor& images, const std::vector<int>& indices) {
  Shape shape = images.shape;
  shape.sizes[0] = static_cast<int>(indices.size());
  Tensor out(shape);
  const int64_t per = images.numel() / images.size(0);
  for (size_t i = 0; i < indices.size(); ++i)
    std::copy_n(images.ptr() + indices[i] * per, per, out.ptr() + static_cast<int64_t>(i) * per);
  return out;
}

// The first `count` rows of images.
Tensor head(const Tensor& images, int count) {
  std::vector<int> indices(count);
  for (int i = 0; i < count; ++i) indices[i] = i;
  return gather(images, indices);
}

// Batches drawn without replacement: a Fisher-Yates shuffle of 0..N-1 per pass.
class BatchOrder {
 public:
  explicit BatchOrder(int N) : order_(N), next_(N) {
    for (int i = 0; i < N; ++i) order_[i] = i;
  }
  std::vector<int> next(int batch, Rng& rng) {
    std::vector<int> indices;
    while (static_cast<int>(indices.size()) < batch) {
      if (next_ == static_cast<int>(order_.size())) {
        for (int i = static_cast<int>(order_.size()) - 1; i > 0; --i) std::swap(order_[i], order_[rng.uniform_int(i + 1)]);
        next_ = 0;
      }
      indices.push_back(order_[next_++]);
    }
    return indices;
  }

 private:
  std::vector<int> order_;
  int next_;
};

std::vector<nn::NamedParameter> named(nn::Module& module, const std::string& prefix) {
  std::vector<nn::NamedParameter> parameters;
  std::vector<nn::NamedBuffer> buffers;
  module.collect(prefix, parameters, buffers);
  return parameters;
}

std::vector<nn::NamedParameter> joined(std::vector<nn::NamedParameter> a, const std::vector<nn::NamedParameter>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

double mean_abs_difference(const Tensor& a, const Tensor& b) {
  double total = 0;  // one order: element by element
  for (int64_t i = 0; i < a.numel(); ++i) total += a.data[i] > b.data[i] ? a.data[i] - b.data[i] : b.data[i] - a.data[i];
  return total / static_cast<double>(a.numel());
}

double label_share(Classifier& classifier, const Tensor& images, const std::vector<int>& labels) {
  const std::vector<int> predicted = classifier_predictions(classifier, images, kEvalBatch);
  int same = 0;
  for (size_t n = 0; n < predicted.size(); ++n) same += predicted[n] == labels[n];
  return static_cast<double>(same) / static_cast<double>(predicted.size());
}

struct EpochLosses {
  double g = 0, d = 0;
};

}  // namespace

std::string default_loss(const std::string& model) { return model == "cyclegan" ? "lsgan" : "nonsaturating"; }

JsonValue translate_config_to_json(const TranslateConfig& c) {
  JsonValue json = JsonValue::object();
  json.set("engine", "gan.cpp");
  json.set("command", "translate train");
  json.set("model", c.model);
  json.set("task", c.task);
  json.set("loss", c.loss.empty() ? default_loss(c.model) : c.loss);
  json.set("lr", static_cast<double>(c.lr));
  json.set("beta1", static_cast<double>(c.beta1));
  json.set("lambda_l1", static_cast<double>(c.lambda_l1));
  json.set("lambda_cycle", static_cast<double>(c.lambda_cycle));
  json.set("lambda_identity", static_cast<double>(c.lambda_identity));
  json.set("adv_weight", static_cast<double>(c.adv_weight));
  json.set("features", c.features);
  json.set("epochs", c.epochs);
  json.set("steps_per_epoch", c.steps_per_epoch);
  json.set("batch", c.batch);
  json.set("eval_count", c.eval_count);
  json.set("classifier", c.classifier);
  json.set("seed", std::to_string(c.seed));
  return json;
}

void prepare_translation_folder(const std::string& out) {
  for (const char* sub : {"", "/grids"}) {
    std::error_code error;
    fs::create_directories(out + sub, error);
    if (error) throw std::runtime_error(out + sub + ": cannot create the output folder: " + error.message());
  }
  write_file_atomically(out + "/grids/.write-test", "ok");
  fs::remove(out + "/grids/.write-test");
}

JsonValue run_translation(const TranslateConfig& c, bool verbose) {
  if (c.model != "pix2pix" && c.model != "cyclegan")
    throw std::invalid_argument("unknown model '" + c.model + "'; expected pix2pix|cyclegan");
  const TranslationTask task = translation_task(c.task);
  const Objective objective = objective_named(c.loss.empty() ? default_loss(c.model) : c.loss);
  const bool cycle = c.model == "cyclegan";
  if (c.threads > 0) kernels::set_num_threads(c.threads);

  // 1. Data: train digits -> domains A and B (paired rows for pix2pix, disjoint halves for CycleGAN);
  //    the first eval_count test digits, paired, for the measures.
  const Dataset train = load_dataset("mnist", c.data_dir);
  const Dataset test = load_dataset("mnist-test", c.data_dir);
  const Tensor train_a = cycle ? task.make_input(even_rows(train.images)) : task.make_input(train.images);
  const Tensor train_b = cycle ? task.make_target(odd_rows(train.images)) : task.make_target(train.images);
  const int eval_count = std::min(c.eval_count, test.images.size(0));
  const Tensor test_digits = head(test.images, eval_count);
  const std::vector<int> test_labels(test.labels.begin(), test.labels.begin() + eval_count);
  const Tensor test_a = task.make_input(test_digits), test_b = task.make_target(test_digits);
  std::vector<int> grid_rows;  // the first test digit of each class
  for (int k = 0; k < 10; ++k)
    for (int n = 0; n < eval_count; ++n)
      if (test_labels[n] == k) {
        grid_rows.push_back(n);
        break;
      }
  const Tensor grid_a = gather(test_a, grid_rows), grid_b = gather(test_b, grid_rows);

  const std::string classifier_path =
      c.classifier.empty() ? default_classifier_path("mnist", c.data_dir) : c.classifier;
  TrainedClassifier classifier = load_classifier(classifier_path);
  require_classifier_input(classifier_path, classifier.info.channels, classifier.info.image_size, "the test digits",
                           test_a);

  // 2. Models: G (A -> B) and its D; for CycleGAN also F (B -> A) and D_A.
  Rng rng(c.seed);
  const int C = train.images.size(1);
  UNetGenerator G(C, c.features, rng);
  PatchDiscriminator D_B(cycle ? C : 2 * C, c.features, rng);
  std::unique_ptr<UNetGenerator> F;
  std::unique_ptr<PatchDiscriminator> D_A;
  if (cycle) {
    F = std::make_unique<UNetGenerator>(C, c.features, rng);
    D_A = std::make_unique<PatchDiscriminator>(C, c.features, rng);
  }
  const AdamSettings adam{c.lr, c.beta1};
  std::vector<nn::NamedParameter> g_parameters = named(G, "G.");
  std::vector<nn::NamedParameter> d_parameters = named(D_B, "D_B.");
  if (cycle) {
    g_parameters = joined(g_parameters, named(*F, "F."));
    d_parameters = joined(d_parameters, named(*D_A, "D_A."));
  }
  Adam g_optimizer(g_parameters, adam), d_optimizer(d_parameters, adam);
  const bool adversarial = c.adv_weight > 0;

  // 3. Outputs.
  write_file_atomically(c.out + "/config.json", to_json(translate_config_to_json(c), 2) + "\n");
  std::vector<std::string> header = {"epoch", "step", "g_loss", "d_loss", "l1", "l1_input", "label_preservation"};
  if (cycle) header.insert(header.end(), {"cycle_a", "cycle_b", "label_preservation_f"});
  CsvWriter epochs_csv(c.out + "/epochs.csv", header);
  const double l1_input = mean_abs_difference(test_a, test_b);
  const double input_accuracy = label_share(*classifier.classifier, test_a, test_labels);
  const double target_accuracy = label_share(*classifier.classifier, test_b, test_labels);
  if (verbose)
    std::printf("gan translate: %s %s, %d train pairs%s, %d test digits; classifier on the inputs %.1f%%, on the "
                "targets %.1f%%, identity L1 %.4f\n",
                c.model.c_str(), c.task.c_str(), train_a.size(0), cycle ? " (unpaired halves)" : "", eval_count,
                100 * input_accuracy, 100 * target_accuracy, l1_input);

  BatchOrder order_a(train_a.size(0)), order_b(train_b.size(0));
  JsonValue result = JsonValue::object();
  const auto start = std::chrono::steady_clock::now();
  for (int epoch = 1; epoch <= c.epochs; ++epoch) {
    EpochLosses sums;
    for (int step = 0; step < c.steps_per_epoch; ++step) {
      const std::vector<int> rows_a = order_a.next(c.batch, rng);
      const Variable a(gather(train_a, rows_a));
      const Variable b(cycle ? gather(train_b, order_b.next(c.batch, rng)) : gather(train_b, rows_a));
      if (!cycle) {
        // pix2pix. D step: minimise objective.d_loss on D(a, b) and D(a, G(a)) (Eq. 1).
        const Variable fake = G.forward(a);  // (N, C, H, W)
        if (adversarial) {
          Variable d_loss = objective.d_loss(D_B.forward(concat({a, b}, 1)), D_B.forward(concat({a, fake.detach()}, 1)));
          d_optimizer.zero_grad();
          d_loss.backward();
          d_optimizer.step();
          sums.d += d_loss.value().data[0];
        }
        // G step: adv_weight g_loss(D(a, G(a))) + lambda L_L1 (Eq. 4).
        Variable g_loss = mul_scalar(l1_loss(fake, b), c.lambda_l1);
        if (adversarial)
          g_loss = add(mul_scalar(objective.g_loss(D_B.forward(concat({a, fake}, 1))), c.adv_weight), g_loss);
        g_optimizer.zero_grad();
        g_loss.backward();
        g_optimizer.step();
        sums.g += g_loss.value().data[0];
      } else {
        // CycleGAN. G and F step: L_GAN(G, D_B) + L_GAN(F, D_A) + lambda L_cyc (+ identity) (Eq. 3).
        const Variable fake_b = G.forward(a), fake_a = F->forward(b);
        Variable g_loss = mul_scalar(cycle_loss(a, F->forward(fake_b), b, G.forward(fake_a)), c.lambda_cycle);
        if (c.lambda_identity > 0)
          g_loss = add(g_loss, mul_scalar(identity_loss(a, F->forward(a), b, G.forward(b)), c.lambda_identity));
        if (adversarial)
          g_loss = add(g_loss, mul_scalar(add(objective.g_loss(D_B.forward(fake_b)), objective.g_loss(D_A->forward(fake_a))),
                                          c.adv_weight));
        g_optimizer.zero_grad();
        g_loss.backward();
        g_optimizer.step();
        sums.g += g_loss.value().data[0];
        // D_A and D_B step, each on its real domain and the other generator's detached fakes.
        if (adversarial) {
          Variable d_loss = add(objective.d_loss(D_B.forward(b), D_B.forward(fake_b.detach())),
                                objective.d_loss(D_A->forward(a), D_A->forward(fake_a.detach())));
          d_optimizer.zero_grad();
          d_loss.backward();
          d_optimizer.step();
          sums.d += d_loss.value().data[0];
        }
      }
    }

    // 4. Measures on the test digits.
    const Tensor out_b = translate_images(G, test_a);
    const double l1 = mean_abs_difference(out_b, test_b);
    const double preservation = label_share(*classifier.classifier, out_b, test_labels);
    std::vector<std::string> row = {std::to_string(epoch), std::to_string(int64_t{epoch} * c.steps_per_epoch),
                                    format_float(sums.g / c.steps_per_epoch), format_float(sums.d / c.steps_per_epoch),
                                    format_float(l1), format_float(l1_input), format_float(preservation)};
    result = JsonValue::object();
    result.set("epoch", epoch);
    result.set("l1", l1);
    result.set("l1_input", l1_input);
    result.set("label_preservation", preservation);
    result.set("classifier_on_inputs", input_accuracy);
    result.set("classifier_on_targets", target_accuracy);
    std::vector<Tensor> grid = {grid_a, gather(out_b, grid_rows), grid_b};
    std::vector<std::string> grid_labels = {"A", "G(A)", "B"};
    char cycle_text[160] = "";
    if (cycle) {
      const Tensor out_a = translate_images(*F, test_b);
      const double cycle_a = mean_abs_difference(translate_images(*F, out_b), test_a);
      const double cycle_b = mean_abs_difference(translate_images(G, out_a), test_b);
      const double preservation_f = label_share(*classifier.classifier, out_a, test_labels);
      row.insert(row.end(), {format_float(cycle_a), format_float(cycle_b), format_float(preservation_f)});
      result.set("cycle_a", cycle_a);
      result.set("cycle_b", cycle_b);
      result.set("label_preservation_f", preservation_f);
      const Tensor grid_out_b = gather(out_b, grid_rows), grid_out_a = gather(out_a, grid_rows);
      grid = {grid_a, grid_out_b, translate_images(*F, grid_out_b), grid_b, grid_out_a, translate_images(G, grid_out_a)};
      grid_labels = {"A", "G(A)", "F(G(A))", "B", "F(B)", "G(F(B))"};
      std::snprintf(cycle_text, sizeof cycle_text, ", cycle A %.4f B %.4f, F keeps %.1f%%", cycle_a, cycle_b,
                    100 * preservation_f);
    }
    epochs_csv.write_row(row);
    char name[32];
    std::snprintf(name, sizeof name, "/grids/epoch_%04d.png", epoch);
    write_translation_grid(c.out + name, grid, grid_labels);
    if (verbose) {
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::printf("epoch %d/%d: g_loss %.4f d_loss %.4f | L1 %.4f (identity %.4f), labels kept %.1f%%%s  [%.1f s]\n",
                  epoch, c.epochs, sums.g / c.steps_per_epoch, sums.d / c.steps_per_epoch, l1, l1_input,
                  100 * preservation, cycle_text, seconds);
      std::fflush(stdout);
    }
  }
  write_file_atomically(c.out + "/result.json", to_json(result, 2) + "\n");

  // 5. The generators' weights.
  Checkpoint checkpoint;
  for (const nn::NamedParameter& parameter : g_parameters) checkpoint.tensors.emplace_back(parameter.name, parameter.variable.value());
  checkpoint.metadata = {{"model", c.model}, {"task", c.task}, {"features", std::to_string(c.features)}};
  save_checkpoint(c.out + "/generator.ckpt", checkpoint);
  return result;
}

Tensor translate_images(nn::Module& generator, const Tensor& images) {
  NoGradGuard no_grad;
  const int N = images.size(0);
  Tensor out(images.shape);
  const int64_t per = N > 0 ? images.numel() / N : 0;
  for (int start = 0; start < N; start += kEvalBatch) {
    const int count = std::min(kEvalBatch, N - start);
    std::vector<int> indices(count);
    for (int i = 0; i < count; ++i) indices[i] = start + i;
    const Tensor y = generator.forward(Variable(gather(images, indices))).value();
    std::copy_n(y.ptr(), y.numel(), out.ptr() + start * per);
  }
  return out;
}

std::unique_ptr<UNetGenerator> load_translation_generator(const std::string& path, const std::string& which,
                                                          std::string* task) {
  const Checkpoint checkpoint = load_checkpoint(path);
  const std::string& model = find_metadata(checkpoint, "model");
  if (which == "F" && model != "cyclegan")
    throw std::runtime_error(path + ": a " + model + " run has no F (B -> A); only CycleGAN runs do");
  *task = find_metadata(checkpoint, "task");
  const int features = std::stoi(find_metadata(checkpoint, "features"));
  const int channels = find_tensor(checkpoint, which + ".e1.weight").size(1);
  Rng unused(0);  // the weights are overwritten below
  auto generator = std::make_unique<UNetGenerator>(channels, features, unused);
  for (nn::NamedParameter& parameter : generator->parameters()) {
    const Tensor& stored = find_tensor(checkpoint, which + "." + parameter.name);
    if (stored.shape != parameter.variable.shape())
      throw std::runtime_error(path + ": " + which + "." + parameter.name + " has shape " + stored.shape.str() +
                               ", expected " + parameter.variable.shape().str());
    parameter.variable.value() = stored;
  }
  return generator;
}

}  // namespace gan::translate
