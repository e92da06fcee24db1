#include <catch2/catch.hpp>

#include <stb/stb_image.h>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/io/png.h"

using gan::Tensor;

namespace {

uint32_t big_endian_at(const std::string& bytes, size_t offset) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[offset + i]);
  return value;
}

// The picture decoded back to RGB bytes, for checking pixel by pixel.
struct Picture {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;
  const uint8_t* at(int x, int y) const { return &rgb[(static_cast<size_t>(y) * width + x) * 3]; }
};

Picture decode(const std::string& png) {
  Picture picture;
  int channels = 0;
  unsigned char* pixels =
      stbi_load_from_memory(reinterpret_cast<const unsigned char*>(png.data()), static_cast<int>(png.size()),
                            &picture.width, &picture.height, &channels, 3);
  REQUIRE(pixels);
  picture.rgb.assign(pixels, pixels + picture.width * picture.height * 3);
  stbi_image_free(pixels);
  return picture;
}

}  // namespace

TEST_CASE("write_png_grid lays out tiles with grey padding, and IHDR has the grid's size", "[io]") {
  // Three 4x5 grey images in rows of two, padding 1: 2 * (5 + 1) + 1 = 13 wide, 2 * (4 + 1) + 1 = 11 high.
  Tensor images({3, 1, 4, 5});
  for (int w = 0; w < 5; ++w) images.at(0, 0, 0, w) = -1.0f;  // image 0: first row black
  images.at(1, 0, 3, 4) = 1.0f;                               // image 1: last pixel white
  images.at(2, 0, 1, 1) = 7.0f;                               // image 2: clamped to white
  images.at(2, 0, 1, 2) = -0.5f;                              // (-0.5 + 1) * 127.5 = 63.75 -> 64
  const std::string path = scratch_path("io", "grid_grey.png");
  gan::write_png_grid(path, images, 2, 1);

  const std::string png = gan::read_file(path);
  REQUIRE(png.size() > 33);
  CHECK(png.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
  CHECK(png.compare(12, 4, "IHDR") == 0);
  CHECK(big_endian_at(png, 16) == 13);    // width
  CHECK(big_endian_at(png, 20) == 11);    // height
  CHECK(static_cast<int>(png[24]) == 8);  // bit depth
  CHECK(static_cast<int>(png[25]) == 2);  // colour type: RGB

  Picture picture = decode(png);
  REQUIRE(picture.width == 13);
  CHECK(picture.at(0, 0)[0] == 128);          // padding
  CHECK(picture.at(1, 1)[0] == 0);            // image 0 at (1, 1): row 0 black
  CHECK(picture.at(1, 2)[1] == 128);          // image 0 row 1: 0 -> round(127.5) = 128
  CHECK(picture.at(6, 1)[2] == 128);          // the padding column between tiles
  CHECK(picture.at(7 + 4, 1 + 3)[0] == 255);  // image 1 at (7, 1): last pixel white
  CHECK(picture.at(1 + 1, 6 + 1)[0] == 255);  // image 2 at (1, 6): the clamped 7
  CHECK(picture.at(1 + 2, 6 + 1)[0] == 64);
  CHECK(picture.at(8, 8)[0] == 128);  // the empty fourth cell is background
}

TEST_CASE("write_png_grid keeps the colours of RGB images and uses at most N columns", "[io]") {
  Tensor images({1, 3, 2, 2});
  for (int h = 0; h < 2; ++h) {
    for (int w = 0; w < 2; ++w) {
      images.at(0, 0, h, w) = 1.0f;   // red
      images.at(0, 1, h, w) = -1.0f;  // no green
      images.at(0, 2, h, w) = 0.0f;   // half blue
    }
  }
  const std::string path = scratch_path("io", "grid_rgb.png");
  gan::write_png_grid(path, images, 8);  // one image: one column, default padding 2
  Picture picture = decode(gan::read_file(path));
  CHECK(picture.width == 6);
  CHECK(picture.height == 6);
  CHECK(std::vector<uint8_t>(picture.at(2, 2), picture.at(2, 2) + 3) == std::vector<uint8_t>{255, 0, 128});
}

TEST_CASE("write_png_grid and write_png reject bad arguments", "[io]") {
  const std::string path = scratch_path("io", "never_written.png");
  CHECK_THROWS_WITH(gan::write_png_grid(path, Tensor({2, 2, 4, 4}), 2),
                    "write_png_grid: images must be (N, C, H, W) with C = 1 or 3, got (2, 2, 4, 4)");
  CHECK_THROWS_WITH(gan::write_png_grid(path, Tensor({2, 16}), 2),
                    "write_png_grid: images must be (N, C, H, W), got (2, 16)");
  CHECK_THROWS_WITH(gan::write_png_grid(path, Tensor({2, 1, 4, 4}), 0),
                    "write_png_grid: columns must be >= 1 and padding >= 0, got columns 0, padding 2");
  CHECK_THROWS_WITH(gan::write_png(path, std::vector<uint8_t>(10), 2, 2),
                    "write_png: " + path + ": rgb must hold width * height * 3 = 12 bytes for 2x2, got 10");
}
