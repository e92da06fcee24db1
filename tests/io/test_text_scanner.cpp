#include <catch2/catch.hpp>

#include "gan/io/text_scanner.h"

using gan::TextScanner;

TEST_CASE("TextScanner skips blanks before single characters, never before literals", "[io]") {
  const std::string text = " {\n\t'shape' : 3000L }";
  TextScanner scan(text);
  CHECK(scan.skip_if('{'));
  CHECK_FALSE(scan.skip_if('}'));
  CHECK(scan.next_is('\''));
  CHECK(scan.line_column() == "2:2");  // after the tab
  CHECK(scan.take() == '\'');
  CHECK(scan.skip_literal("shape"));
  CHECK(scan.skip_if('\''));
  CHECK(scan.skip_if(':'));
  CHECK_FALSE(scan.skip_literal("3000"));  // a blank first: literals do not skip it
  scan.skip_space();
  CHECK(scan.skip_digits() == 4);
  CHECK(scan.describe_next() == "'L'");
  CHECK(scan.skip_literal("L"));
  CHECK_FALSE(scan.next_is_end());
  CHECK(scan.skip_if('}'));
  CHECK(scan.next_is_end());
  CHECK(scan.peek() == '\0');
  CHECK(scan.take() == '\0');  // reading past the end stays at the end
  CHECK(scan.describe_next() == "the end of the text");
  CHECK(scan.line_column() == "2:19");
  scan.move_to(1);
  CHECK(scan.peek() == '{');
}
