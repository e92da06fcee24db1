#include <catch2/catch.hpp>

#include "../test_files.h"
#include "gan/toy/toy_plots.h"

using namespace gan::toy;

namespace {

// The PNG's width and height from its IHDR chunk (big-endian at bytes 16 and 20).
std::pair<int, int> png_size(const std::string& png) {
  auto read = [&](int at) {
    int value = 0;
    for (int i = 0; i < 4; ++i) value = value * 256 + static_cast<unsigned char>(png[at + i]);
    return value;
  };
  return {read(16), read(20)};
}

}  // namespace

TEST_CASE("the 1-D and 2-D pictures are written at their stated sizes", "[toy][smoke]") {
  const Grid1d grid{-2, 2, 41};
  std::vector<double> p(41, 0.25), d(41, 0.5);
  const std::string one = scratch_path("toy", "plot_1d.png");
  plot_densities_1d(one, {"TEST", grid, p, p, d, d});
  CHECK(png_size(gan::read_file(one)) == std::make_pair(640, 400));
  CHECK_THROWS_WITH(plot_densities_1d(one, {"TEST", grid, p, p, d, {}}), Catch::Contains("the grid's 41 points"));

  FieldPlot2d field;
  field.title = "TEST";
  field.field_size = 3;
  field.d = std::vector<double>(9, 0.5);
  field.data = gan::Tensor({2, 2});
  field.fake = gan::Tensor::from({2, 2}, {0.5f, 0.5f, 5.0f, 5.0f});  // the second is off the plane
  field.descent = gan::Tensor::from({2, 2}, {1, 0, 1, 0});
  const std::string two = scratch_path("toy", "plot_2d.png");
  plot_field_2d(two, field);
  CHECK(png_size(gan::read_file(two)) == std::make_pair(600, 600));
  field.descent = gan::Tensor({1, 2});
  CHECK_THROWS(plot_field_2d(two, field));
}
