#include <catch2/catch.hpp>

#include "gan/translate/domains.h"

using namespace gan;
using namespace gan::translate;

namespace {

// A 1 x 1 x 5 x 5 picture from rows of '#' (ink, +1) and '.' (background, -1).
Tensor picture(const std::vector<std::string>& rows) {
  Tensor x({1, 1, 5, 5});
  for (int h = 0; h < 5; ++h)
    for (int w = 0; w < 5; ++w) x.at(0, 0, h, w) = rows[h][w] == '#' ? 1.0f : -1.0f;
  return x;
}

}  // namespace

TEST_CASE("dilation grows a stroke by the 3 x 3 square, clipped at the border", "[translate]") {
  const Tensor dot = picture({".....", ".....", "..#..", ".....", "....."});
  CHECK(bold(dot).data == picture({".....", ".###.", ".###.", ".###.", "....."}).data);
  const Tensor corner = picture({"#....", ".....", ".....", ".....", "....."});
  CHECK(bold(corner).data == picture({"##...", "##...", ".....", ".....", "....."}).data);
}

TEST_CASE("erosion by the cross keeps only pixels whose four neighbours are ink", "[translate]") {
  const Tensor plus = picture({".....", "..#..", ".###.", "..#..", "....."});
  CHECK(thin(plus).data == picture({".....", ".....", "..#..", ".....", "....."}).data);
  // At the border only the neighbours inside count: a full image stays full.
  const Tensor full = picture({"#####", "#####", "#####", "#####", "#####"});
  CHECK(thin(full).data == full.data);
}

TEST_CASE("edges are the morphological gradient: ink next to background, shifted to [-1, 1]", "[translate]") {
  const Tensor block = picture({".....", ".###.", ".###.", ".###.", "....."});
  // dilate - erode: 2 on every pixel whose 3 x 3 neighbourhood holds both ink and background.
  const Tensor expected = picture({"#####", "#####", "##.##", "#####", "#####"});
  CHECK(edges(block).data == expected.data);
  // Grey levels: a step from -1 to 0 has gradient 1, so its edge is 0.
  Tensor step({1, 1, 1, 2});
  step.data = {-1.0f, 0.0f};
  CHECK(edges(step).data == std::vector<float>{0.0f, 0.0f});
}

TEST_CASE("tasks make A and B from the same digits, and unpaired halves are disjoint", "[translate]") {
  const Tensor dot = picture({".....", ".....", "..#..", ".....", "....."});
  CHECK(translation_task("edges2digit").make_target(dot).data == dot.data);
  CHECK(translation_task("thin2bold").make_input(dot).data == thin(dot).data);
  CHECK(translation_task("thin2bold").make_target(dot).data == bold(dot).data);
  CHECK_THROWS_WITH(translation_task("summer2winter"), Catch::Contains("edges2digit|digit2edges|thin2bold|bold2thin"));
  Tensor five({5, 1, 1, 1});
  five.data = {0, 1, 2, 3, 4};
  CHECK(even_rows(five).data == std::vector<float>{0, 2, 4});
  CHECK(odd_rows(five).data == std::vector<float>{1, 3});
}
