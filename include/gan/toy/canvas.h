// Canvas: an RGB picture drawn pixel by pixel, for the toy's plots (toy_plots.h). Lines, dots,
// rectangles and text in a 3x5-pixel font (capital letters, digits and a little punctuation;
// small letters are drawn as capitals), each drawn `scale` times larger. Drawing outside the
// picture is ignored. Saved with io/png.h, atomically.
//
//   Canvas canvas(320, 200, kWhite);
//   canvas.line(10, 190, 310, 10, kBlack, 2);
//   canvas.text(10, 10, "D*(x)", kBlack, 2);
//   canvas.save("plot.png");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gan::toy {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
};

constexpr Rgb kWhite{255, 255, 255};
constexpr Rgb kBlack{0, 0, 0};

class Canvas {
 public:
  Canvas(int width, int height, Rgb background);

  int width() const { return width_; }
  int height() const { return height_; }
  void set(int x, int y, Rgb colour);
  void fill_rect(int x0, int y0, int x1, int y1, Rgb colour);  // corners included, in any order
  // A straight line between two points (in pixels, fractions allowed), `thickness` pixels wide;
  // with dash > 0, drawn `dash` pixels on, `dash` off.
  void line(double x0, double y0, double x1, double y1, Rgb colour, int thickness = 1, int dash = 0);
  void dot(double x, double y, int radius, Rgb colour);  // a filled disc
  // Text whose top-left corner is (x, y); each character is 4 * scale pixels wide (glyph and gap).
  void text(int x, int y, const std::string& text, Rgb colour, int scale = 1);
  static int text_width(const std::string& text, int scale) { return static_cast<int>(text.size()) * 4 * scale; }
  void save(const std::string& path) const;

 private:
  int width_, height_;
  std::vector<uint8_t> rgb_;  // (height, width, 3), row 0 at the top
};

}  // namespace gan::toy
