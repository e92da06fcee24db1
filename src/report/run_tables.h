// A run's CSV files as the page's JSON: what report_data.cpp (runs of gan train) and
// toy_report_data.cpp (runs of gan toy) both read with. Private to src/report/.
#pragma once

#include <string>
#include <vector>

#include "gan/io/csv.h"
#include "gan/io/json.h"

namespace gan::report_tables {

// A cell as a number for the page, to `digits` significant digits (6: what a chart can show; fewer
// for the many points of a toy's fields); an empty or non-finite cell is null. Throws naming
// `where` for a cell that is not a number.
JsonValue number_of(const std::string& cell, const std::string& where, int digits = 6);

// Every column of a CSV file as an array of numbers (or text, for the columns named in `text`).
JsonValue columns_of(const CsvTable& table, const std::string& path, const std::vector<std::string>& text = {});

// One column as an array of numbers to `digits` significant digits; throws naming the file when
// the column is missing.
JsonValue column_of(const CsvTable& table, const std::string& name, const std::string& path, int digits = 6);

// The run folder's own name, the page's title: "demo" for "runs/demo" and "runs/demo/".
std::string run_name(const std::string& run_dir);

// "epoch_0005": the stem of an epoch's files.
std::string epoch_name(int epoch);

}  // namespace gan::report_tables
