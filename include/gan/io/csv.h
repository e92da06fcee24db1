// CSV logs of a training run (steps.csv, epochs.csv), RFC 4180 quoting, one row per line.
// Every row is flushed as soon as it is written, so a killed run keeps every finished row.
//
//   CsvWriter log("runs/a/epochs.csv", {"epoch", "d_loss"});   // new file with its header
//   log.write_row({"1", format_float(0.6931)});
//   // later, resuming after epoch 3:
//   CsvWriter log = CsvWriter::resume("runs/a/epochs.csv", {"epoch", "d_loss"}, "epoch", 3);
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace gan {

class CsvWriter {
 public:
  // Creates `path` (replacing any file there) holding the header row.
  // Throws std::runtime_error naming the path when it cannot be written.
  CsvWriter(const std::string& path, const std::vector<std::string>& header);

  // Continues the log of a resumed run. The file's header must equal `header`; rows whose cell in
  // column `key` (an integer that grows row by row, such as the epoch or the step) is at most
  // `last_kept` are kept, and the rest (written after the checkpoint by a run that was then
  // killed, or cut off mid-line) are dropped, so the log continues exactly where the checkpoint does.
  // requires: `key` is one of `header`'s names (std::invalid_argument otherwise).
  // Throws std::runtime_error naming the file and the row at fault.
  static CsvWriter resume(const std::string& path, const std::vector<std::string>& header, const std::string& key,
                          int64_t last_kept);

  // requires: cells.size() == the header's size (std::invalid_argument otherwise).
  void write_row(const std::vector<std::string>& cells);

 private:
  CsvWriter(const std::string& path, size_t columns);  // opens an existing file for appending
  void open_for_appending();

  std::string path_;
  size_t columns_;
  std::ofstream out_;
};

// A whole CSV file read back: its header and its rows of cells, as text.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // The index of a column; throws std::runtime_error naming `source` and the columns present.
  size_t column(const std::string& name, const std::string& source) const;
};

// Reads a CSV log written by CsvWriter. A last line without its '\n' (cut off by a kill) is left
// out. Throws std::runtime_error naming the file: unreadable, empty, or a row whose number of
// cells differs from the header's (with its line number).
CsvTable read_csv(const std::string& path);

// The shortest text that reads back as the same number: as the same float when `value` is a
// float widened to double (0.1f prints "0.1", not "0.100000001"), as the same double otherwise.
// Whole numbers up to 2^53 in magnitude print as integers ("16384", not "1.6384e+04").
// No locale, no platform-dependent digits, so logs are reproducible byte for byte.
// NaN and infinities print as "nan", "inf", "-inf".
std::string format_float(double value);

}  // namespace gan
