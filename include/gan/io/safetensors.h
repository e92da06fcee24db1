// Hugging Face's safetensors format (https://huggingface.co/docs/safetensors): named tensors that
// Python reads without running any code from the file (safetensors.torch.load_file).
//
// Layout:
//   byte 0   N, the header's length: uint64 little-endian
//   byte 8   the header, N bytes of JSON, padded with spaces to a multiple of 8:
//              {"__metadata__": {"meta": "..."},
//               "G.0.weight": {"dtype": "F32", "shape": [256, 100], "data_offsets": [0, 102400]}, ...}
//            data_offsets are [begin, end) into the data that follows the header
//   then     each tensor's little-endian bytes, in C order, one after the other
//
//   write_safetensors("weights.safetensors", {float32_array("G.0.weight", {256, 100}, w)}, {{"meta", "{...}"}});
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "gan/io/npy.h"

namespace gan {

// Arrays of dtype '<f4' (stored as F32) or '<i8' (I64); `metadata` becomes "__metadata__", the
// format's map of strings to strings. Written atomically. Throws std::invalid_argument for another
// dtype or a repeated name.
void write_safetensors(const std::string& path, const std::vector<NamedArray>& arrays,
                       const std::vector<std::pair<std::string, std::string>>& metadata);

}  // namespace gan
