// The pictures of `gan inspect`: images enlarged with crisp pixels (each pixel a scale x scale
// block), heat maps and masks laid over them, labelled grids and a line chart, drawn on the toy's
// Canvas (toy/canvas.h) and saved as PNG.
//
//   toy::Canvas canvas(grid_width(8, 28, 4), grid_height(2, 28, 4, 12), kGap);
//   draw_image(canvas, tile_x(0, 28, 4), tile_y(0, 28, 4, 12), images, 0, 4);   // image 0, 4x larger
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gan/tensor/tensor.h"
#include "gan/toy/canvas.h"

namespace gan::inspect {

constexpr toy::Rgb kGap{96, 96, 96};  // between tiles: both dark and light digits stand out

// A grid of tiles `size * scale` pixels square with a 4-pixel gap, and `caption` pixels of room for
// text above each row of tiles. tile_x / tile_y give a tile's top-left corner.
constexpr int kTileGap = 4;
inline int grid_width(int columns, int size, int scale) { return columns * (size * scale + kTileGap) + kTileGap; }
inline int grid_height(int rows, int size, int scale, int caption) {
  return rows * (size * scale + kTileGap + caption) + kTileGap;
}
inline int tile_x(int column, int size, int scale) { return kTileGap + column * (size * scale + kTileGap); }
inline int tile_y(int row, int size, int scale, int caption) {
  return kTileGap + caption + row * (size * scale + kTileGap + caption);
}

// Image n of images (N, C, H, W), C = 1 or 3, values in [-1, 1], at (x, y).
void draw_image(toy::Canvas& canvas, int x, int y, const Tensor& images, int n, int scale);

// Image n (C = 1), dimmed, with heat (H x W values) laid over it: red where heat < 0, blue where
// heat > 0, opacity |heat| / max_abs (max_abs > 0; 0 draws the image alone).
void draw_heat(toy::Canvas& canvas, int x, int y, const Tensor& images, int n, const float* heat, double max_abs,
               int scale);

// Image n (C = 1) with the pixels where mask != 0 tinted orange.
void draw_mask(toy::Canvas& canvas, int x, int y, const Tensor& images, int n, const uint8_t* mask, int scale);

// images (N, C, H, W) as `columns` tiles per row, `scale` times larger, without captions.
void save_image_grid(const std::string& path, const Tensor& images, int columns, int scale);

// A line chart: one line per series over the same x values, with its name in the legend, axes
// with their extremes written, a title and axis labels. requires: x.size() >= 2, each series as
// long as x.
struct Series {
  std::string name;
  std::vector<double> y;
  toy::Rgb colour;
};
void save_line_chart(const std::string& path, const std::string& title, const std::string& x_label,
                     const std::string& y_label, const std::vector<double>& x, const std::vector<Series>& series);

}  // namespace gan::inspect
