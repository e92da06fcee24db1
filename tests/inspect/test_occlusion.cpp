#include <catch2/catch.hpp>

#include <cmath>

#include "gan/inspect/occlusion.h"
#include "test_inspect_fixtures.h"

using namespace gan;
using namespace gan::inspect;

TEST_CASE("occluding with a patch equal to the image region changes nothing", "[inspect]") {
  GanModels models = untrained_dcgan();
  TrainedClassifier classifier = shipped_classifier();
  Tensor image({1, 1, 28, 28}, 0.3f);  // every region of it equals a patch of 0.3
  OcclusionSettings settings;
  settings.fill = 0.3f;
  OcclusionMap map = occlude(*models.discriminator, classifier.classifier.get(), image, 0, -1, 3, settings);
  CHECK(map.rows == 12);
  CHECK(map.cols == 12);
  for (size_t p = 0; p < map.d_logit.size(); ++p) {
    CHECK(map.d_logit[p] == 0.0);
    CHECK(map.d_prob[p] == 0.0);
  }
}

TEST_CASE("occluding the blank border of a digit changes the classifier's probability by about 0", "[inspect]") {
  GanModels models = untrained_dcgan();
  TrainedClassifier classifier = shipped_classifier();
  Dataset digits = test_digits();
  OcclusionSettings settings;
  settings.patch = 4;
  settings.stride = 4;
  settings.fill = 0.0f;  // a grey square, as Zeiler & Fergus: it adds something where the image is blank
  const int label = digits.labels[0];  // a 7
  OcclusionMap map = occlude(*models.discriminator, classifier.classifier.get(), digits.images, 0, -1, label, settings);
  CHECK(map.probability > 0.99);
  // the four corner positions cover only background
  const int corners[] = {0, map.cols - 1, (map.rows - 1) * map.cols, map.rows * map.cols - 1};
  for (int p : corners) CHECK(std::fabs(map.d_prob[p]) < 1e-3);
  // while erasing (fill -1) a 6 x 6 square of the strokes matters somewhere
  settings = OcclusionSettings{};
  OcclusionMap erased = occlude(*models.discriminator, classifier.classifier.get(), digits.images, 0, -1, label, settings);
  double drop = 0.0;
  for (double change : erased.d_prob) drop = std::min(drop, change);
  CHECK(drop < -0.005);  // measured -0.0103: the classifier is sure of this 7, and no one square erases it
}
