#include "gan/io/png.h"

#include <stb/stb_image_write.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "gan/io/atomic_file.h"

namespace gan {

namespace {

constexpr uint8_t kPaddingGrey = 128;

uint8_t to_byte(float x) {
  if (std::isnan(x)) return 0;
  return static_cast<uint8_t>(std::lround((std::clamp(x, -1.0f, 1.0f) + 1.0f) * 127.5f));
}

}  // namespace

void write_png_grid(const std::string& path, const Tensor& images, int columns, int padding) {
  require_rank("write_png_grid", "images", images.shape, 4, "(N, C, H, W)");
  const int N = images.size(0), C = images.size(1), H = images.size(2), W = images.size(3);
  if (C != 1 && C != 3) {
    throw std::invalid_argument("write_png_grid: images must be (N, C, H, W) with C = 1 or 3, got " +
                                images.shape.str());
  }
  if (N < 1 || H < 1 || W < 1) {
    throw std::invalid_argument("write_png_grid: images must hold at least one pixel, got " + images.shape.str());
  }
  if (columns < 1 || padding < 0) {
    throw std::invalid_argument("write_png_grid: columns must be >= 1 and padding >= 0, got columns " +
                                std::to_string(columns) + ", padding " + std::to_string(padding));
  }
  const int cols = std::min(columns, N);
  const int rows = (N + cols - 1) / cols;
  const int width = cols * (W + padding) + padding;
  const int height = rows * (H + padding) + padding;
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3, kPaddingGrey);
  for (int n = 0; n < N; ++n) {
    const int left = padding + (n % cols) * (W + padding);
    const int top = padding + (n / cols) * (H + padding);
    for (int h = 0; h < H; ++h) {
      for (int w = 0; w < W; ++w) {
        uint8_t* pixel = &rgb[(static_cast<size_t>(top + h) * width + left + w) * 3];
        for (int channel = 0; channel < 3; ++channel) {
          pixel[channel] = to_byte(images.at(n, C == 1 ? 0 : channel, h, w));  // grey: the same in R, G, B
        }
      }
    }
  }
  write_png(path, rgb, width, height);
}

void write_png(const std::string& path, const std::vector<uint8_t>& rgb, int width, int height) {
  if (width < 1 || height < 1 || rgb.size() != static_cast<size_t>(width) * height * 3) {
    throw std::invalid_argument(
        "write_png: " + path + ": rgb must hold width * height * 3 = " + std::to_string(int64_t{width} * height * 3) +
        " bytes for " + std::to_string(width) + "x" + std::to_string(height) + ", got " + std::to_string(rgb.size()));
  }
  // stb encodes into memory through a callback; the file itself is then written atomically.
  std::string png;
  auto append = [](void* context, void* data, int size) {
    static_cast<std::string*>(context)->append(static_cast<const char*>(data), size);
  };
  if (!stbi_write_png_to_func(append, &png, width, height, 3, rgb.data(), width * 3)) {
    throw std::runtime_error(path + ": the PNG encoder failed");
  }
  write_file_atomically(path, png);
}

}  // namespace gan
