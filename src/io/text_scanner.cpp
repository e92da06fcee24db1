#include "gan/io/text_scanner.h"

namespace gan {

void TextScanner::skip_space() {
  while (peek() == ' ' || peek() == '\t' || peek() == '\r' || peek() == '\n') ++position_;
}

bool TextScanner::next_is(char c) {
  skip_space();
  return !at_end() && text_[position_] == c;
}

bool TextScanner::next_is_end() {
  skip_space();
  return at_end();
}

bool TextScanner::skip_if(char c) {
  if (!next_is(c)) return false;
  ++position_;
  return true;
}

bool TextScanner::skip_literal(const std::string& literal) {
  if (text_.compare(position_, literal.size(), literal) != 0) return false;
  position_ += literal.size();
  return true;
}

size_t TextScanner::skip_digits() {
  const size_t start = position_;
  while (peek() >= '0' && peek() <= '9') ++position_;
  return position_ - start;
}

std::string TextScanner::describe_next() const {
  return at_end() ? "the end of the text" : "'" + std::string(1, text_[position_]) + "'";
}

// Counted on each call: only error messages ask, once.
std::string TextScanner::line_column() const {
  int line = 1, column = 1;
  for (size_t i = 0; i < position_ && i < text_.size(); ++i) {
    if (text_[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return std::to_string(line) + ":" + std::to_string(column);
}

}  // namespace gan
