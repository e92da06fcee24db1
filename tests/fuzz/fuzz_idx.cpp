// libFuzzer target for the IDX readers (idx.h): every input is read both as an image file and
// as a label file. Inputs that start with the gzip magic also go through a file and zlib, the
// way read_idx_images meets Fashion-MNIST's .gz files.
//   make fuzz FUZZ_SECONDS=60          (seeds: tests/fuzz/corpus/idx/)
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz.h"
#include "gan/io/idx.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  gan::IdxImages images;
  if (fuzz::reads([&] { images = gan::parse_idx_images(bytes, "fuzz"); })) {
    fuzz::require(images.count >= 0 && images.rows > 0 && images.cols > 0, "count >= 0, rows and cols >= 1");
    fuzz::require(images.pixels.size() == static_cast<uint64_t>(images.count) * images.rows * images.cols,
                  "count * rows * cols pixels");
  }
  std::vector<uint8_t> labels;
  if (fuzz::reads([&] { labels = gan::parse_idx_labels(bytes, "fuzz"); })) {
    fuzz::require(labels.size() + 8 == bytes.size(), "one label per byte after the 8-byte header");
  }

  if (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) {
    // Plain stdio, not write_file_atomically: its fsync would slow every run to a crawl.
    const std::string path = fuzz::temporary_path("gan-fuzz-idx", ".gz");
    std::FILE* file = std::fopen(path.c_str(), "wb");
    fuzz::require(file && std::fwrite(data, 1, size, file) == size && std::fclose(file) == 0, "temporary file written");
    fuzz::reads([&] { gan::read_idx_images(path); });
    fuzz::reads([&] { gan::read_idx_labels(path); });
    std::remove(path.c_str());
  }
  return 0;
}
