#include "gan/data/dataset.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "gan/io/idx.h"
#include "gan/io/npy.h"

namespace gan {

namespace {

namespace fs = std::filesystem;

const char kValidForms[] =
    "mnist, mnist-test, mnist-full, mnist-full-test, fashion, fashion-test, "
    "quickdraw, quickdraw:PATH[,PATH...] (.npy files or folders of them), "
    "idx:IMAGES[,LABELS]";
const char kFashionFolder[] = "/usr/share/datasets/fashion-mnist";

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == separator) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "(";
  for (size_t axis = 0; axis < shape.size(); ++axis) text += (axis ? ", " : "") + std::to_string(shape[axis]);
  return text + ")";
}

std::string join_path(const std::string& folder, const std::string& name) {
  return folder.empty() ? name : folder + "/" + name;
}

// The pixel range 0..255 onto [-1, 1], the range of the generator's tanh output: 0 -> -1, 255 -> 1.
float to_unit_range(float pixel) { return pixel / 127.5f - 1.0f; }

std::vector<std::string> digit_names() {
  std::vector<std::string> names;
  for (int digit = 0; digit < 10; ++digit) names.push_back(std::to_string(digit));
  return names;
}

// Images, and labels when `labels_path` is not empty, from IDX files.
Dataset load_idx(const std::string& images_path, const std::string& labels_path) {
  IdxImages idx = read_idx_images(images_path);
  if (idx.count == 0) throw std::runtime_error(images_path + ": holds no images");
  Dataset data;
  data.images = Tensor({idx.count, 1, idx.rows, idx.cols});
  for (size_t i = 0; i < idx.pixels.size(); ++i) data.images.data[i] = to_unit_range(idx.pixels[i]);
  if (labels_path.empty()) {
    data.labels.assign(idx.count, 0);
    data.num_classes = 1;
    data.class_names = {fs::path(images_path).stem().string()};
    return data;
  }
  std::vector<uint8_t> labels = read_idx_labels(labels_path);
  if (static_cast<int64_t>(labels.size()) != idx.count) {
    throw std::runtime_error(labels_path + ": holds " + std::to_string(labels.size()) + " labels but " + images_path +
                             " holds " + std::to_string(idx.count) + " images");
  }
  data.labels.assign(labels.begin(), labels.end());
  data.num_classes = labels.empty() ? 0 : *std::max_element(labels.begin(), labels.end()) + 1;
  for (int label = 0; label < data.num_classes; ++label) data.class_names.push_back(std::to_string(label));
  return data;
}

// MNIST and Fashion-MNIST label their images 0..9; a damaged labels file must not hand the
// training loop a class that the conditional models have no embedding for.
void require_ten_classes(const Dataset& data, const std::string& labels_path) {
  for (size_t i = 0; i < data.labels.size(); ++i) {
    if (data.labels[i] > 9) {
      throw std::runtime_error(labels_path + ": byte " + std::to_string(8 + i) + ": label " +
                               std::to_string(data.labels[i]) + " is outside 0 .. 9");
    }
  }
}

// The shipped subset (data/mnist: 10,000 training and 2,000 test digits), or with `full` the
// original files that `make data-full` fetches into data/mnist-full (60,000 and 10,000).
Dataset load_mnist(const std::string& data_dir, bool test, bool full) {
  const std::string folder = join_path(data_dir, full ? "mnist-full" : "mnist");
  const std::string count = full ? "" : test ? "-2k" : "-10k";
  const std::string split = test ? "t10k" : "train";
  const std::string images = join_path(folder, split + "-images" + count + "-idx3-ubyte");
  const std::string labels = join_path(folder, split + "-labels" + count + "-idx1-ubyte");
  if (full && !fs::exists(images)) {
    throw std::runtime_error(images + ": no such file; the full MNIST is not shipped: run make data-full to fetch it");
  }
  Dataset data = load_idx(images, labels);
  require_ten_classes(data, labels);
  data.num_classes = 10;
  data.class_names = digit_names();
  data.source = std::string(full ? "mnist-full" : "mnist") + (test ? "-test" : "") + " (" + images + ")";
  return data;
}

Dataset load_fashion(bool test) {
  const std::string prefix = std::string(kFashionFolder) + "/" + (test ? "t10k" : "train");
  const std::string images = prefix + "-images-idx3-ubyte.gz";
  if (!fs::exists(images)) {
    throw std::runtime_error(images +
                             " not found: Fashion-MNIST comes from Debian, install it with "
                             "`apt-get install dataset-fashion-mnist`");
  }
  const std::string labels = prefix + "-labels-idx1-ubyte.gz";
  Dataset data = load_idx(images, labels);
  require_ten_classes(data, labels);
  data.num_classes = 10;
  data.class_names = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                      "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};  // as in the data set's README
  data.source = std::string(test ? "fashion-test" : "fashion") + " (" + images + ")";
  return data;
}

// Every PATH as a list of .npy files: a folder stands for its *.npy files in sorted order.
std::vector<std::string> quickdraw_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    if (!fs::is_directory(path)) {
      files.push_back(path);
      continue;
    }
    std::vector<std::string> in_folder;
    for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
      if (entry.path().extension() == ".npy") in_folder.push_back(entry.path().string());
    }
    if (in_folder.empty()) throw std::runtime_error(path + ": the folder holds no .npy files");
    std::sort(in_folder.begin(), in_folder.end());
    files.insert(files.end(), in_folder.begin(), in_folder.end());
  }
  return files;
}

// One class per file: (N, 784) or (N, 1, 784) uint8 drawings of 28x28.
Dataset load_quickdraw(const std::vector<std::string>& paths) {
  std::vector<std::string> files = quickdraw_files(paths);
  std::vector<NpyArray> arrays;
  int total = 0;
  for (const std::string& file : files) {
    NpyArray array = read_npy(file);
    bool flat = array.shape.size() == 2 && array.shape[1] == 784;
    bool with_channel = array.shape.size() == 3 && array.shape[1] == 1 && array.shape[2] == 784;
    if (array.dtype != "|u1" || !(flat || with_channel)) {
      throw std::runtime_error(file +
                               ": QuickDraw drawings must be uint8 '|u1' of shape (N, 784) or (N, 1, 784), got '" +
                               array.dtype + "' of shape " + shape_text(array.shape));
    }
    if (array.shape[0] == 0) throw std::runtime_error(file + ": holds no drawings");
    total += static_cast<int>(array.shape[0]);
    arrays.push_back(std::move(array));
  }
  Dataset data;
  data.images = Tensor({total, 1, 28, 28});
  float* out = data.images.ptr();
  for (size_t k = 0; k < arrays.size(); ++k) {
    for (float pixel : arrays[k].values) *out++ = to_unit_range(pixel);
    data.labels.insert(data.labels.end(), arrays[k].shape[0], static_cast<int>(k));
    data.class_names.push_back(fs::path(files[k]).stem().string());
  }
  data.num_classes = static_cast<int>(files.size());
  data.source = "quickdraw (";
  for (size_t k = 0; k < data.class_names.size(); ++k) data.source += (k ? ", " : "") + data.class_names[k];
  data.source += ")";
  return data;
}

}  // namespace

Dataset load_dataset(const std::string& spec, const std::string& data_dir) {
  if (spec == "mnist" || spec == "mnist-test") return load_mnist(data_dir, spec == "mnist-test", false);
  if (spec == "mnist-full" || spec == "mnist-full-test") return load_mnist(data_dir, spec == "mnist-full-test", true);
  if (spec == "fashion" || spec == "fashion-test") return load_fashion(spec == "fashion-test");
  if (spec == "quickdraw") return load_quickdraw({join_path(data_dir, "quickdraw")});
  const size_t colon = spec.find(':');
  const std::string kind = spec.substr(0, colon);
  const std::vector<std::string> paths = split(colon == std::string::npos ? "" : spec.substr(colon + 1), ',');
  const bool has_paths = colon != std::string::npos &&
                         std::none_of(paths.begin(), paths.end(), [](const std::string& p) { return p.empty(); });
  if (kind == "quickdraw" && has_paths) return load_quickdraw(paths);
  if (kind == "idx" && has_paths && paths.size() <= 2) {
    Dataset data = load_idx(paths[0], paths.size() == 2 ? paths[1] : "");
    data.source = "idx (" + paths[0] + ")";
    return data;
  }
  throw std::invalid_argument("load_dataset: unknown data set '" + spec + "'; valid forms: " + kValidForms);
}

}  // namespace gan
