#include "gan/io/safetensors.h"

#include <set>
#include <stdexcept>

#include "gan/io/atomic_file.h"
#include "gan/io/json.h"

namespace gan {

void write_safetensors(const std::string& path, const std::vector<NamedArray>& arrays,
                       const std::vector<std::pair<std::string, std::string>>& metadata) {
  JsonValue header = JsonValue::object();
  if (!metadata.empty()) {
    JsonValue strings = JsonValue::object();
    for (const auto& [key, value] : metadata) strings.set(key, value);
    header.set("__metadata__", strings);
  }
  std::set<std::string> names;
  std::string data;
  for (const NamedArray& array : arrays) {
    if (array.dtype != "<f4" && array.dtype != "<i8") {
      throw std::invalid_argument("write_safetensors: '" + array.name + "' has dtype '" + array.dtype +
                                  "'; only '<f4' (F32) and '<i8' (I64) are written");
    }
    if (!names.insert(array.name).second) {
      throw std::invalid_argument("write_safetensors: '" + array.name + "' repeated");
    }
    JsonValue shape = JsonValue::array();
    for (int64_t size : array.shape) shape.push_back(size);
    JsonValue offsets = JsonValue::array();
    offsets.push_back(static_cast<int64_t>(data.size()));
    data += array.data;
    offsets.push_back(static_cast<int64_t>(data.size()));
    JsonValue entry = JsonValue::object();
    entry.set("dtype", array.dtype == "<f4" ? "F32" : "I64");
    entry.set("shape", shape);
    entry.set("data_offsets", offsets);
    header.set(array.name, entry);
  }
  std::string text = to_json(header);
  text.append((8 - text.size() % 8) % 8, ' ');  // the data starts 8-byte aligned
  std::string bytes;
  for (int byte = 0; byte < 8; ++byte) bytes += static_cast<char>(static_cast<uint64_t>(text.size()) >> (8 * byte));
  write_file_atomically(path, bytes + text + data);
}

}  // namespace gan
