#include <catch2/catch.hpp>

#include "gan/io/base64.h"

// The test vectors of RFC 4648, Sec. 10, and bytes above 127 (read unsigned).
TEST_CASE("base64_encode gives RFC 4648's test vectors", "[io][base64]") {
  CHECK(gan::base64_encode("") == "");
  CHECK(gan::base64_encode("f") == "Zg==");
  CHECK(gan::base64_encode("fo") == "Zm8=");
  CHECK(gan::base64_encode("foo") == "Zm9v");
  CHECK(gan::base64_encode("foob") == "Zm9vYg==");
  CHECK(gan::base64_encode("fooba") == "Zm9vYmE=");
  CHECK(gan::base64_encode("foobar") == "Zm9vYmFy");
  CHECK(gan::base64_encode(std::string("\x89PNG\xff\x00", 6)) == "iVBOR/8A");
}
