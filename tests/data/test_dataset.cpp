#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "../test_files.h"
#include "gan/data/dataset.h"
#include "gan/io/atomic_file.h"
#include "gan/io/idx.h"
#include "gan/io/npy.h"

using gan::Dataset;

namespace fs = std::filesystem;

namespace {

std::vector<int> class_counts(const Dataset& data) {
  std::vector<int> counts(data.num_classes, 0);
  for (int label : data.labels) counts.at(label)++;
  return counts;
}

std::string big_endian(uint32_t value) {
  std::string bytes;
  for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>(value >> shift);
  return bytes;
}

}  // namespace

TEST_CASE("the shipped MNIST subset loads with DATA.md's label counts", "[data]") {
  Dataset train = gan::load_dataset("mnist", GAN_SOURCE_DIR "/data");
  CHECK(train.images.shape == gan::Shape{10000, 1, 28, 28});
  CHECK(train.num_classes == 10);
  CHECK(train.class_names.front() == "0");
  CHECK(train.class_names.back() == "9");
  CHECK(class_counts(train) == std::vector<int>{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978});
  CHECK(std::vector<int>(train.labels.begin(), train.labels.begin() + 5) == std::vector<int>{5, 0, 4, 1, 9});
  auto [low, high] = std::minmax_element(train.images.data.begin(), train.images.data.end());
  CHECK(*low == -1.0f);
  CHECK(*high == 1.0f);
  CHECK(train.source == "mnist (" GAN_SOURCE_DIR "/data/mnist/train-images-10k-idx3-ubyte)");

  // Every pixel p becomes p / 127.5 - 1.
  gan::IdxImages raw = gan::read_idx_images(GAN_SOURCE_DIR "/data/mnist/train-images-10k-idx3-ubyte");
  bool all_mapped = true;
  for (size_t i = 0; i < raw.pixels.size(); ++i) all_mapped &= train.images.data[i] == raw.pixels[i] / 127.5f - 1.0f;
  CHECK(all_mapped);

  Dataset test = gan::load_dataset("mnist-test", GAN_SOURCE_DIR "/data");
  CHECK(test.images.shape == gan::Shape{2000, 1, 28, 28});
  CHECK(class_counts(test) == std::vector<int>{175, 234, 219, 207, 217, 179, 178, 205, 192, 194});
}

TEST_CASE("idx: reads any IDX pair, or images alone as one class", "[data]") {
  const std::string images = scratch_path("data", "pair-images");
  const std::string labels = scratch_path("data", "pair-labels");
  gan::write_file_atomically(images, big_endian(0x803) + big_endian(3) + big_endian(1) + big_endian(2) +
                                         std::string("\x00\xff\x33\x66\x99\xcc", 6));
  gan::write_file_atomically(labels, big_endian(0x801) + big_endian(3) + std::string("\x02\x00\x02", 3));
  Dataset data = gan::load_dataset("idx:" + images + "," + labels, "");
  CHECK(data.images.shape == gan::Shape{3, 1, 1, 2});
  CHECK(data.images.data ==
        std::vector<float>{-1.0f, 1.0f, 0x33 / 127.5f - 1, 0x66 / 127.5f - 1, 0x99 / 127.5f - 1, 0xcc / 127.5f - 1});
  CHECK(data.labels == std::vector<int>{2, 0, 2});
  CHECK(data.num_classes == 3);
  CHECK(data.class_names == std::vector<std::string>{"0", "1", "2"});

  Dataset unlabelled = gan::load_dataset("idx:" + images, "");
  CHECK(unlabelled.labels == std::vector<int>{0, 0, 0});
  CHECK(unlabelled.num_classes == 1);
  CHECK(unlabelled.class_names == std::vector<std::string>{"pair-images"});

  const std::string short_labels = scratch_path("data", "short-labels");
  gan::write_file_atomically(short_labels, big_endian(0x801) + big_endian(2) + std::string("\x01\x01", 2));
  CHECK_THROWS_WITH(gan::load_dataset("idx:" + images + "," + short_labels, ""),
                    short_labels + ": holds 2 labels but " + images + " holds 3 images");
}

TEST_CASE("quickdraw: one class per .npy file, folders in sorted order", "[data]") {
  const std::string folder = scratch_path("data", "quickdraw");
  fs::remove_all(folder);
  fs::create_directories(folder);
  std::vector<uint8_t> zebra(2 * 784, 0), ant(3 * 784, 255);
  zebra[784] = 51;  // second zebra, first pixel
  gan::write_npy_uint8(folder + "/zebra.npy", {2, 784}, zebra.data());
  gan::write_npy_uint8(folder + "/ant.npy", {3, 1, 784}, ant.data());
  gan::write_file_atomically(folder + "/notes.txt", "not a drawing");

  Dataset data = gan::load_dataset("quickdraw:" + folder, "");
  CHECK(data.images.shape == gan::Shape{5, 1, 28, 28});
  CHECK(data.class_names == std::vector<std::string>{"ant", "zebra"});
  CHECK(data.labels == std::vector<int>{0, 0, 0, 1, 1});
  CHECK(data.num_classes == 2);
  CHECK(data.images.at(2, 0, 27, 27) == 1.0f);
  CHECK(data.images.at(3, 0, 0, 0) == -1.0f);
  CHECK(data.images.at(4, 0, 0, 0) == 51 / 127.5f - 1.0f);
  CHECK(data.source == "quickdraw (ant, zebra)");

  // Files named one by one keep the order given.
  Dataset listed = gan::load_dataset("quickdraw:" + folder + "/zebra.npy," + folder + "/ant.npy", "");
  CHECK(listed.class_names == std::vector<std::string>{"zebra", "ant"});
  CHECK(listed.labels == std::vector<int>{0, 0, 1, 1, 1});

  const std::string wrong = folder + "/wrong.npy";
  gan::write_npy_uint8(wrong, {3, 28, 28}, ant.data());
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw:" + wrong, ""),
                    wrong +
                        ": QuickDraw drawings must be uint8 '|u1' of shape (N, 784) or (N, 1, 784), got '|u1' of "
                        "shape (3, 28, 28)");
  const std::string empty = scratch_path("data", "quickdraw_empty");
  fs::create_directories(empty);
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw:" + empty, ""), empty + ": the folder holds no .npy files");
}

TEST_CASE("quickdraw loads the shipped drawings: six classes of 3000", "[data]") {
  Dataset data = gan::load_dataset("quickdraw", GAN_SOURCE_DIR "/data");
  CHECK(data.images.shape == gan::Shape{18000, 1, 28, 28});
  CHECK(data.class_names == std::vector<std::string>{"apple", "bicycle", "cat", "diamond", "eye", "fish"});
  CHECK(class_counts(data) == std::vector<int>(6, 3000));
  CHECK(data.source == "quickdraw (apple, bicycle, cat, diamond, eye, fish)");
  auto [low, high] = std::minmax_element(data.images.data.begin(), data.images.data.end());
  CHECK(*low == -1.0f);
  CHECK(*high == 1.0f);

  // The folder named as a path gives the same data set.
  Dataset named = gan::load_dataset("quickdraw:" GAN_SOURCE_DIR "/data/quickdraw", "");
  CHECK(named.images.data == data.images.data);
  CHECK(named.labels == data.labels);
}

// Each shipped folder's SHA256SUMS: `sha256sum --check` (GNU coreutils) recomputes the digest of
// every file it lists, and every QuickDraw file must be listed, so none ships unchecked.
TEST_CASE("the shipped data files match their SHA256SUMS", "[data]") {
  for (const std::string folder : {"mnist", "quickdraw"}) {
    const std::string path = GAN_SOURCE_DIR "/data/" + folder;
    INFO(path << "/SHA256SUMS");
    const std::string command = "cd '" + path + "' && sha256sum --check --strict --quiet SHA256SUMS";
    CHECK(std::system(command.c_str()) == 0);
  }
  const std::string sums = gan::read_file(GAN_SOURCE_DIR "/data/quickdraw/SHA256SUMS");
  int listed = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(GAN_SOURCE_DIR "/data/quickdraw")) {
    if (entry.path().extension() != ".npy") continue;
    INFO(entry.path().string());
    CHECK(sums.find("  " + entry.path().filename().string() + "\n") != std::string::npos);
    ++listed;
  }
  CHECK(listed == 6);
}

TEST_CASE("fashion-test loads the gzipped Debian files", "[data]") {
  if (!fs::exists("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz")) {
    WARN("skipped: Fashion-MNIST is not installed (apt-get install dataset-fashion-mnist)");
    return;
  }
  Dataset data = gan::load_dataset("fashion-test", "");
  CHECK(data.images.shape == gan::Shape{10000, 1, 28, 28});
  CHECK(class_counts(data) == std::vector<int>(10, 1000));
  CHECK(data.class_names[9] == "Ankle boot");
  CHECK(data.labels[0] == 9);
}

TEST_CASE("mnist-full reads the original file names in mnist-full/, and says how to get them", "[data]") {
  const std::string root = scratch_path("data", "full_root");
  fs::create_directories(root + "/mnist-full");
  gan::write_file_atomically(root + "/mnist-full/train-images-idx3-ubyte",
                             big_endian(0x803) + big_endian(2) + big_endian(1) + big_endian(1) + std::string("\x00\xff", 2));
  gan::write_file_atomically(root + "/mnist-full/train-labels-idx1-ubyte",
                             big_endian(0x801) + big_endian(2) + std::string("\x07\x03", 2));
  Dataset data = gan::load_dataset("mnist-full", root);
  CHECK(data.images.data == std::vector<float>{-1.0f, 1.0f});
  CHECK(data.labels == std::vector<int>{7, 3});
  CHECK(data.num_classes == 10);
  CHECK(data.source == "mnist-full (" + root + "/mnist-full/train-images-idx3-ubyte)");
  CHECK_THROWS_WITH(gan::load_dataset("mnist-full-test", root),
                    root + "/mnist-full/t10k-images-idx3-ubyte: no such file; the full MNIST is not shipped: "
                           "run make data-full to fetch it");
}

TEST_CASE("load_dataset lists the valid forms for a bad spec", "[data]") {
  for (const char* spec : {"cifar10", "quickdraw:", "quickdraw:a,", "idx:", "idx:a,b,c", "idx:a,", "MNIST"}) {
    INFO(spec);
    CHECK_THROWS_WITH(gan::load_dataset(spec, "data"),
                      std::string("load_dataset: unknown data set '") + spec +
                          "'; valid forms: mnist, mnist-test, mnist-full, mnist-full-test, fashion, fashion-test, "
                          "quickdraw, quickdraw:PATH[,PATH...] "
                          "(.npy files or folders of them), idx:IMAGES[,LABELS]");
  }
  const std::string missing = scratch_path("data", "no_data_here");
  CHECK_THROWS_WITH(gan::load_dataset("mnist", missing),
                    missing + "/mnist/train-images-10k-idx3-ubyte: cannot read: No such file or directory");
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw", missing),
                    missing + "/quickdraw: cannot read: No such file or directory");
}

TEST_CASE("data sets reject labels past 9, empty files and wrong QuickDraw rows", "[data]") {
  // An MNIST folder whose labels file holds a 10: the conditional models have no class 10.
  const std::string data_dir = scratch_path("data", "bad_mnist");
  fs::create_directories(data_dir + "/mnist");
  gan::write_file_atomically(data_dir + "/mnist/train-images-10k-idx3-ubyte",
                             big_endian(0x803) + big_endian(3) + big_endian(1) + big_endian(1) + "abc");
  const std::string labels = data_dir + "/mnist/train-labels-10k-idx1-ubyte";
  gan::write_file_atomically(labels, big_endian(0x801) + big_endian(3) + std::string("\x03\x09\x0a", 3));
  CHECK_THROWS_WITH(gan::load_dataset("mnist", data_dir), labels + ": byte 10: label 10 is outside 0 .. 9");

  const std::string no_images = scratch_path("data", "no-images");
  gan::write_file_atomically(no_images, big_endian(0x803) + big_endian(0) + big_endian(28) + big_endian(28));
  CHECK_THROWS_WITH(gan::load_dataset("idx:" + no_images, ""), no_images + ": holds no images");

  const std::string folder = scratch_path("data", "quickdraw_bad");
  fs::create_directories(folder);
  std::vector<uint8_t> pixels(2 * 784, 0);
  const std::string short_rows = folder + "/short_rows.npy";
  gan::write_npy_uint8(short_rows, {2, 783}, pixels.data());
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw:" + short_rows, ""),
                    short_rows +
                        ": QuickDraw drawings must be uint8 '|u1' of shape (N, 784) or (N, 1, 784), got '|u1' of "
                        "shape (2, 783)");
  const std::string floats = folder + "/floats.npy";
  std::vector<float> values(784, 0.5f);
  gan::write_npy_float32(floats, {1, 784}, values.data());
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw:" + floats, ""),
                    floats +
                        ": QuickDraw drawings must be uint8 '|u1' of shape (N, 784) or (N, 1, 784), got '<f4' of "
                        "shape (1, 784)");
  const std::string none = folder + "/none.npy";
  gan::write_npy_uint8(none, {0, 784}, pixels.data());
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw:" + none, ""), none + ": holds no drawings");
  const std::string missing = folder + "/missing.npy";
  CHECK_THROWS_WITH(gan::load_dataset("quickdraw:" + missing, ""),
                    missing + ": cannot read: No such file or directory");
}
