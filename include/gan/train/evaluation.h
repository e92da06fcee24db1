// Scoring a generator from the outside: draw samples from G, then compare them with real images
// through the metrics of docs/metrics.md. Shared by `gan eval` (one checkpoint, many samples) and
// the trainer's per-epoch columns (a fixed z every few epochs).
//
// What each number is computed on:
//   FID, KID, precision / recall   the classifier's 128 penultimate features of real and fake
//   Inception Score, mode coverage the classifier's softmax of the fakes
//   SSIM diversity                 the fake images themselves, in [-1, 1]
//   Dist-Diff                      the classifier's 128 features of real and fake (GANViz's metric)
// The classifier (train/classifier_training.h) stands in for Inception-v3: without one for the
// data set, only the diversity is computed and the classifier metrics are NaN.
//
//   Tensor fake = generate_images(*G, z, labels, 256);                   // (N, C, H, W)
//   Tensor real_features = classifier_features(classifier, real, 256);  // (N_r, 128)
//   Evaluation e = evaluate_generated(&classifier, real_features, fake, rng, EvaluationSettings{});
#pragma once

#include <string>
#include <vector>

#include "gan/io/json.h"
#include "gan/metrics/dist_diff.h"
#include "gan/metrics/mmd.h"
#include "gan/metrics/mode_coverage.h"
#include "gan/metrics/precision_recall.h"
#include "gan/metrics/ssim.h"
#include "gan/metrics/summary.h"
#include "gan/models/classifier.h"
#include "gan/models/gan_models.h"
#include "gan/tensor/rng.h"

namespace gan {

// Defaults are the metrics' own (each header gives its source).
struct EvaluationSettings {
  int k = 3;                             // precision / recall neighbours (Kynkaanniemi et al. 2019)
  metrics::KidSettings kid;              // 100 subsets of 1000 (Binkowski et al. 2018)
  int inception_splits = 10;             // Salimans et al. 2016
  double mode_threshold = 0.01;          // a class counts as covered from 1% of the samples
  metrics::DiversitySettings diversity;  // 2000 SSIM pairs
  metrics::DistDiffSettings dist_diff;   // 10 PCA dimensions, 5 mixture components
  int batch = 64;                        // images per forward pass of G and of the classifier: a
                                         // pass's buffers grow with it (docs/performance.md, Memory)
};

// NaN marks a metric that was not computed (no classifier).
struct Evaluation {
  int real_count = 0, fake_count = 0;
  double fid = 0.0;
  metrics::MeanStd kid;
  metrics::KidSettings kid_used;  // after kid_settings_for
  metrics::MeanStd inception_score;
  metrics::PrecisionRecall precision_recall;
  metrics::ModeCoverage modes;  // empty histogram without a classifier
  metrics::Diversity diversity;
  metrics::DistDiff dist_diff;  // NaN without a classifier, or with fewer than 10 samples per
                                // mixture component and dimension (dist_diff.h)
};

// KID's subsets when both sets fit in one subset: every subset would be the whole of both sets,
// the same estimate again, so one is computed. Otherwise the settings unchanged.
metrics::KidSettings kid_settings_for(const metrics::KidSettings& settings, int real_count, int fake_count);

// G's images for the rows of z (N, Z), in evaluation mode (batch norm on its running statistics,
// so a sample does not depend on its batch) and without a graph, `batch` rows at a time; G is
// left in training mode. labels: empty, or N classes for a conditional G. -> (N, C, H, W)
Tensor generate_images(Generator& generator, const Tensor& z, const std::vector<int>& labels, int batch);

// classifier: null to skip the classifier metrics. real_features: (N_r, 128) from
// classifier_features of the real images (ignored without a classifier); fake_images:
// (N_f, C, H, W) in [-1, 1], N_f >= 2, and N_r, N_f > settings.k with a classifier.
// The rng draws KID's subsets and the SSIM pairs.
Evaluation evaluate_generated(Classifier* classifier, const Tensor& real_features, const Tensor& fake_images,
                              Rng& rng, const EvaluationSettings& settings);

// {"real_count", "fake_count", "fid", "kid": {"mean", "std", "subsets", "subset_size"},
//  "inception_score": {"mean", "std", "splits"}, "precision", "recall", "k",
//  "modes": {"covered", "threshold", "kl_to_uniform", "histogram"}, "diversity": {"value",
//  "mean_ssim", "pairs"}, "dist_diff": {"kl", "standard_error"}}; the classifier metrics are
//  absent when they were not computed.
JsonValue evaluation_to_json(const Evaluation& evaluation, const EvaluationSettings& settings);

// The shipped classifier for a data set spec: <data_dir>/classifier/mnist_lenet.ckpt for mnist,
// mnist-test, mnist-full and mnist-full-test, "" for any other (none is shipped; pass a `gan classifier train` file instead).
std::string default_classifier_path(const std::string& data, const std::string& data_dir);

// Throws std::runtime_error, naming the classifier (e.g. its path) and the images, when the
// classifier cannot read them: their C, H, W must equal its channels and image_size.
void require_classifier_input(const std::string& classifier_name, int channels, int image_size,
                              const std::string& images_name, const Tensor& images);

}  // namespace gan
