// read_toy_run_for_report: a gan toy run's files (toy/toy_run.h) gathered into the page's JSON
// (report/report.h).
#include <filesystem>
#include <stdexcept>

#include "gan/io/csv.h"
#include "gan/report/report.h"
#include "run_tables.h"

namespace gan {

namespace {

namespace fs = std::filesystem;
using report_tables::column_of;
using report_tables::number_of;

// Significant digits of the fields' many numbers: a curve or a dot needs no more than 4 (a
// ten-thousandth of the plot), D's colour and an arrow 3. They keep a 40-epoch 2-D report near 1 MB.
constexpr int kCurveDigits = 4;
constexpr int kColourDigits = 3;

// The (x, y) columns of the rows of samples.csv whose source is `source`, interleaved: x0, y0, x1, ...
JsonValue points_of(const CsvTable& table, const std::string& source, const char* x, const char* y,
                    const std::string& path, int digits) {
  const size_t source_c = table.column("source", path), x_c = table.column(x, path), y_c = table.column(y, path);
  JsonValue points = JsonValue::array();
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (table.rows[r][source_c] != source) continue;
    const std::string where = path + ": line " + std::to_string(r + 2);
    points.push_back(number_of(table.rows[r][x_c], where + ", " + x, digits));
    points.push_back(number_of(table.rows[r][y_c], where + ", " + y, digits));
  }
  return points;
}

// fields/epoch_NNNN.csv (and, in 2-D, its _samples.csv) of one epoch. The parts that are the same
// in every epoch (1-D: the grid and p_data; 2-D: the plane and the data samples) go into `shared`
// once, from the first epoch read.
JsonValue read_fields(const std::string& stem, int dim, JsonValue& shared) {
  const std::string path = stem + ".csv";
  const CsvTable table = read_csv(path);
  JsonValue fields = JsonValue::object();
  if (table.rows.empty()) throw std::runtime_error(path + ": expected the fields' rows, found none");
  if (dim == 1) {
    if (shared.is_null()) {
      shared = JsonValue::object();
      const JsonValue x = column_of(table, "x", path);
      shared.set("x_lo", x.items().front());
      shared.set("x_hi", x.items().back());
      shared.set("p_data", column_of(table, "p_data", path, kCurveDigits));
    }
    const size_t points = shared.at("p_data").items().size();
    if (table.rows.size() != points) {
      throw std::runtime_error(path + ": expected " + std::to_string(points) + " grid points, found " +
                               std::to_string(table.rows.size()));
    }
    for (const char* name : {"p_g", "d", "d_star"}) fields.set(name, column_of(table, name, path, kCurveDigits));
    return fields;
  }
  const std::string samples_path = stem + "_samples.csv";
  const CsvTable samples = read_csv(samples_path);
  if (shared.is_null()) {
    // The field's points run x fastest from (-extent, -extent): row 0 holds -extent.
    shared = JsonValue::object();
    const JsonValue corner = number_of(table.rows[0][table.column("x", path)], path + ": line 2, x");
    if (corner.is_null()) throw std::runtime_error(path + ": line 2, x: expected -extent, found a blank");
    shared.set("extent", -corner.as_number());
    int size = 1;
    while (size * size < static_cast<int>(table.rows.size())) ++size;
    shared.set("size", size);
    shared.set("data", points_of(samples, "data", "x", "y", samples_path, kCurveDigits));
  }
  const size_t size = static_cast<size_t>(shared.at("size").as_number());
  if (table.rows.size() != size * size) {
    throw std::runtime_error(path + ": expected " + std::to_string(size) + " x " + std::to_string(size) +
                             " field points, found " + std::to_string(table.rows.size()));
  }
  fields.set("d", column_of(table, "d", path, kColourDigits));
  fields.set("g", points_of(samples, "g", "x", "y", samples_path, kCurveDigits));
  fields.set("descent", points_of(samples, "g", "descent_x", "descent_y", samples_path, kColourDigits));
  return fields;
}

}  // namespace

JsonValue read_toy_run_for_report(const std::string& run_dir, const JsonValue& config) {
  const std::string epochs_path = run_dir + "/epochs.csv";
  const CsvTable epochs = read_csv(epochs_path);
  // 1-D runs fill the jsd column and leave the modes columns blank; 2-D runs the reverse.
  const JsonValue columns = report_tables::columns_of(epochs, epochs_path);
  bool has_jsd = false;
  for (const JsonValue& v : columns.at("jsd").items()) has_jsd = has_jsd || !v.is_null();
  const int dim = has_jsd ? 1 : 2;
  JsonValue data = JsonValue::object();
  data.set("kind", "toy");
  data.set("run", report_tables::run_name(run_dir));
  data.set("config", config);
  data.set("dim", dim);
  data.set("epochs", columns);
  JsonValue epoch_list = JsonValue::array(), fields = JsonValue::object(), shared;
  for (const JsonValue& epoch : columns.at("epoch").items()) {
    if (epoch.is_null()) throw std::runtime_error(epochs_path + ": expected an epoch number in every row");
    const int e = static_cast<int>(epoch.as_number());
    epoch_list.push_back(e);
    const std::string stem = run_dir + "/fields/" + report_tables::epoch_name(e);
    if (fs::exists(stem + ".csv")) fields.set(std::to_string(e), read_fields(stem, dim, shared));
  }
  data.set("epoch_list", epoch_list);
  data.set("fields", fields);
  if (!shared.is_null()) data.set(dim == 1 ? "grid" : "plane", shared);
  return data;
}

}  // namespace gan
