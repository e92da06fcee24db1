#include "gan/inspect/pictures.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace gan::inspect {

namespace {

// x in [-1, 1] -> 0 .. 255, as write_png_grid maps it; NaN is drawn as -1.
uint8_t byte_of(float x) {
  if (!(x > -1.0f)) return 0;
  if (x >= 1.0f) return 255;
  return static_cast<uint8_t>(std::lround((x + 1.0f) * 127.5f));
}

void block(toy::Canvas& canvas, int x, int y, int scale, toy::Rgb colour) {
  canvas.fill_rect(x, y, x + scale - 1, y + scale - 1, colour);
}

uint8_t blend(uint8_t base, uint8_t over, double alpha) {
  return static_cast<uint8_t>(std::lround(base * (1.0 - alpha) + over * alpha));
}

std::string short_number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", value);
  return text;
}

}  // namespace

void draw_image(toy::Canvas& canvas, int x, int y, const Tensor& images, int n, int scale) {
  const int C = images.size(1), H = images.size(2), W = images.size(3);
  for (int h = 0; h < H; ++h) {
    for (int w = 0; w < W; ++w) {
      toy::Rgb colour;
      colour.r = byte_of(images.at(n, 0, h, w));
      colour.g = C == 3 ? byte_of(images.at(n, 1, h, w)) : colour.r;
      colour.b = C == 3 ? byte_of(images.at(n, 2, h, w)) : colour.r;
      block(canvas, x + w * scale, y + h * scale, scale, colour);
    }
  }
}

void draw_heat(toy::Canvas& canvas, int x, int y, const Tensor& images, int n, const float* heat, double max_abs,
               int scale) {
  const int H = images.size(2), W = images.size(3);
  for (int h = 0; h < H; ++h) {
    for (int w = 0; w < W; ++w) {
      // the image at 60% brightness, so that the colours read over white ink too
      const uint8_t grey = static_cast<uint8_t>(byte_of(images.at(n, 0, h, w)) * 6 / 10);
      const double value = heat[h * W + w];
      const double alpha = max_abs > 0.0 ? std::min(1.0, std::fabs(value) / max_abs) * 0.85 : 0.0;
      const toy::Rgb over = value < 0.0 ? toy::Rgb{230, 30, 30} : toy::Rgb{40, 110, 255};
      block(canvas, x + w * scale, y + h * scale, scale,
            toy::Rgb{blend(grey, over.r, alpha), blend(grey, over.g, alpha), blend(grey, over.b, alpha)});
    }
  }
}

void draw_mask(toy::Canvas& canvas, int x, int y, const Tensor& images, int n, const uint8_t* mask, int scale) {
  const int H = images.size(2), W = images.size(3);
  for (int h = 0; h < H; ++h) {
    for (int w = 0; w < W; ++w) {
      const uint8_t grey = byte_of(images.at(n, 0, h, w));
      toy::Rgb colour{grey, grey, grey};
      if (mask[h * W + w]) colour = toy::Rgb{blend(grey, 255, 0.6), blend(grey, 140, 0.6), blend(grey, 0, 0.6)};
      block(canvas, x + w * scale, y + h * scale, scale, colour);
    }
  }
}

void save_image_grid(const std::string& path, const Tensor& images, int columns, int scale) {
  const int N = images.size(0), H = images.size(2);
  columns = std::min(columns, N);
  const int rows = (N + columns - 1) / columns;
  toy::Canvas canvas(grid_width(columns, H, scale), grid_height(rows, H, scale, 0), kGap);
  for (int n = 0; n < N; ++n) draw_image(canvas, tile_x(n % columns, H, scale), tile_y(n / columns, H, scale, 0), images, n, scale);
  canvas.save(path);
}

void save_line_chart(const std::string& path, const std::string& title, const std::string& x_label,
                     const std::string& y_label, const std::vector<double>& x, const std::vector<Series>& series) {
  if (x.size() < 2) throw std::invalid_argument("save_line_chart: needs at least 2 x values");
  const int width = 560, height = 360, left = 70, right = 20, top = 40, bottom = 60;
  double low = series.front().y.front(), high = low;
  for (const Series& line : series) {
    for (double value : line.y) low = std::min(low, value), high = std::max(high, value);
  }
  if (high - low < 1e-9) high = low + 1.0;
  const double x_low = x.front(), x_high = x.back();
  auto px = [&](double value) { return left + (value - x_low) / (x_high - x_low) * (width - left - right); };
  auto py = [&](double value) { return height - bottom - (value - low) / (high - low) * (height - top - bottom); };
  toy::Canvas canvas(width, height, toy::kWhite);
  canvas.text(left, 10, title, toy::kBlack, 2);
  canvas.line(left, top, left, height - bottom, toy::kBlack);
  canvas.line(left, height - bottom, width - right, height - bottom, toy::kBlack);
  for (double value : x) {
    canvas.line(px(value), height - bottom, px(value), height - bottom + 4, toy::kBlack);
    canvas.text(static_cast<int>(px(value)) - 4, height - bottom + 8, short_number(value), toy::kBlack, 1);
  }
  canvas.text(4, top - 4, short_number(high), toy::kBlack, 1);
  canvas.text(4, height - bottom - 4, short_number(low), toy::kBlack, 1);
  canvas.text(left + 120, height - 24, x_label, toy::kBlack, 2);
  canvas.text(4, height / 2, y_label, toy::kBlack, 1);
  int legend_y = top + 4;
  for (const Series& line : series) {
    for (size_t i = 0; i + 1 < x.size(); ++i) canvas.line(px(x[i]), py(line.y[i]), px(x[i + 1]), py(line.y[i + 1]), line.colour, 2);
    for (size_t i = 0; i < x.size(); ++i) canvas.dot(px(x[i]), py(line.y[i]), 3, line.colour);
    canvas.fill_rect(width - 200, legend_y, width - 190, legend_y + 6, line.colour);
    canvas.text(width - 184, legend_y, line.name, toy::kBlack, 1);
    legend_y += 12;
  }
  canvas.save(path);
}

}  // namespace gan::inspect
