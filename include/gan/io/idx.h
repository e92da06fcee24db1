// The IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed.
//
// Layout (LeCun et al., http://yann.lecun.com/exdb/mnist/), every integer big-endian:
//   images  byte 0 magic 0x00000803, byte 4 count n, byte 8 rows, byte 12 cols,
//           byte 16 n * rows * cols uint8, row-major, 0 = background, 255 = ink
//   labels  byte 0 magic 0x00000801, byte 4 count n, byte 8 n uint8
// The count must match the file's size exactly: a cut or padded file is an error, not a
// shorter data set.
//
//   IdxImages digits = read_idx_images("data/mnist/train-images-10k-idx3-ubyte");
//   std::vector<uint8_t> labels = read_idx_labels("data/mnist/train-labels-10k-idx1-ubyte");
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gan {

struct IdxImages {
  int count = 0, rows = 0, cols = 0;
  std::vector<uint8_t> pixels;  // count * rows * cols, image after image, row-major
};

// Both read files ending in .gz or not alike (zlib's gzread passes plain files through).
// Throws std::runtime_error naming the file and the byte offset: a wrong magic, a header cut
// short, a count, rows or cols above 2^31 - 1, images of no pixels, or a count that disagrees
// with the file's (uncompressed) size.
IdxImages read_idx_images(const std::string& path);
std::vector<uint8_t> read_idx_labels(const std::string& path);

// The same checks on a file's bytes, already uncompressed; `source_name` stands where the path
// would in the messages. The readers above call these; the fuzz tests (tests/fuzz/) feed them.
IdxImages parse_idx_images(const std::string& bytes, const std::string& source_name);
std::vector<uint8_t> parse_idx_labels(const std::string& bytes, const std::string& source_name);

}  // namespace gan
