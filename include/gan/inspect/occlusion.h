// Occlusion sensitivity (Zeiler & Fergus 2014, Sec. 4.2): cover part of an image with a patch and
// see what the networks make of it. For each position (i, j) of a patch x patch square whose
// top-left corner is (i * stride, j * stride), the pixels under it are set to `fill`, and
//   d_logit(i, j) = D(x occluded) - D(x)          change of D's logit
//   d_prob(i, j)  = p(y | x occluded) - p(y | x)  change of the classifier's probability of class y
// A large negative change marks a region the network relies on. The heat map of a pixel is the
// mean change over the positions whose patch covers it.
//
//   OcclusionMap map = occlude(D, &classifier, images, 0, {}, 7, OcclusionSettings{});
#pragma once

#include <vector>

#include "gan/inspect/inspect_context.h"

namespace gan::inspect {

struct OcclusionSettings {
  int patch = 6;      // about a stroke's width and a fifth of a 28 x 28 digit
  int stride = 2;
  float fill = -1.0f;  // the background of MNIST: the patch erases what it covers (Zeiler & Fergus's grey is 0)
  int batch = 64;
};

struct OcclusionMap {
  int rows = 0, cols = 0;               // patch positions down and across
  int target_class = 0;                 // y
  double logit = 0, probability = 0;    // D(x) and p(y | x), unoccluded
  std::vector<double> d_logit, d_prob;  // rows * cols, position (i, j) at i * cols + j
  std::vector<float> heat_logit, heat_prob;  // H * W, the mean change over the patches covering each pixel
};

// Occludes image n of images (N, C, H, W). label: D's class for a conditional D, else -1. With
// classifier null, d_prob stays 0. requires: 1 <= patch <= H, W and stride >= 1; throws
// std::invalid_argument otherwise.
OcclusionMap occlude(Discriminator& discriminator, Classifier* classifier, const Tensor& images, int n, int label,
                     int target_class, const OcclusionSettings& settings);

// gan inspect occlusion: real images by index into the data set (their label is y), or, with
// fake > 0, that many generated ones (y: the class the classifier predicts, or G's label). Writes
// occlusion.png, a row per image: the image, D's heat map, the classifier's heat map.
ToolReport run_occlusion_tool(InspectContext& context, const OcclusionSettings& settings,
                              const std::vector<int>& real_indices, int fake);

}  // namespace gan::inspect
