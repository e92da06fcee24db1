#include "gan/io/csv.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <utility>

#include "gan/io/atomic_file.h"

namespace gan {

namespace {

// A cell is quoted only when it has to be: when it holds a comma, a quote or a line break.
std::string csv_line(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    const std::string& cell = cells[i];
    if (cell.find_first_of(",\"\r\n") == std::string::npos) {
      line += cell;
      continue;
    }
    line += '"';
    for (char c : cell) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  return line + '\n';
}

// Splits CSV text into rows of cells. A row counts only once its closing '\n' is there: a last
// line without one was cut off by a kill and is left out.
std::vector<std::vector<std::string>> parse_complete_rows(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c != '"') {
        row.back() += c;
      } else if (i + 1 < text.size() && text[i + 1] == '"') {
        row.back() += '"';
        ++i;
      } else {
        quoted = false;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.emplace_back();
    } else if (c == '\n') {
      rows.push_back(row);
      row.assign(1, "");
    } else if (c != '\r') {
      row.back() += c;
    }
  }
  return rows;
}

}  // namespace

size_t CsvTable::column(const std::string& name, const std::string& source) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  std::string present;
  for (const std::string& h : header) present += (present.empty() ? "" : ", ") + h;
  throw std::runtime_error(source + ": expected a column '" + name + "', found the columns " + present);
}

CsvTable read_csv(const std::string& path) {
  std::vector<std::vector<std::string>> rows = parse_complete_rows(read_file(path));
  if (rows.empty()) throw std::runtime_error(path + ": expected a CSV header line, found an empty file");
  CsvTable table;
  table.header = rows[0];
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].size() != table.header.size()) {
      throw std::runtime_error(path + ": line " + std::to_string(r + 1) + ": expected " +
                               std::to_string(table.header.size()) + " cells as in the header, found " +
                               std::to_string(rows[r].size()));
    }
    table.rows.push_back(std::move(rows[r]));
  }
  return table;
}

CsvWriter::CsvWriter(const std::string& path, const std::vector<std::string>& header)
    : path_(path), columns_(header.size()) {
  write_file_atomically(path, csv_line(header));
  open_for_appending();
}

CsvWriter::CsvWriter(const std::string& path, size_t columns) : path_(path), columns_(columns) { open_for_appending(); }

void CsvWriter::open_for_appending() {
  out_.open(path_, std::ios::binary | std::ios::app);
  if (!out_) throw std::runtime_error(path_ + ": cannot open for appending");
}

CsvWriter CsvWriter::resume(const std::string& path, const std::vector<std::string>& header, const std::string& key,
                            int64_t last_kept) {
  size_t key_column = std::find(header.begin(), header.end(), key) - header.begin();
  if (key_column == header.size()) {
    throw std::invalid_argument("CsvWriter::resume: " + path + ": the key column '" + key + "' is not in the header");
  }
  std::vector<std::vector<std::string>> rows = parse_complete_rows(read_file(path));
  if (rows.empty() || rows[0] != header) {
    auto text = [](const std::vector<std::string>& cells) {
      std::string line = csv_line(cells);
      line.pop_back();  // the '\n'
      return line;
    };
    throw std::runtime_error(path + ": line 1: expected the header " + text(header) + ", found " +
                             (rows.empty() ? "no header" : "the header " + text(rows[0])));
  }
  std::string kept = csv_line(header);
  for (size_t r = 1; r < rows.size(); ++r) {
    const std::string& cell = rows[r][key_column];
    char* end = nullptr;
    long long number = std::strtoll(cell.c_str(), &end, 10);
    if (cell.empty() || *end != '\0') {
      throw std::runtime_error(path + ": row " + std::to_string(r + 1) + ": " + key + " must be an integer, got '" +
                               cell + "'");
    }
    if (number <= last_kept) kept += csv_line(rows[r]);
  }
  write_file_atomically(path, kept);
  return CsvWriter(path, header.size());
}

void CsvWriter::write_row(const std::vector<std::string>& cells) {
  if (cells.size() != columns_) {
    throw std::invalid_argument("CsvWriter::write_row: " + path_ + " has " + std::to_string(columns_) +
                                " columns, got a row of " + std::to_string(cells.size()) + " cells");
  }
  out_ << csv_line(cells);
  out_.flush();
  if (!out_) throw std::runtime_error(path_ + ": cannot write a row");
}

std::string format_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char text[32];
  if (value == std::floor(value) && std::fabs(value) <= 9007199254740992.0) {  // 2^53: every such integer is exact
    std::snprintf(text, sizeof text, "%.0f", value);
    return text;
  }
  // Try 1, 2, ... significant digits until the text reads back exactly; 9 always suffice for a
  // float and 17 for a double. snprintf and strtod round correctly, so the result is the same
  // on every platform.
  const bool is_float =
      std::fabs(value) <= std::numeric_limits<float>::max() && static_cast<double>(static_cast<float>(value)) == value;
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    if (is_float ? std::strtof(text, nullptr) == static_cast<float>(value) : std::strtod(text, nullptr) == value) break;
  }
  return text;
}

}  // namespace gan
