// libFuzzer target for the JSON parser (json.h). What parses must write out as JSON that parses
// back and writes out the same: to_json(parse_json(t)) is a fixed point of the round trip.
//   make fuzz FUZZ_SECONDS=60          (seeds: tests/fuzz/corpus/json/)
#include <cstdint>
#include <string>

#include "fuzz.h"
#include "gan/io/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  gan::JsonValue value;
  if (!fuzz::reads([&] { value = gan::parse_json(text, "fuzz"); })) return 0;

  const std::string compact = gan::to_json(value);
  gan::JsonValue again;
  fuzz::require(fuzz::reads([&] { again = gan::parse_json(compact, "written"); }), "to_json's text parses");
  fuzz::require(gan::to_json(again) == compact, "the compact text is a fixed point");
  fuzz::require(gan::to_json(gan::parse_json(gan::to_json(value, 2), "indented")) == compact,
                "the indented text holds the same value");
  return 0;
}
