// GAN Dissection (Bau et al. 2019, Sec. 3.1): which units of a generator layer draw which concept.
//
// Concepts. The concept c of a generated image is the ink of digit c: its pixels above
// `ink_threshold`, in images that the classifier assigns to class c with probability at least
// `min_confidence`; in every other image concept c is absent (an empty mask). The classifier is
// the segmenter: on MNIST, "where digit c is" is exactly its ink. One more concept, number K, is
// the ink of every image whatever its class: "stroke", well defined everywhere.
//
// Units. Unit u's feature map r_u (h x w) is upsampled bilinearly to the image's H x W and
// thresholded: M_u = [r_u^up >= t_{u,c}]. Over N samples (sums over every pixel of every image):
//   IoU_{u,c} = sum |M_u AND C_c| / sum |M_u OR C_c|                         (paper, Eq. 2)
// The threshold is the paper's choice (Sec. 3.1): the t that maximises the information quality
// ratio of the two binary pixel variables,
//   IQR(M; C) = I(M; C) / H(M, C),
// searched over candidate thresholds at the unit's top quantiles (kCandidateShares: the 0.5% of
// its pixels that are most active, 1%, 2%, ...). Mutual information and entropy use gan's own log.
//
//   Dissection d = dissect(maps, images, probabilities, DissectionSettings{});
//   d.ranking[7][0]   // the unit whose map best matches the ink of 7s
#pragma once

#include <cstdint>
#include <vector>

#include "gan/inspect/inspect_context.h"

namespace gan::inspect {

struct DissectionSettings {
  double min_confidence = 0.9;  // the classifier must be this sure of the digit's class
  float ink_threshold = 0.0f;   // brighter than mid-grey
  int samples = 500;            // N generated images
};

// The fractions of a unit's most active pixels at which a threshold is tried.
constexpr double kCandidateShares[] = {0.005, 0.01, 0.02, 0.03, 0.05, 0.07, 0.1, 0.15, 0.2, 0.3, 0.4};

struct UnitConcept {
  int unit = 0;
  double iou = 0;
  double threshold = 0;  // t_{u,c}
  double iqr = 0;        // IQR at that threshold
};

struct Dissection {
  int units = 0, concepts = 0;
  std::vector<std::vector<UnitConcept>> scores;   // [concept][unit]
  std::vector<std::vector<UnitConcept>> ranking;  // [concept]: the units by IoU, best first
  std::vector<int> concept_images;                // how many images hold each concept
};

// The concept each image holds, from the classifier's probabilities (N, K): its most probable
// class when that probability is >= min_confidence, else -1 (none).
std::vector<int> concept_classes(const Tensor& probabilities, double min_confidence);

// maps (N, U, h, w) -> (N, U, H, W) by bilinear interpolation (half-pixel centres, edges clamped).
Tensor upsample_bilinear(const Tensor& maps, int H, int W);

// IoU of two masks of the same size: |a AND b| / |a OR b|; 0 when both are empty.
double mask_iou(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b);

// maps (N, U, H, W) already at image size, images (N, 1, H, W), classes: N values from
// concept_classes; K digit concepts, and concept K, any ink.
Dissection dissect(const Tensor& maps, const Tensor& images, const std::vector<int>& classes, int K,
                   float ink_threshold);

// gan inspect dissect: G's layer `layer` on settings.samples images; writes dissection.png (for each
// concept, its best unit's thresholded map over samples of that class) and the ranking.
ToolReport run_dissection_tool(InspectContext& context, const LayerInfo& layer, const DissectionSettings& settings,
                               int top);

}  // namespace gan::inspect
