// The morphological operations of domains.h: one pass over every pixel, taking the max or the min
// over the structuring element's offsets that fall inside the image.
#include "gan/translate/domains.h"

#include <algorithm>
#include <stdexcept>

namespace gan::translate {
namespace {

struct Offset {
  int dy, dx;
};

std::vector<Offset> offsets(Element element) {
  if (element == Element::Cross3) return {{0, 0}, {-1, 0}, {1, 0}, {0, -1}, {0, 1}};
  std::vector<Offset> square;
  for (int dy = -1; dy <= 1; ++dy)
    for (int dx = -1; dx <= 1; ++dx) square.push_back({dy, dx});
  return square;
}

// take(a, b) is max for dilation, min for erosion; the pixel itself is always in B, so `best`
// starts from it.
template <class Take>
Tensor morphology(const Tensor& x, Element element, Take take) {
  require_rank("morphology", "x", x.shape, 4, "(N, C, H, W)");
  const int N = x.size(0), C = x.size(1), H = x.size(2), W = x.size(3);
  const std::vector<Offset> B = offsets(element);
  Tensor y(x.shape);
  for (int n = 0; n < N; ++n)
    for (int c = 0; c < C; ++c)
      for (int h = 0; h < H; ++h)
        for (int w = 0; w < W; ++w) {
          float best = x.at(n, c, h, w);
          for (const Offset& b : B) {
            const int hh = h + b.dy, ww = w + b.dx;
            if (hh < 0 || hh >= H || ww < 0 || ww >= W) continue;
            best = take(best, x.at(n, c, hh, ww));
          }
          y.at(n, c, h, w) = best;
        }
  return y;
}

Tensor identity(const Tensor& x) { return x; }

Tensor rows(const Tensor& images, int first) {
  require_rank("rows", "images", images.shape, 4, "(N, C, H, W)");
  const int N = images.size(0);
  const int64_t per = images.numel() / std::max(N, 1);
  Shape shape = images.shape;
  shape.sizes[0] = (N - first + 1) / 2;
  Tensor out(shape);
  for (int i = 0; i < shape[0]; ++i)
    std::copy_n(images.ptr() + (2 * i + first) * per, per, out.ptr() + i * per);
  return out;
}

}  // namespace

Tensor dilate(const Tensor& x, Element element) {
  return morphology(x, element, [](float a, float b) { return std::max(a, b); });
}

Tensor erode(const Tensor& x, Element element) {
  return morphology(x, element, [](float a, float b) { return std::min(a, b); });
}

Tensor bold(const Tensor& x) { return dilate(x, Element::Square3); }
Tensor thin(const Tensor& x) { return erode(x, Element::Cross3); }

Tensor edges(const Tensor& x) {
  Tensor g = dilate(x, Element::Square3);
  const Tensor eroded = erode(x, Element::Square3);
  for (int64_t i = 0; i < g.numel(); ++i) g.data[i] = g.data[i] - eroded.data[i] - 1.0f;
  return g;
}

std::vector<std::string> translation_task_names() { return {"edges2digit", "digit2edges", "thin2bold", "bold2thin"}; }

TranslationTask translation_task(const std::string& name) {
  if (name == "edges2digit") return {name, edges, identity};
  if (name == "digit2edges") return {name, identity, edges};
  if (name == "thin2bold") return {name, thin, bold};
  if (name == "bold2thin") return {name, bold, thin};
  std::string names;
  for (const std::string& known : translation_task_names()) names += (names.empty() ? "" : "|") + known;
  throw std::invalid_argument("unknown translation task '" + name + "'; expected " + names);
}

Tensor even_rows(const Tensor& images) { return rows(images, 0); }
Tensor odd_rows(const Tensor& images) { return rows(images, 1); }

}  // namespace gan::translate
