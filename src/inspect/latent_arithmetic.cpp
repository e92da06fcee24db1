#include "gan/inspect/latent_arithmetic.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "gan/inspect/latent_walk.h"
#include "gan/inspect/pictures.h"
#include "gan/train/evaluation.h"

namespace gan::inspect {

int ink_count(const Tensor& images, int n, float threshold) {
  const int64_t size = images.numel() / images.size(0);
  const float* image = images.ptr() + n * size;
  return static_cast<int>(std::count_if(image, image + size, [threshold](float x) { return x > threshold; }));
}

ArithmeticGroups arithmetic_groups(const std::vector<int>& classes, const std::vector<double>& confidences,
                                   const std::vector<int>& inks, const ArithmeticSettings& settings) {
  auto thin_and_thick = [&](int wanted, std::vector<int>& thin, std::vector<int>& thick) {
    std::vector<int> members;
    for (size_t n = 0; n < classes.size(); ++n) {
      if (classes[n] == wanted && confidences[n] >= settings.min_confidence) members.push_back(static_cast<int>(n));
    }
    std::stable_sort(members.begin(), members.end(), [&](int a, int b) { return inks[a] < inks[b]; });
    const int count = static_cast<int>(settings.share * static_cast<double>(members.size()));
    thin.assign(members.begin(), members.begin() + count);
    thick.assign(members.end() - count, members.end());
    std::sort(thin.begin(), thin.end());
    std::sort(thick.begin(), thick.end());
  };
  ArithmeticGroups groups;
  thin_and_thick(settings.from_class, groups.thin_from, groups.thick_from);
  thin_and_thick(settings.to_class, groups.thin_to, groups.thick_to);
  return groups;
}

std::vector<float> mean_z(const Tensor& z, const std::vector<int>& members) {
  if (members.empty()) throw std::invalid_argument("mean_z: the group is empty");
  const int Z = z.size(1);
  std::vector<double> total(Z, 0.0);
  for (int n : members) {
    for (int i = 0; i < Z; ++i) total[i] += z.at(n, i);
  }
  std::vector<float> mean(Z);
  for (int i = 0; i < Z; ++i) mean[i] = static_cast<float>(total[i] / static_cast<double>(members.size()));
  return mean;
}

std::vector<float> attribute_direction(const Tensor& z, const ArithmeticGroups& groups) {
  std::vector<float> thick = mean_z(z, groups.thick_from), thin = mean_z(z, groups.thin_from);
  std::vector<float> direction(thick.size());
  for (size_t i = 0; i < direction.size(); ++i) direction[i] = thick[i] - thin[i];
  return direction;
}

namespace {

std::vector<float> row_of(const Tensor& z, int n) {
  return std::vector<float>(z.data.begin() + static_cast<int64_t>(n) * z.size(1),
                            z.data.begin() + static_cast<int64_t>(n + 1) * z.size(1));
}

Tensor rows_to_tensor(const std::vector<std::vector<float>>& rows) {
  Tensor z({static_cast<int>(rows.size()), static_cast<int>(rows[0].size())});
  for (size_t r = 0; r < rows.size(); ++r) std::copy(rows[r].begin(), rows[r].end(), z.data.begin() + r * rows[0].size());
  return z;
}

double mean_ink(const std::vector<int>& inks, const std::vector<int>& members) {
  double total = 0.0;
  for (int n : members) total += inks[n];
  return members.empty() ? 0.0 : total / static_cast<double>(members.size());
}

}  // namespace

ToolReport run_latent_tool(InspectContext& context, const ArithmeticSettings& settings, int steps) {
  ToolReport report;
  Generator& G = context.generator();
  const int K = context.num_classes();
  // 1. Walks: four pairs of seeds, each a row of `steps` images, by lerp and by slerp.
  const int pairs = 4;
  Tensor ends = draw_z(context, 2 * pairs, context.seed);
  for (int spherical = 0; spherical <= 1; ++spherical) {
    std::vector<std::vector<float>> rows;
    std::vector<int> labels;
    for (int p = 0; p < pairs; ++p) {
      Tensor path = latent_path(row_of(ends, 2 * p), row_of(ends, 2 * p + 1), steps, spherical == 1);
      for (int k = 0; k < steps; ++k) {
        rows.push_back(row_of(path, k));
        if (context.conditional()) labels.push_back(p % K);
      }
    }
    Tensor images = generate_images(G, rows_to_tensor(rows), labels, context.batch);
    save_image_grid(context.out + (spherical ? "/slerp.png" : "/lerp.png"), images, steps, 3);
  }
  // 2. A conditional G: one row per class, the same z in each column.
  if (context.conditional()) {
    Tensor columns = draw_z(context, 8, context.seed + 1);
    std::vector<std::vector<float>> rows;
    std::vector<int> labels;
    for (int c = 0; c < K; ++c) {
      for (int j = 0; j < 8; ++j) rows.push_back(row_of(columns, j)), labels.push_back(c);
    }
    save_image_grid(context.out + "/class_rows.png", generate_images(G, rows_to_tensor(rows), labels, context.batch), 8, 3);
  }
  // 3. Arithmetic: measure every sample's class and ink, form the groups, add and subtract.
  Classifier& classifier = require_classifier(context, "latent");
  Tensor z = draw_z(context, settings.samples, context.seed);
  std::vector<int> labels = draw_labels(context, settings.samples);
  Tensor images = generate_images(G, z, labels, context.batch);
  Tensor probabilities = classifier_probabilities(classifier, images, context.batch);
  std::vector<int> classes, inks;
  std::vector<double> confidences;
  for (int n = 0; n < settings.samples; ++n) {
    const float* p = probabilities.ptr() + static_cast<int64_t>(n) * K;
    const int best = static_cast<int>(std::max_element(p, p + K) - p);
    classes.push_back(best);
    confidences.push_back(p[best]);
    inks.push_back(ink_count(images, n));
  }
  ArithmeticGroups groups = arithmetic_groups(classes, confidences, inks, settings);
  const std::vector<std::pair<const char*, const std::vector<int>*>> named = {
      {"thick_from", &groups.thick_from}, {"thin_from", &groups.thin_from},
      {"thin_to", &groups.thin_to}, {"thick_to", &groups.thick_to}};
  for (const auto& [name, members] : named) {
    if (members->empty()) {
      throw std::runtime_error(std::string("gan inspect latent: the group ") + name + " is empty: no sample of " +
                               std::to_string(settings.samples) + " is of the class with confidence >= " +
                               std::to_string(settings.min_confidence) + " (try more --samples or a lower --min-confidence)");
    }
  }
  // Each thin b sample with the direction added, beside itself: does the ink rise, the class stay?
  const std::vector<float> direction = attribute_direction(z, groups);
  std::vector<std::vector<float>> moved;
  std::vector<int> moved_labels;
  for (int n : groups.thin_to) {
    std::vector<float> row = row_of(z, n);
    for (size_t i = 0; i < row.size(); ++i) row[i] += direction[i];
    moved.push_back(row);
    if (context.conditional()) moved_labels.push_back(labels[n]);
  }
  Tensor results = generate_images(G, rows_to_tensor(moved), moved_labels, context.batch);
  std::vector<int> result_classes = classifier_predictions(classifier, results, context.batch);
  std::vector<int> result_inks;
  int kept_class = 0;
  for (int r = 0; r < results.size(0); ++r) {
    result_inks.push_back(ink_count(results, r));
    kept_class += result_classes[r] == settings.to_class;
  }
  std::vector<int> all_results(results.size(0));
  for (int r = 0; r < results.size(0); ++r) all_results[r] = r;
  const double ink_before = mean_ink(inks, groups.thin_to), ink_after = mean_ink(result_inks, all_results);
  // The picture: 8 samples each of thick a, thin a, thin b, and those thin b's plus the direction.
  const int columns = 8;
  std::vector<int> picked;
  for (const std::vector<int>* group : {&groups.thick_from, &groups.thin_from, &groups.thin_to}) {
    for (int j = 0; j < columns; ++j) picked.push_back(j < static_cast<int>(group->size()) ? (*group)[j] : (*group)[0]);
  }
  Tensor shown({4 * columns, images.size(1), images.size(2), images.size(3)});
  const int64_t image_size = images.numel() / images.size(0);
  for (int j = 0; j < 3 * columns; ++j) {
    std::copy(images.ptr() + picked[j] * image_size, images.ptr() + (picked[j] + 1) * image_size, shown.ptr() + j * image_size);
  }
  for (int j = 0; j < columns; ++j) {
    const int r = std::min(j, results.size(0) - 1);
    std::copy(results.ptr() + r * image_size, results.ptr() + (r + 1) * image_size, shown.ptr() + (3 * columns + j) * image_size);
  }
  save_image_grid(context.out + "/arithmetic.png", shown, columns, 4);

  JsonValue group_json = JsonValue::object();
  for (const auto& [name, members] : named) {
    JsonValue group = JsonValue::object();
    group.set("size", static_cast<int>(members->size()));
    group.set("mean_ink", mean_ink(inks, *members));
    group_json.set(name, group);
  }
  JsonValue arithmetic = JsonValue::object();
  arithmetic.set("from_class", settings.from_class);
  arithmetic.set("to_class", settings.to_class);
  arithmetic.set("share", settings.share);
  arithmetic.set("min_confidence", settings.min_confidence);
  arithmetic.set("samples", settings.samples);
  arithmetic.set("ink_threshold", 0.0);
  arithmetic.set("groups", group_json);
  JsonValue result_json = JsonValue::object();
  result_json.set("formula", "z(thin b) + mean z(thick a) - mean z(thin a), for each thin b sample");
  result_json.set("mean_ink_before", ink_before);
  result_json.set("mean_ink_after", ink_after);
  result_json.set("still_class_b", kept_class);
  result_json.set("count", results.size(0));
  JsonValue inks_after = JsonValue::array();
  for (int ink : result_inks) inks_after.push_back(ink);
  result_json.set("ink_after_by_sample", inks_after);
  arithmetic.set("result", result_json);
  JsonValue walks = JsonValue::object();
  walks.set("pairs", pairs);
  walks.set("steps", steps);
  walks.set("files", std::string("lerp.png, slerp.png: one row per pair of seeds, t = 0 .. 1"));
  report.body.set("walks", walks);
  report.body.set("arithmetic", arithmetic);
  char summary[200];
  std::snprintf(summary, sizeof summary, "latent: thin %d + (thick %d - thin %d): mean ink %.1f -> %.1f, %d of %d still read as %d",
                settings.to_class, settings.from_class, settings.from_class, ink_before, ink_after, kept_class,
                results.size(0), settings.to_class);
  report.summary = summary;
  return report;
}

}  // namespace gan::inspect
