// libFuzzer target for the .npy reader (npy.h), and for to_tensor on what it reads.
//   make fuzz FUZZ_SECONDS=60          (seeds: tests/fuzz/corpus/npy/)
#include <algorithm>
#include <cstdint>
#include <string>

#include "fuzz.h"
#include "gan/io/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  gan::NpyArray array;
  if (!fuzz::reads([&] { array = gan::parse_npy(bytes, "fuzz"); })) return 0;

  fuzz::require(array.shape.size() <= 4, "rank at most 4");
  fuzz::require(array.dtype == "<f4" || array.dtype == "|u1", "dtype <f4 or |u1");
  for (int64_t axis_size : array.shape) fuzz::require(axis_size >= 0, "sizes >= 0");
  uint64_t count = 1;
  if (std::find(array.shape.begin(), array.shape.end(), 0) == array.shape.end()) {
    for (int64_t axis_size : array.shape) count *= static_cast<uint64_t>(axis_size);  // at most the file's size
  } else {
    count = 0;
  }
  fuzz::require(array.values.size() == count, "prod(shape) values");
  if (array.dtype == "|u1") {
    for (float value : array.values) fuzz::require(value >= 0.0f && value <= 255.0f, "uint8 values in 0..255");
  }

  gan::Tensor tensor;
  if (fuzz::reads([&] { tensor = gan::to_tensor(array); })) {
    fuzz::require(static_cast<size_t>(tensor.numel()) == array.values.size(), "to_tensor keeps every value");
  }
  return 0;
}
