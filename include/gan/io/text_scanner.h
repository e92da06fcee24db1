// A read position in a text, shared by the two hand-written parsers of io/: the JSON reader
// (json.cpp) and the Python dict literal of a .npy header (npy.cpp). It knows whitespace, single
// characters and literals; each parser keeps its grammar and the wording of its errors.
//
//   TextScanner scan("{ 'shape': (3, 1) }");
//   scan.skip_if('{');                      // true: the next character after blanks was '{'
//   scan.next_is('\'');                     // true, and the position is now at the quote
//   scan.line_column();                     // "1:3", for messages
#pragma once

#include <cstddef>
#include <string>

namespace gan {

class TextScanner {
 public:
  explicit TextScanner(const std::string& text) : text_(text) {}  // `text` must outlive the scanner

  const std::string& text() const { return text_; }
  size_t position() const { return position_; }
  void move_to(size_t position) { position_ = position; }  // back to a spot an error should name
  bool at_end() const { return position_ >= text_.size(); }

  char peek() const { return at_end() ? '\0' : text_[position_]; }  // '\0' at the end
  char take() { return at_end() ? '\0' : text_[position_++]; }      // peek, then step past it

  // Steps past the whitespace that JSON and Python agree on: ' ', '\t', '\r', '\n'.
  void skip_space();
  // After skip_space: whether the next character is c (it stays unread).
  bool next_is(char c);
  // After skip_space: whether the text has ended.
  bool next_is_end();
  // next_is(c), and when true steps past c.
  bool skip_if(char c);
  // Steps past `literal` ("true", "-", "\\u") when the text continues with it here; no blanks
  // are skipped first.
  bool skip_literal(const std::string& literal);
  // Steps past a run of digits 0-9; returns how many.
  size_t skip_digits();

  // "'x'" for the next character, or "the end of the text": the "got ..." of an error message.
  std::string describe_next() const;
  // "line:column" of the position, both counted from 1.
  std::string line_column() const;

 private:
  const std::string& text_;
  size_t position_ = 0;
};

}  // namespace gan
