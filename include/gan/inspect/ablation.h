// Ablation and insertion of generator units (GAN Dissection, Bau et al. 2019, Sec. 3.2 and 4).
//   Ablation: set units U of layer L to 0 in G (zero_units), everything else unchanged, and
//     measure what the images lose: the classifier's class histogram, the mean probability of the
//     concept's class, D's mean logit, and FID, all on the same z's as the unablated G.
//   Insertion: set the units to a high value, their 99th-percentile activation over the samples,
//     inside a region of the feature map, and measure the rise of the class probability.
//   Artifact units (Sec. 4.2): ablate one unit at a time, rank the units by how much that raises
//     D's mean logit (D finds the images more real), then ablate the top k together.
#pragma once

#include <string>
#include <vector>

#include "gan/inspect/inspect_context.h"

namespace gan::inspect {

struct AblationSettings {
  int samples = 500;       // z's, the same for every measurement
  int concept_class = -1;  // the class whose probability is reported; -1: none
  bool fid = false;        // also FID against as many real images
  bool insert = false;     // insertion instead of ablation
  int region[4] = {0, 0, 0, 0};  // insertion: feature-map rows [r0, r1) and columns [c0, c1); all 0: the middle half
  bool artifacts = false;  // rank units by D's logit rise, ablate the top `top`
  int top = 4;
};

// What G's images are like, on the same z's.
struct ImageMeasures {
  std::vector<int> histogram;     // K classes, by the classifier's prediction
  double concept_probability = 0;  // mean p(concept_class | x); 0 without a concept
  double mean_logit = 0;           // mean of D's logits
  double fid = -1;                 // -1 when not computed
};

// images (N, C, H, W) -> the measures above. real_features: (N_r, 128), empty for no FID.
ImageMeasures measure_images(InspectContext& context, const Tensor& images, const std::vector<int>& labels,
                             int concept_class, const Tensor& real_features);

// The value of each unit that only 1% of its activations exceed (over every sample and position),
// computed on layer_output (N, U, h, w) or (N, U): U numbers.
std::vector<float> percentile99(const Tensor& layer_output);

// layer_output with `units` set to `values[unit]` inside the region (rows r0..r1-1, columns c0..c1-1).
Tensor insert_units(Tensor layer_output, const std::vector<int>& units, const std::vector<float>& values,
                    const int region[4]);

// gan inspect ablate: units (in order) ablated 1, 2, 4, ... at a time up to all; or insertion; or
// the artifact search. Writes ablation.png (rows: 0, 1, 2, 4, ... units ablated, same z's),
// ablation_effect.png (the chart), or insertion.png / artifacts.png.
ToolReport run_ablation_tool(InspectContext& context, const LayerInfo& layer, std::vector<int> units,
                             const AblationSettings& settings);

}  // namespace gan::inspect
