#include "gan/inspect/max_activation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "gan/data/batches.h"
#include "gan/inspect/pictures.h"
#include "gan/nn/module.h"
#include "gan/ops/arithmetic.h"
#include "gan/ops/reductions.h"
#include "gan/train/evaluation.h"

namespace gan::inspect {

Tensor maximise_activation(Discriminator& discriminator, int index, const std::vector<int>& units,
                           const std::vector<int>& labels, int channels, int image_size, Rng& rng,
                           const MaximisationSettings& settings, std::vector<float>& activation) {
  const int U = static_cast<int>(units.size()), C = channels, H = image_size, W = image_size;
  discriminator.set_training(false);
  nn::FrozenParameters frozen(discriminator.parameters());  // only the image receives gradient
  Tensor x({U, C, H, W});
  rng.fill_normal(x, 0.0f, settings.start);
  Tensor selector;  // (U, units of the layer, ...): 1 / area on row u's unit, so sum(h * selector) = sum_u a_u
  activation.assign(U, 0.0f);
  for (int step = 0; step <= settings.steps; ++step) {
    Variable input(x, true);
    Variable layer_output;
    discriminator.forward_hooked(input, labels, [&](int i, nn::Module&, Variable& output) {
      if (i == index) layer_output = output;
    });
    if (selector.empty()) {
      selector = Tensor(layer_output.shape());
      const int64_t per_unit = layer_output.value().numel() / (static_cast<int64_t>(U) * layer_output.shape()[1]);
      for (int u = 0; u < U; ++u) {
        float* row = selector.ptr() + (static_cast<int64_t>(u) * layer_output.shape()[1] + units[u]) * per_unit;
        std::fill(row, row + per_unit, 1.0f / static_cast<float>(per_unit));
      }
    }
    Tensor means = unit_means(layer_output.value());
    for (int u = 0; u < U; ++u) activation[u] = means.at(u, units[u]);
    if (step == settings.steps) break;  // the last pass only measures
    sum(mul(layer_output, Variable(selector))).backward();
    const Tensor& grad = input.grad();  // dJ/dx of the activation term
    // Ascend J = a_u - (l2 |x|^2 + tv TV(x)) / (C H W): the penalties' gradients by hand. Per pixel,
    // like a_u, which is a mean too, so that the weights do not depend on the image size.
    // A unit's mean over its map has a gradient of about 1e-3 per pixel, so each image's step is
    // normalised to a root-mean-square of lr per pixel (as activation maximisation usually does):
    // lr then reads in the units of the pixels.
    Tensor ascent(x.shape);
    const float pixels = static_cast<float>(C * H * W);
    for (int u = 0; u < U; ++u) {
      for (int c = 0; c < C; ++c) {
        for (int h = 0; h < H; ++h) {
          for (int w = 0; w < W; ++w) {
            const float value = x.at(u, c, h, w);
            // dTV/dx_{h,w} = 2 sum over the (up to four) neighbours of (x_{h,w} - x_neighbour)
            float d_tv = 0.0f;
            if (w + 1 < W) d_tv += 2.0f * (value - x.at(u, c, h, w + 1));
            if (w > 0) d_tv += 2.0f * (value - x.at(u, c, h, w - 1));
            if (h + 1 < H) d_tv += 2.0f * (value - x.at(u, c, h + 1, w));
            if (h > 0) d_tv += 2.0f * (value - x.at(u, c, h - 1, w));
            ascent.at(u, c, h, w) = grad.at(u, c, h, w) - (settings.l2 * 2.0f * value + settings.tv * d_tv) / pixels;
          }
        }
      }
    }
    const int64_t image_size = static_cast<int64_t>(C) * H * W;
    for (int u = 0; u < U; ++u) {
      float* step_u = ascent.ptr() + u * image_size;
      double square_sum = 0.0;  // in pixel order
      for (int64_t p = 0; p < image_size; ++p) square_sum += static_cast<double>(step_u[p]) * step_u[p];
      const double rms = std::sqrt(square_sum / static_cast<double>(image_size));
      const float scale = rms > 0.0 ? static_cast<float>(settings.lr / rms) : 0.0f;
      float* image = x.ptr() + u * image_size;
      for (int64_t p = 0; p < image_size; ++p) image[p] = std::clamp(image[p] + scale * step_u[p], -1.0f, 1.0f);
    }
  }
  return x;
}

std::vector<int> top_k(const Tensor& activations, int unit, int k) {
  std::vector<int> order(activations.size(0));
  for (size_t n = 0; n < order.size(); ++n) order[n] = static_cast<int>(n);
  k = std::min(k, static_cast<int>(order.size()));
  std::partial_sort(order.begin(), order.begin() + k, order.end(), [&](int a, int b) {
    const float va = activations.at(a, unit), vb = activations.at(b, unit);
    return va > vb || (va == vb && a < b);
  });
  order.resize(k);
  return order;
}

ToolReport run_max_activation_tool(InspectContext& context, const LayerInfo& layer, const std::vector<int>& units,
                                   int k, int samples, const MaximisationSettings& settings) {
  Discriminator& D = context.discriminator();
  const int real_count = std::min(samples, context.data.images.size(0));
  std::vector<int> order(real_count);
  for (int i = 0; i < real_count; ++i) order[i] = i;
  Tensor real = gather_images(context.data.images, order, 0, real_count);
  std::vector<int> real_labels;
  if (context.conditional()) real_labels.assign(context.data.labels.begin(), context.data.labels.begin() + real_count);
  std::vector<int> fake_labels = draw_labels(context, samples);
  Tensor fake = generate_images(context.generator(), draw_z(context, samples, context.seed), fake_labels, context.batch);
  Tensor real_activation = unit_means(discriminator_layer(D, real, real_labels, layer.index, context.batch));
  Tensor fake_activation = unit_means(discriminator_layer(D, fake, fake_labels, layer.index, context.batch));
  // a conditional D sees each synthesised image with the label of the unit's best real image
  std::vector<int> synth_labels;
  for (int unit : units) {
    if (context.conditional()) synth_labels.push_back(real_labels[top_k(real_activation, unit, 1)[0]]);
  }
  Rng rng(context.seed, 4);
  std::vector<float> synthesised_activation;
  Tensor synthesised = maximise_activation(D, layer.index, units, synth_labels, real.size(1), real.size(2), rng, settings,
                                           synthesised_activation);

  const int H = real.size(2), scale = 3, caption = 14, columns = 2 * k + 1;
  const int U = static_cast<int>(units.size());
  toy::Canvas canvas(grid_width(columns, H, scale) + 2 * kTileGap, grid_height(U, H, scale, caption), kGap);
  JsonValue per_unit = JsonValue::array();
  int exceeded = 0;
  for (int u = 0; u < U; ++u) {
    const int unit = units[u];
    const std::vector<int> top_real = top_k(real_activation, unit, k), top_fake = top_k(fake_activation, unit, k);
    const int y = tile_y(u, H, scale, caption);
    for (int j = 0; j < static_cast<int>(top_real.size()); ++j) draw_image(canvas, tile_x(j, H, scale), y, real, top_real[j], scale);
    for (int j = 0; j < static_cast<int>(top_fake.size()); ++j) draw_image(canvas, tile_x(k + j, H, scale) + kTileGap, y, fake, top_fake[j], scale);
    draw_image(canvas, tile_x(2 * k, H, scale) + 2 * kTileGap, y, synthesised, u, scale);
    const double best_real = real_activation.at(top_real[0], unit);
    char text[120];
    std::snprintf(text, sizeof text, "unit %d: real %.2f  fake %.2f  synthesised %.2f", unit, best_real,
                  fake_activation.at(top_fake[0], unit), synthesised_activation[u]);
    canvas.text(tile_x(0, H, scale), y - caption + 3, text, toy::kWhite, 2);
    JsonValue item = JsonValue::object();
    item.set("unit", unit);
    JsonValue real_top = JsonValue::array(), fake_top = JsonValue::array();
    for (int n : top_real) {
      JsonValue entry = JsonValue::object();
      entry.set("image", n);
      entry.set("label", context.data.labels[n]);
      entry.set("activation", static_cast<double>(real_activation.at(n, unit)));
      real_top.push_back(entry);
    }
    for (int n : top_fake) {
      JsonValue entry = JsonValue::object();
      entry.set("fake", n);
      entry.set("activation", static_cast<double>(fake_activation.at(n, unit)));
      fake_top.push_back(entry);
    }
    item.set("top_real", real_top);
    item.set("top_generated", fake_top);
    item.set("synthesised_activation", static_cast<double>(synthesised_activation[u]));
    item.set("best_real_activation", best_real);
    per_unit.push_back(item);
    exceeded += synthesised_activation[u] > best_real;
  }
  canvas.save(context.out + "/maxact.png");
  ToolReport report;
  report.body.set("layer", layer.name);
  report.body.set("layer_shape", layer.shape.str());
  report.body.set("activation", "mean of the unit's feature map");
  report.body.set("real_images", real_count);
  report.body.set("generated_images", samples);
  JsonValue maximisation = JsonValue::object();
  maximisation.set("steps", settings.steps);
  maximisation.set("lr", static_cast<double>(settings.lr));
  maximisation.set("l2", static_cast<double>(settings.l2));
  maximisation.set("tv", static_cast<double>(settings.tv));
  maximisation.set("start_std", static_cast<double>(settings.start));
  report.body.set("maximisation", maximisation);
  report.body.set("units", per_unit);
  report.summary = "maxact " + layer.name + ": " + std::to_string(U) + " units; the synthesised input beats the best real image for " +
                   std::to_string(exceeded) + " of " + std::to_string(U);
  return report;
}

}  // namespace gan::inspect
