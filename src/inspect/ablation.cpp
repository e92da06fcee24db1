#include "gan/inspect/ablation.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "gan/data/batches.h"
#include "gan/inspect/latent_arithmetic.h"
#include "gan/inspect/pictures.h"
#include "gan/metrics/fid.h"
#include "gan/train/evaluation.h"

namespace gan::inspect {

ImageMeasures measure_images(InspectContext& context, const Tensor& images, const std::vector<int>& labels,
                             int concept_class, const Tensor& real_features) {
  Classifier& classifier = require_classifier(context, "ablate");
  const int N = images.size(0), K = context.num_classes();
  ImageMeasures measures;
  measures.histogram.assign(K, 0);
  Tensor probabilities = classifier_probabilities(classifier, images, context.batch);
  double concept_total = 0.0;
  for (int n = 0; n < N; ++n) {
    const float* p = probabilities.ptr() + static_cast<int64_t>(n) * K;
    measures.histogram[std::max_element(p, p + K) - p] += 1;
    if (concept_class >= 0) concept_total += p[concept_class];
  }
  measures.concept_probability = concept_total / N;
  double logit_total = 0.0;
  for (double logit : discriminator_logits(context.discriminator(), images, labels, context.batch)) logit_total += logit;
  measures.mean_logit = logit_total / N;
  if (!real_features.empty()) {
    measures.fid = metrics::fid(real_features, classifier_features(classifier, images, context.batch));
  }
  return measures;
}

std::vector<float> percentile99(const Tensor& layer_output) {
  const int N = layer_output.size(0), U = layer_output.size(1);
  const int64_t area = layer_output.numel() / (static_cast<int64_t>(N) * U);
  std::vector<float> values(static_cast<size_t>(N * area)), result(U);
  for (int u = 0; u < U; ++u) {
    for (int n = 0; n < N; ++n) {
      const float* map = layer_output.ptr() + (static_cast<int64_t>(n) * U + u) * area;
      std::copy(map, map + area, values.begin() + n * area);
    }
    const size_t rank = static_cast<size_t>(0.99 * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<int64_t>(rank), values.end());
    result[u] = values[rank];
  }
  return result;
}

Tensor insert_units(Tensor layer_output, const std::vector<int>& units, const std::vector<float>& values,
                    const int region[4]) {
  const int N = layer_output.size(0), U = layer_output.size(1);
  const int h = layer_output.rank() == 4 ? layer_output.size(2) : 1, w = layer_output.rank() == 4 ? layer_output.size(3) : 1;
  const int r0 = std::clamp(region[0], 0, h), c0 = std::clamp(region[1], 0, w);
  const int r1 = std::clamp(region[2], 0, h), c1 = std::clamp(region[3], 0, w);
  for (int n = 0; n < N; ++n) {
    for (int unit : units) {
      float* map = layer_output.ptr() + (static_cast<int64_t>(n) * U + unit) * h * w;
      for (int r = r0; r < r1; ++r) {
        for (int c = c0; c < c1; ++c) map[r * w + c] = values[unit];
      }
    }
  }
  return layer_output;
}

namespace {

JsonValue measures_to_json(const ImageMeasures& measures) {
  JsonValue json = JsonValue::object();
  JsonValue histogram = JsonValue::array();
  for (int count : measures.histogram) histogram.push_back(count);
  json.set("class_histogram", histogram);
  json.set("concept_probability", measures.concept_probability);
  json.set("d_mean_logit", measures.mean_logit);
  if (measures.fid >= 0) json.set("fid", measures.fid);
  return json;
}

JsonValue list_to_json(const std::vector<int>& values) {
  JsonValue json = JsonValue::array();
  for (int value : values) json.push_back(value);
  return json;
}

// The first `columns` samples of the concept's class in `classes` (or the first samples, without one).
std::vector<int> shown_samples(const std::vector<int>& histogram_classes, int concept_class, int columns) {
  std::vector<int> shown;
  for (int n = 0; n < static_cast<int>(histogram_classes.size()) && static_cast<int>(shown.size()) < columns; ++n) {
    if (concept_class < 0 || histogram_classes[n] == concept_class) shown.push_back(n);
  }
  return shown;
}

}  // namespace

ToolReport run_ablation_tool(InspectContext& context, const LayerInfo& layer, std::vector<int> units,
                             const AblationSettings& settings) {
  Classifier& classifier = require_classifier(context, "ablate");
  const int N = settings.samples;
  Generator& G = context.generator();
  Tensor z = draw_z(context, N, context.seed);
  std::vector<int> labels = draw_labels(context, N);
  Tensor layer_output = generator_layer(G, z, labels, layer.index, context.batch);
  Tensor images = generator_from_layer(G, layer_output, layer.index, context.batch);
  Tensor real_features;
  if (settings.fid || settings.artifacts) {
    const int real_count = std::min(N, context.data.images.size(0));
    std::vector<int> order(real_count);
    for (int i = 0; i < real_count; ++i) order[i] = i;
    real_features = classifier_features(classifier, gather_images(context.data.images, order, 0, real_count), context.batch);
  }
  const ImageMeasures before = measure_images(context, images, labels, settings.concept_class, real_features);
  std::vector<int> classes = classifier_predictions(classifier, images, context.batch);
  ToolReport report;
  report.body.set("layer", layer.name);
  report.body.set("samples", N);
  report.body.set("concept_class", settings.concept_class);
  report.body.set("before", measures_to_json(before));
  const int H = images.size(2), columns = 8, scale = 3, caption = 14;
  const std::vector<int> shown = shown_samples(classes, settings.concept_class, columns);
  auto draw_row = [&](toy::Canvas& canvas, int row, const Tensor& row_images, const std::string& text) {
    const int y = tile_y(row, H, scale, caption);
    canvas.text(tile_x(0, H, scale), y - caption + 3, text, toy::kWhite, 2);
    for (size_t j = 0; j < shown.size(); ++j) draw_image(canvas, tile_x(static_cast<int>(j), H, scale), y, row_images, shown[j], scale);
  };

  if (settings.artifacts) {
    // One unit at a time: the rise of D's mean logit when it is ablated; then the top k together.
    // The scan runs on the first 200 samples at most: one pass per unit is the tool's cost.
    const int scan = std::min(N, 200);
    const Tensor scan_output = take_rows(layer_output, 0, scan);
    const std::vector<int> scan_labels(labels.begin(), labels.begin() + (labels.empty() ? 0 : scan));
    double scan_before = 0.0;
    for (double logit : discriminator_logits(context.discriminator(), take_rows(images, 0, scan), scan_labels, context.batch)) {
      scan_before += logit;
    }
    std::vector<std::pair<double, int>> rises;
    JsonValue each = JsonValue::array();
    for (int u = 0; u < layer.units; ++u) {
      Tensor ablated = generator_from_layer(G, zero_units(scan_output, {u}), layer.index, context.batch);
      double total = 0.0;
      for (double logit : discriminator_logits(context.discriminator(), ablated, scan_labels, context.batch)) total += logit;
      rises.push_back({(total - scan_before) / scan, u});
      each.push_back((total - scan_before) / scan);
    }
    std::stable_sort(rises.begin(), rises.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    units.clear();
    for (int k = 0; k < std::min(settings.top, layer.units); ++k) units.push_back(rises[k].second);
    Tensor ablated = generator_from_layer(G, zero_units(layer_output, units), layer.index, context.batch);
    const ImageMeasures after = measure_images(context, ablated, labels, settings.concept_class, real_features);
    toy::Canvas canvas(grid_width(columns, H, scale), grid_height(2, H, scale, caption), kGap);
    draw_row(canvas, 0, images, "as trained");
    draw_row(canvas, 1, ablated, "artifact units ablated");
    canvas.save(context.out + "/artifacts.png");
    report.body.set("d_logit_rise_by_unit", each);
    report.body.set("artifact_units", list_to_json(units));
    report.body.set("after", measures_to_json(after));
    char summary[200];
    std::snprintf(summary, sizeof summary, "ablate --artifacts %s: top %d units raise D's mean logit %.3f -> %.3f, FID %.2f -> %.2f",
                  layer.name.c_str(), static_cast<int>(units.size()), before.mean_logit, after.mean_logit, before.fid, after.fid);
    report.summary = summary;
    return report;
  }
  report.body.set("units", list_to_json(units));
  if (settings.insert) {
    int region[4] = {settings.region[0], settings.region[1], settings.region[2], settings.region[3]};
    const int h = layer.shape.rank == 3 ? layer.shape[1] : 1, w = layer.shape.rank == 3 ? layer.shape[2] : 1;
    if (region[2] == 0 && region[3] == 0) region[0] = h / 4, region[1] = w / 4, region[2] = h - h / 4, region[3] = w - w / 4;
    const std::vector<float> high = percentile99(layer_output);
    Tensor inserted = generator_from_layer(G, insert_units(layer_output, units, high, region), layer.index, context.batch);
    const ImageMeasures after = measure_images(context, inserted, labels, settings.concept_class, real_features);
    toy::Canvas canvas(grid_width(columns, H, scale), grid_height(2, H, scale, caption), kGap);
    draw_row(canvas, 0, images, "as trained");
    draw_row(canvas, 1, inserted, "units inserted");
    canvas.save(context.out + "/insertion.png");
    JsonValue values = JsonValue::array();
    for (int unit : units) values.push_back(static_cast<double>(high[unit]));
    report.body.set("inserted_values_p99", values);
    report.body.set("region_r0_c0_r1_c1", list_to_json({region[0], region[1], region[2], region[3]}));
    report.body.set("after", measures_to_json(after));
    char summary[200];
    std::snprintf(summary, sizeof summary, "ablate --insert %s: %d units at their 99th percentile, p(class %d) %.3f -> %.3f",
                  layer.name.c_str(), static_cast<int>(units.size()), settings.concept_class, before.concept_probability,
                  after.concept_probability);
    report.summary = summary;
    return report;
  }
  // Ablation of the first 1, 2, 4, ... units, and of all of them.
  std::vector<int> counts;
  for (int k = 1; k < static_cast<int>(units.size()); k *= 2) counts.push_back(k);
  counts.push_back(static_cast<int>(units.size()));
  std::vector<double> xs = {0.0}, probability = {before.concept_probability}, logit = {before.mean_logit}, fid = {before.fid};
  JsonValue steps = JsonValue::array();
  toy::Canvas canvas(grid_width(columns, H, scale), grid_height(1 + static_cast<int>(counts.size()), H, scale, caption), kGap);
  draw_row(canvas, 0, images, "as trained");
  ImageMeasures last = before;
  for (size_t i = 0; i < counts.size(); ++i) {
    std::vector<int> ablated_units(units.begin(), units.begin() + counts[i]);
    Tensor ablated = generator_from_layer(G, zero_units(layer_output, ablated_units), layer.index, context.batch);
    last = measure_images(context, ablated, labels, settings.concept_class, real_features);
    JsonValue step = measures_to_json(last);
    step.set("units_ablated", counts[i]);
    steps.push_back(step);
    xs.push_back(counts[i]);
    probability.push_back(last.concept_probability);
    logit.push_back(last.mean_logit);
    fid.push_back(last.fid);
    draw_row(canvas, 1 + static_cast<int>(i), ablated, std::to_string(counts[i]) + " unit" + (counts[i] > 1 ? "s" : "") + " ablated");
  }
  canvas.save(context.out + "/ablation.png");
  report.body.set("ablated", steps);
  std::vector<Series> series;
  if (settings.concept_class >= 0) series.push_back({"p(class " + std::to_string(settings.concept_class) + ")", probability, toy::Rgb{200, 40, 40}});
  // D's logit on a 0..1 scale beside the probability: its share of the way from its lowest to its highest value
  const double logit_low = *std::min_element(logit.begin(), logit.end()), logit_high = *std::max_element(logit.begin(), logit.end());
  std::vector<double> logit_scaled;
  for (double value : logit) logit_scaled.push_back(logit_high > logit_low ? (value - logit_low) / (logit_high - logit_low) : 0.0);
  series.push_back({"D logit (scaled 0-1)", logit_scaled, toy::Rgb{40, 90, 220}});
  if (xs.size() >= 2) {
    save_line_chart(context.out + "/ablation_effect.png", "ablating " + layer.name + " units", "units ablated",
                    "mean", xs, series);
  }
  char summary[200];
  std::snprintf(summary, sizeof summary, "ablate %s: %d units, p(class %d) %.3f -> %.3f, D's mean logit %.3f -> %.3f",
                layer.name.c_str(), static_cast<int>(units.size()), settings.concept_class, before.concept_probability,
                last.concept_probability, before.mean_logit, last.mean_logit);
  report.summary = summary;
  return report;
}

}  // namespace gan::inspect
