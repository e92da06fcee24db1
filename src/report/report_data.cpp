// read_run_for_report: a run folder's files gathered into the page's JSON (report/report.h).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "gan/io/atomic_file.h"
#include "gan/io/base64.h"
#include "gan/io/csv.h"
#include "gan/report/report.h"
#include "run_tables.h"

namespace gan {

namespace {

namespace fs = std::filesystem;
using report_tables::columns_of;
using report_tables::epoch_name;
using report_tables::number_of;

// The metric view draws at most this many points per step series; longer runs are shown as the
// means of consecutive groups of steps (the x of a group is its last step).
constexpr size_t kMaxStepPoints = 10000;
const char* const kStepSeries[] = {"d_loss", "g_loss", "d_real", "d_fake"};

std::string data_uri(const std::string& png_path) {
  return "data:image/png;base64," + base64_encode(read_file(png_path));
}

// steps.csv's losses and D outputs by step, thinned to kMaxStepPoints group means.
JsonValue read_steps(const std::string& path) {
  CsvTable table = read_csv(path);
  const size_t group = (table.rows.size() + kMaxStepPoints - 1) / kMaxStepPoints;
  JsonValue steps = JsonValue::object();
  steps.set("group", static_cast<int>(std::max<size_t>(group, 1)));
  std::vector<std::string> names = {"step"};
  names.insert(names.end(), std::begin(kStepSeries), std::end(kStepSeries));
  for (const std::string& name : names) {
    const size_t column = table.column(name, path);
    JsonValue values = JsonValue::array();
    for (size_t begin = 0; begin < table.rows.size(); begin += group) {
      const size_t end = std::min(table.rows.size(), begin + group);
      if (name == "step") {
        values.push_back(number_of(table.rows[end - 1][column], path + ": step"));
        continue;
      }
      double sum = 0;
      int count = 0;
      for (size_t r = begin; r < end; ++r) {
        JsonValue v = number_of(table.rows[r][column], path + ": line " + std::to_string(r + 2) + ", " + name);
        if (!v.is_null()) sum += v.as_number(), ++count;
      }
      values.push_back(count ? number_of(format_float(sum / count), path) : JsonValue());
    }
    steps.set(name, values);
  }
  return steps;
}

// probabilities/epoch_NNNN.csv: {"d_real": [...], "d_fake": [...]}.
JsonValue read_probabilities(const std::string& path) {
  CsvTable table = read_csv(path);
  JsonValue probabilities = JsonValue::object();
  probabilities.set("d_real", report_tables::column_of(table, "d_real", path));
  probabilities.set("d_fake", report_tables::column_of(table, "d_fake", path));
  return probabilities;
}

// activations/epoch_NNNN.csv: [{"layer": 1, "shape": "64x14x14", "real": [...], "fake": [...]}, ...].
JsonValue read_activations(const std::string& path) {
  CsvTable table = read_csv(path);
  const size_t layer_c = table.column("layer", path), shape_c = table.column("shape", path);
  const size_t real_c = table.column("real_mean", path), fake_c = table.column("fake_mean", path);
  JsonValue layers = JsonValue::array();
  std::string current;
  JsonValue layer, real, fake;
  auto close_layer = [&]() {
    if (current.empty()) return;
    layer.set("real", real);
    layer.set("fake", fake);
    layers.push_back(layer);
  };
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const std::vector<std::string>& row = table.rows[r];
    const std::string where = path + ": line " + std::to_string(r + 2);
    if (row[layer_c] != current) {
      close_layer();
      current = row[layer_c];
      layer = JsonValue::object();
      layer.set("layer", number_of(current, where + ", layer"));
      layer.set("shape", row[shape_c]);
      real = JsonValue::array();
      fake = JsonValue::array();
    }
    real.push_back(number_of(row[real_c], where + ", real_mean"));
    fake.push_back(number_of(row[fake_c], where + ", fake_mean"));
  }
  close_layer();
  return layers;
}

// projection/epoch_NNNN.csv: {"real": {"feature": [x0, y0, x1, y1, ...], "pixel": [...]}, "fake": {...}}.
JsonValue read_projection(const std::string& path) {
  CsvTable table = read_csv(path);
  const size_t set_c = table.column("set", path);
  const size_t columns[4] = {table.column("feature_x", path), table.column("feature_y", path),
                             table.column("pixel_x", path), table.column("pixel_y", path)};
  JsonValue projection = JsonValue::object();
  for (const char* set : {"real", "fake"}) {
    JsonValue feature = JsonValue::array(), pixel = JsonValue::array();
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const std::vector<std::string>& row = table.rows[r];
      if (row[set_c] != set) continue;
      const std::string where = path + ": line " + std::to_string(r + 2);
      feature.push_back(number_of(row[columns[0]], where));
      feature.push_back(number_of(row[columns[1]], where));
      pixel.push_back(number_of(row[columns[2]], where));
      pixel.push_back(number_of(row[columns[3]], where));
    }
    JsonValue spaces = JsonValue::object();
    spaces.set("feature", feature);
    spaces.set("pixel", pixel);
    projection.set(set, spaces);
  }
  return projection;
}

// One epoch's records; each file that is absent is left out.
JsonValue read_epoch_records(const std::string& run, int epoch) {
  const std::string name = epoch_name(epoch);
  JsonValue record = JsonValue::object();
  auto path_of = [&](const std::string& folder, const std::string& suffix) { return run + "/" + folder + "/" + name + suffix; };
  if (fs::exists(path_of("probabilities", ".csv"))) {
    record.set("probabilities", read_probabilities(path_of("probabilities", ".csv")));
  }
  if (fs::exists(path_of("activations", ".csv"))) record.set("activations", read_activations(path_of("activations", ".csv")));
  if (fs::exists(path_of("projection", ".csv"))) record.set("projection", read_projection(path_of("projection", ".csv")));
  if (fs::exists(path_of("samples", ".png"))) record.set("samples", data_uri(path_of("samples", ".png")));
  if (fs::exists(path_of("probes", ".png"))) record.set("probes", data_uri(path_of("probes", ".png")));
  if (fs::exists(path_of("filters", ".png"))) record.set("filters", data_uri(path_of("filters", ".png")));
  JsonValue tensorpath = JsonValue::array();
  for (int layer = 1; fs::exists(path_of("tensorpath", "_layer" + std::to_string(layer) + ".png")); ++layer) {
    tensorpath.push_back(data_uri(path_of("tensorpath", "_layer" + std::to_string(layer) + ".png")));
  }
  if (!tensorpath.items().empty()) record.set("tensorpath", tensorpath);
  return record;
}

}  // namespace

JsonValue read_run_for_report(const std::string& run_dir) {
  const std::string config_path = run_dir + "/config.json";
  if (!fs::is_directory(run_dir)) {
    throw std::runtime_error(run_dir + ": expected a run folder (what gan train --out wrote), found " +
                             (fs::exists(run_dir) ? "a file" : "nothing"));
  }
  if (!fs::exists(config_path)) {
    throw std::runtime_error(config_path + ": expected the run's settings; is " + run_dir +
                             " a folder written by gan train --out?");
  }
  JsonValue config = parse_json(read_file(config_path), config_path);
  const JsonValue* command = config.find("command");  // "toy" in a run of gan toy (toy/toy_run.h)
  if (command && command->type() == JsonValue::Type::String && command->as_string() == "toy") {
    return read_toy_run_for_report(run_dir, config);
  }
  JsonValue data = JsonValue::object();
  data.set("run", report_tables::run_name(run_dir));
  data.set("config", config);
  const std::string steps_path = run_dir + "/steps.csv", epochs_path = run_dir + "/epochs.csv";
  data.set("steps", read_steps(steps_path));
  CsvTable epochs = read_csv(epochs_path);
  data.set("epochs", columns_of(epochs, epochs_path));
  JsonValue epoch_list = JsonValue::array(), records = JsonValue::object();
  const size_t epoch_c = epochs.column("epoch", epochs_path);
  for (size_t r = 0; r < epochs.rows.size(); ++r) {
    JsonValue epoch = number_of(epochs.rows[r][epoch_c], epochs_path + ": line " + std::to_string(r + 2) + ", epoch");
    if (epoch.is_null()) throw std::runtime_error(epochs_path + ": line " + std::to_string(r + 2) + ": expected an epoch number");
    const int e = static_cast<int>(epoch.as_number());
    epoch_list.push_back(e);
    records.set(std::to_string(e), read_epoch_records(run_dir, e));
  }
  data.set("epoch_list", epoch_list);
  data.set("records", records);
  if (fs::exists(run_dir + "/probes/real.png")) data.set("real_probes", data_uri(run_dir + "/probes/real.png"));
  return data;
}

}  // namespace gan
