#include "gan/train/evaluation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "gan/metrics/fid.h"
#include "gan/metrics/inception_score.h"
#include "gan/train/classifier_training.h"

namespace gan {

metrics::KidSettings kid_settings_for(const metrics::KidSettings& settings, int real_count, int fake_count) {
  metrics::KidSettings used = settings;
  used.subset_size = std::min({settings.subset_size, real_count, fake_count});
  if (used.subset_size == real_count && used.subset_size == fake_count) used.subsets = 1;
  return used;
}

Tensor generate_images(Generator& generator, const Tensor& z, const std::vector<int>& labels, int batch) {
  if (z.rank() != 2 || z.size(0) < 1) {
    throw std::invalid_argument("generate_images: z must be (N, Z) with N >= 1, got " + z.shape.str());
  }
  if (batch < 1) throw std::invalid_argument("generate_images: batch must be >= 1, got " + std::to_string(batch));
  NoGradGuard no_grad;
  generator.set_training(false);
  const int N = z.size(0), Z = z.size(1);
  Tensor images;
  int64_t image_size = 0;
  for (int begin = 0; begin < N; begin += batch) {
    const int count = std::min(batch, N - begin);
    Tensor slice({count, Z});
    std::copy(z.data.begin() + static_cast<int64_t>(begin) * Z, z.data.begin() + static_cast<int64_t>(begin + count) * Z,
              slice.data.begin());
    std::vector<int> slice_labels;
    if (!labels.empty()) slice_labels.assign(labels.begin() + begin, labels.begin() + begin + count);
    Tensor out = generator.forward(Variable(slice), slice_labels).value();  // (count, C, H, W)
    if (begin == 0) {
      images = Tensor({N, out.size(1), out.size(2), out.size(3)});
      image_size = out.numel() / count;
    }
    std::copy(out.data.begin(), out.data.end(), images.data.begin() + begin * image_size);
  }
  generator.set_training(true);
  return images;
}

Evaluation evaluate_generated(Classifier* classifier, const Tensor& real_features, const Tensor& fake_images,
                              Rng& rng, const EvaluationSettings& settings) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Evaluation e;
  e.fake_count = fake_images.size(0);
  e.fid = nan;
  e.kid = {nan, nan};
  e.inception_score = {nan, nan};
  e.precision_recall = {nan, nan};
  e.modes.kl_to_uniform = nan;
  e.dist_diff = {nan, nan};
  Tensor fake_features;
  if (classifier != nullptr) {
    fake_features = classifier_features(*classifier, fake_images, settings.batch);
    Tensor probabilities = classifier_probabilities(*classifier, fake_images, settings.batch);
    e.real_count = real_features.size(0);
    e.fid = metrics::fid(real_features, fake_features);
    e.kid_used = kid_settings_for(settings.kid, e.real_count, e.fake_count);
    e.kid = metrics::kernel_inception_distance(real_features, fake_features, rng, e.kid_used);
    // IS needs a sample per split at least; fewer fakes than splits get one split per fake.
    e.inception_score = metrics::inception_score(probabilities, std::min(settings.inception_splits, e.fake_count));
    e.precision_recall = metrics::precision_recall(real_features, fake_features, settings.k);
    e.modes = metrics::mode_coverage(probabilities, settings.mode_threshold);
  }
  e.diversity = metrics::ssim_diversity(fake_images, rng, settings.diversity);
  // Last, so that its draws from rng leave the metrics above as they were before it was added.
  const int enough = 10 * settings.dist_diff.dimensions * settings.dist_diff.gmm.components;
  if (classifier != nullptr && e.real_count >= enough && e.fake_count >= enough) {
    e.dist_diff = metrics::dist_diff(real_features, fake_features, rng, settings.dist_diff);
  }
  return e;
}

JsonValue evaluation_to_json(const Evaluation& e, const EvaluationSettings& settings) {
  JsonValue json = JsonValue::object();
  json.set("real_count", e.real_count);
  json.set("fake_count", e.fake_count);
  if (!std::isnan(e.fid)) {
    json.set("fid", e.fid);
    JsonValue kid = JsonValue::object();
    kid.set("mean", e.kid.mean);
    kid.set("std", e.kid.std);
    kid.set("subsets", e.kid_used.subsets);
    kid.set("subset_size", e.kid_used.subset_size);
    json.set("kid", kid);
    JsonValue is = JsonValue::object();
    is.set("mean", e.inception_score.mean);
    is.set("std", e.inception_score.std);
    is.set("splits", std::min(settings.inception_splits, e.fake_count));
    json.set("inception_score", is);
    json.set("precision", e.precision_recall.precision);
    json.set("recall", e.precision_recall.recall);
    json.set("k", settings.k);
    JsonValue modes = JsonValue::object();
    modes.set("covered", e.modes.covered_modes);
    modes.set("threshold", settings.mode_threshold);
    modes.set("kl_to_uniform", e.modes.kl_to_uniform);
    JsonValue histogram = JsonValue::array();
    for (int count : e.modes.histogram) histogram.push_back(count);
    modes.set("histogram", histogram);
    json.set("modes", modes);
  }
  JsonValue diversity = JsonValue::object();
  // SSIM <= 0 on average makes the diversity infinite, which JSON cannot hold: null then.
  diversity.set("value", std::isfinite(e.diversity.diversity) ? JsonValue(e.diversity.diversity) : JsonValue());
  diversity.set("mean_ssim", e.diversity.mean_ssim);
  diversity.set("pairs", e.diversity.pairs);
  json.set("diversity", diversity);
  if (!std::isnan(e.dist_diff.kl)) {
    JsonValue dist_diff = JsonValue::object();
    dist_diff.set("kl", e.dist_diff.kl);
    dist_diff.set("standard_error", e.dist_diff.standard_error);
    json.set("dist_diff", dist_diff);
  }
  return json;
}

std::string default_classifier_path(const std::string& data, const std::string& data_dir) {
  for (const char* digits : {"mnist", "mnist-test", "mnist-full", "mnist-full-test"}) {
    if (data == digits) return data_dir + "/classifier/mnist_lenet.ckpt";
  }
  return "";
}

void require_classifier_input(const std::string& classifier_name, int channels, int image_size,
                              const std::string& images_name, const Tensor& images) {
  if (images.rank() != 4 || images.size(1) != channels || images.size(2) != image_size ||
      images.size(3) != image_size) {
    throw std::runtime_error(classifier_name + " reads images of " + std::to_string(channels) + " x " +
                             std::to_string(image_size) + " x " + std::to_string(image_size) + " (C x H x W), but " +
                             images_name + " holds " + images.shape.str());
  }
}

}  // namespace gan
