// Digit domains for image-to-image translation, made from MNIST by fixed morphological operations
// (Serra 1982; Gonzalez & Woods, "Digital Image Processing", Ch. 9), so that every pair is exact and
// every run can rebuild them. Images are (N, 1, H, W) in [-1, 1], ink bright (+1), background -1.
// Grey-level morphology with a 3 x 3 structuring element B, clipped at the border:
//   dilation  (x (+) B)(p) = max_{b in B} x(p + b)       strokes grow: "bold"
//   erosion   (x (-) B)(p) = min_{b in B} x(p + b)       strokes shrink: "thin"
//   gradient  g(p) = (x (+) B)(p) - (x (-) B)(p)         the outline: "edges"
// (the morphological gradient lies in [0, 2]; edges maps it back to [-1, 1] as g - 1).
// B is the 3 x 3 square for dilation and the gradient, and the 5-point cross for erosion: MNIST
// strokes are 2 to 4 pixels wide, and the square's erosion wipes the thinnest of them out.
//
//   Tensor outline = edges(digits.images);               // (N, 1, 28, 28) -> (N, 1, 28, 28)
//   TranslationTask task = translation_task("edges2digit");
//   Tensor a = task.make_input(digits.images), b = task.make_target(digits.images);
#pragma once

#include <string>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan::translate {

enum class Element { Square3, Cross3 };  // the 3 x 3 square, the 5-point cross

// x (N, C, H, W) -> (N, C, H, W). Pure functions of x: no randomness, same bytes everywhere.
Tensor dilate(const Tensor& x, Element element);
Tensor erode(const Tensor& x, Element element);
Tensor bold(const Tensor& x);   // dilate(x, Square3)
Tensor thin(const Tensor& x);   // erode(x, Cross3)
Tensor edges(const Tensor& x);  // dilate(x, Square3) - erode(x, Square3) - 1

// A translation task: domain A (the input) and domain B (the target), each made from a plain digit.
//   edges2digit  A = edges(x)  B = x        (pix2pix's edges -> photo, Isola et al. 2017, Fig. 1)
//   digit2edges  A = x         B = edges(x)
//   thin2bold    A = thin(x)   B = bold(x)  (CycleGAN's unpaired setting, Zhu et al. 2017)
//   bold2thin    A = bold(x)   B = thin(x)
struct TranslationTask {
  std::string name;
  Tensor (*make_input)(const Tensor& digits);
  Tensor (*make_target)(const Tensor& digits);
};

std::vector<std::string> translation_task_names();
// Throws std::invalid_argument listing translation_task_names() for any other name.
TranslationTask translation_task(const std::string& name);

// Unpaired training (Zhu et al. 2017, Sec. 3): the N training digits split into disjoint halves by
// position, A from the even rows and B from the odd ones, so no digit is seen in both domains.
// images (N, C, H, W) -> (ceil(N / 2) or floor(N / 2), C, H, W)
Tensor even_rows(const Tensor& images);
Tensor odd_rows(const Tensor& images);

}  // namespace gan::translate
