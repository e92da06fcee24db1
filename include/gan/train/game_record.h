// What the report's views of the game need (GANViz: Wang, Gou, Yang and Shen, IEEE TVCG 2018;
// docs/report.md), recorded by the trainer at the end of every epoch on the fixed probe sets:
// 256 real images and G's images of 256 fixed z. Every pass runs D and G in evaluation mode
// (batch norm on its running statistics), so a probe's numbers do not depend on the others.
//
// Files in the run folder (epoch_0001 stands for each epoch):
//   probabilities/epoch_0001.csv   index,d_real,d_fake: D(x) of real probe i and D(G(z_i))
//   activations/epoch_0001.csv     layer,shape,unit,real_mean,fake_mean: for each nonlinearity of D
//                                  (Discriminator::forward_recording), each unit's mean output over
//                                  the real and over the fake probes; a channel of a convolution
//                                  counts as one unit, its mean taken over all its pixels
//   projection/epoch_0001.csv      set,index,feature_x,feature_y,pixel_x,pixel_y: every probe (set
//                                  real or fake) on the first two principal axes of the real probes,
//                                  in D's penultimate features and in pixels
//   projection/basis_features.npy  (3, F) float32: the features' mean, then the two axes; fitted
//   projection/basis_pixels.npy    (3, P) float32 once, at the first epoch, so that every epoch is
//                                  seen along the same axes and the fakes can be watched moving
//   probes/real.png                the real probes, 16 x 16 tiles without gaps (written once)
//   probes/epoch_0001.png          the fake probes of the epoch, the same tiling
//   tensorpath/epoch_0001_layer1.png  TensorPath: for the first 4 real and the first 4 fake probes,
//                                  one band each (real first, bands 2 pixels apart), each band the
//                                  maps of D's hidden layer 1, channel after channel in rows of
//                                  kTensorPathColumns tiles 1 pixel apart (a layer of plain units:
//                                  one tile of rows of 32 units); colour by value / the largest
//                                  value of the layer in the picture (below 0 is the darkest)
//   filters/epoch_0001.png         D's first-layer weights, one tile per output unit or channel
//                                  (at most 64; each input channel's kernel, or a unit's weights
//                                  on the image as an image), blue below 0, red above, white at 0,
//                                  scaled by the largest |weight|
#pragma once

#include <string>
#include <vector>

#include "gan/metrics/pca.h"
#include "gan/models/gan_models.h"
#include "gan/tensor/tensor.h"

namespace gan {

constexpr int kTensorPathProbes = 4;    // real and fake probes shown in TensorPath, each
constexpr int kTensorPathColumns = 16;  // channel tiles per row of a band
constexpr int kMaxFilterTiles = 64;

// The probe sets, fixed for a run.
struct Probes {
  Tensor real;                    // (P, C, H, W)
  std::vector<int> real_labels;   // P classes when conditional, else empty
  Tensor z;                       // (P, Z)
  std::vector<int> z_labels;      // the classes G draws for, when conditional
};

// D's view of the probes after one epoch.
struct ProbePass {
  Tensor fake;                                // G's images of the probe z, (P, C, H, W)
  std::vector<float> d_real_logits, d_fake_logits;  // (P)
  // Per hidden layer of D: each unit's mean output over the real and over the fake probes.
  std::vector<std::vector<double>> real_unit_means, fake_unit_means;
  std::vector<Shape> hidden_shapes;           // a hidden layer's output for one image: (64, 14, 14)
  Tensor real_features, fake_features;        // the last hidden layer, flattened: (P, F)
  std::vector<Tensor> tensorpath;             // per hidden layer: the maps of the TensorPath
                                              // probes, (2 * kTensorPathProbes, ...) real first
};

// Runs G and D over the probes `batch` images at a time, in evaluation mode and without a graph,
// and puts both back in training mode.
ProbePass run_probes(Generator& G, Discriminator& D, const Probes& probes, int batch);

// The two principal axes of one space, fitted on the real probes.
struct ProjectionBasis {
  std::vector<float> mean, x_axis, y_axis;  // (D) each
};

// Fits the basis on x (N, D) (metrics/pca.h), rounded to float: what basis_*.npy holds.
ProjectionBasis fit_projection(const Tensor& x, Rng& rng);
// Each row of x (N, D) as (x_n - mean) . axis, summed in double in index order: (N, 2) row-major.
std::vector<double> project_rows(const ProjectionBasis& basis, const Tensor& x);

// Writes the epoch's files listed above except the probabilities (the trainer's), fitting the
// projection bases on the first call (or reading them back when the run folder already has
// them: a resumed run). `name` is "epoch_0001". Returns nothing; throws std::runtime_error on a
// write error or an unreadable basis file, naming it.
class GameRecorder {
 public:
  GameRecorder(std::string out, uint64_t seed);
  void record(const std::string& name, const ProbePass& pass, const Probes& probes, Discriminator& D);

 private:
  void fit_or_read_bases(const ProbePass& pass, const Probes& probes);

  std::string out_;
  uint64_t seed_;
  bool have_bases_ = false;
  ProjectionBasis features_basis_, pixels_basis_;
};

// The folders GameRecorder writes into, relative to the run folder.
const std::vector<std::string>& game_record_folders();

}  // namespace gan
