#include "gan/toy/canvas.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "gan/io/png.h"

namespace gan::toy {

namespace {

// The 3x5 font: per character, five rows from the top, each a digit 0-7 whose bits 4, 2, 1 are
// the left, middle and right pixel.
struct Glyph {
  char c;
  const char* rows;
};

constexpr Glyph kFont[] = {
    {'0', "75557"}, {'1', "26227"}, {'2', "71747"}, {'3', "71317"}, {'4', "55711"}, {'5', "74717"},
    {'6', "74757"}, {'7', "71122"}, {'8', "75757"}, {'9', "75717"}, {'A', "25755"}, {'B', "65656"},
    {'C', "34443"}, {'D', "65556"}, {'E', "74647"}, {'F', "74644"}, {'G', "34553"}, {'H', "55755"},
    {'I', "72227"}, {'J', "11152"}, {'K', "55655"}, {'L', "44447"}, {'M', "57755"}, {'N', "65555"},
    {'O', "25552"}, {'P', "65644"}, {'Q', "25563"}, {'R', "65655"}, {'S', "34216"}, {'T', "72222"},
    {'U', "55557"}, {'V', "55552"}, {'W', "55775"}, {'X', "55255"}, {'Y', "55222"}, {'Z', "71247"},
    {' ', "00000"}, {'.', "00002"}, {',', "00024"}, {'-', "00700"}, {'+', "02720"}, {'(', "12221"},
    {')', "42224"}, {':', "02020"}, {'=', "07070"}, {'/', "11244"}, {'*', "05250"}, {'|', "22222"},
    {'_', "00007"}, {'<', "12421"}, {'>', "42124"}, {'[', "64446"}, {']', "31113"}, {'%', "51245"},
    {'\'', "22000"}, {'^', "25000"},
};

const char* glyph_rows(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  for (const Glyph& glyph : kFont) {
    if (glyph.c == c) return glyph.rows;
  }
  return "77777";  // a block for a character the font lacks
}

}  // namespace

Canvas::Canvas(int width, int height, Rgb background) : width_(width), height_(height) {
  rgb_.resize(static_cast<size_t>(width) * height * 3);
  for (size_t i = 0; i < rgb_.size(); i += 3) rgb_[i] = background.r, rgb_[i + 1] = background.g, rgb_[i + 2] = background.b;
}

void Canvas::set(int x, int y, Rgb colour) {
  if (x < 0 || y < 0 || x >= width_ || y >= height_) return;
  uint8_t* pixel = &rgb_[(static_cast<size_t>(y) * width_ + x) * 3];
  pixel[0] = colour.r, pixel[1] = colour.g, pixel[2] = colour.b;
}

void Canvas::fill_rect(int x0, int y0, int x1, int y1, Rgb colour) {
  for (int y = std::min(y0, y1); y <= std::max(y0, y1); ++y) {
    for (int x = std::min(x0, x1); x <= std::max(x0, x1); ++x) set(x, y, colour);
  }
}

void Canvas::line(double x0, double y0, double x1, double y1, Rgb colour, int thickness, int dash) {
  // One step per pixel along the longer axis; at each, a thickness x thickness square.
  const double length = std::max(std::abs(x1 - x0), std::abs(y1 - y0));
  const int steps = std::max(1, static_cast<int>(std::ceil(length)));
  const int low = -(thickness - 1) / 2, high = thickness / 2;
  for (int s = 0; s <= steps; ++s) {
    if (dash > 0 && (s / dash) % 2 == 1) continue;
    const double t = static_cast<double>(s) / steps;
    const int x = static_cast<int>(std::lround(x0 + t * (x1 - x0)));
    const int y = static_cast<int>(std::lround(y0 + t * (y1 - y0)));
    fill_rect(x + low, y + low, x + high, y + high, colour);
  }
}

void Canvas::dot(double x, double y, int radius, Rgb colour) {
  const int cx = static_cast<int>(std::lround(x)), cy = static_cast<int>(std::lround(y));
  for (int dy = -radius; dy <= radius; ++dy) {
    for (int dx = -radius; dx <= radius; ++dx) {
      if (dx * dx + dy * dy <= radius * radius + radius) set(cx + dx, cy + dy, colour);
    }
  }
}

void Canvas::text(int x, int y, const std::string& text, Rgb colour, int scale) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char* rows = glyph_rows(text[i]);
    const int left = x + static_cast<int>(i) * 4 * scale;
    for (int row = 0; row < 5; ++row) {
      const int bits = rows[row] - '0';
      for (int column = 0; column < 3; ++column) {
        if (bits & (4 >> column)) {
          fill_rect(left + column * scale, y + row * scale, left + (column + 1) * scale - 1, y + (row + 1) * scale - 1,
                    colour);
        }
      }
    }
  }
}

void Canvas::save(const std::string& path) const { write_png(path, rgb_, width_, height_); }

}  // namespace gan::toy
