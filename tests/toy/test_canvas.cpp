#include <catch2/catch.hpp>

#include "../test_files.h"
#include "gan/toy/canvas.h"

using namespace gan::toy;

TEST_CASE("a canvas draws lines, text and dots, ignores what falls outside, and saves a PNG", "[toy][smoke]") {
  Canvas canvas(40, 20, kWhite);
  canvas.line(-10, 5, 100, 5, kBlack);       // clipped at both ends
  canvas.text(0, 10, "A1", kBlack, 1);         // 'A' = rows 010 101 111 101 101 at (0..2, 10..14)
  canvas.dot(35, 15, 1, Rgb{255, 0, 0});
  const std::string path = scratch_path("toy", "canvas.png");
  canvas.save(path);
  const std::string png = gan::read_file(path);
  REQUIRE(png.size() > 24);
  CHECK(png.substr(1, 3) == "PNG");
  // The IHDR chunk holds the width and height, big-endian, at bytes 16 and 20.
  CHECK(static_cast<unsigned char>(png[19]) == 40);
  CHECK(static_cast<unsigned char>(png[23]) == 20);
  CHECK(Canvas::text_width("A1", 2) == 16);
}
