// Vector arithmetic on z, made measurable (Radford et al. 2015, Sec. 6.3: "smiling woman - neutral
// woman + neutral man" gives a smiling man, with each term the mean z of three samples). Here the
// groups come from measurements instead of a person's eye: the classifier's class, and stroke
// thickness as the ink count (pixels brighter than mid-grey). Among the samples of class a that the
// classifier is confident about, "thick a" is the top `share` by ink, "thin a" the bottom `share`:
//   z_result = mean z(thick a) - mean z(thin a) + mean z(thin b)
// should draw a thick b: more ink than G(mean z(thin b)), still of class b.
//
//   ArithmeticGroups groups = arithmetic_groups(classes, confidences, inks, 7, 1, settings);
//   std::vector<float> z = arithmetic_result(z_samples, groups);
#pragma once

#include <vector>

#include "gan/inspect/inspect_context.h"

namespace gan::inspect {

struct ArithmeticSettings {
  int from_class = 7;           // a: the class whose thick and thin samples give the direction
  int to_class = 1;             // b: the class it is applied to
  double share = 0.25;          // thick: the top quarter of a class by ink, thin: the bottom quarter
  double min_confidence = 0.9;  // only samples the classifier is this sure of join a group
  int samples = 2000;           // z's drawn to form the groups
};

// Pixels of image n of images (N, 1, H, W) above `threshold` (0: brighter than mid-grey).
int ink_count(const Tensor& images, int n, float threshold = 0.0f);

// The sample indices of each group, in ascending index order.
struct ArithmeticGroups {
  std::vector<int> thick_from, thin_from, thin_to, thick_to;
};
// classes, confidences, inks: one per sample. Members of a class are ranked by ink (ties by index).
ArithmeticGroups arithmetic_groups(const std::vector<int>& classes, const std::vector<double>& confidences,
                                   const std::vector<int>& inks, const ArithmeticSettings& settings);

// The mean of rows `members` of z (N, Z), summed in index order. requires: members non-empty.
std::vector<float> mean_z(const Tensor& z, const std::vector<int>& members);
// mean z(thick a) - mean z(thin a). requires: both groups non-empty.
std::vector<float> attribute_direction(const Tensor& z, const ArithmeticGroups& groups);

// gan inspect latent: lerp and slerp grids between seeds (latent_walk.h), a row per class at fixed
// z for a conditional G, and the arithmetic above (unconditional G: classes as the classifier
// predicts them; conditional: a's and b's samples drawn with their labels).
ToolReport run_latent_tool(InspectContext& context, const ArithmeticSettings& settings, int steps);

}  // namespace gan::inspect
