// What a unit responds to (Zeiler & Fergus 2014, Sec. 4; Erhan et al. 2009): the inputs that
// activate it most, found in two ways.
//   Over data: the top-k real and top-k generated images by the unit's activation.
//   Synthesised: activation maximisation, gradient ascent on the image x from small noise,
//     x <- clip(x + lr * g / rms(g), -1, 1),   g = dJ/dx,   J(x) = a_u(x) - (l2 |x|^2 + tv TV(x)) / (C H W)
//   with TV(x) = sum_{h,w} (x_{h,w+1} - x_{h,w})^2 + (x_{h+1,w} - x_{h,w})^2, the smoothness
//   penalty that keeps the picture from turning into high-frequency noise (Mahendran & Vedaldi 2015).
// A unit's activation a_u is the mean of its feature map (network_layers.h), here of a D layer.
//
//   std::vector<float> activation;
//   Tensor x = maximise_activation(D, layer.index, units, labels, rng, settings, activation);
#pragma once

#include <vector>

#include "gan/inspect/inspect_context.h"

namespace gan::inspect {

struct MaximisationSettings {
  int steps = 100;
  float lr = 0.05f;     // root-mean-square step per pixel, on pixels in [-1, 1]
  float l2 = 0.1f;      // weight of |x|^2
  float tv = 0.5f;      // weight of TV(x); at 5 the penalties win and the image stays flat
  float start = 0.1f;   // x starts as N(0, start^2) noise
};

// Image u of the result maximises units[u] of D's layer `index`: (U, C, H, W) in [-1, 1].
// labels: U labels for a conditional D, else empty. `activation` receives a_u of each final image.
Tensor maximise_activation(Discriminator& discriminator, int index, const std::vector<int>& units,
                           const std::vector<int>& labels, int channels, int image_size, Rng& rng,
                           const MaximisationSettings& settings, std::vector<float>& activation);

// The indices of the k largest of column `unit` of activations (N, U), largest first (ties: lower index).
std::vector<int> top_k(const Tensor& activations, int unit, int k);

// gan inspect maxact: writes maxact.png, a row per unit: top-k real | top-k generated | synthesised.
ToolReport run_max_activation_tool(InspectContext& context, const LayerInfo& layer, const std::vector<int>& units,
                                   int k, int samples, const MaximisationSettings& settings);

}  // namespace gan::inspect
