#include "gan/io/checkpoint.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <set>
#include <stdexcept>
#include <utility>

#include "gan/io/atomic_file.h"

namespace gan {

namespace {

constexpr char kMagic[] = "GANCKPT1";
constexpr size_t kMagicSize = 8;
constexpr uint32_t kVersion = 1;

// crc_table[b] is the CRC register after shifting byte b through eight steps of polynomial
// division, so that crc32 handles a byte per step instead of a bit.
constexpr std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t byte = 0; byte < 256; ++byte) {
    uint32_t crc = byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc & 1) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
    table[byte] = crc;
  }
  return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = make_crc_table();

void put_u32(std::string& out, uint32_t value) {
  for (int byte = 0; byte < 4; ++byte) out += static_cast<char>(value >> (8 * byte));
}

void put_string(std::string& out, const std::string& text) {
  put_u32(out, static_cast<uint32_t>(text.size()));
  out += text;
}

std::string hex(uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", value);
  return text;
}

// Bytes as text for an error message: printable ASCII as it is, anything else as \xNN.
std::string printable(const std::string& bytes) {
  std::string text;
  for (unsigned char c : bytes) {
    if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
      text += static_cast<char>(c);
    } else {
      char escape[8];
      std::snprintf(escape, sizeof escape, "\\x%02X", c);
      text += escape;
    }
  }
  return text;
}

// Reads the file front to back; every error names the byte offset where the problem starts.
class CheckpointReader {
 public:
  CheckpointReader(const std::string& bytes, const std::string& path) : bytes_(bytes), path_(path) {}

  [[noreturn]] void fail(size_t offset, const std::string& message) const {
    throw std::runtime_error(path_ + ": byte " + std::to_string(offset) + ": " + message);
  }
  size_t offset() const { return offset_; }
  size_t remaining() const { return bytes_.size() - offset_; }

  void require(size_t count, const std::string& what) const {
    if (count > remaining()) {
      fail(offset_, what + " needs " + std::to_string(count) + " bytes, only " + std::to_string(remaining()) +
                        " remain in the file");
    }
  }
  uint32_t u32(const std::string& what) {
    require(4, what);
    uint32_t value = u32_at(offset_);
    offset_ += 4;
    return value;
  }
  std::string text(const std::string& what) {
    uint32_t length = u32("the length of " + what);
    require(length, what + " (length " + std::to_string(length) + ")");
    std::string value = bytes_.substr(offset_, length);
    offset_ += length;
    return value;
  }
  void skip(size_t count) { offset_ += count; }
  // requires: 4 * count bytes remain (checked by the caller, before allocating `values`).
  void floats(float* values, uint64_t count) {
    for (uint64_t i = 0; i < count; ++i, offset_ += 4) {
      uint32_t bits = u32_at(offset_);
      std::memcpy(&values[i], &bits, 4);
    }
  }

 private:
  uint32_t u32_at(size_t offset) const {
    uint32_t value = 0;
    for (int byte = 3; byte >= 0; --byte) value = (value << 8) | static_cast<uint8_t>(bytes_[offset + byte]);
    return value;
  }

  const std::string& bytes_;
  const std::string& path_;
  size_t offset_ = 0;
};

}  // namespace

uint32_t crc32(const void* data, size_t size) {
  const uint8_t* bytes = static_cast<const uint8_t*>(data);
  uint32_t crc = 0xFFFFFFFFu;
  for (size_t i = 0; i < size; ++i) crc = kCrcTable[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
  return crc ^ 0xFFFFFFFFu;
}

void save_checkpoint(const std::string& path, const Checkpoint& checkpoint) {
  std::set<std::string> names, keys;
  for (const auto& [name, tensor] : checkpoint.tensors) {
    if (!names.insert(name).second) {
      throw std::invalid_argument("save_checkpoint: " + path + ": the tensor name '" + name + "' appears twice");
    }
  }
  for (const auto& [key, value] : checkpoint.metadata) {
    if (!keys.insert(key).second) {
      throw std::invalid_argument("save_checkpoint: " + path + ": the metadata key '" + key + "' appears twice");
    }
  }
  std::string out(kMagic, kMagicSize);
  put_u32(out, kVersion);
  put_u32(out, static_cast<uint32_t>(checkpoint.tensors.size()));
  put_u32(out, static_cast<uint32_t>(checkpoint.metadata.size()));
  for (const auto& [name, tensor] : checkpoint.tensors) {
    put_string(out, name);
    put_u32(out, static_cast<uint32_t>(tensor.rank()));
    for (int axis = 0; axis < tensor.rank(); ++axis) put_u32(out, static_cast<uint32_t>(tensor.size(axis)));
    for (float value : tensor.data) {
      uint32_t bits;
      std::memcpy(&bits, &value, 4);
      put_u32(out, bits);
    }
  }
  for (const auto& [key, value] : checkpoint.metadata) {
    put_string(out, key);
    put_string(out, value);
  }
  put_u32(out, crc32(out.data(), out.size()));
  write_file_atomically(path, out);
}

Checkpoint load_checkpoint(const std::string& path) { return parse_checkpoint(read_file(path), path); }

Checkpoint parse_checkpoint(const std::string& bytes, const std::string& source_name) {
  CheckpointReader in(bytes, source_name);
  if (bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    in.fail(0, "expected the magic \"GANCKPT1\", found \"" + printable(bytes.substr(0, kMagicSize)) + "\"");
  }
  in.skip(kMagicSize);
  uint32_t version = in.u32("the version");
  if (version != kVersion) in.fail(8, "version must be 1, got " + std::to_string(version));
  uint32_t tensor_count = in.u32("the tensor count");
  uint32_t metadata_count = in.u32("the metadata count");

  Checkpoint checkpoint;
  std::set<std::string> names;
  for (uint32_t t = 0; t < tensor_count; ++t) {
    size_t entry_start = in.offset();
    std::string name = in.text("the name of tensor " + std::to_string(t));
    if (!names.insert(name).second) in.fail(entry_start, "the tensor name '" + name + "' appears twice");
    size_t rank_offset = in.offset();
    uint32_t rank = in.u32("the rank of tensor '" + name + "'");
    if (rank > 4) {
      in.fail(rank_offset, "tensor '" + name + "' has rank " + std::to_string(rank) + ", at most 4 (N, C, H, W)");
    }
    Shape shape;
    for (uint32_t axis = 0; axis < rank; ++axis) {
      size_t size_offset = in.offset();
      uint32_t size = in.u32("the sizes of tensor '" + name + "'");
      if (size > INT32_MAX)
        in.fail(size_offset, "size " + std::to_string(size) + " of tensor '" + name + "' is above 2^31 - 1");
      shape.sizes[shape.rank++] = static_cast<int>(size);
    }
    // Sizes are checked against the bytes left before anything is allocated; the products
    // saturate so that four large sizes cannot overflow. An empty tensor needs no bytes, but
    // Shape::numel multiplies all its sizes in int64, so those other than 0 stay below 2^62.
    const uint64_t available = in.remaining() / 4;
    const uint64_t kMaxCount = uint64_t{1} << 62;
    uint64_t count = 1, nonzero_product = 1;
    for (int axis = 0; axis < shape.rank; ++axis) {
      uint64_t size = static_cast<uint64_t>(shape[axis]);
      count = (size != 0 && count > available / size) ? available + 1 : count * size;
      if (size != 0) nonzero_product = nonzero_product > kMaxCount / size ? kMaxCount + 1 : nonzero_product * size;
    }
    if (count > available) {
      in.fail(in.offset(), "the data of tensor '" + name + "' " + shape.str() + " does not fit in the " +
                               std::to_string(in.remaining()) + " bytes that remain");
    }
    if (nonzero_product > kMaxCount) {
      in.fail(rank_offset + 4, "the sizes of tensor '" + name + "' " + shape.str() + " multiply past 2^62");
    }
    Tensor tensor(shape);
    in.floats(tensor.ptr(), count);
    checkpoint.tensors.emplace_back(std::move(name), std::move(tensor));
  }
  std::set<std::string> keys;
  for (uint32_t m = 0; m < metadata_count; ++m) {
    size_t entry_start = in.offset();
    std::string key = in.text("the key of metadata entry " + std::to_string(m));
    if (!keys.insert(key).second) in.fail(entry_start, "the metadata key '" + key + "' appears twice");
    std::string value = in.text("the value of metadata '" + key + "'");
    checkpoint.metadata.emplace_back(std::move(key), std::move(value));
  }

  if (in.remaining() != 4) {
    in.fail(in.offset(),
            "expected only the 4-byte CRC-32 after the last entry, found " + std::to_string(in.remaining()) + " bytes");
  }
  const uint32_t computed = crc32(bytes.data(), bytes.size() - 4);
  const size_t crc_offset = in.offset();
  const uint32_t stored = in.u32("the CRC-32");
  if (stored != computed) {
    in.fail(crc_offset, "CRC-32 mismatch: the file says " + hex(stored) + ", its content gives " + hex(computed) +
                            " (the file is damaged)");
  }
  return checkpoint;
}

const Tensor& find_tensor(const Checkpoint& checkpoint, const std::string& name) {
  std::string present;
  for (const auto& [entry_name, tensor] : checkpoint.tensors) {
    if (entry_name == name) return tensor;
    present += (present.empty() ? "" : ", ") + entry_name;
  }
  throw std::runtime_error("checkpoint: no tensor named '" + name + "'; it has " +
                           (present.empty() ? "no tensors" : present));
}

const std::string& find_metadata(const Checkpoint& checkpoint, const std::string& key) {
  std::string present;
  for (const auto& [entry_key, value] : checkpoint.metadata) {
    if (entry_key == key) return value;
    present += (present.empty() ? "" : ", ") + entry_key;
  }
  throw std::runtime_error("checkpoint: no metadata key '" + key + "'; it has " +
                           (present.empty() ? "no metadata" : present));
}

}  // namespace gan
