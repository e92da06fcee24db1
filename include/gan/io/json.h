// A small JSON value (RFC 8259) for config.json, metric outputs and checkpoint metadata.
// Objects keep their keys in insertion order, so that written files read in a fixed order and
// are identical from run to run.
//
//   JsonValue config = JsonValue::object();
//   config.set("epochs", 5);
//   config.set("model", "dcgan");
//   std::string text = to_json(config, 2);                 // {\n  "epochs": 5,\n  "model": "dcgan"\n}
//   JsonValue back = parse_json(text, "config.json");
//   int epochs = static_cast<int>(back.at("epochs").as_number());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace gan {

struct JsonMember;

class JsonValue {
 public:
  enum class Type { Null, Bool, Number, String, Array, Object };

  JsonValue() = default;  // null
  JsonValue(bool value);
  JsonValue(double value);
  JsonValue(int value);
  JsonValue(int64_t value);  // exact up to 2^53
  JsonValue(const char* value);
  JsonValue(std::string value);
  static JsonValue array();
  static JsonValue object();

  Type type() const { return type_; }
  const char* type_name() const;  // "null", "bool", "number", "string", "array", "object"
  bool is_null() const { return type_ == Type::Null; }

  // Each throws std::runtime_error "expected a <type>, got a <type>" for another type.
  bool as_bool() const;
  double as_number() const;
  const std::string& as_string() const;
  const std::vector<JsonValue>& items() const;     // an array's elements
  const std::vector<JsonMember>& members() const;  // an object's keys and values, in order

  void push_back(JsonValue value);                      // requires an array
  void set(const std::string& key, JsonValue value);    // requires an object; replaces or appends
  const JsonValue* find(const std::string& key) const;  // requires an object; nullptr if absent
  // requires an object; throws std::runtime_error naming the missing key and the keys present.
  const JsonValue& at(const std::string& key) const;

 private:
  void require(Type type) const;

  Type type_ = Type::Null;
  bool bool_ = false;
  double number_ = 0.0;
  std::string string_;
  std::vector<JsonValue> items_;
  std::vector<JsonMember> members_;
};

struct JsonMember {
  std::string key;
  JsonValue value;
};

// Parses one JSON text (surrounding whitespace allowed). Throws std::runtime_error
// "<source_name>:<line>:<column>: expected <what>, got <what>"; lines and columns count from 1.
// Duplicate keys in an object are an error, and so are arrays and objects nested more than 256
// deep (the parser recurses once per level).
JsonValue parse_json(const std::string& text, const std::string& source_name);

// indent 0: one line, {"a": 1, "b": [1, 2]}; indent > 0: one value per line, nested by
// `indent` spaces. Numbers print in their shortest exact form (format_float in csv.h), whole
// numbers without a decimal point. Throws std::invalid_argument for NaN or infinity, which JSON
// cannot hold.
std::string to_json(const JsonValue& value, int indent = 0);

}  // namespace gan
