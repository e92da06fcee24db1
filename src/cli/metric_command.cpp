// gan metric NAME --real A --fake B: one metric between two files, or `all` that apply, printed
// as one JSON object with the value(s) and every setting used (docs/metrics.md, "From the command
// line"). What each metric is computed on depends on what the files hold (metric_inputs.h):
//
//   images     fid, kid, precision-recall      the classifier's 128 penultimate features
//              is, modes                       the classifier's softmax
//              ssim, diversity                 the images, in [-1, 1]
//              mmd, wasserstein, sliced-wasserstein, dist-diff   the pixel values, flattened
//   features   everything but ssim and diversity, on the values as given; is and modes only
//              when each row is a probability vector
//   scores     auc, wasserstein (exact 1-D, any N on each side), sliced-wasserstein, mmd
//
// Every metric draws from its own Rng(seed), so `gan metric kid` and the kid of `gan metric all`
// agree.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "command_line.h"
#include "commands.h"
#include "gan/kernels/parallel.h"
#include "gan/metrics/auc.h"
#include "gan/metrics/checks.h"
#include "gan/metrics/dist_diff.h"
#include "gan/metrics/fid.h"
#include "gan/metrics/inception_score.h"
#include "gan/metrics/wasserstein.h"
#include "gan/train/classifier_training.h"
#include "gan/train/evaluation.h"
#include "metric_inputs.h"

namespace gan::cli {

namespace {

// A metric that cannot be computed on the inputs given: an error (exit 1) for `gan metric NAME`,
// a "skipped" entry with this reason for `gan metric all`.
struct NotApplicable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Optimal assignment is O(N^3): about 2 s at N = 2000 (docs/metrics.md, "Cost").
constexpr int kMaxAssignment = 2000;

struct Settings {
  uint64_t seed = 0;
  std::string classifier_path;
  int batch = EvaluationSettings{}.batch;
  int k = 3;
  metrics::KidSettings kid;
  int splits = 10;
  double mode_threshold = 0.01;
  metrics::DiversitySettings diversity;
  metrics::MmdSettings mmd;
  metrics::SlicedSettings sliced;
  metrics::DistDiffSettings dist_diff;
};

// The inputs and what has been derived from them: the classifier is loaded, and each image set
// classified, at most once however many metrics ask.
class Context {
 public:
  Context(const MetricInput* real, const MetricInput& fake, const Settings& settings)
      : real(real), fake(fake), settings(settings) {}

  const MetricInput* real;  // null when --real was not given
  const MetricInput& fake;
  const Settings& settings;
  bool classifier_used = false;

  // FID, KID, precision/recall: classifier features of images, features as given.
  const Tensor& features(const char* metric, const MetricInput& input) {
    if (input.kind == InputKind::Features) return input.values;
    require_images(metric, input, "images or features");
    Tensor& cached = features_[&input];
    if (cached.empty()) cached = classifier_features(classifier(input), input.values, settings.batch);
    return cached;
  }

  // IS, mode coverage: the classifier's softmax of images, or features that are probabilities.
  const Tensor& probabilities(const char* metric, const MetricInput& input) {
    if (input.kind == InputKind::Features) {
      try {
        metrics::require_probabilities(input.path.c_str(), "each row", input.values);
      } catch (const std::invalid_argument& error) {
        throw NotApplicable(std::string(metric) + " needs images or class probabilities (N, K): " + error.what());
      }
      return input.values;
    }
    require_images(metric, input, "images or class probabilities (N, K)");
    Tensor& cached = probabilities_[&input];
    if (cached.empty()) cached = classifier_probabilities(classifier(input), input.values, settings.batch);
    return cached;
  }

  // What the classifier metrics were computed on, for the JSON.
  std::string features_source(const MetricInput& input) const {
    if (input.kind == InputKind::Features) return "values as given (D = " + std::to_string(input.values.size(1)) + ")";
    return "classifier " + settings.classifier_path;
  }

  static void require_images(const char* metric, const MetricInput& input, const char* expected) {
    if (input.kind != InputKind::Images) {
      throw NotApplicable(std::string(metric) + " needs " + expected + "; " + input.path + " holds " +
                          kind_name(input.kind) + " " + input.values.shape.str());
    }
  }

 private:
  Classifier& classifier(const MetricInput& input) {
    if (!loaded_.classifier) loaded_ = load_classifier(settings.classifier_path);
    try {
      require_classifier_input(settings.classifier_path, loaded_.info.channels, loaded_.info.image_size, input.path,
                               input.values);
    } catch (const std::runtime_error& error) {
      throw NotApplicable(error.what());
    }
    classifier_used = true;
    return *loaded_.classifier;
  }

  TrainedClassifier loaded_;
  std::map<const MetricInput*, Tensor> features_, probabilities_;
};

void require_count(const char* metric, const MetricInput& input, int minimum, const char* why) {
  if (input.count() < minimum) {
    throw NotApplicable(std::string(metric) + " needs at least " + std::to_string(minimum) + " samples (" + why +
                        "); " + input.path + " holds " + std::to_string(input.count()));
  }
}

// Both sets, real first: the estimators below need as many points in each.
void require_counts(const char* metric, const Context& c, int minimum, const char* why) {
  require_count(metric, *c.real, minimum, why);
  require_count(metric, c.fake, minimum, why);
}

// "pixel values in [-1, 1] (D = 784)" or "values as given (D = 64)", for the metrics on raw values.
std::string raw_source(const MetricInput& input) {
  const int D = static_cast<int>(input.values.numel() / input.count());
  return std::string(input.kind == InputKind::Images ? "pixel values in [-1, 1]" : "values as given") +
         " (D = " + std::to_string(D) + ")";
}

JsonValue auc(Context& c) {
  for (const MetricInput* input : {c.real, &c.fake}) {
    if (input->kind != InputKind::Scores) {
      throw NotApplicable("auc needs scores (N) or (N, 1), higher = more real; " + input->path + " holds " +
                          kind_name(input->kind) + " " + input->values.shape.str());
    }
  }
  JsonValue json = JsonValue::object();
  json.set("value", metrics::discriminator_auc(c.real->scores(), c.fake.scores()));
  return json;
}

JsonValue wasserstein(Context& c) {
  JsonValue json = JsonValue::object();
  if (c.fake.kind == InputKind::Scores) {
    json.set("value", metrics::wasserstein1_1d(c.real->scores(), c.fake.scores()));
    json.set("method", "exact in 1-D (sorted samples)");
    return json;
  }
  if (c.real->count() != c.fake.count()) {
    throw NotApplicable("wasserstein between point sets needs the same N on both sides (an optimal assignment); " +
                        c.real->path + " holds " + std::to_string(c.real->count()) + ", " + c.fake.path + " " +
                        std::to_string(c.fake.count()) + "; sliced-wasserstein takes any N");
  }
  if (c.fake.count() > kMaxAssignment) {
    throw NotApplicable("wasserstein by optimal assignment takes O(N^3) time and is meant for N <= " +
                        std::to_string(kMaxAssignment) + ", got N = " + std::to_string(c.fake.count()) +
                        "; use sliced-wasserstein, or fewer samples");
  }
  json.set("value", metrics::wasserstein1_assignment(c.real->flattened(), c.fake.flattened()));
  json.set("method", "exact, optimal assignment (Hungarian)");
  json.set("on", raw_source(c.fake));
  return json;
}

JsonValue sliced_wasserstein(Context& c) {
  Rng rng(c.settings.seed);
  JsonValue json = JsonValue::object();
  json.set("value", metrics::sliced_wasserstein1(c.real->flattened(), c.fake.flattened(), rng, c.settings.sliced));
  json.set("projections", c.settings.sliced.projections);
  json.set("on", raw_source(c.fake));
  return json;
}

JsonValue mmd(Context& c) {
  require_counts("mmd", c, 2, "the unbiased estimate leaves out each point's pair with itself");
  Rng rng(c.settings.seed);
  metrics::MmdResult result = metrics::gaussian_mmd2(c.real->flattened(), c.fake.flattened(), rng, c.settings.mmd);
  JsonValue json = JsonValue::object();
  json.set("value", result.mmd2);
  json.set("kernel", "gaussian");
  json.set("bandwidth", result.bandwidth);
  json.set("bandwidth_from", c.settings.mmd.bandwidth > 0 ? "--bandwidth" : "median heuristic");
  json.set("median_samples", c.settings.mmd.median_samples);
  json.set("on", raw_source(c.fake));
  return json;
}

JsonValue dist_diff(Context& c) {
  if (c.fake.kind == InputKind::Scores) {
    throw NotApplicable("dist-diff needs features or images, not scores (N) or (N, 1)");
  }
  metrics::DistDiffSettings settings = c.settings.dist_diff;
  Tensor real = c.real->flattened(), fake = c.fake.flattened();
  settings.dimensions = std::min(settings.dimensions, real.size(1));  // PCA keeps at most D directions
  const int minimum = std::max(2, settings.gmm.components);
  require_counts("dist-diff", c, minimum, "a mixture needs a point per component");
  Rng rng(c.settings.seed);
  metrics::DistDiff result = metrics::dist_diff(real, fake, rng, settings);
  JsonValue json = JsonValue::object();
  json.set("value", result.kl);
  json.set("standard_error", result.standard_error);
  json.set("dimensions", settings.dimensions);
  json.set("components", settings.gmm.components);
  json.set("monte_carlo_samples", settings.monte_carlo_samples);
  json.set("on", raw_source(c.fake));
  return json;
}

JsonValue fid(Context& c) {
  require_counts("fid", c, 2, "a covariance");
  JsonValue json = JsonValue::object();
  json.set("value", metrics::fid(c.features("fid", *c.real), c.features("fid", c.fake)));
  json.set("on", c.features_source(c.fake));
  return json;
}

JsonValue kid(Context& c) {
  require_counts("kid", c, 2, "the unbiased estimate leaves out each point's pair with itself");
  const Tensor& real = c.features("kid", *c.real);
  const Tensor& fake = c.features("kid", c.fake);
  metrics::KidSettings used = kid_settings_for(c.settings.kid, real.size(0), fake.size(0));
  Rng rng(c.settings.seed);
  metrics::MeanStd result = metrics::kernel_inception_distance(real, fake, rng, used);
  JsonValue json = JsonValue::object();
  json.set("mean", result.mean);
  json.set("std", result.std);
  json.set("subsets", used.subsets);
  json.set("subset_size", used.subset_size);
  json.set("on", c.features_source(c.fake));
  return json;
}

JsonValue precision_recall(Context& c) {
  const int k = c.settings.k;
  require_counts("precision-recall", c, k + 1, "each point needs k neighbours besides itself");
  metrics::PrecisionRecall result =
      metrics::precision_recall(c.features("precision-recall", *c.real), c.features("precision-recall", c.fake), k);
  JsonValue json = JsonValue::object();
  json.set("precision", result.precision);
  json.set("recall", result.recall);
  json.set("k", k);
  json.set("on", c.features_source(c.fake));
  return json;
}

// IS, modes and diversity judge one set: the fakes; the reals, when given, as the reference.
template <typename OneSet>
JsonValue fake_and_real(Context& c, OneSet one_set) {
  JsonValue json = one_set(c.fake);
  if (c.real != nullptr) json.set("real", one_set(*c.real));
  return json;
}

JsonValue inception_score(Context& c) {
  return fake_and_real(c, [&](const MetricInput& input) {
    const int splits = std::min(c.settings.splits, input.count());
    metrics::MeanStd result = metrics::inception_score(c.probabilities("is", input), splits);
    JsonValue json = JsonValue::object();
    json.set("mean", result.mean);
    json.set("std", result.std);
    json.set("splits", splits);
    json.set("on", c.features_source(input));
    return json;
  });
}

JsonValue modes(Context& c) {
  return fake_and_real(c, [&](const MetricInput& input) {
    metrics::ModeCoverage result = metrics::mode_coverage(c.probabilities("modes", input), c.settings.mode_threshold);
    JsonValue json = JsonValue::object();
    json.set("covered", result.covered_modes);
    json.set("classes", static_cast<int>(result.histogram.size()));
    json.set("kl_to_uniform", result.kl_to_uniform);
    json.set("threshold", c.settings.mode_threshold);
    JsonValue histogram = JsonValue::array();
    for (int count : result.histogram) histogram.push_back(count);
    json.set("histogram", histogram);
    json.set("on", c.features_source(input));
    return json;
  });
}

void require_window(const char* metric, const MetricInput& input, int window) {
  Context::require_images(metric, input, "images");
  if (input.values.size(2) < window || input.values.size(3) < window) {
    throw NotApplicable(std::string(metric) + " needs images of at least " + std::to_string(window) + " x " +
                        std::to_string(window) + " (its window); " + input.path + " holds " +
                        input.values.shape.str());
  }
}

JsonValue ssim(Context& c) {
  const metrics::SsimSettings& settings = c.settings.diversity.ssim;
  require_window("ssim", *c.real, settings.window);
  require_window("ssim", c.fake, settings.window);
  if (c.real->count() != c.fake.count()) {
    throw NotApplicable("ssim compares image n of " + c.real->path + " with image n of " + c.fake.path +
                        ", so both need the same N; they hold " + std::to_string(c.real->count()) + " and " +
                        std::to_string(c.fake.count()));
  }
  std::vector<double> values = metrics::ssim(c.real->values, c.fake.values, settings);
  double sum = 0.0, low = values[0], high = values[0];
  for (double value : values) {
    sum += value;
    low = std::min(low, value);
    high = std::max(high, value);
  }
  JsonValue json = JsonValue::object();
  json.set("mean", sum / values.size());
  json.set("min", low);
  json.set("max", high);
  json.set("pairs", static_cast<int>(values.size()));
  json.set("window", settings.window);
  json.set("sigma", settings.sigma);
  json.set("dynamic_range", settings.dynamic_range);
  return json;
}

JsonValue diversity(Context& c) {
  return fake_and_real(c, [&](const MetricInput& input) {
    require_window("diversity", input, c.settings.diversity.ssim.window);
    require_count("diversity", input, 2, "a pair of images");
    Rng rng(c.settings.seed);
    metrics::Diversity result = metrics::ssim_diversity(input.values, rng, c.settings.diversity);
    JsonValue json = JsonValue::object();
    // Mean SSIM <= 0 makes the diversity infinite, which JSON cannot hold: null then.
    json.set("value", std::isfinite(result.diversity) ? JsonValue(result.diversity) : JsonValue());
    json.set("mean_ssim", result.mean_ssim);
    json.set("pairs", result.pairs);
    return json;
  });
}

struct Metric {
  const char* name;
  bool needs_real;
  JsonValue (*compute)(Context&);
  const char* help;
};

const Metric kMetrics[] = {
    {"fid", true, fid, "Frechet distance of Gaussians fitted to classifier features (or features)"},
    {"kid", true, kid, "kernel inception distance, cubic-kernel MMD^2 over subsets, mean and std"},
    {"precision-recall", true, precision_recall, "k-NN precision and recall (Kynkaanniemi et al. 2019)"},
    {"is", false, inception_score, "Inception Score analogue of --fake on the classifier's softmax"},
    {"modes", false, modes, "classes of --fake holding >= --mode-threshold of it, KL to uniform"},
    {"ssim", true, ssim, "SSIM of image n of --real with image n of --fake, mean over n"},
    {"diversity", false, diversity, "1 / mean pairwise SSIM of --fake"},
    {"mmd", true, mmd, "unbiased Gaussian-kernel MMD^2 on the values as given"},
    {"wasserstein", true, wasserstein, "exact W1: 1-D for scores (any N), optimal assignment for equal N <= 2000"},
    {"sliced-wasserstein", true, sliced_wasserstein, "mean W1 over random 1-D projections"},
    {"dist-diff", true, dist_diff, "KL between mixtures fitted in the real data's PCA space"},
    {"auc", true, auc, "ROC area of real vs fake scores (N) or (N, 1), higher = more real"},
};

std::string metric_names() {
  std::string names;
  for (const Metric& metric : kMetrics) names += std::string(names.empty() ? "" : ", ") + metric.name;
  return names + ", all";
}

void print_metric_list() {
  std::printf("\nNAME is one of:\n");
  for (const Metric& metric : kMetrics) std::printf("  %-19s %s\n", metric.name, metric.help);
  std::printf("  %-19s every metric that applies to the files; the others are listed under \"skipped\"\n", "all");
  std::printf(
      "\nFiles: .npy (float32 or uint8) or IDX images. Rank 1 (N) or a column (N, 1): scores;\n"
      "rank 2 (N, D), D >= 2: features; rank 3 (N, H, W) or 4 (N, C, H, W), and IDX: images.\n"
      "fid, kid, precision-recall, is and modes see images through the classifier; ssim and\n"
      "diversity see the pixels; mmd, wasserstein, sliced-wasserstein and dist-diff the flattened\n"
      "pixels. Features are used as given. Scores go to auc and to the exact 1-D wasserstein, which\n"
      "takes any N on each side.\n");
}

}  // namespace

int metric_command(const Arguments& arguments) {
  CommandLine args("gan metric", "Compute a metric between real and generated samples; print one JSON object.",
                   arguments);
  std::vector<std::string> names = args.positionals("NAME");
  std::string real_path = args.option("--real", "", "real samples: .npy or IDX file");
  std::string fake_path = args.option("--fake", "", "generated samples: .npy or IDX file");
  std::string range = args.option_choice(
      "--range", "auto", {"auto", "uint8", "0to1", "minus1to1"},
      "scale of image values; auto: uint8 files (and IDX) 0..255, float32 files -1..1");
  Settings s;
  s.classifier_path = args.option("--classifier", GAN_SOURCE_DIR "/data/classifier/mnist_lenet.ckpt",
                                  "classifier weights for image inputs (gan classifier train)");
  s.batch = static_cast<int>(args.option_int("--batch", s.batch, "images per classifier forward pass", 1, 1 << 20));
  s.seed = static_cast<uint64_t>(args.option_int("--seed", 0, "seed of every metric's Rng", 0));
  s.k = static_cast<int>(args.option_int("--k", s.k, "precision-recall: neighbours", 1, 1 << 20));
  s.kid.subsets = static_cast<int>(args.option_int("--kid-subsets", s.kid.subsets, "kid: subsets", 1, 1 << 20));
  s.kid.subset_size =
      static_cast<int>(args.option_int("--kid-subset-size", s.kid.subset_size, "kid: points per subset", 2, 1 << 30));
  s.splits = static_cast<int>(args.option_int("--splits", s.splits, "is: splits", 1, 1 << 20));
  s.mode_threshold = args.option_double("--mode-threshold", s.mode_threshold, "modes: share that covers a class",
                                        1e-9, 1);
  s.diversity.pairs = static_cast<int>(args.option_int("--pairs", s.diversity.pairs, "diversity: SSIM pairs", 1, 1 << 30));
  s.mmd.bandwidth = args.option_double("--bandwidth", s.mmd.bandwidth, "mmd: Gaussian sigma (0: median heuristic)", 0);
  s.mmd.median_samples = static_cast<int>(
      args.option_int("--median-samples", s.mmd.median_samples, "mmd: points of the median heuristic", 2, 1 << 20));
  s.sliced.projections = static_cast<int>(
      args.option_int("--projections", s.sliced.projections, "sliced-wasserstein: directions", 1, 1 << 20));
  s.dist_diff.dimensions = static_cast<int>(
      args.option_int("--dd-dimensions", s.dist_diff.dimensions, "dist-diff: PCA dimensions", 1, 1 << 20));
  s.dist_diff.gmm.components = static_cast<int>(
      args.option_int("--dd-components", s.dist_diff.gmm.components, "dist-diff: mixture components", 1, 1000));
  s.dist_diff.monte_carlo_samples = static_cast<int>(args.option_int(
      "--dd-samples", s.dist_diff.monte_carlo_samples, "dist-diff: Monte Carlo samples", 1, 1 << 30));
  int threads = args.option_threads();
  if (args.help_requested()) {
    args.print_help();
    print_metric_list();
    return 0;
  }
  args.finish();
  if (names.size() != 1) {
    throw UsageError("gan metric: expected one metric NAME (" + metric_names() + "), got " +
                     std::to_string(names.size()) + " (see gan metric --help)");
  }
  const std::string& name = names[0];
  const Metric* chosen = nullptr;
  for (const Metric& metric : kMetrics) {
    if (name == metric.name) chosen = &metric;
  }
  if (chosen == nullptr && name != "all") {
    throw UsageError("gan metric: unknown metric '" + name + "'; valid names: " + metric_names());
  }
  if (fake_path.empty()) throw UsageError("gan metric: --fake is required (see gan metric --help)");
  if (real_path.empty() && (chosen == nullptr ? false : chosen->needs_real)) {
    throw UsageError("gan metric " + name + ": --real is required; only is, modes and diversity judge --fake alone");
  }
  if (threads > 0) kernels::set_num_threads(threads);

  MetricInput fake = read_metric_input(fake_path, range);
  MetricInput real;
  if (!real_path.empty()) {
    real = read_metric_input(real_path, range);
    Shape real_sample = real.values.shape, fake_sample = fake.values.shape;
    real_sample.sizes[0] = fake_sample.sizes[0] = 0;
    if (real.kind != fake.kind || real_sample != fake_sample) {
      throw std::runtime_error("--real " + real_path + " holds " + kind_name(real.kind) + " " +
                               real.values.shape.str() + " and --fake " + fake_path + " holds " +
                               kind_name(fake.kind) + " " + fake.values.shape.str() +
                               ": both must hold the same kind of sample, of the same size");
    }
  }
  Context context(real_path.empty() ? nullptr : &real, fake, s);

  JsonValue json = JsonValue::object();
  json.set("metric", name);
  if (!real_path.empty()) json.set("real", real.describe());
  json.set("fake", fake.describe());
  json.set("seed", std::to_string(s.seed));
  if (chosen != nullptr) {
    JsonValue result = chosen->compute(context);
    for (const JsonMember& member : result.members()) json.set(member.key, member.value);
  } else {
    JsonValue results = JsonValue::object(), skipped = JsonValue::object();
    using Clock = std::chrono::steady_clock;
    Clock::time_point all_start = Clock::now();
    for (const Metric& metric : kMetrics) {
      if (metric.needs_real && real_path.empty()) {
        skipped.set(metric.name, "needs --real");
        continue;
      }
      Clock::time_point start = Clock::now();
      try {
        JsonValue result = metric.compute(context);
        result.set("seconds", std::chrono::duration<double>(Clock::now() - start).count());
        results.set(metric.name, result);
      } catch (const NotApplicable& error) {
        skipped.set(metric.name, error.what());
      }
    }
    json.set("results", results);
    json.set("skipped", skipped);
    json.set("seconds", std::chrono::duration<double>(Clock::now() - all_start).count());
  }
  if (context.classifier_used) json.set("classifier", s.classifier_path);
  std::printf("%s\n", to_json(json, 2).c_str());
  return 0;
}

}  // namespace gan::cli
