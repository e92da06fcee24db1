// number_of, columns_of, column_of, run_name, epoch_name (run_tables.h).
#include "run_tables.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace gan::report_tables {

JsonValue number_of(const std::string& cell, const std::string& where, int digits) {
  if (cell.empty()) return JsonValue();
  char* end = nullptr;
  double value = std::strtod(cell.c_str(), &end);
  if (*end != '\0') throw std::runtime_error(where + ": expected a number, found '" + cell + "'");
  if (!std::isfinite(value)) return JsonValue();
  char text[32];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return JsonValue(std::strtod(text, nullptr));
}

JsonValue column_of(const CsvTable& table, const std::string& name, const std::string& path, int digits) {
  const size_t c = table.column(name, path);
  JsonValue values = JsonValue::array();
  for (size_t r = 0; r < table.rows.size(); ++r) {
    values.push_back(number_of(table.rows[r][c], path + ": line " + std::to_string(r + 2) + ", " + name, digits));
  }
  return values;
}

JsonValue columns_of(const CsvTable& table, const std::string& path, const std::vector<std::string>& text) {
  JsonValue columns = JsonValue::object();
  for (size_t c = 0; c < table.header.size(); ++c) {
    const std::string& name = table.header[c];
    if (std::find(text.begin(), text.end(), name) == text.end()) {
      columns.set(name, column_of(table, name, path));
      continue;
    }
    JsonValue values = JsonValue::array();
    for (const std::vector<std::string>& row : table.rows) values.push_back(JsonValue(row[c]));
    columns.set(name, values);
  }
  return columns;
}

std::string run_name(const std::string& run_dir) {
  std::filesystem::path folder = std::filesystem::absolute(run_dir).lexically_normal();
  if (folder.filename().empty()) folder = folder.parent_path();  // "runs/demo/"
  return folder.filename().string();
}

std::string epoch_name(int epoch) {
  char name[32];
  std::snprintf(name, sizeof name, "epoch_%04d", epoch);
  return name;
}

}  // namespace gan::report_tables
