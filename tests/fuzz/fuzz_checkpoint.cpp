// libFuzzer target for the checkpoint reader (checkpoint.h). A checkpoint has one encoding, so
// one that loads must save back to the very bytes it was read from.
//   make fuzz FUZZ_SECONDS=60          (seeds: tests/fuzz/corpus/checkpoint/)
#include <cstdint>
#include <cstdio>
#include <string>

#include "fuzz.h"
#include "gan/io/atomic_file.h"
#include "gan/io/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  gan::Checkpoint checkpoint;
  if (!fuzz::reads([&] { checkpoint = gan::parse_checkpoint(bytes, "fuzz"); })) return 0;

  for (const auto& [name, tensor] : checkpoint.tensors) {
    fuzz::require(tensor.numel() == tensor.shape.numel(), "every tensor holds prod(shape) values");
  }
  // Rare (the CRC must match), so the slow atomic write costs little.
  const std::string path = fuzz::temporary_path("gan-fuzz-checkpoint", ".ckpt");
  gan::save_checkpoint(path, checkpoint);
  fuzz::require(gan::read_file(path) == bytes, "a loaded checkpoint saves back to the same bytes");
  std::remove(path.c_str());
  return 0;
}
