#include "gan/inspect/dissection.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "gan/inspect/pictures.h"
#include "gan/kernels/math_functions.h"
#include "gan/train/evaluation.h"

namespace gan::inspect {

std::vector<int> concept_classes(const Tensor& probabilities, double min_confidence) {
  const int N = probabilities.size(0), K = probabilities.size(1);
  std::vector<int> classes(N, -1);
  for (int n = 0; n < N; ++n) {
    const float* p = probabilities.ptr() + static_cast<int64_t>(n) * K;
    const int best = static_cast<int>(std::max_element(p, p + K) - p);
    if (p[best] >= min_confidence) classes[n] = best;
  }
  return classes;
}

Tensor upsample_bilinear(const Tensor& maps, int H, int W) {
  const int N = maps.size(0), U = maps.size(1), h = maps.size(2), w = maps.size(3);
  Tensor up({N, U, H, W});
  // Output pixel y has its centre at (y + 0.5) h / H - 0.5 in input pixels (half-pixel centres, as
  // PyTorch's align_corners=False), clamped at the edges.
  auto source = [](int y, int in, int out, int& low, int& high, float& frac) {
    float position = (static_cast<float>(y) + 0.5f) * static_cast<float>(in) / static_cast<float>(out) - 0.5f;
    position = std::max(position, 0.0f);
    low = std::min(static_cast<int>(position), in - 1);
    high = std::min(low + 1, in - 1);
    frac = position - static_cast<float>(low);
  };
  for (int y = 0; y < H; ++y) {
    int y0, y1;
    float fy;
    source(y, h, H, y0, y1, fy);
    for (int x = 0; x < W; ++x) {
      int x0, x1;
      float fx;
      source(x, w, W, x0, x1, fx);
      for (int n = 0; n < N; ++n) {
        for (int u = 0; u < U; ++u) {
          const float top = maps.at(n, u, y0, x0) * (1.0f - fx) + maps.at(n, u, y0, x1) * fx;
          const float bottom = maps.at(n, u, y1, x0) * (1.0f - fx) + maps.at(n, u, y1, x1) * fx;
          up.at(n, u, y, x) = top * (1.0f - fy) + bottom * fy;
        }
      }
    }
  }
  return up;
}

double mask_iou(const std::vector<uint8_t>& a, const std::vector<uint8_t>& b) {
  int64_t both = 0, either = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    both += a[i] && b[i];
    either += a[i] || b[i];
  }
  return either == 0 ? 0.0 : static_cast<double>(both) / static_cast<double>(either);
}

namespace {

// p log p with 0 log 0 = 0, by gan's own log (kernels/math_functions.h).
double plogp(double p) { return p > 0.0 ? p * kernels::log(static_cast<float>(p)) : 0.0; }

// IQR(M; C) = I(M; C) / H(M, C) of two binary pixel variables, from the counts of their four
// combinations: I = H(M) + H(C) - H(M, C).
double information_quality_ratio(double both, double only_m, double only_c, double neither) {
  const double total = both + only_m + only_c + neither;
  const double joint[4] = {both / total, only_m / total, only_c / total, neither / total};
  const double pm = joint[0] + joint[1], pc = joint[0] + joint[2];
  const double h_joint = -(plogp(joint[0]) + plogp(joint[1]) + plogp(joint[2]) + plogp(joint[3]));
  const double h_m = -(plogp(pm) + plogp(1.0 - pm)), h_c = -(plogp(pc) + plogp(1.0 - pc));
  return h_joint > 0.0 ? (h_m + h_c - h_joint) / h_joint : 0.0;
}

}  // namespace

Dissection dissect(const Tensor& maps, const Tensor& images, const std::vector<int>& classes, int K,
                   float ink_threshold) {
  const int N = maps.size(0), U = maps.size(1);
  const int64_t area = static_cast<int64_t>(maps.size(2)) * maps.size(3);
  if (images.size(2) * images.size(3) != area) throw std::invalid_argument("dissect: maps and images differ in size");
  constexpr int T = sizeof(kCandidateShares) / sizeof(kCandidateShares[0]);
  Dissection result;
  result.units = U;
  result.concepts = K + 1;
  result.concept_images.assign(K + 1, 0);
  // |C_c|: the ink pixels of every image of class c; c = K: of every image
  std::vector<int64_t> concept_pixels(K + 1, 0);
  std::vector<uint8_t> ink(static_cast<size_t>(N * area));
  for (int n = 0; n < N; ++n) {
    for (int64_t p = 0; p < area; ++p) ink[n * area + p] = images.ptr()[n * area + p] > ink_threshold;
    result.concept_images[K] += 1;
    for (int64_t p = 0; p < area; ++p) concept_pixels[K] += ink[n * area + p];
    if (classes[n] < 0) continue;
    result.concept_images[classes[n]] += 1;
    for (int64_t p = 0; p < area; ++p) concept_pixels[classes[n]] += ink[n * area + p];
  }
  const double total = static_cast<double>(N) * static_cast<double>(area);
  result.scores.assign(K + 1, std::vector<UnitConcept>(U));
  std::vector<float> values(static_cast<size_t>(N * area));
  for (int u = 0; u < U; ++u) {
    for (int n = 0; n < N; ++n) {
      std::copy(maps.ptr() + (static_cast<int64_t>(n) * U + u) * area, maps.ptr() + (static_cast<int64_t>(n) * U + u + 1) * area,
                values.begin() + n * area);
    }
    // the candidate thresholds: the values at or above which a share s of the unit's pixels lie
    std::vector<float> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    float thresholds[T];
    for (int t = 0; t < T; ++t) {
      thresholds[t] = sorted[static_cast<size_t>((1.0 - kCandidateShares[t]) * static_cast<double>(sorted.size() - 1))];
    }
    // for each threshold: |M_u| and, per concept, |M_u AND C_c|
    const int concepts = K + 1;
    std::vector<int64_t> on(T, 0), overlap(static_cast<size_t>(T) * concepts, 0);
    for (int n = 0; n < N; ++n) {
      const int c = classes[n];
      for (int64_t p = 0; p < area; ++p) {
        const float value = values[n * area + p];
        const bool is_ink = ink[n * area + p];
        for (int t = 0; t < T; ++t) {
          if (value < thresholds[t]) continue;
          on[t] += 1;
          if (is_ink && c >= 0) overlap[static_cast<size_t>(t) * concepts + c] += 1;
          if (is_ink) overlap[static_cast<size_t>(t) * concepts + K] += 1;
        }
      }
    }
    for (int c = 0; c < concepts; ++c) {
      UnitConcept best;
      best.unit = u;
      best.iqr = -1.0;
      for (int t = 0; t < T; ++t) {
        const double both = static_cast<double>(overlap[static_cast<size_t>(t) * concepts + c]);
        const double only_m = static_cast<double>(on[t]) - both, only_c = static_cast<double>(concept_pixels[c]) - both;
        const double iqr = information_quality_ratio(both, only_m, only_c, total - both - only_m - only_c);
        if (iqr > best.iqr) {
          best.iqr = iqr;
          best.threshold = thresholds[t];
          const double either = both + only_m + only_c;
          best.iou = either > 0.0 ? both / either : 0.0;
        }
      }
      result.scores[c][u] = best;
    }
  }
  result.ranking = result.scores;
  for (std::vector<UnitConcept>& ranked : result.ranking) {
    std::stable_sort(ranked.begin(), ranked.end(), [](const UnitConcept& a, const UnitConcept& b) { return a.iou > b.iou; });
  }
  return result;
}

ToolReport run_dissection_tool(InspectContext& context, const LayerInfo& layer, const DissectionSettings& settings,
                               int top) {
  Classifier& classifier = require_classifier(context, "dissect");
  const int N = settings.samples, K = context.num_classes();
  Tensor z = draw_z(context, N, context.seed);
  std::vector<int> labels = draw_labels(context, N);
  Tensor layer_output = generator_layer(context.generator(), z, labels, layer.index, context.batch);
  Tensor images = generator_from_layer(context.generator(), layer_output, layer.index, context.batch);
  const int H = images.size(2), W = images.size(3);
  // an (N, D) layer's unit is a 1 x 1 map: upsampled, the same value at every pixel
  if (layer_output.rank() == 2) layer_output.shape = Shape{N, layer_output.size(1), 1, 1};
  Tensor maps = upsample_bilinear(layer_output, H, W);
  std::vector<int> classes = concept_classes(classifier_probabilities(classifier, images, context.batch), settings.min_confidence);
  Dissection dissection = dissect(maps, images, classes, K, settings.ink_threshold);

  // The picture: a row per concept, its best unit's thresholded map over up to 8 images of that class.
  const int columns = 8, scale = 3, caption = 14;
  toy::Canvas canvas(grid_width(columns, H, scale), grid_height(K + 1, H, scale, caption), kGap);
  JsonValue concepts = JsonValue::array();
  std::string summary;
  const int64_t area = static_cast<int64_t>(H) * W;
  for (int c = 0; c <= K; ++c) {
    const UnitConcept& best = dissection.ranking[c][0];
    const int y = tile_y(c, H, scale, caption);
    char text[80];
    std::snprintf(text, sizeof text, "%s: unit %d  IoU %.3f", c < K ? std::to_string(c).c_str() : "any ink", best.unit, best.iou);
    canvas.text(tile_x(0, H, scale), y - caption + 3, text, toy::kWhite, 2);
    int shown = 0;
    for (int n = 0; n < N && shown < columns; ++n) {
      if (c < K && classes[n] != c) continue;
      std::vector<uint8_t> mask(static_cast<size_t>(area));
      const float* map = maps.ptr() + (static_cast<int64_t>(n) * dissection.units + best.unit) * area;
      for (int64_t p = 0; p < area; ++p) mask[p] = map[p] >= best.threshold;
      draw_mask(canvas, tile_x(shown, H, scale), y, images, n, mask.data(), scale);
      ++shown;
    }
    JsonValue item = JsonValue::object();
    item.set("concept", c < K ? "ink of digit " + std::to_string(c) : std::string("ink of any digit"));
    item.set("class", c < K ? JsonValue(c) : JsonValue());
    item.set("images", dissection.concept_images[c]);
    JsonValue ranked = JsonValue::array();
    for (int r = 0; r < std::min(top, dissection.units); ++r) {
      const UnitConcept& unit = dissection.ranking[c][r];
      JsonValue entry = JsonValue::object();
      entry.set("unit", unit.unit);
      entry.set("iou", unit.iou);
      entry.set("threshold", unit.threshold);
      entry.set("iqr", unit.iqr);
      ranked.push_back(entry);
    }
    item.set("top_units", ranked);
    JsonValue all = JsonValue::array();
    for (const UnitConcept& unit : dissection.scores[c]) all.push_back(unit.iou);
    item.set("iou_by_unit", all);
    concepts.push_back(item);
    char part[48];
    std::snprintf(part, sizeof part, "%s%s:u%d %.2f", c ? " " : "", c < K ? std::to_string(c).c_str() : "ink", best.unit, best.iou);
    summary += part;
  }
  canvas.save(context.out + "/dissection.png");
  ToolReport report;
  report.body.set("layer", layer.name);
  report.body.set("layer_shape", layer.shape.str());
  report.body.set("samples", N);
  report.body.set("min_confidence", settings.min_confidence);
  report.body.set("ink_threshold", static_cast<double>(settings.ink_threshold));
  JsonValue shares = JsonValue::array();
  for (double share : kCandidateShares) shares.push_back(share);
  report.body.set("threshold_rule", "t_{u,c} maximises IQR = I(M;C)/H(M,C) over the unit's top-quantile candidates");
  report.body.set("candidate_shares", shares);
  report.body.set("concepts", concepts);
  report.summary = "dissect " + layer.name + ": best unit and IoU per digit  " + summary;
  return report;
}

}  // namespace gan::inspect
