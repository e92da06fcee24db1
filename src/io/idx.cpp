#include "gan/io/idx.h"

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace gan {

namespace {

// The whole file, uncompressed when it is gzip: gzread returns a plain file's bytes as they are.
std::string read_possibly_gzipped(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) throw std::runtime_error(path + ": cannot read: " + std::strerror(errno));
  std::string bytes;
  char buffer[1 << 16];
  int count;
  while ((count = gzread(file, buffer, sizeof buffer)) > 0) bytes.append(buffer, count);
  // At the end, gzerror says Z_OK, or Z_BUF_ERROR when the gzip stream was cut short.
  int error_code = Z_OK;
  std::string error = gzerror(file, &error_code);
  if (error_code == Z_ERRNO) error = std::strerror(errno);
  gzclose(file);
  if (count < 0 || error_code != Z_OK) {  // Z_ERRNO is the system's fault (a folder, say), not the data's
    throw std::runtime_error(path + (error_code == Z_ERRNO ? ": cannot read: " : ": cannot decompress: ") + error);
  }
  return bytes;
}

uint32_t big_endian_u32(const std::string& bytes, size_t offset) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value = (value << 8) | static_cast<uint8_t>(bytes[offset + i]);
  return value;
}

std::string hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", value);
  return text;
}

// Checks the magic and the header's length; returns the header's words after the magic.
std::vector<uint32_t> read_header(const std::string& path, const std::string& bytes, uint32_t magic, const char* kind,
                                  int words) {
  size_t header_size = 4 * static_cast<size_t>(words);
  if (bytes.size() < header_size) {
    throw std::runtime_error(path + ": the file has " + std::to_string(bytes.size()) + " bytes, an IDX " + kind +
                             " header needs " + std::to_string(header_size));
  }
  uint32_t found = big_endian_u32(bytes, 0);
  if (found != magic) {
    throw std::runtime_error(path + ": byte 0: magic must be " + hex(magic) + " (IDX " + kind + "), got " + hex(found));
  }
  std::vector<uint32_t> fields;
  for (int word = 1; word < words; ++word) fields.push_back(big_endian_u32(bytes, 4 * word));
  return fields;
}

void require_size(const std::string& path, const std::string& bytes, uint64_t expected, const std::string& what) {
  if (bytes.size() != expected) {
    throw std::runtime_error(path + ": byte 4: " + what + " need " + std::to_string(expected) +
                             " bytes, the file has " + std::to_string(bytes.size()));
  }
}

}  // namespace

IdxImages parse_idx_images(const std::string& bytes, const std::string& source_name) {
  std::vector<uint32_t> fields = read_header(source_name, bytes, 0x00000803, "images", 4);
  // The three sizes become ints; and images of no pixels would let a 16-byte header stand for
  // two billion of them.
  const char* const names[] = {"count", "rows", "cols"};
  for (int field = 0; field < 3; ++field) {
    if (fields[field] > INT32_MAX) {
      throw std::runtime_error(source_name + ": byte " + std::to_string(4 + 4 * field) + ": " + names[field] + " " +
                               std::to_string(fields[field]) + " is above 2^31 - 1");
    }
  }
  uint32_t count = fields[0], rows = fields[1], cols = fields[2];
  const std::string image_text = std::to_string(rows) + "x" + std::to_string(cols);
  if (rows == 0 || cols == 0) {
    throw std::runtime_error(source_name + ": byte 8: images of " + image_text + " have no pixels");
  }
  uint64_t image_size = static_cast<uint64_t>(rows) * cols;
  if (image_size > UINT32_MAX) {  // keeps count * rows * cols below 2^63 (and no IDX file is near it)
    throw std::runtime_error(source_name + ": byte 8: images of " + image_text + " are larger than 2^32 pixels");
  }
  uint64_t expected = 16 + count * image_size;
  require_size(source_name, bytes, expected, "the header's " + std::to_string(count) + " images of " + image_text);
  IdxImages images;
  images.count = static_cast<int>(count);
  images.rows = static_cast<int>(rows);
  images.cols = static_cast<int>(cols);
  images.pixels.assign(bytes.begin() + 16, bytes.end());
  return images;
}

std::vector<uint8_t> parse_idx_labels(const std::string& bytes, const std::string& source_name) {
  uint32_t count = read_header(source_name, bytes, 0x00000801, "labels", 2)[0];
  require_size(source_name, bytes, 8 + static_cast<uint64_t>(count),
               "the header's " + std::to_string(count) + " labels");
  return std::vector<uint8_t>(bytes.begin() + 8, bytes.end());
}

IdxImages read_idx_images(const std::string& path) { return parse_idx_images(read_possibly_gzipped(path), path); }

std::vector<uint8_t> read_idx_labels(const std::string& path) {
  return parse_idx_labels(read_possibly_gzipped(path), path);
}

}  // namespace gan
