#include <catch2/catch.hpp>

#include "gan/inspect/dissection.h"

using namespace gan;
using namespace gan::inspect;

TEST_CASE("IoU is 1 for a unit whose map equals the mask and 0 for a disjoint one", "[inspect]") {
  CHECK(mask_iou({1, 1, 0, 0}, {1, 1, 0, 0}) == 1.0);
  CHECK(mask_iou({1, 1, 0, 0}, {0, 0, 1, 1}) == 0.0);
  CHECK(mask_iou({1, 1, 1, 0}, {0, 1, 1, 1}) == Approx(0.5));

  // Two 8 x 8 images of class 0, ink in the left half. Unit 0's map is the ink, unit 1's the
  // right half, unit 2's noise-free ramp across the whole image.
  const int N = 2, H = 8, W = 8;
  Tensor images({N, 1, H, W}, -1.0f), maps({N, 3, H, W});
  for (int n = 0; n < N; ++n) {
    for (int h = 0; h < H; ++h) {
      for (int w = 0; w < W; ++w) {
        images.at(n, 0, h, w) = w < 4 ? 1.0f : -1.0f;
        maps.at(n, 0, h, w) = w < 4 ? 1.0f : 0.0f;
        maps.at(n, 1, h, w) = w < 4 ? 0.0f : 1.0f;
        maps.at(n, 2, h, w) = static_cast<float>(h * W + w);
      }
    }
  }
  Dissection d = dissect(maps, images, {0, 0}, 2, 0.0f);
  CHECK(d.concepts == 3);
  CHECK(d.scores[0][0].iou == 1.0);
  CHECK(d.scores[0][1].iou == 0.0);
  CHECK(d.ranking[0][0].unit == 0);
  CHECK(d.scores[1][0].iou == 0.0);  // no image is of class 1: the concept is absent
  CHECK(d.scores[2][0].iou == 1.0);  // "any ink" is the same mask here
  CHECK(d.concept_images[0] == 2);
}

TEST_CASE("concept_classes keeps only confident images, and upsampling keeps a constant map", "[inspect]") {
  Tensor probabilities = Tensor::from({2, 2}, {0.95f, 0.05f, 0.6f, 0.4f});
  CHECK(concept_classes(probabilities, 0.9) == std::vector<int>{0, -1});
  Tensor up = upsample_bilinear(Tensor({1, 1, 7, 7}, 2.5f), 28, 28);
  CHECK(up.shape == Shape{1, 1, 28, 28});
  for (float value : up.data) CHECK(value == 2.5f);
}
