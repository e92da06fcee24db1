#include "gan/train/game_record.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "gan/io/atomic_file.h"
#include "gan/io/csv.h"
#include "gan/io/npy.h"
#include "gan/io/png.h"

namespace gan {

namespace {

namespace fs = std::filesystem;

constexpr int kProbeTileColumns = 16;
constexpr int kBandGap = 2;            // pixels between the TensorPath bands
constexpr int kUnitRowLength = 32;     // a layer of plain units is drawn in rows of 32
enum : uint64_t { kProjectionStream = 8 };  // the trainer's fixed streams end at 7

// Rows [begin, begin + count) of h (n, ...), each flattened, appended to rows.
void append_rows(const Tensor& h, int begin, int count, ScalarStorage& rows) {
  const int64_t row = h.numel() / h.size(0);
  rows.insert(rows.end(), h.data.begin() + begin * row, h.data.begin() + (begin + count) * row);
}

// Rows [begin, begin + count) of x (N, ...), as a tensor of count rows.
Tensor rows_of(const Tensor& x, int begin, int count) {
  Shape shape = x.shape;
  shape.sizes[0] = count;
  ScalarStorage values;
  append_rows(x, begin, count, values);
  return Tensor(shape, std::move(values));
}

std::vector<int> labels_of(const std::vector<int>& labels, int begin, int count) {
  if (labels.empty()) return {};
  return std::vector<int>(labels.begin() + begin, labels.begin() + begin + count);
}

// Adds each unit's (channel's) outputs in h (n, units, ...) to sums[unit], image by image and
// pixel by pixel, in index order: the same order whatever the batch.
void add_unit_sums(const Tensor& h, std::vector<double>& sums) {
  const int n = h.size(0), units = h.size(1);
  const int64_t pixels = h.numel() / (int64_t{n} * units);
  if (sums.empty()) sums.assign(units, 0.0);
  for (int i = 0; i < n; ++i) {
    for (int u = 0; u < units; ++u) {
      const float* values = h.ptr() + (int64_t{i} * units + u) * pixels;
      for (int64_t p = 0; p < pixels; ++p) sums[u] += values[p];
    }
  }
}

// One pass of D over images (n, C, H, W): logits appended, unit sums added, the last hidden layer
// appended to features, the first `keep` images' maps appended to tensorpath.
void pass_through_d(Discriminator& D, const Tensor& images, const std::vector<int>& labels, int keep,
                    std::vector<float>& logits, std::vector<std::vector<double>>& unit_sums,
                    ScalarStorage& features, std::vector<ScalarStorage>& tensorpath,
                    std::vector<Shape>& hidden_shapes) {
  std::vector<Tensor> hidden;
  Tensor out = D.forward_recording(Variable(images), labels, hidden).value();
  logits.insert(logits.end(), out.data.begin(), out.data.end());
  unit_sums.resize(hidden.size());
  tensorpath.resize(hidden.size());
  hidden_shapes.resize(hidden.size());
  for (size_t l = 0; l < hidden.size(); ++l) {
    Shape one = hidden[l].shape;  // drop N: one image's shape
    for (int a = 1; a < one.rank; ++a) one.sizes[a - 1] = one[a];
    one.sizes[one.rank - 1] = 0;
    one.rank -= 1;
    hidden_shapes[l] = one;
    add_unit_sums(hidden[l], unit_sums[l]);
    append_rows(hidden[l], 0, std::min(keep, hidden[l].size(0)), tensorpath[l]);
  }
  append_rows(hidden.back(), 0, hidden.back().size(0), features);
}

Shape with_rows(Shape one, int rows) {
  Shape shape = one;
  shape.rank = one.rank + 1;
  shape.sizes[0] = rows;
  for (int a = 0; a < one.rank; ++a) shape.sizes[a + 1] = one[a];
  return shape;
}

std::string shape_text(const Shape& shape) {
  std::string text;
  for (int a = 0; a < shape.rank; ++a) text += (a ? "x" : "") + std::to_string(shape[a]);
  return text;
}

// A sequential colour ramp for t in [0, 1]: dark blue, teal, yellow (readable when printed grey).
void ramp_colour(double t, uint8_t* rgb) {
  static const double stops[3][3] = {{20, 24, 82}, {32, 146, 140}, {250, 230, 60}};
  t = std::clamp(t, 0.0, 1.0) * 2.0;
  const int i = t >= 1.0 ? 1 : 0;
  const double f = t - i;
  for (int c = 0; c < 3; ++c) rgb[c] = static_cast<uint8_t>(std::lround(stops[i][c] + f * (stops[i + 1][c] - stops[i][c])));
}

// A diverging colour for s in [-1, 1]: blue below 0, white at 0, red above.
void diverging_colour(double s, uint8_t* rgb) {
  s = std::clamp(s, -1.0, 1.0);
  const double fade = 255.0 * (1.0 - std::fabs(s));
  const uint8_t light = static_cast<uint8_t>(std::lround(fade));
  rgb[0] = s < 0 ? light : 255;
  rgb[1] = light;
  rgb[2] = s > 0 ? light : 255;
}

// The TensorPath picture of one hidden layer: maps (8, units, h, w) or (8, units).
void write_tensorpath(const std::string& path, const Tensor& maps) {
  const int bands = maps.size(0), units = maps.size(1);
  const bool spatial = maps.rank() == 4;
  // A tile per channel, or one tile holding every unit in rows of kUnitRowLength.
  const int tile_h = spatial ? maps.size(2) : (units + kUnitRowLength - 1) / kUnitRowLength;
  const int tile_w = spatial ? maps.size(3) : std::min(units, kUnitRowLength);
  const int tiles = spatial ? units : 1;
  const int columns = std::min(tiles, kTensorPathColumns), rows = (tiles + columns - 1) / columns;
  const int band_w = columns * (tile_w + 1) - 1, band_h = rows * (tile_h + 1) - 1;
  const int width = band_w, height = bands * (band_h + kBandGap) - kBandGap;
  float largest = 0.0f;
  for (float v : maps.data) largest = std::max(largest, v);
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3, 255);
  const int64_t per_band = maps.numel() / bands;
  for (int b = 0; b < bands; ++b) {
    for (int64_t k = 0; k < per_band; ++k) {
      const int tile = spatial ? static_cast<int>(k / (tile_h * tile_w)) : 0;
      const int within = static_cast<int>(spatial ? k % (tile_h * tile_w) : k);
      const int y = b * (band_h + kBandGap) + (tile / columns) * (tile_h + 1) + within / tile_w;
      const int x = (tile % columns) * (tile_w + 1) + within % tile_w;
      const float v = maps.data[b * per_band + k];
      ramp_colour(largest > 0 ? v / largest : 0.0, &rgb[(static_cast<size_t>(y) * width + x) * 3]);
    }
  }
  write_png(path, rgb, width, height);
}

// D's first-layer weights: a Conv2d's (out, in, k, k), a tile per output channel and a row of
// tiles per input channel; a Linear's (out, in) on the image part of its input, one C*H*W tile
// (the first channel) per unit.
void write_filters(const std::string& path, const Tensor& weight, const Shape& image) {
  const bool conv = weight.rank() == 4;
  const int outputs = std::min(weight.size(0), kMaxFilterTiles);
  const int inputs = conv ? weight.size(1) : 1;
  const int tile_h = conv ? weight.size(2) : image[1], tile_w = conv ? weight.size(3) : image[2];
  const int columns = std::min(outputs, conv ? 32 : 16), rows = (outputs + columns - 1) / columns;
  const int width = columns * (tile_w + 1) - 1, height = inputs * rows * (tile_h + 1) - 1;
  float largest = 0.0f;
  for (float v : weight.data) largest = std::max(largest, std::fabs(v));
  std::vector<uint8_t> rgb(static_cast<size_t>(width) * height * 3, 255);
  const int64_t fan_in = weight.numel() / weight.size(0);
  for (int in = 0; in < inputs; ++in) {
    for (int o = 0; o < outputs; ++o) {
      for (int y = 0; y < tile_h; ++y) {
        for (int x = 0; x < tile_w; ++x) {
          const float v = weight.data[o * fan_in + (static_cast<int64_t>(in) * tile_h + y) * tile_w + x];
          const int py = (in * rows + o / columns) * (tile_h + 1) + y, px = (o % columns) * (tile_w + 1) + x;
          diverging_colour(largest > 0 ? v / largest : 0.0, &rgb[(static_cast<size_t>(py) * width + px) * 3]);
        }
      }
    }
  }
  write_png(path, rgb, width, height);
}

ProjectionBasis read_basis(const std::string& path, int64_t expected_length) {
  NpyArray array = read_npy(path);
  if (array.shape.size() != 2 || array.shape[0] != 3 || array.shape[1] != expected_length) {
    throw std::runtime_error(path + ": expected a (3, " + std::to_string(expected_length) +
                             ") float32 array: the mean and two axes of the probes' projection");
  }
  const auto begin = array.values.begin();
  return {std::vector<float>(begin, begin + expected_length),
          std::vector<float>(begin + expected_length, begin + 2 * expected_length),
          std::vector<float>(begin + 2 * expected_length, begin + 3 * expected_length)};
}

void write_basis(const std::string& path, const ProjectionBasis& basis) {
  std::vector<float> values = basis.mean;
  values.insert(values.end(), basis.x_axis.begin(), basis.x_axis.end());
  values.insert(values.end(), basis.y_axis.begin(), basis.y_axis.end());
  write_npy_float32(path, {3, static_cast<int64_t>(basis.mean.size())}, values.data());
}

}  // namespace

ProbePass run_probes(Generator& G, Discriminator& D, const Probes& probes, int batch) {
  NoGradGuard no_grad;
  G.set_training(false);
  D.set_training(false);
  ProbePass pass;
  const int P = probes.real.size(0);
  std::vector<std::vector<double>> real_sums, fake_sums;
  ScalarStorage real_features, fake_features, fake_images;
  std::vector<ScalarStorage> real_path, fake_path;
  for (int begin = 0; begin < P; begin += batch) {
    const int count = std::min(batch, P - begin);
    const int keep = std::max(0, kTensorPathProbes - begin);
    Tensor real = rows_of(probes.real, begin, count);
    pass_through_d(D, real, labels_of(probes.real_labels, begin, count), keep, pass.d_real_logits, real_sums,
                   real_features, real_path, pass.hidden_shapes);
    std::vector<int> z_labels = labels_of(probes.z_labels, begin, count);
    Tensor fake = G.forward(Variable(rows_of(probes.z, begin, count)), z_labels).value();
    fake_images.insert(fake_images.end(), fake.data.begin(), fake.data.end());
    pass_through_d(D, fake, z_labels, keep, pass.d_fake_logits, fake_sums, fake_features, fake_path,
                   pass.hidden_shapes);
  }
  G.set_training(true);
  D.set_training(true);
  pass.fake = Tensor(probes.real.shape, std::move(fake_images));
  for (size_t l = 0; l < real_sums.size(); ++l) {
    const double per_unit = static_cast<double>(P) * (pass.hidden_shapes[l].numel() / pass.hidden_shapes[l][0]);
    std::vector<double> real_means(real_sums[l].size()), fake_means(fake_sums[l].size());
    for (size_t u = 0; u < real_means.size(); ++u) {
      real_means[u] = real_sums[l][u] / per_unit;
      fake_means[u] = fake_sums[l][u] / per_unit;
    }
    pass.real_unit_means.push_back(std::move(real_means));
    pass.fake_unit_means.push_back(std::move(fake_means));
    ScalarStorage maps = real_path[l];
    maps.insert(maps.end(), fake_path[l].begin(), fake_path[l].end());
    const int shown = static_cast<int>(maps.size() / pass.hidden_shapes[l].numel());
    pass.tensorpath.push_back(Tensor(with_rows(pass.hidden_shapes[l], shown), std::move(maps)));
  }
  const int F = static_cast<int>(pass.hidden_shapes.back().numel());
  pass.real_features = Tensor(Shape{P, F}, std::move(real_features));
  pass.fake_features = Tensor(Shape{P, F}, std::move(fake_features));
  return pass;
}

ProjectionBasis fit_projection(const Tensor& x, Rng& rng) {
  metrics::Pca pca = metrics::fit_pca(x, 2, rng);
  const int D = x.size(1);
  ProjectionBasis basis;
  for (int d = 0; d < D; ++d) {
    basis.mean.push_back(static_cast<float>(pca.mean[d]));
    basis.x_axis.push_back(static_cast<float>(pca.components(0, d)));
    basis.y_axis.push_back(static_cast<float>(pca.components(1, d)));
  }
  return basis;
}

std::vector<double> project_rows(const ProjectionBasis& basis, const Tensor& x) {
  const int N = x.size(0), D = x.size(1);
  if (static_cast<int>(basis.mean.size()) != D) {
    throw std::invalid_argument("project_rows: a basis of " + std::to_string(basis.mean.size()) +
                                " dimensions for rows of " + std::to_string(D));
  }
  std::vector<double> xy(2 * static_cast<size_t>(N), 0.0);
  for (int n = 0; n < N; ++n) {
    for (int d = 0; d < D; ++d) {
      const double centred = static_cast<double>(x.at(n, d)) - basis.mean[d];
      xy[2 * n] += centred * basis.x_axis[d];
      xy[2 * n + 1] += centred * basis.y_axis[d];
    }
  }
  return xy;
}

const std::vector<std::string>& game_record_folders() {
  static const std::vector<std::string> folders = {"activations", "projection", "probes", "tensorpath", "filters"};
  return folders;
}

GameRecorder::GameRecorder(std::string out, uint64_t seed) : out_(std::move(out)), seed_(seed) {}

void GameRecorder::fit_or_read_bases(const ProbePass& pass, const Probes& probes) {
  const std::string features_path = out_ + "/projection/basis_features.npy";
  const std::string pixels_path = out_ + "/projection/basis_pixels.npy";
  Tensor pixels = flattened(probes.real);
  if (fs::exists(features_path) && fs::exists(pixels_path)) {
    features_basis_ = read_basis(features_path, pass.real_features.size(1));
    pixels_basis_ = read_basis(pixels_path, pixels.size(1));
  } else {
    Rng rng(seed_, kProjectionStream);
    features_basis_ = fit_projection(pass.real_features, rng);
    pixels_basis_ = fit_projection(pixels, rng);
    write_basis(features_path, features_basis_);
    write_basis(pixels_path, pixels_basis_);
    write_png_grid(out_ + "/probes/real.png", probes.real, kProbeTileColumns, 0);
  }
  have_bases_ = true;
}

void GameRecorder::record(const std::string& name, const ProbePass& pass, const Probes& probes, Discriminator& D) {
  if (!have_bases_) fit_or_read_bases(pass, probes);
  write_png_grid(out_ + "/probes/" + name + ".png", pass.fake, kProbeTileColumns, 0);

  std::string csv = "layer,shape,unit,real_mean,fake_mean\n";
  for (size_t l = 0; l < pass.real_unit_means.size(); ++l) {
    const std::string prefix = std::to_string(l + 1) + "," + shape_text(pass.hidden_shapes[l]) + ",";
    for (size_t u = 0; u < pass.real_unit_means[l].size(); ++u) {
      csv += prefix + std::to_string(u) + "," + format_float(pass.real_unit_means[l][u]) + "," +
             format_float(pass.fake_unit_means[l][u]) + "\n";
    }
  }
  write_file_atomically(out_ + "/activations/" + name + ".csv", csv);

  const std::vector<double> real_f = project_rows(features_basis_, pass.real_features);
  const std::vector<double> fake_f = project_rows(features_basis_, pass.fake_features);
  const std::vector<double> real_p = project_rows(pixels_basis_, flattened(probes.real));
  const std::vector<double> fake_p = project_rows(pixels_basis_, flattened(pass.fake));
  csv = "set,index,feature_x,feature_y,pixel_x,pixel_y\n";
  auto add_rows = [&csv](const char* set, const std::vector<double>& f, const std::vector<double>& p) {
    for (size_t n = 0; n < f.size() / 2; ++n) {
      csv += std::string(set) + "," + std::to_string(n) + "," + format_float(f[2 * n]) + "," +
             format_float(f[2 * n + 1]) + "," + format_float(p[2 * n]) + "," + format_float(p[2 * n + 1]) + "\n";
    }
  };
  add_rows("real", real_f, real_p);
  add_rows("fake", fake_f, fake_p);
  write_file_atomically(out_ + "/projection/" + name + ".csv", csv);

  for (size_t l = 0; l < pass.tensorpath.size(); ++l) {
    write_tensorpath(out_ + "/tensorpath/" + name + "_layer" + std::to_string(l + 1) + ".png", pass.tensorpath[l]);
  }
  // The first parameter of D's net after the label embedding is its first layer's weight.
  for (const nn::NamedParameter& p : D.parameters()) {
    if (p.name.rfind("label_embedding.", 0) == 0) continue;
    write_filters(out_ + "/filters/" + name + ".png", p.variable.value(),
                  Shape{probes.real.size(1), probes.real.size(2), probes.real.size(3)});
    break;
  }
}

}  // namespace gan
