// Checkpoints: named float tensors (parameters, optimiser moments, batch-norm statistics) and
// string key/values (the config as JSON, epoch, rng states) in one binary file.
//
// Layout, every integer uint32 little-endian, every float IEEE-754 binary32 little-endian:
//   byte 0   "GANCKPT1"                                   magic, 8 bytes
//   byte 8   version (1), tensor count, metadata count
//   then, per tensor:    name length, name bytes, rank (0..4), rank sizes, prod(sizes) floats
//   then, per metadata:  key length, key bytes, value length, value bytes
//   last 4   CRC-32 (ISO-HDLC, as in zip and PNG) of every byte before it
// No timestamps and no padding: saving the same content twice gives the same bytes.
//
//   Checkpoint checkpoint;
//   checkpoint.tensors.emplace_back("generator.fc.weight", weight.value());
//   checkpoint.metadata.emplace_back("epoch", "3");
//   save_checkpoint("runs/a/checkpoints/latest.ckpt", checkpoint);
//   const Tensor& weight = find_tensor(load_checkpoint(path), "generator.fc.weight");
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan {

struct Checkpoint {
  std::vector<std::pair<std::string, Tensor>> tensors;
  std::vector<std::pair<std::string, std::string>> metadata;
};

// Writes atomically (write_file_atomically). Throws std::invalid_argument for a name or key
// that appears twice.
void save_checkpoint(const std::string& path, const Checkpoint& checkpoint);

// Throws std::runtime_error naming the file and the byte offset at fault: bad magic, unknown
// version, a length or tensor that runs past the end, rank > 4, sizes that multiply past 2^62,
// a repeated name, bytes left over, or a CRC that does not match (a damaged file).
Checkpoint load_checkpoint(const std::string& path);

// The same checks on a file's bytes; `source_name` stands where the path would in the messages.
// load_checkpoint calls it; the fuzz tests (tests/fuzz/) feed it.
Checkpoint parse_checkpoint(const std::string& bytes, const std::string& source_name);

// Throw std::runtime_error naming the missing entry and listing the ones present.
const Tensor& find_tensor(const Checkpoint& checkpoint, const std::string& name);
const std::string& find_metadata(const Checkpoint& checkpoint, const std::string& key);

// CRC-32 with the reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF:
// crc32("123456789") = 0xCBF43926.
uint32_t crc32(const void* data, size_t size);

}  // namespace gan
