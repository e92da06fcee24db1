// report.html: one page that shows the adversarial game of a training run, after the views of
// GANViz (Wang, Gou, Yang and Shen, IEEE TVCG 2018). docs/report.md shows each view and how to
// read it. The page is a single file that needs nothing else: its style sheet and script are
// inline (src/report/report.css, report.js, compiled into the program), its pictures are data
// URIs and its data one embedded JSON; it fetches nothing and opens from file://.
//
// The views, each a <section data-view="NAME">:
//   metric        line charts of the step losses and of every epochs.csv column
//   probability   D(x) of the 256 real and 256 fake probes at the selected epoch
//   distribution  the probes on the first two principal axes of the real ones (features, pixels)
//   tensorpath    D's hidden layers on one probe, left to right, and D's first-layer filters
//   activations   D's units sorted by |mean on real - mean on fake|, and that difference by epoch
//   samples       the fixed-z sample grid of the selected epoch, and the run's settings
//
// A run of gan toy (toy/toy_run.h; its config.json says "command": "toy") gets the toy's views
// instead (src/report/toy_views.html, toy_report.js; docs/theory.md shows them):
//   density       1-D: p_data, p_g, D and D* over x at the selected epoch (its fields)
//   field         2-D: D over the plane, the data, G's samples and G's arrows -dl/dx
//   value         JSD, V(D, G) and V(D*, G) over epochs (2-D: the sample estimate of V), with -log 4
//   modes         2-D with modes: modes covered and the high-quality share over epochs
//   training      the losses, D's outputs and both generator losses' pulls over epochs; the settings
//
//   std::string path = write_report("runs/demo");   // "runs/demo/report.html"
#pragma once

#include <string>

#include "gan/io/json.h"

namespace gan {

// The run folder's records (train/trainer.h and train/game_record.h list them) as the page's
// data: {"run", "config", "steps", "epochs", "epoch_list", "records": {"1": {...}, ...},
// "real_probes", "images": ...}. Files of the game record that a run lacks (one written before
// they existed) are left out, and the page says so in their views.
// A folder of gan toy gets read_toy_run_for_report's data instead.
// Throws std::runtime_error naming the file and what was expected: a folder without config.json
// or epochs.csv, a damaged CSV or JSON, a probabilities file of another length.
JsonValue read_run_for_report(const std::string& run_dir);

// A toy run's records as the page's data: {"kind": "toy", "run", "config", "dim", "epochs",
// "epoch_list", "fields": {"5": {...}, ...}} and, 1-D, "grid": {"x_lo", "x_hi", "p_data"} with each
// epoch's fields {"p_g", "d", "d_star"} on that grid; 2-D, "plane": {"extent", "size", "data"}
// (the data samples, x0, y0, x1, ...) with each epoch's fields {"d" (size^2, x fastest), "g",
// "descent"} (G's samples and -dl/dx at them, x0, y0, x1, ...). read_run_for_report calls it for a
// folder whose config.json (given, parsed) says "command": "toy". Throws as read_run_for_report.
JsonValue read_toy_run_for_report(const std::string& run_dir, const JsonValue& config);

// The whole page for that data (the toy's page for a toy run's data).
std::string report_html(const JsonValue& data);

// Both, written to <run_dir>/report.html atomically (a temporary file, then a rename); returns
// that path.
std::string write_report(const std::string& run_dir);

}  // namespace gan
