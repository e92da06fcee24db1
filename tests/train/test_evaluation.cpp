#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "gan/train/classifier_training.h"
#include "gan/train/evaluation.h"

TEST_CASE("kid_settings_for computes one subset only when every subset would be both whole sets", "[train][metrics]") {
  gan::metrics::KidSettings settings;  // 100 subsets of 1000
  gan::metrics::KidSettings both_small = gan::kid_settings_for(settings, 500, 500);
  CHECK(both_small.subsets == 1);
  CHECK(both_small.subset_size == 500);
  gan::metrics::KidSettings real_larger = gan::kid_settings_for(settings, 800, 500);  // subsets of the reals differ
  CHECK(real_larger.subsets == 100);
  CHECK(real_larger.subset_size == 500);
  gan::metrics::KidSettings large = gan::kid_settings_for(settings, 10000, 10000);
  CHECK(large.subsets == 100);
  CHECK(large.subset_size == 1000);
}

// In evaluation mode batch norm uses its running statistics, so a sample does not depend on the
// rest of its batch; only the GEMMs' summation order, which follows the batch size, may move the
// last bits.
TEST_CASE("generate_images gives each sample the same image in any batch size (evaluation mode)", "[train][metrics]") {
  gan::Rng rng(3);
  gan::GanModels models = gan::make_gan(gan::ModelSettings{}, rng);
  gan::Tensor z({9, 100});
  rng.fill_normal(z, 0.0f, 1.0f);
  gan::Tensor whole = gan::generate_images(*models.generator, z, {}, 9);
  gan::Tensor in_fours = gan::generate_images(*models.generator, z, {}, 4);
  REQUIRE(whole.shape == gan::Shape({9, 1, 28, 28}));
  float largest_difference = 0.0f;
  for (size_t i = 0; i < whole.data.size(); ++i) {
    largest_difference = std::max(largest_difference, std::abs(whole.data[i] - in_fours.data[i]));
  }
  CHECK(largest_difference < 1e-5f);
  CHECK_THROWS_WITH(gan::generate_images(*models.generator, z, {}, 0),
                    "generate_images: batch must be >= 1, got 0");
}

TEST_CASE("evaluate_generated: the real digits against themselves, and without a classifier", "[train][metrics]") {
  gan::TrainedClassifier classifier = gan::load_classifier(gan::default_classifier_path("mnist", GAN_SOURCE_DIR "/data"));
  gan::Dataset digits = gan::load_dataset("mnist-test", GAN_SOURCE_DIR "/data");
  gan::Tensor images = gan::Tensor::from({100, 1, 28, 28}, std::vector<float>(digits.images.data.begin(),
                                                                             digits.images.data.begin() + 100 * 784));
  gan::Tensor features = gan::classifier_features(*classifier.classifier, images, 64);
  gan::Rng rng(1);
  gan::EvaluationSettings settings;
  gan::Evaluation same = gan::evaluate_generated(classifier.classifier.get(), features, images, rng, settings);
  CHECK(std::abs(same.fid) < 1e-3);
  CHECK(same.precision_recall.precision == 1.0);
  CHECK(same.precision_recall.recall == 1.0);
  CHECK(same.modes.covered_modes == 10);  // the first 100 test digits hold every class at least once
  CHECK(same.kid_used.subsets == 1);
  CHECK(same.diversity.pairs == 2000);

  gan::Evaluation blind = gan::evaluate_generated(nullptr, gan::Tensor(), images, rng, settings);
  CHECK(std::isnan(blind.fid));
  CHECK(std::isnan(blind.precision_recall.recall));
  CHECK(blind.modes.histogram.empty());
  CHECK(blind.diversity.diversity > 1.0);
  gan::JsonValue json = gan::evaluation_to_json(blind, settings);
  CHECK(json.find("fid") == nullptr);
  CHECK(json.at("diversity").at("pairs").as_number() == 2000);
}

TEST_CASE("default_classifier_path names the shipped classifier for MNIST only", "[train][metrics]") {
  CHECK(gan::default_classifier_path("mnist", "d") == "d/classifier/mnist_lenet.ckpt");
  CHECK(gan::default_classifier_path("mnist-test", "d") == "d/classifier/mnist_lenet.ckpt");
  CHECK(gan::default_classifier_path("fashion", "d").empty());
}
