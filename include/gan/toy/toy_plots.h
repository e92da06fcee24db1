// The toy's two pictures, drawn on a Canvas (canvas.h) and written as PNG.
//
// 1-D (plot_densities_1d), 640 x 400 pixels: over x on the grid, four curves on one axis:
//   p_data (black), the estimate of p_g (blue), the learned D(x) (red) and D*(x) (green, dashed,
//   drawn only where (p_data + p_g) / 2 is at least 1% of its peak: elsewhere D* is a ratio of two
//   vanishing densities), with a grey dotted line at 1/2, where D and D* settle when p_g = p_data.
// 2-D (plot_field_2d), 600 x 600 pixels: the plane [-extent, extent]^2 coloured by the learned
//   D(x) (blue 0, white 1/2, red 1; a colour bar on the right), the data samples as black dots,
//   G's samples as green dots, and at the first `arrows` of G's samples an arrow along -dL_G/dx,
//   the direction G's loss moves that sample (GAN Lab's arrows, Kahng et al. 2018), of length
//   min(40, pixels_per_unit |dL_G/dx|) pixels, so that arrow lengths compare across pictures.
// Both carry a title, labelled axes with ticks, and a legend.
//
//   plot_densities_1d("runs/t/fields/epoch_0005.png", {"MIXTURE1D EPOCH 5", grid, p_data, p_g, d, d_star});
#pragma once

#include <string>
#include <vector>

#include "gan/tensor/tensor.h"
#include "gan/toy/density_estimate.h"

namespace gan::toy {

struct DensityPlot1d {
  std::string title;
  Grid1d grid;
  std::vector<double> p_data, p_g, d, d_star;  // each (G), the grid's points
};

// requires: the four curves have the grid's points. Throws std::runtime_error when the file
// cannot be written.
void plot_densities_1d(const std::string& path, const DensityPlot1d& plot);

struct FieldPlot2d {
  std::string title;
  double extent = 3;          // the plane shown is [-extent, extent]^2
  int field_size = 2;         // F: d holds D at F x F points
  std::vector<double> d;      // (F, F): d[i * F + j] at x = -extent + 2 extent j / (F - 1),
                              //                         y = -extent + 2 extent i / (F - 1)
  Tensor data;                // (N, 2) data samples
  Tensor fake;                // (M, 2) samples of G
  Tensor descent;             // (M, 2) -dL_G/dx at each sample of G (the arrows)
  int arrows = 64;            // arrows drawn, at the first samples of G
  double pixels_per_unit = 10;  // arrow pixels per unit of |dL_G/dx|
};

void plot_field_2d(const std::string& path, const FieldPlot2d& plot);

}  // namespace gan::toy
