#include "gan/io/json.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "gan/io/csv.h"
#include "gan/io/text_scanner.h"

namespace gan {

JsonValue::JsonValue(bool value) : type_(Type::Bool), bool_(value) {}
JsonValue::JsonValue(double value) : type_(Type::Number), number_(value) {}
JsonValue::JsonValue(int value) : type_(Type::Number), number_(value) {}
JsonValue::JsonValue(int64_t value) : type_(Type::Number), number_(static_cast<double>(value)) {}
JsonValue::JsonValue(const char* value) : type_(Type::String), string_(value) {}
JsonValue::JsonValue(std::string value) : type_(Type::String), string_(std::move(value)) {}

JsonValue JsonValue::array() {
  JsonValue value;
  value.type_ = Type::Array;
  return value;
}

JsonValue JsonValue::object() {
  JsonValue value;
  value.type_ = Type::Object;
  return value;
}

const char* JsonValue::type_name() const {
  static const char* const names[] = {"null", "bool", "number", "string", "array", "object"};
  return names[static_cast<int>(type_)];
}

void JsonValue::require(Type type) const {
  if (type_ != type) {
    JsonValue wanted;
    wanted.type_ = type;
    auto with_article = [](const std::string& name) {
      return (name[0] == 'a' || name[0] == 'o' ? "an " : "a ") + name;
    };
    throw std::runtime_error("JSON: expected " + with_article(wanted.type_name()) + ", got " +
                             with_article(type_name()));
  }
}

bool JsonValue::as_bool() const {
  require(Type::Bool);
  return bool_;
}

double JsonValue::as_number() const {
  require(Type::Number);
  return number_;
}

const std::string& JsonValue::as_string() const {
  require(Type::String);
  return string_;
}

const std::vector<JsonValue>& JsonValue::items() const {
  require(Type::Array);
  return items_;
}

const std::vector<JsonMember>& JsonValue::members() const {
  require(Type::Object);
  return members_;
}

void JsonValue::push_back(JsonValue value) {
  require(Type::Array);
  items_.push_back(std::move(value));
}

void JsonValue::set(const std::string& key, JsonValue value) {
  require(Type::Object);
  for (JsonMember& member : members_) {
    if (member.key == key) {
      member.value = std::move(value);
      return;
    }
  }
  members_.push_back({key, std::move(value)});
}

const JsonValue* JsonValue::find(const std::string& key) const {
  require(Type::Object);
  for (const JsonMember& member : members_) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

const JsonValue& JsonValue::at(const std::string& key) const {
  if (const JsonValue* value = find(key)) return *value;
  std::string present;
  for (const JsonMember& member : members_) present += (present.empty() ? "\"" : ", \"") + member.key + "\"";
  throw std::runtime_error("JSON: no key \"" + key + "\" (the object has " + (present.empty() ? "no keys" : present) +
                           ")");
}

namespace {

// Recursive descent over RFC 8259's grammar; `scan_` holds the byte being looked at.
class JsonParser {
 public:
  JsonParser(const std::string& text, const std::string& source) : scan_(text), source_(source) {}

  JsonValue parse_document() {
    JsonValue value = parse_value();
    if (!scan_.next_is_end()) fail_expected("the end of the text after the value");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    throw std::runtime_error(source_ + ":" + scan_.line_column() + ": " + message);
  }
  [[noreturn]] void fail_expected(const std::string& what) const {
    fail("expected " + what + ", got " + scan_.describe_next());
  }
  void expect(char c, const std::string& context) {
    if (!scan_.skip_if(c)) fail_expected(std::string("'") + c + "' " + context);
  }

  JsonValue parse_value() {
    scan_.skip_space();
    char c = scan_.peek();
    if (c == '{' || c == '[') {
      // One level of recursion per level of nesting: the limit keeps a file of a million '['
      // from overflowing the stack. gan.cpp's own files nest a few levels deep.
      if (depth_ == kMaxDepth) fail("arrays and objects nest more than " + std::to_string(kMaxDepth) + " deep");
      ++depth_;
      JsonValue value = c == '{' ? parse_object() : parse_array();
      --depth_;
      return value;
    }
    if (c == '"') return JsonValue(parse_string());
    if (c == '-' || (c >= '0' && c <= '9')) return JsonValue(parse_number());
    if (scan_.skip_literal("true")) return JsonValue(true);
    if (scan_.skip_literal("false")) return JsonValue(false);
    if (scan_.skip_literal("null")) return JsonValue();
    fail_expected("a value (object, array, string, number, true, false or null)");
  }

  JsonValue parse_object() {
    JsonValue object = JsonValue::object();
    scan_.take();  // '{'
    if (scan_.skip_if('}')) return object;
    while (true) {
      if (!scan_.next_is('"')) fail_expected("a string key");
      size_t key_position = scan_.position();
      std::string key = parse_string();
      if (object.find(key)) {
        scan_.move_to(key_position);
        fail("duplicate key \"" + key + "\"");
      }
      expect(':', "after the key \"" + key + "\"");
      object.set(key, parse_value());
      if (scan_.skip_if('}')) return object;
      expect(',', "or '}' after the value of \"" + key + "\"");
    }
  }

  JsonValue parse_array() {
    JsonValue array = JsonValue::array();
    scan_.take();  // '['
    if (scan_.skip_if(']')) return array;
    while (true) {
      array.push_back(parse_value());
      if (scan_.skip_if(']')) return array;
      expect(',', "or ']' after an array element");
    }
  }

  std::string parse_string() {
    scan_.take();  // the opening quote
    std::string value;
    while (true) {
      if (scan_.at_end()) fail_expected("'\"' to close the string");
      char c = scan_.peek();
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) fail_expected("a character (control characters must be escaped)");
      scan_.take();
      if (c != '\\') {
        value += c;
        continue;
      }
      char escape = scan_.peek();
      const std::string simple = "\"\\/bfnrt", meaning = "\"\\/\b\f\n\r\t";
      size_t index = simple.find(escape);
      if (escape != '\0' && index != std::string::npos) {
        value += meaning[index];
        scan_.take();
      } else if (escape == 'u') {
        scan_.take();
        append_utf8(value, parse_code_point());
      } else {
        fail_expected("an escape: one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX");
      }
    }
    scan_.take();  // the closing quote
    return value;
  }

  // After "\u": four hex digits, and for a UTF-16 high surrogate the "\uXXXX" of its low half.
  uint32_t parse_code_point() {
    uint32_t unit = parse_hex4();
    if (unit < 0xD800 || unit > 0xDBFF) return unit;
    if (!scan_.skip_literal("\\u")) fail_expected("\\u and the low half of a surrogate pair");
    uint32_t low = parse_hex4();
    if (low < 0xDC00 || low > 0xDFFF) fail("expected a low surrogate (DC00 to DFFF) after a high one");
    return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
  }
  uint32_t parse_hex4() {
    uint32_t unit = 0;
    for (int i = 0; i < 4; ++i) {
      char c = scan_.peek();
      const char* hex = "0123456789abcdef";
      const char* digit = c != '\0' ? std::strchr(hex, std::tolower(static_cast<unsigned char>(c))) : nullptr;
      if (!digit) fail_expected("four hex digits after \\u");
      scan_.take();
      unit = unit * 16 + static_cast<uint32_t>(digit - hex);
    }
    return unit;
  }
  static void append_utf8(std::string& out, uint32_t code_point) {
    if (code_point < 0x80) {
      out += static_cast<char>(code_point);
    } else if (code_point < 0x800) {
      out += static_cast<char>(0xC0 | code_point >> 6);
      out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
      out += static_cast<char>(0xE0 | code_point >> 12);
      out += static_cast<char>(0x80 | (code_point >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | code_point >> 18);
      out += static_cast<char>(0x80 | (code_point >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (code_point >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (code_point & 0x3F));
    }
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, checked here because strtod accepts more
  // (hex, "inf", a leading '+').
  double parse_number() {
    const size_t start = scan_.position();
    auto digits = [&](const char* what) {
      if (scan_.skip_digits() == 0) fail_expected(what);
    };
    scan_.skip_literal("-");
    if (!scan_.skip_literal("0")) digits("a digit");
    if (scan_.skip_literal(".")) digits("a digit after the decimal point");
    if (scan_.skip_literal("e") || scan_.skip_literal("E")) {
      if (!scan_.skip_literal("+")) scan_.skip_literal("-");
      digits("a digit in the exponent");
    }
    double value = std::strtod(scan_.text().substr(start, scan_.position() - start).c_str(), nullptr);
    if (std::isinf(value)) {
      scan_.move_to(start);
      fail("the number is too large for a double");
    }
    return value;
  }

  static constexpr int kMaxDepth = 256;
  TextScanner scan_;
  const std::string& source_;
  int depth_ = 0;  // arrays and objects open around the position
};

void write_string(const std::string& text, std::string& out) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\u%04x", static_cast<unsigned>(c));
          out += escape;
        } else {
          out += c;  // UTF-8 passes through unchanged
        }
    }
  }
  out += '"';
}

void write_value(const JsonValue& value, int indent, int depth, std::string& out) {
  // Between elements: ", " on one line, or a line break and the next depth's indentation.
  auto separator = [&](int at_depth) {
    if (indent == 0) return;
    out += '\n';
    out.append(static_cast<size_t>(indent) * at_depth, ' ');
  };
  switch (value.type()) {
    case JsonValue::Type::Null: out += "null"; break;
    case JsonValue::Type::Bool: out += value.as_bool() ? "true" : "false"; break;
    case JsonValue::Type::Number:
      if (!std::isfinite(value.as_number())) {
        throw std::invalid_argument("to_json: " + format_float(value.as_number()) + " cannot be written as JSON");
      }
      out += format_float(value.as_number());
      break;
    case JsonValue::Type::String: write_string(value.as_string(), out); break;
    case JsonValue::Type::Array: {
      const std::vector<JsonValue>& items = value.items();
      out += '[';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += indent == 0 ? ", " : ",";
        separator(depth + 1);
        write_value(items[i], indent, depth + 1, out);
      }
      if (!items.empty()) separator(depth);
      out += ']';
      break;
    }
    case JsonValue::Type::Object: {
      const std::vector<JsonMember>& members = value.members();
      out += '{';
      for (size_t i = 0; i < members.size(); ++i) {
        if (i > 0) out += indent == 0 ? ", " : ",";
        separator(depth + 1);
        write_string(members[i].key, out);
        out += ": ";
        write_value(members[i].value, indent, depth + 1, out);
      }
      if (!members.empty()) separator(depth);
      out += '}';
      break;
    }
  }
}

}  // namespace

JsonValue parse_json(const std::string& text, const std::string& source_name) {
  return JsonParser(text, source_name).parse_document();
}

std::string to_json(const JsonValue& value, int indent) {
  std::string out;
  write_value(value, indent, 0, out);
  return out;
}

}  // namespace gan
