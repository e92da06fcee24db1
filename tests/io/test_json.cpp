#include <catch2/catch.hpp>

#include <cmath>

#include "gan/io/json.h"

using gan::JsonValue;
using gan::parse_json;
using gan::to_json;

TEST_CASE("parse_json reads every kind of value", "[io]") {
  JsonValue value = parse_json(
      " {\"model\": \"dcgan\", \"epochs\": 5, \"lr\": 2e-4, \"neg\": -0.5, \"on\": true, \"off\": false,\n"
      "  \"none\": null, \"list\": [1, [2, {}], []], \"text\": \"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\"} ",
      "test");
  REQUIRE(value.type() == JsonValue::Type::Object);
  CHECK(value.at("model").as_string() == "dcgan");
  CHECK(value.at("epochs").as_number() == 5.0);
  CHECK(value.at("lr").as_number() == 2e-4);
  CHECK(value.at("neg").as_number() == -0.5);
  CHECK(value.at("on").as_bool());
  CHECK_FALSE(value.at("off").as_bool());
  CHECK(value.at("none").is_null());
  const std::vector<JsonValue>& list = value.at("list").items();
  REQUIRE(list.size() == 3);
  CHECK(list[1].items()[0].as_number() == 2.0);
  CHECK(list[1].items()[1].members().empty());
  CHECK(list[2].items().empty());
  CHECK(value.at("text").as_string() == "a\"b\\c/d\n\t\xc3\xa9\xf0\x9f\x98\x80");  // é and U+1F600 in UTF-8
  // Keys stay in the order of the text.
  std::vector<std::string> keys;
  for (const gan::JsonMember& member : value.members()) keys.push_back(member.key);
  CHECK(keys == std::vector<std::string>{"model", "epochs", "lr", "neg", "on", "off", "none", "list", "text"});
  CHECK(value.find("missing") == nullptr);
}

TEST_CASE("to_json writes keys in insertion order, compact or indented", "[io][golden]") {
  JsonValue config = JsonValue::object();
  config.set("model", "dcgan");
  config.set("epochs", 5);
  config.set("lr", 2e-4f);  // a float: written as 0.0002
  config.set("sizes", JsonValue::array());
  JsonValue layers = JsonValue::array();
  layers.push_back(1);
  layers.push_back(JsonValue());
  layers.push_back("a\"b\n\x01");
  config.set("layers", layers);
  config.set("empty", JsonValue::object());
  config.set("epochs", 6);  // replaces in place, keeps the position
  CHECK(to_json(config) ==
        "{\"model\": \"dcgan\", \"epochs\": 6, \"lr\": 0.0002, \"sizes\": [], "
        "\"layers\": [1, null, \"a\\\"b\\n\\u0001\"], \"empty\": {}}");
  CHECK(to_json(config, 2) ==
        "{\n"
        "  \"model\": \"dcgan\",\n"
        "  \"epochs\": 6,\n"
        "  \"lr\": 0.0002,\n"
        "  \"sizes\": [],\n"
        "  \"layers\": [\n"
        "    1,\n"
        "    null,\n"
        "    \"a\\\"b\\n\\u0001\"\n"
        "  ],\n"
        "  \"empty\": {}\n"
        "}");
  // What is written reads back to the same text.
  CHECK(to_json(parse_json(to_json(config, 2), "round trip"), 2) == to_json(config, 2));
  CHECK(to_json(JsonValue(true)) == "true");
  CHECK(to_json(JsonValue(int64_t{1} << 53)) == "9007199254740992");
}

TEST_CASE("parse_json errors give the source, line and column", "[io]") {
  CHECK_THROWS_WITH(parse_json("{\n  \"a\": 1,\n  \"b\" 2\n}", "config.json"),
                    "config.json:3:7: expected ':' after the key \"b\", got '2'");
  CHECK_THROWS_WITH(parse_json("[1, 2,]", "x"),
                    "x:1:7: expected a value (object, array, string, number, true, false or null), got ']'");
  CHECK_THROWS_WITH(parse_json("{\"a\": 1 \"b\": 2}", "x"),
                    "x:1:9: expected ',' or '}' after the value of \"a\", got '\"'");
  CHECK_THROWS_WITH(parse_json("{\"a\": 1, \"a\": 2}", "x"), "x:1:10: duplicate key \"a\"");
  CHECK_THROWS_WITH(parse_json("{1: 2}", "x"), "x:1:2: expected a string key, got '1'");
  CHECK_THROWS_WITH(parse_json("\"abc", "x"), "x:1:5: expected '\"' to close the string, got the end of the text");
  CHECK_THROWS_WITH(parse_json("\"a\tb\"", "x"),
                    "x:1:3: expected a character (control characters must be escaped), got '\t'");
  CHECK_THROWS_WITH(parse_json("\"\\x\"", "x"), Catch::StartsWith("x:1:3: expected an escape: one of"));
  CHECK_THROWS_WITH(parse_json("\"\\u12g4\"", "x"), "x:1:6: expected four hex digits after \\u, got 'g'");
  CHECK_THROWS_WITH(parse_json("01", "x"), "x:1:2: expected the end of the text after the value, got '1'");
  CHECK_THROWS_WITH(parse_json("-", "x"), "x:1:2: expected a digit, got the end of the text");
  CHECK_THROWS_WITH(parse_json("1.e5", "x"), "x:1:3: expected a digit after the decimal point, got 'e'");
  CHECK_THROWS_WITH(parse_json("1e999", "x"), "x:1:1: the number is too large for a double");
  CHECK_THROWS_WITH(parse_json("tru", "x"), Catch::StartsWith("x:1:1: expected a value"));
  CHECK_THROWS_WITH(parse_json("", "x"), Catch::EndsWith("got the end of the text"));
}

TEST_CASE("JsonValue accessors and to_json reject what does not fit", "[io]") {
  JsonValue value = parse_json("{\"epochs\": 5, \"model\": \"mlp\"}", "x");
  CHECK_THROWS_WITH(value.at("epochs").as_string(), "JSON: expected a string, got a number");
  CHECK_THROWS_WITH(value.at("lr"), "JSON: no key \"lr\" (the object has \"epochs\", \"model\")");
  CHECK_THROWS_WITH(value.items(), "JSON: expected an array, got an object");
  CHECK_THROWS_WITH(to_json(JsonValue(std::nan(""))), "to_json: nan cannot be written as JSON");
  CHECK_THROWS_WITH(to_json(JsonValue(-INFINITY)), "to_json: -inf cannot be written as JSON");
}

TEST_CASE("parse_json stops deep nesting, lone surrogates and unknown words", "[io]") {
  // Found by reading, kept as a regression: a million '[' overflowed the stack (one recursion
  // per level) and killed the process.
  CHECK_THROWS_WITH(parse_json(std::string(1000000, '['), "x"), "x:1:257: arrays and objects nest more than 256 deep");
  CHECK(parse_json(std::string(256, '[') + std::string(256, ']'), "x").items().size() == 1);
  CHECK_THROWS_WITH(parse_json("\"\\ud83d\"", "x"),
                    "x:1:8: expected \\u and the low half of a surrogate pair, got '\"'");
  CHECK_THROWS_WITH(parse_json("\"\\ud83d\\u0041\"", "x"),
                    "x:1:14: expected a low surrogate (DC00 to DFFF) after a high one");
  CHECK_THROWS_WITH(parse_json("True", "x"),
                    "x:1:1: expected a value (object, array, string, number, true, false or null), got 'T'");
  CHECK_THROWS_WITH(parse_json("{} x", "x"), "x:1:4: expected the end of the text after the value, got 'x'");
  CHECK_THROWS_WITH(parse_json("[1, 2", "x"),
                    "x:1:6: expected ',' or ']' after an array element, got the end of the text");
}
