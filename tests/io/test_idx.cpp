#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/io/idx.h"

namespace {

std::string big_endian(uint32_t value) {
  std::string bytes;
  for (int shift = 24; shift >= 0; shift -= 8) bytes += static_cast<char>(value >> shift);
  return bytes;
}

// Two 2x3 images, pixels 0..11, and their labels 7 and 3.
const std::string kImages = big_endian(0x803) + big_endian(2) + big_endian(2) + big_endian(3) +
                            std::string("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b", 12);
const std::string kLabels = big_endian(0x801) + big_endian(2) + "\x07\x03";

std::string write_plain(const std::string& name, const std::string& bytes) {
  std::string path = scratch_path("io", name);
  gan::write_file_atomically(path, bytes);
  return path;
}

std::string write_gzip(const std::string& name, const std::string& bytes) {
  std::string path = scratch_path("io", name);
  gzFile file = gzopen(path.c_str(), "wb");
  REQUIRE(file);
  REQUIRE(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())) == static_cast<int>(bytes.size()));
  REQUIRE(gzclose(file) == Z_OK);
  return path;
}

}  // namespace

TEST_CASE("IDX images and labels are read, plain or gzipped", "[io]") {
  for (bool gzipped : {false, true}) {
    INFO((gzipped ? "gzip" : "plain"));
    std::string images_path = gzipped ? write_gzip("tiny-images.gz", kImages) : write_plain("tiny-images", kImages);
    std::string labels_path = gzipped ? write_gzip("tiny-labels.gz", kLabels) : write_plain("tiny-labels", kLabels);
    gan::IdxImages images = gan::read_idx_images(images_path);
    CHECK(images.count == 2);
    CHECK(images.rows == 2);
    CHECK(images.cols == 3);
    CHECK(images.pixels == std::vector<uint8_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    CHECK(gan::read_idx_labels(labels_path) == std::vector<uint8_t>{7, 3});
  }
}

TEST_CASE("the shipped MNIST files start with the well-known digits", "[io]") {
  const std::string folder = GAN_SOURCE_DIR "/data/mnist/";
  std::vector<uint8_t> labels = gan::read_idx_labels(folder + "train-labels-10k-idx1-ubyte");
  REQUIRE(labels.size() == 10000);
  CHECK(std::vector<uint8_t>(labels.begin(), labels.begin() + 5) == std::vector<uint8_t>{5, 0, 4, 1, 9});
  gan::IdxImages images = gan::read_idx_images(folder + "t10k-images-2k-idx3-ubyte");
  CHECK(images.count == 2000);
  CHECK(images.rows == 28);
  CHECK(images.cols == 28);
}

TEST_CASE("IDX readers name the file and what is wrong", "[io]") {
  std::string labels_path = write_plain("wrong-magic", big_endian(0x801) + big_endian(8) + std::string(8, '\1'));
  CHECK_THROWS_WITH(gan::read_idx_images(labels_path),
                    labels_path + ": byte 0: magic must be 0x00000803 (IDX images), got 0x00000801");
  std::string images_path = write_plain("wrong-magic-labels", kImages);
  CHECK_THROWS_WITH(gan::read_idx_labels(images_path),
                    images_path + ": byte 0: magic must be 0x00000801 (IDX labels), got 0x00000803");

  std::string short_images = write_plain("short-images", kImages.substr(0, kImages.size() - 1));
  CHECK_THROWS_WITH(gan::read_idx_images(short_images),
                    short_images + ": byte 4: the header's 2 images of 2x3 need 28 bytes, the file has 27");
  std::string long_labels = write_plain("long-labels", kLabels + "\x01");
  CHECK_THROWS_WITH(gan::read_idx_labels(long_labels),
                    long_labels + ": byte 4: the header's 2 labels need 10 bytes, the file has 11");
  std::string cut_header = write_plain("cut-header", kImages.substr(0, 10));
  CHECK_THROWS_WITH(gan::read_idx_images(cut_header),
                    cut_header + ": the file has 10 bytes, an IDX images header needs 16");

  std::string gz = write_gzip("cut.gz", kImages);
  std::string whole = gan::read_file(gz);
  std::string cut_gz = write_plain("cut-gzip.gz", whole.substr(0, whole.size() - 6));  // the trailer is lost
  CHECK_THROWS_WITH(gan::read_idx_images(cut_gz), Catch::StartsWith(cut_gz + ": cannot decompress: "));

  std::string missing = scratch_path("io", "no-such-idx");
  CHECK_THROWS_WITH(gan::read_idx_images(missing), missing + ": cannot read: No such file or directory");
}

TEST_CASE("parse_idx_images and parse_idx_labels read bytes as the file readers do", "[io]") {
  gan::IdxImages images = gan::parse_idx_images(kImages, "memory");
  CHECK(images.count == 2);
  CHECK(images.rows == 2);
  CHECK(images.cols == 3);
  CHECK(images.pixels[11] == 11);
  CHECK(gan::parse_idx_labels(kLabels, "memory") == std::vector<uint8_t>{7, 3});
  CHECK_THROWS_WITH(gan::parse_idx_labels(kLabels.substr(0, 9), "memory"),
                    "memory: byte 4: the header's 2 labels need 10 bytes, the file has 9");
}

TEST_CASE("IDX image headers whose sizes cannot be images are rejected", "[io]") {
  const std::string magic = big_endian(0x803);
  struct Case {
    std::string name, bytes, message;
  };
  std::vector<Case> cases = {
      // Found by reading, kept as a regression: this 16-byte file used to load as count -1.
      {"count", magic + big_endian(0xFFFFFFFFu) + big_endian(0) + big_endian(0),
       "byte 4: count 4294967295 is above 2^31 - 1"},
      {"rows", magic + big_endian(1) + big_endian(0x80000000u) + big_endian(1),
       "byte 8: rows 2147483648 is above 2^31 - 1"},
      {"cols", magic + big_endian(1) + big_endian(1) + big_endian(0x80000000u),
       "byte 12: cols 2147483648 is above 2^31 - 1"},
      {"no_pixels", magic + big_endian(2000000000) + big_endian(0) + big_endian(28),
       "byte 8: images of 0x28 have no pixels"},
      {"huge_images", magic + big_endian(1) + big_endian(65536) + big_endian(65536),
       "byte 8: images of 65536x65536 are larger than 2^32 pixels"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    CHECK_THROWS_WITH(gan::parse_idx_images(c.bytes, c.name), c.name + ": " + c.message);
  }
}

TEST_CASE("IDX readers reject an empty file and a folder", "[io]") {
  std::string empty = write_plain("empty-idx", "");
  CHECK_THROWS_WITH(gan::read_idx_labels(empty), empty + ": the file has 0 bytes, an IDX labels header needs 8");
  std::string folder = scratch_path("io", "idx-folder");
  std::filesystem::create_directories(folder);
  CHECK_THROWS_WITH(gan::read_idx_images(folder), folder + ": cannot read: Is a directory");
}
