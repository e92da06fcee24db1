// The per-epoch picture of a translation run: one row per stage of the translation, a label at its
// left, each image enlarged with crisp pixels (inspect/pictures.h).
//   pix2pix:  A | G(A) | B
//   CycleGAN: A | G(A) | F(G(A)) | B | F(B) | G(F(B))
//
//   write_translation_grid("runs/t/grids/epoch_0001.png", {a, g_a, b}, {"A", "G(A)", "B"});
#pragma once

#include <string>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan::translate {

constexpr int kGridScale = 3;  // each pixel a 3 x 3 block: 28 x 28 digits drawn 84 x 84

// rows: R tensors (M, 1, H, W) of the same shape, values in [-1, 1]; labels: R texts (the canvas
// font's upper-case letters, digits and ( ) | + -). Writes a PNG of M columns and R rows.
void write_translation_grid(const std::string& path, const std::vector<Tensor>& rows,
                            const std::vector<std::string>& labels);

}  // namespace gan::translate
