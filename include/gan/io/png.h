// PNG pictures: grids of generated samples, and any RGB picture (plots).
//
//   write_png_grid("runs/a/samples/epoch_0001.png", G_samples, 8);   // (64, 1, 28, 28) -> 8 x 8 tiles
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan {

// Tiles images (N, C, H, W), C = 1 (grey) or 3 (RGB), in rows of min(columns, N) tiles, row by
// row, with `padding` pixels of mid-grey (128) around and between tiles, so that both dark and
// light digits stand out from the gaps. A value x in [-1, 1] becomes round((x + 1) * 127.5);
// values outside are clamped, NaN is drawn as -1.
// Picture size: width = cols * (W + padding) + padding, height = rows * (H + padding) + padding,
// with cols = min(columns, N) and rows = ceil(N / cols).
// Throws std::invalid_argument for a bad shape, columns < 1 or padding < 0.
void write_png_grid(const std::string& path, const Tensor& images, int columns, int padding = 2);

// An 8-bit RGB picture, rgb[(y * width + x) * 3 + channel], row 0 at the top; written atomically.
void write_png(const std::string& path, const std::vector<uint8_t>& rgb, int width, int height);

}  // namespace gan
