#include <catch2/catch.hpp>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/io/json.h"
#include "gan/io/safetensors.h"

TEST_CASE("write_safetensors: header length, JSON header and data offsets", "[io]") {
  const float w[] = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f};
  const int64_t step = 7;
  const std::string path = scratch_path("io", "two.safetensors");
  gan::write_safetensors(path, {gan::float32_array("G.0.weight", {3, 2}, w), gan::int64_array("G.2.n", {}, &step)},
                         {{"meta", "{\"model\": \"mlp\"}"}});
  const std::string bytes = gan::read_file(path);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i) n = n << 8 | static_cast<uint8_t>(bytes[i]);
  CHECK(n % 8 == 0);  // the data starts 8-byte aligned
  REQUIRE(bytes.size() == 8 + n + 6 * 4 + 8);
  gan::JsonValue header = gan::parse_json(bytes.substr(8, n), path);
  CHECK(header.at("__metadata__").at("meta").as_string() == "{\"model\": \"mlp\"}");
  const gan::JsonValue& weight = header.at("G.0.weight");
  CHECK(weight.at("dtype").as_string() == "F32");
  CHECK(weight.at("shape").items()[0].as_number() == 3);
  CHECK(weight.at("data_offsets").items()[1].as_number() == 24);
  CHECK(header.at("G.2.n").at("dtype").as_string() == "I64");
  CHECK(header.at("G.2.n").at("shape").items().empty());
  CHECK(header.at("G.2.n").at("data_offsets").items()[0].as_number() == 24);
  CHECK(bytes.substr(8 + n + 24) == std::string("\x07\0\0\0\0\0\0\0", 8));
}

TEST_CASE("write_safetensors: rejects other dtypes and repeated names", "[io]") {
  const std::string path = scratch_path("io", "bad.safetensors");
  CHECK_THROWS_WITH(gan::write_safetensors(path, {gan::string_array("s", "x")}, {}), Catch::Contains("only '<f4'"));
  const float v = 1.0f;
  CHECK_THROWS_WITH(gan::write_safetensors(path, {gan::float32_array("a", {1}, &v), gan::float32_array("a", {1}, &v)}, {}),
                    Catch::Contains("'a' repeated"));
}
