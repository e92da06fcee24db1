#include "gan/inspect/occlusion.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "gan/data/batches.h"
#include "gan/inspect/network_layers.h"
#include "gan/inspect/pictures.h"
#include "gan/train/classifier_training.h"
#include "gan/train/evaluation.h"

namespace gan::inspect {

OcclusionMap occlude(Discriminator& discriminator, Classifier* classifier, const Tensor& images, int n, int label,
                     int target_class, const OcclusionSettings& settings) {
  const int C = images.size(1), H = images.size(2), W = images.size(3);
  if (settings.patch < 1 || settings.patch > H || settings.patch > W) {
    throw std::invalid_argument("occlude: patch must be in [1, " + std::to_string(std::min(H, W)) + "], got " +
                                std::to_string(settings.patch));
  }
  if (settings.stride < 1) throw std::invalid_argument("occlude: stride must be >= 1, got " + std::to_string(settings.stride));
  OcclusionMap map;
  map.target_class = target_class;
  map.rows = (H - settings.patch) / settings.stride + 1;
  map.cols = (W - settings.patch) / settings.stride + 1;
  // Row 0 is the image itself, then one occluded copy per position, in row-major order. Each row's
  // numbers do not depend on the others' (evaluation mode), so one batch serves them all.
  const int positions = map.rows * map.cols;
  Tensor batch({1 + positions, C, H, W});
  const int64_t image_size = static_cast<int64_t>(C) * H * W;
  for (int row = 0; row <= positions; ++row) {
    std::copy(images.data.begin() + n * image_size, images.data.begin() + (n + 1) * image_size,
              batch.data.begin() + row * image_size);
  }
  for (int p = 0; p < positions; ++p) {
    const int top = (p / map.cols) * settings.stride, left = (p % map.cols) * settings.stride;
    for (int c = 0; c < C; ++c) {
      for (int h = top; h < top + settings.patch; ++h) {
        for (int w = left; w < left + settings.patch; ++w) batch.at(1 + p, c, h, w) = settings.fill;
      }
    }
  }
  std::vector<int> labels;
  if (label >= 0) labels.assign(1 + positions, label);
  std::vector<double> logits = discriminator_logits(discriminator, batch, labels, settings.batch);
  map.logit = logits[0];
  Tensor probabilities;
  if (classifier) {
    probabilities = classifier_probabilities(*classifier, batch, settings.batch);
    map.probability = probabilities.at(0, target_class);
  }
  map.heat_logit.assign(static_cast<size_t>(H) * W, 0.0f);
  map.heat_prob.assign(static_cast<size_t>(H) * W, 0.0f);
  std::vector<double> sum_logit(static_cast<size_t>(H) * W, 0.0), sum_prob(static_cast<size_t>(H) * W, 0.0);
  std::vector<int> covers(static_cast<size_t>(H) * W, 0);
  for (int p = 0; p < positions; ++p) {
    const double d_logit = logits[1 + p] - map.logit;
    const double d_prob = classifier ? probabilities.at(1 + p, target_class) - map.probability : 0.0;
    map.d_logit.push_back(d_logit);
    map.d_prob.push_back(d_prob);
    const int top = (p / map.cols) * settings.stride, left = (p % map.cols) * settings.stride;
    for (int h = top; h < top + settings.patch; ++h) {
      for (int w = left; w < left + settings.patch; ++w) {
        sum_logit[h * W + w] += d_logit;  // positions in row-major order: a fixed order of the sum
        sum_prob[h * W + w] += d_prob;
        covers[h * W + w] += 1;
      }
    }
  }
  for (int pixel = 0; pixel < H * W; ++pixel) {
    if (covers[pixel] == 0) continue;  // a strided patch may leave the last rows or columns uncovered
    map.heat_logit[pixel] = static_cast<float>(sum_logit[pixel] / covers[pixel]);
    map.heat_prob[pixel] = static_cast<float>(sum_prob[pixel] / covers[pixel]);
  }
  return map;
}

}  // namespace gan::inspect

namespace gan::inspect {

ToolReport run_occlusion_tool(InspectContext& context, const OcclusionSettings& settings,
                              const std::vector<int>& real_indices, int fake) {
  Classifier& classifier = require_classifier(context, "occlusion");
  Tensor images;
  std::vector<int> targets, d_labels;
  if (fake > 0) {
    std::vector<int> labels = draw_labels(context, fake);
    images = generate_images(context.generator(), draw_z(context, fake, context.seed), labels, context.batch);
    targets = labels.empty() ? classifier_predictions(classifier, images, context.batch) : labels;
    d_labels = labels;
  } else {
    images = gather_images(context.data.images, real_indices, 0, static_cast<int>(real_indices.size()));
    for (int index : real_indices) targets.push_back(context.data.labels[index]);
    if (context.conditional()) d_labels = targets;
  }
  const int N = images.size(0), H = images.size(2);
  const int scale = 6, caption = 14;
  toy::Canvas canvas(grid_width(3, H, scale), grid_height(N, H, scale, caption), kGap);
  JsonValue maps = JsonValue::array();
  double worst_prob = 0.0;
  for (int n = 0; n < N; ++n) {
    OcclusionMap map = occlude(context.discriminator(), &classifier, images, n, d_labels.empty() ? -1 : d_labels[n],
                               targets[n], settings);
    // each map scaled by its own largest change, so that every row shows its pattern
    double max_logit = 0.0, max_prob = 0.0;
    for (float value : map.heat_logit) max_logit = std::max(max_logit, std::fabs(static_cast<double>(value)));
    for (float value : map.heat_prob) max_prob = std::max(max_prob, std::fabs(static_cast<double>(value)));
    const int y = tile_y(n, H, scale, caption);
    draw_image(canvas, tile_x(0, H, scale), y, images, n, scale);
    draw_heat(canvas, tile_x(1, H, scale), y, images, n, map.heat_logit.data(), max_logit, scale);
    draw_heat(canvas, tile_x(2, H, scale), y, images, n, map.heat_prob.data(), max_prob, scale);
    char text[96];
    std::snprintf(text, sizeof text, "y %d  D %.2f  p %.2f", map.target_class, map.logit, map.probability);
    canvas.text(tile_x(0, H, scale), y - caption + 3, text, toy::kWhite, 2);
    std::snprintf(text, sizeof text, "D heat %.2f", max_logit);
    canvas.text(tile_x(1, H, scale), y - caption + 3, text, toy::kWhite, 2);
    std::snprintf(text, sizeof text, "p heat %.2f", max_prob);
    canvas.text(tile_x(2, H, scale), y - caption + 3, text, toy::kWhite, 2);
    JsonValue item = JsonValue::object();
    item.set("image", fake > 0 ? JsonValue("fake " + std::to_string(n)) : JsonValue(real_indices[n]));
    item.set("class", map.target_class);
    item.set("d_logit", map.logit);
    item.set("class_probability", map.probability);
    item.set("positions", JsonValue(map.rows * map.cols));
    JsonValue d_logit = JsonValue::array(), d_prob = JsonValue::array();
    for (double value : map.d_logit) d_logit.push_back(value);
    for (double value : map.d_prob) d_prob.push_back(value);
    item.set("d_logit_change", d_logit);
    item.set("class_probability_change", d_prob);
    maps.push_back(item);
    for (double value : map.d_prob) worst_prob = std::min(worst_prob, value);
  }
  canvas.save(context.out + "/occlusion.png");
  JsonValue body = JsonValue::object();
  body.set("patch", settings.patch);
  body.set("stride", settings.stride);
  body.set("fill", static_cast<double>(settings.fill));
  body.set("layout", "position (i, j) = row i * cols + j covers rows i*stride .. i*stride+patch-1, same for columns; "
                     "cols = (W - patch) / stride + 1");
  body.set("images", maps);
  ToolReport report;
  report.body = body;
  char summary[160];
  std::snprintf(summary, sizeof summary, "occlusion: %d images, %dx%d patch, largest drop of the class probability %.3f",
                N, settings.patch, settings.patch, worst_prob);
  report.summary = summary;
  return report;
}

}  // namespace gan::inspect
