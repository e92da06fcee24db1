#include "gan/toy/toy_plots.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "gan/toy/canvas.h"

namespace gan::toy {

namespace {

constexpr Rgb kGrey{150, 150, 150};
constexpr Rgb kLightGrey{225, 225, 225};
constexpr Rgb kBlue{40, 90, 220};
constexpr Rgb kRed{215, 50, 40};
constexpr Rgb kGreen{20, 150, 40};
constexpr Rgb kDarkGreen{0, 90, 20};

std::string tick_label(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", std::abs(value) < 1e-12 ? 0.0 : value);
  return text;
}

// The plot area: data coordinates [x_lo, x_hi] x [y_lo, y_hi] mapped onto the pixels
// [left, right] x [top, bottom] (y grows upwards in data, downwards in pixels).
struct Frame {
  int left, top, right, bottom;
  double x_lo, x_hi, y_lo, y_hi;
  double px(double x) const { return left + (x - x_lo) / (x_hi - x_lo) * (right - left); }
  double py(double y) const { return bottom - (y - y_lo) / (y_hi - y_lo) * (bottom - top); }
};

// Axes box, ticks every `x_step` and `y_step` with their numbers, light grid lines, axis names.
void draw_axes(Canvas& canvas, const Frame& f, double x_step, double y_step, const std::string& x_name,
               const std::string& y_name, bool grid_lines) {
  for (double x = std::ceil(f.x_lo / x_step) * x_step; x <= f.x_hi + 1e-9; x += x_step) {
    if (grid_lines) canvas.line(f.px(x), f.top, f.px(x), f.bottom, kLightGrey);
    canvas.line(f.px(x), f.bottom, f.px(x), f.bottom + 5, kBlack);
    const std::string label = tick_label(x);
    canvas.text(static_cast<int>(f.px(x)) - Canvas::text_width(label, 2) / 2, f.bottom + 9, label, kBlack, 2);
  }
  for (double y = std::ceil(f.y_lo / y_step) * y_step; y <= f.y_hi + 1e-9; y += y_step) {
    if (grid_lines) canvas.line(f.left, f.py(y), f.right, f.py(y), kLightGrey);
    canvas.line(f.left - 5, f.py(y), f.left, f.py(y), kBlack);
    const std::string label = tick_label(y);
    canvas.text(f.left - 8 - Canvas::text_width(label, 2), static_cast<int>(f.py(y)) - 5, label, kBlack, 2);
  }
  canvas.line(f.left, f.top, f.right, f.top, kBlack);
  canvas.line(f.left, f.bottom, f.right, f.bottom, kBlack);
  canvas.line(f.left, f.top, f.left, f.bottom, kBlack);
  canvas.line(f.right, f.top, f.right, f.bottom, kBlack);
  canvas.text((f.left + f.right - Canvas::text_width(x_name, 2)) / 2, f.bottom + 28, x_name, kBlack, 2);
  canvas.text(4, f.top - 16, y_name, kBlack, 2);
}

void draw_curve(Canvas& canvas, const Frame& f, const Grid1d& grid, const std::vector<double>& y, Rgb colour,
                int dash) {
  for (int i = 1; i < grid.points; ++i) {
    if (std::isnan(y[i - 1]) || std::isnan(y[i])) continue;  // a gap in the curve
    const double y0 = std::clamp(y[i - 1], f.y_lo, f.y_hi), y1 = std::clamp(y[i], f.y_lo, f.y_hi);
    // A dash pattern per segment would restart every segment; dash by the segment's index instead.
    if (dash > 0 && (i / dash) % 2 == 1) continue;
    canvas.line(f.px(grid.x(i - 1)), f.py(y0), f.px(grid.x(i)), f.py(y1), colour, 2);
  }
}

void legend_entry(Canvas& canvas, int x, int y, Rgb colour, const std::string& name) {
  canvas.fill_rect(x, y + 3, x + 16, y + 5, colour);
  canvas.text(x + 22, y, name, kBlack, 2);
}

// D in [0, 1] -> blue (0), white (1/2), red (1).
Rgb diverging(double d) {
  d = std::clamp(d, 0.0, 1.0);
  const Rgb low{49, 99, 206}, high{214, 69, 65};
  const Rgb end = d < 0.5 ? low : high;
  const double t = std::abs(d - 0.5) * 2;  // 0 at 1/2, 1 at either end
  auto mix = [t](uint8_t a) { return static_cast<uint8_t>(std::lround(255 + t * (a - 255.0))); };
  return {mix(end.r), mix(end.g), mix(end.b)};
}

}  // namespace

void plot_densities_1d(const std::string& path, const DensityPlot1d& plot) {
  const size_t G = static_cast<size_t>(plot.grid.points);
  if (plot.p_data.size() != G || plot.p_g.size() != G || plot.d.size() != G || plot.d_star.size() != G) {
    throw std::invalid_argument("plot_densities_1d: every curve must have the grid's " + std::to_string(G) + " points");
  }
  double peak = 1;
  for (size_t i = 0; i < G; ++i) peak = std::max({peak, plot.p_data[i], plot.p_g[i]});
  const double y_step = peak * 1.1 <= 1.5 ? 0.25 : 0.5;
  const double y_hi = std::ceil(peak * 1.1 / y_step) * y_step;
  Canvas canvas(640, 400, kWhite);
  const Frame frame{70, 70, 620, 340, plot.grid.lo, plot.grid.hi, 0.0, y_hi};
  const double x_step = plot.grid.hi - plot.grid.lo <= 12 ? 1 : 2;
  draw_axes(canvas, frame, x_step, y_step, "X", "DENSITY, PROBABILITY", true);
  canvas.text(70, 8, plot.title, kBlack, 2);
  for (double x = plot.grid.lo; x < plot.grid.hi; x += 0.1) {  // the dotted line at 1/2
    canvas.set(static_cast<int>(frame.px(x)), static_cast<int>(frame.py(0.5)), kGrey);
  }
  draw_curve(canvas, frame, plot.grid, plot.p_data, kBlack, 0);
  draw_curve(canvas, frame, plot.grid, plot.p_g, kBlue, 0);
  draw_curve(canvas, frame, plot.grid, plot.d, kRed, 0);
  // D* only where the data are (m >= 1% of its peak, as discriminator_gap): elsewhere it is a ratio of
  // two vanishing densities, which no sample of either player ever tests.
  std::vector<double> d_star = plot.d_star;
  double peak_m = 0;
  for (size_t i = 0; i < G; ++i) peak_m = std::max(peak_m, plot.p_data[i] + plot.p_g[i]);
  for (size_t i = 0; i < G; ++i) {
    if (plot.p_data[i] + plot.p_g[i] < 0.01 * peak_m) d_star[i] = std::nan("");
  }
  draw_curve(canvas, frame, plot.grid, d_star, kGreen, 6);
  legend_entry(canvas, 70, 30, kBlack, "P_DATA");
  legend_entry(canvas, 190, 30, kBlue, "P_G (KDE)");
  legend_entry(canvas, 350, 30, kRed, "D(X)");
  legend_entry(canvas, 450, 30, kGreen, "D*(X)");
  canvas.save(path);
}

void plot_field_2d(const std::string& path, const FieldPlot2d& plot) {
  const int F = plot.field_size;
  if (F < 2 || plot.d.size() != static_cast<size_t>(F) * F) {
    throw std::invalid_argument("plot_field_2d: d must hold field_size^2 values, field_size >= 2");
  }
  require_shape("plot_field_2d", "descent", plot.descent.shape, plot.fake.shape);
  const double e = plot.extent;
  Canvas canvas(600, 600, kWhite);
  const Frame frame{60, 50, 520, 510, -e, e, -e, e};
  // The field: each pixel takes the value of the nearest of the F x F points (crisp cells).
  for (int py = frame.top; py <= frame.bottom; ++py) {
    for (int px = frame.left; px <= frame.right; ++px) {
      const double x = e * (2.0 * (px - frame.left) / (frame.right - frame.left) - 1);
      const double y = e * (1 - 2.0 * (py - frame.top) / (frame.bottom - frame.top));
      const int j = static_cast<int>(std::lround((x + e) / (2 * e) * (F - 1)));
      const int i = static_cast<int>(std::lround((y + e) / (2 * e) * (F - 1)));
      canvas.set(px, py, diverging(plot.d[static_cast<size_t>(i) * F + j]));
    }
  }
  auto inside = [&](double x, double y) { return std::abs(x) <= e && std::abs(y) <= e; };
  for (int n = 0; n < plot.data.size(0); ++n) {
    const double x = plot.data.at(n, 0), y = plot.data.at(n, 1);
    if (inside(x, y)) canvas.dot(frame.px(x), frame.py(y), 1, kBlack);
  }
  for (int n = 0; n < plot.fake.size(0); ++n) {
    const double x = plot.fake.at(n, 0), y = plot.fake.at(n, 1);
    if (inside(x, y)) canvas.dot(frame.px(x), frame.py(y), 1, kGreen);
  }
  for (int n = 0; n < std::min(plot.arrows, plot.fake.size(0)); ++n) {
    const double x = plot.fake.at(n, 0), y = plot.fake.at(n, 1);
    const double gx = plot.descent.at(n, 0), gy = plot.descent.at(n, 1);
    const double norm = std::sqrt(gx * gx + gy * gy);
    if (!inside(x, y) || !(norm > 0)) continue;
    const double length = std::min(40.0, plot.pixels_per_unit * norm);
    const double ux = gx / norm, uy = -gy / norm;  // pixel y grows downwards
    const double x0 = frame.px(x), y0 = frame.py(y), x1 = x0 + length * ux, y1 = y0 + length * uy;
    canvas.line(x0, y0, x1, y1, kDarkGreen, 2);
    const double head = std::min(6.0, 0.5 * length);  // two strokes at +-30 degrees back from the tip
    canvas.line(x1, y1, x1 - head * (0.866 * ux - 0.5 * uy), y1 - head * (0.5 * ux + 0.866 * uy), kDarkGreen, 2);
    canvas.line(x1, y1, x1 - head * (0.866 * ux + 0.5 * uy), y1 - head * (-0.5 * ux + 0.866 * uy), kDarkGreen, 2);
  }
  draw_axes(canvas, frame, e > 4 ? 2 : 1, e > 4 ? 2 : 1, "X1", "X2", false);
  canvas.text(60, 8, plot.title, kBlack, 2);
  legend_entry(canvas, 60, 26, kBlack, "DATA");
  legend_entry(canvas, 160, 26, kGreen, "G(Z)");
  legend_entry(canvas, 260, 26, kDarkGreen, "-DL_G/DX");
  // The colour bar: D from 0 (bottom) to 1 (top).
  for (int py = frame.top; py <= frame.bottom; ++py) {
    const double d = 1.0 - static_cast<double>(py - frame.top) / (frame.bottom - frame.top);
    canvas.fill_rect(540, py, 556, py, diverging(d));
  }
  canvas.text(562, frame.top - 2, "1", kBlack, 2);
  canvas.text(562, (frame.top + frame.bottom) / 2 - 5, ".5", kBlack, 2);
  canvas.text(562, frame.bottom - 8, "0", kBlack, 2);
  canvas.text(536, frame.top - 18, "D(X)", kBlack, 2);
  canvas.save(path);
}

}  // namespace gan::toy
