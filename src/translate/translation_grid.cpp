#include "gan/translate/translation_grid.h"

#include <algorithm>
#include <stdexcept>

#include "gan/inspect/pictures.h"

namespace gan::translate {

void write_translation_grid(const std::string& path, const std::vector<Tensor>& rows,
                            const std::vector<std::string>& labels) {
  if (rows.empty() || rows.size() != labels.size())
    throw std::invalid_argument("write_translation_grid: expected one label per row and at least one row");
  const int M = rows[0].size(0), size = rows[0].size(2);
  constexpr int kTextScale = 3;
  int label_width = 0;
  for (const std::string& label : labels) label_width = std::max(label_width, toy::Canvas::text_width(label, kTextScale));
  label_width += 2 * inspect::kTileGap;
  const int R = static_cast<int>(rows.size());
  toy::Canvas canvas(label_width + inspect::grid_width(M, size, kGridScale), inspect::grid_height(R, size, kGridScale, 0),
                     inspect::kGap);
  for (int r = 0; r < R; ++r) {
    const int y = inspect::tile_y(r, size, kGridScale, 0);
    canvas.text(inspect::kTileGap, y + (size * kGridScale - 5 * kTextScale) / 2, labels[r], {255, 255, 255}, kTextScale);
    for (int m = 0; m < M; ++m) inspect::draw_image(canvas, label_width + inspect::tile_x(m, size, kGridScale), y, rows[r], m, kGridScale);
  }
  canvas.save(path);
}

}  // namespace gan::translate
