// report.js: draws the views of report.html from the run's embedded data (include/gan/report/report.h;
// docs/report.md tells how to read each view). Plain JavaScript, no library, nothing fetched:
// charts are SVG, and probe images and TensorPath bands are cut out of the embedded pictures with
// a canvas. One epoch selector drives every view but the metric view, which shows all epochs.
"use strict";

// Uncaught errors are counted where the browser test reads them (body data-errors).
let errorCount = 0;
function countError() { errorCount += 1; document.body.dataset.errors = String(errorCount); }
window.addEventListener("error", countError);
window.addEventListener("unhandledrejection", countError);

const run = JSON.parse(document.getElementById("run-data").textContent);
const epochList = run.epoch_list;      // the epochs in epochs.csv, in order
let selected = epochList.length - 1;   // index of the selected epoch in epochList
let chosenProbe = 0;                   // TensorPath: 0-3 real probes, 4-7 fake ones
const TENSORPATH_PROBES = 4;           // per set (train/game_record.h)
const BAND_GAP = 2;                    // pixels between TensorPath bands (train/game_record.h)
const PROBE_COLUMNS = 16;              // tiles per row of the probe pictures
const SVG_NS = "http://www.w3.org/2000/svg";
const COLOURS = ["#2f6fb0", "#e07b24", "#4c9a52", "#8a5cb8"];
const REAL = COLOURS[0], FAKE = COLOURS[1];

// ---- small helpers ----

function el(tag, attributes, parent, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function svgEl(tag, attributes, parent, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function note(parent, text) { return el("p", {class: "note"}, parent, text); }

// A number for a label: 3 significant digits, or an integer as it is.
function fmt(value) {
  if (value === null || value === undefined) return "-";
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(2) : value.toPrecision(3);
}

// About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of ten).
function ticks(lo, hi, count) {
  if (hi === lo) return [lo];
  const raw = (hi - lo) / count, power = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw);
  const result = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) result.push(Number(t.toPrecision(12)));
  return result;
}

// The smallest and largest non-null values of some arrays, widened a little when equal.
function extent(arrays) {
  let lo = Infinity, hi = -Infinity;
  for (const values of arrays) for (const v of values) if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (lo === Infinity) return null;
  if (lo === hi) { lo -= Math.abs(lo) * 0.1 || 1; hi += Math.abs(hi) * 0.1 || 1; }
  return [lo, hi];
}

// The pictures that canvases cut pieces from, one Image per data URI, made when first asked for.
// An image decodes after the script has run (before the page's load event): draw(image) runs
// once it has.
const images = {};
function withImage(uri, draw) {
  if (!images[uri]) { images[uri] = new Image(); images[uri].src = uri; }
  const image = images[uri];
  if (image.complete && image.naturalWidth > 0) draw(image);
  else image.addEventListener("load", () => draw(image), {once: true});
}

// Draws tile `index` of a probe picture (PROBE_COLUMNS tiles a row, no gaps) on a canvas.
function drawTile(canvas, uri, index) {
  withImage(uri, (image) => {
    const tile = image.naturalWidth / PROBE_COLUMNS;
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, (index % PROBE_COLUMNS) * tile, Math.floor(index / PROBE_COLUMNS) * tile, tile, tile,
                      0, 0, canvas.width, canvas.height);
  });
}

function record() { return run.records[String(epochList[selected])] || {}; }
function epochColumn(name) { return run.epochs[name] || null; }

// ---- the line chart, shared by the metric view ----

// options: {title, xs, series: [{name, ys}], cursor (an x), marks (xs to shade), lines (horizontal
// reference lines [{y, name}], e.g. the toy's -log 4), onPick(x), width, height}
function lineChart(parent, options) {
  const width = options.width || 300, height = options.height || 170;
  const margin = {left: 46, right: 10, top: 20, bottom: 22};
  const box = el("div", {class: "chart"}, parent);
  const svg = svgEl("svg", {width: width, height: height}, box);
  svgEl("text", {x: 4, y: 13, class: "title"}, svg, options.title);
  const xs = options.xs;
  const lines = options.lines || [];
  const yRange = extent(options.series.map((s) => s.ys).concat([lines.map((line) => line.y)]));
  const xRange = extent([xs]);
  if (!yRange || !xRange) { svgEl("text", {x: 8, y: 40, class: "tick"}, svg, "no values"); return box; }
  const x = (v) => margin.left + (v - xRange[0]) / (xRange[1] - xRange[0]) * (width - margin.left - margin.right);
  const y = (v) => height - margin.bottom - (v - yRange[0]) / (yRange[1] - yRange[0]) * (height - margin.top - margin.bottom);
  for (const t of ticks(yRange[0], yRange[1], 4)) {
    svgEl("line", {x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: "grid"}, svg);
    svgEl("text", {x: margin.left - 4, y: y(t) + 3, "text-anchor": "end", class: "tick"}, svg, fmt(t));
  }
  // Epochs and steps are whole numbers: no tick between two of them.
  const xTicks = ticks(xRange[0], xRange[1], 5).filter((t) => !xs.every(Number.isInteger) || Number.isInteger(t));
  for (const t of xTicks) {
    svgEl("text", {x: x(t), y: height - 6, "text-anchor": "middle", class: "tick"}, svg, fmt(t));
  }
  svgEl("line", {x1: margin.left, x2: margin.left, y1: margin.top, y2: height - margin.bottom, class: "axis"}, svg);
  svgEl("line", {x1: margin.left, x2: width - margin.right, y1: height - margin.bottom, y2: height - margin.bottom, class: "axis"}, svg);
  const step = xs.length > 1 ? (x(xs[xs.length - 1]) - x(xs[0])) / (xs.length - 1) : 8;
  for (const mark of options.marks || []) {
    svgEl("rect", {x: x(mark) - step / 2, y: margin.top, width: Math.max(step, 3), height: height - margin.top - margin.bottom,
                   class: "collapse-mark"}, svg);
  }
  options.series.forEach((series, i) => {
    // One polyline per run of non-null values; a lone value is a dot.
    let points = [];
    const flush = () => {
      if (points.length === 1) svgEl("circle", {cx: points[0][0], cy: points[0][1], r: 2.5, fill: COLOURS[i]}, svg);
      if (points.length > 1) svgEl("polyline", {points: points.join(" "), fill: "none", stroke: COLOURS[i], "stroke-width": 1.5}, svg);
      points = [];
    };
    series.ys.forEach((v, k) => { if (v === null) flush(); else points.push([x(xs[k]).toFixed(1), y(v).toFixed(1)]); });
    flush();
    if (options.series.length > 1) {
      svgEl("text", {x: width - margin.right - 4, y: margin.top + 10 + 12 * i, "text-anchor": "end", fill: COLOURS[i], class: "legend"},
            svg, series.name);
    }
  });
  for (const line of lines) {
    svgEl("line", {x1: margin.left, x2: width - margin.right, y1: y(line.y), y2: y(line.y), class: "reference"}, svg);
    const below = y(line.y) < margin.top + 14;  // a line along the top: its name under it, clear of the title
    svgEl("text", {x: margin.left + 4, y: y(line.y) + (below ? 11 : -3), class: "tick"}, svg, line.name);
  }
  if (options.cursor !== undefined) {
    svgEl("line", {x1: x(options.cursor), x2: x(options.cursor), y1: margin.top, y2: height - margin.bottom, class: "cursor"}, svg);
  }
  // Hover: the values at the nearest x; click: pick that x.
  const hover = svgEl("g", {visibility: "hidden"}, svg);
  const hoverLine = svgEl("line", {y1: margin.top, y2: height - margin.bottom, class: "hover-line"}, hover);
  const hoverText = svgEl("text", {y: margin.top + 2, class: "tick"}, hover);
  const nearest = (event) => {
    const px = event.clientX - svg.getBoundingClientRect().left;
    let best = 0;
    xs.forEach((v, k) => { if (Math.abs(x(v) - px) < Math.abs(x(xs[best]) - px)) best = k; });
    return best;
  };
  svg.addEventListener("mousemove", (event) => {
    const k = nearest(event);
    hover.setAttribute("visibility", "visible");
    hoverLine.setAttribute("x1", x(xs[k]));
    hoverLine.setAttribute("x2", x(xs[k]));
    hoverText.setAttribute("x", Math.min(x(xs[k]) + 4, width - 150));
    hoverText.textContent = fmt(xs[k]) + ": " + options.series.map((s) => s.name + " " + fmt(s.ys[k])).join(", ");
  });
  svg.addEventListener("mouseleave", () => hover.setAttribute("visibility", "hidden"));
  if (options.onPick) svg.addEventListener("click", (event) => options.onPick(xs[nearest(event)]));
  return box;
}

// ---- the views ----

function selectEpoch(epoch) {
  const index = epochList.indexOf(epoch);
  if (index < 0) return;
  selected = index;
  document.getElementById("epoch").value = index;
  render();
}

// The last step of each epoch, from epochs.csv's step counts.
function epochEndSteps() {
  let total = 0;
  return (epochColumn("steps") || []).map((s) => (total += s || 0));
}

const EPOCH_CHARTS = [
  {title: "losses, epoch means", columns: ["d_loss", "g_loss"]},
  {title: "D(x), D(G(z)) before and after G's step", columns: ["d_real", "d_fake", "d_fake_after"]},
  {title: "AUC of D on the probes", columns: ["d_auc"]},
  {title: "diversity (1 / mean SSIM)", columns: ["diversity"]},
  {title: "Dist-Diff", columns: ["dist_diff"], classifier: true},
  {title: "FID", columns: ["fid"], classifier: true},
  {title: "KID", columns: ["kid"], classifier: true},
  {title: "Inception Score", columns: ["inception_score"], classifier: true},
  {title: "precision, recall", columns: ["precision", "recall"], classifier: true},
  {title: "modes covered", columns: ["modes"], classifier: true},
  {title: "class histogram: KL to uniform", columns: ["modes_kl"], classifier: true},
  {title: "gradient norms", columns: ["grad_norm_d", "grad_norm_g"]},
  {title: "images per second", columns: ["images_per_second"]},
];

// An exponential moving average (weight 0.98 on the past), as TensorBoard smooths a noisy curve.
function smooth(values) {
  let average = null;
  return values.map((v) => (v === null ? average : (average = average === null ? v : 0.98 * average + 0.02 * v)));
}

function renderMetricView() {
  const parent = document.getElementById("metric-charts");
  parent.textContent = "";
  const raw = document.getElementById("raw-losses").checked;
  const steps = run.steps;
  const ends = epochEndSteps();
  const stepToEpoch = (step) => epochList[Math.max(0, ends.findIndex((end) => end >= step))];
  const shape = (ys) => (raw ? ys : smooth(ys));
  lineChart(parent, {title: "step losses" + (raw ? "" : " (smoothed)") + (steps.group > 1 ? ", means of " + steps.group + " steps" : ""),
                     xs: steps.step, series: [{name: "d_loss", ys: shape(steps.d_loss)}, {name: "g_loss", ys: shape(steps.g_loss)}],
                     cursor: ends[selected], onPick: (step) => selectEpoch(stepToEpoch(step)), width: 420});
  const collapse = epochColumn("collapse") || [];
  const marks = epochList.filter((e, k) => collapse[k] === 1);
  const missing = [];
  for (const chart of EPOCH_CHARTS) {
    const series = chart.columns.filter((c) => epochColumn(c) && epochColumn(c).some((v) => v !== null))
                                .map((c) => ({name: c, ys: epochColumn(c)}));
    if (series.length === 0) { if (chart.classifier) missing.push(chart.title); continue; }
    lineChart(parent, {title: chart.title, xs: epochList, series: series, cursor: epochList[selected], marks: marks,
                       onPick: selectEpoch});
  }
  if (missing.length > 0) {
    note(parent, "No classifier metrics in this run (" + missing.join(", ") + "): gan.cpp ships a classifier for MNIST only; " +
         "train one with gan classifier train and pass gan train --classifier.");
  }
}

// Shows probe `index` of a set in an inspector panel, with a line of text.
function inspect(panel, set, index, text) {
  panel.textContent = "";
  const uri = set === "real" ? run.real_probes : record().probes;
  if (uri) drawTile(el("canvas", {width: 112, height: 112}, panel), uri, index);
  el("div", {}, panel, text);
}

function renderProbabilityView() {
  const parent = document.getElementById("probability-plot");
  const panel = document.getElementById("probability-inspector");
  parent.textContent = "";
  panel.textContent = "hover over a mark to see its image";
  const p = record().probabilities;
  if (!p) { note(parent, "no probabilities recorded for this epoch"); return; }
  const width = 560, height = 230, left = 40, right = 12, bins = 20;
  const svg = svgEl("svg", {width: width, height: height}, parent);
  const x = (v) => left + v * (width - left - right);
  // Histograms: real above the middle line, fake below it, each scaled by the fullest bin.
  const counts = (values) => { const c = new Array(bins).fill(0); values.forEach((v) => { c[Math.min(bins - 1, Math.floor(v * bins))] += 1; }); return c; };
  const real = counts(p.d_real), fake = counts(p.d_fake);
  const fullest = Math.max(...real, ...fake, 1), middle = 100, depth = 70;
  for (let b = 0; b < bins; b++) {
    const w = x(1 / bins) - x(0) - 1;
    svgEl("rect", {x: x(b / bins), y: middle - depth * real[b] / fullest, width: w, height: depth * real[b] / fullest, fill: REAL, opacity: 0.35}, svg);
    svgEl("rect", {x: x(b / bins), y: middle, width: w, height: depth * fake[b] / fullest, fill: FAKE, opacity: 0.35}, svg);
  }
  svgEl("line", {x1: left, x2: width - right, y1: middle, y2: middle, class: "axis"}, svg);
  svgEl("text", {x: 4, y: middle - 40, fill: REAL, class: "legend"}, svg, "real");
  svgEl("text", {x: 4, y: middle + 44, fill: FAKE, class: "legend"}, svg, "fake");
  // Strips: one tick per probe, at its D value, real in the upper strip, fake in the lower.
  const strips = [["real", p.d_real, 184, REAL, "D(x)"], ["fake", p.d_fake, 204, FAKE, "D(G(z))"]];
  for (const [set, values, top, colour, name] of strips) {
    values.forEach((v, i) => {
      const mark = svgEl("rect", {x: x(v) - 1, y: top, width: 2, height: 16, fill: colour, opacity: 0.7}, svg);
      const show = () => inspect(panel, set, i, set + " probe " + i + ": " + name + " = " + fmt(v));
      mark.addEventListener("mouseenter", show);
      mark.addEventListener("click", show);
    });
  }
  for (const t of ticks(0, 1, 5)) svgEl("text", {x: x(t), y: 180, "text-anchor": "middle", class: "tick"}, svg, fmt(t));
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  note(parent, "mean D(x) " + fmt(mean(p.d_real)) + ", mean D(G(z)) " + fmt(mean(p.d_fake)) +
       ": when D wins, the real marks crowd at 1 and the fake at 0; at the game's equilibrium both gather at 0.5.");
}

function renderDistributionView() {
  const parent = document.getElementById("distribution-plots");
  const panel = document.getElementById("distribution-inspector");
  parent.textContent = "";
  panel.textContent = "hover over a point to see its image";
  const projection = record().projection;
  if (!projection) { note(parent, "no projection recorded for this epoch (a run from before the report)"); return; }
  const spaces = [["feature", "D's penultimate features"], ["pixel", "pixels"]];
  for (const [space, title] of spaces) {
    // Axes fixed over all epochs, so that the fakes can be watched moving towards the reals.
    const all = epochList.map((e) => run.records[String(e)].projection).filter((r) => r);
    const xs = all.flatMap((r) => [r.real[space], r.fake[space]].flatMap((v) => v.filter((_, k) => k % 2 === 0)));
    const ys = all.flatMap((r) => [r.real[space], r.fake[space]].flatMap((v) => v.filter((_, k) => k % 2 === 1)));
    const xr = extent([xs]), yr = extent([ys]);
    const size = 300, pad = 20;
    const box = el("div", {class: "chart"}, parent);
    const svg = svgEl("svg", {width: size, height: size + 16}, box);
    svgEl("text", {x: 4, y: 13, class: "title"}, svg, title);
    const sx = (v) => pad + (v - xr[0]) / (xr[1] - xr[0]) * (size - 2 * pad);
    const sy = (v) => 16 + size - pad - (v - yr[0]) / (yr[1] - yr[0]) * (size - 2 * pad);
    svgEl("rect", {x: pad, y: 16 + pad, width: size - 2 * pad, height: size - 2 * pad, fill: "none", class: "axis"}, svg);
    for (const [set, colour] of [["real", REAL], ["fake", FAKE]]) {
      const values = projection[set][space];
      for (let i = 0; 2 * i < values.length; i++) {
        const dot = svgEl("circle", {cx: sx(values[2 * i]).toFixed(1), cy: sy(values[2 * i + 1]).toFixed(1), r: 2.5, fill: colour, opacity: 0.55}, svg);
        dot.addEventListener("mouseenter", () => inspect(panel, set, i, set + " probe " + i));
      }
    }
    svgEl("text", {x: size - 60, y: 30, fill: REAL, class: "legend"}, svg, "real");
    svgEl("text", {x: size - 30, y: 30, fill: FAKE, class: "legend"}, svg, "fake");
  }
}

// Cuts band `band` of a TensorPath picture (8 bands, BAND_GAP apart) onto a new canvas in parent,
// scaled up by whole pixels to about 360 pixels wide.
function drawBand(parent, uri, band) {
  const canvas = el("canvas", {width: 1, height: 1, class: "map"}, parent);
  withImage(uri, (image) => {
    const bandHeight = (image.naturalHeight - 7 * BAND_GAP) / 8;
    const scale = Math.max(1, Math.min(4, Math.floor(360 / image.naturalWidth)));
    canvas.width = image.naturalWidth * scale;
    canvas.height = bandHeight * scale;
    const context = canvas.getContext("2d");
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, band * (bandHeight + BAND_GAP), image.naturalWidth, bandHeight, 0, 0, canvas.width, canvas.height);
  });
}

function renderTensorPathView() {
  const probes = document.getElementById("tensorpath-probes");
  const layers = document.getElementById("tensorpath-layers");
  const filters = document.getElementById("tensorpath-filters");
  probes.textContent = layers.textContent = filters.textContent = "";
  const r = record();
  if (!r.tensorpath) { note(layers, "no TensorPath recorded for this epoch (a run from before the report)"); return; }
  // The probe chooser: the first 4 real and the first 4 fake probes.
  for (let k = 0; k < 2 * TENSORPATH_PROBES; k++) {
    const set = k < TENSORPATH_PROBES ? "real" : "fake", index = k % TENSORPATH_PROBES;
    const button = el("button", {class: k === chosenProbe ? "chosen" : "", title: set + " probe " + index}, probes);
    const uri = set === "real" ? run.real_probes : r.probes;
    if (uri) drawTile(el("canvas", {width: 56, height: 56}, button), uri, index);
    button.addEventListener("click", () => { chosenProbe = k; renderTensorPathView(); });
  }
  const set = chosenProbe < TENSORPATH_PROBES ? "real" : "fake", index = chosenProbe % TENSORPATH_PROBES;
  const input = el("div", {class: "layer"}, layers);
  el("div", {}, input, "input: " + set + " probe " + index);
  const uri = set === "real" ? run.real_probes : r.probes;
  if (uri) drawTile(el("canvas", {width: 112, height: 112, class: "map"}, input), uri, index);
  r.tensorpath.forEach((layerUri, l) => {
    el("div", {class: "arrow"}, layers, "\u2192");
    const box = el("div", {class: "layer"}, layers);
    const shape = r.activations && r.activations[l] ? r.activations[l].shape.replace(/x/g, " \u00d7 ") : "";
    el("div", {}, box, "hidden layer " + (l + 1) + (shape ? " (" + shape + ")" : ""));
    drawBand(box, layerUri, chosenProbe);
  });
  el("div", {class: "arrow"}, layers, "\u2192");
  const output = el("div", {class: "layer"}, layers);
  const p = r.probabilities;
  el("div", {}, output, "D = " + (p ? fmt((set === "real" ? p.d_real : p.d_fake)[index]) : "-"));
  el("div", {}, output, "probability of real");
  if (r.filters) {
    el("h3", {}, filters, "D's first-layer filters (blue below 0, red above)");
    el("img", {src: r.filters, alt: "first-layer filters"}, filters);
  }
}

function renderActivationView() {
  const parent = document.getElementById("activation-layers");
  parent.textContent = "";
  const layers = record().activations;
  if (!layers) { note(parent, "no activations recorded for this epoch (a run from before the report)"); return; }
  const shown = 48;  // units per layer: the ones that tell real from fake best
  layers.forEach((layer, l) => {
    const difference = layer.real.map((v, u) => v - layer.fake[u]);
    const order = difference.map((_, u) => u).sort((a, b) => Math.abs(difference[b]) - Math.abs(difference[a])).slice(0, shown);
    const box = el("div", {class: "chart"}, parent);
    el("h3", {}, box, "hidden layer " + (l + 1) + " (" + layer.shape + "): mean on real - mean on fake, the " + order.length +
       " most different of " + layer.real.length + " units");
    const width = 480, height = 150, barWidth = (width - 40) / shown;
    const svg = svgEl("svg", {width: width, height: height}, box);
    const largest = Math.max(...order.map((u) => Math.abs(difference[u])), 1e-12);
    const zero = height / 2;
    svgEl("line", {x1: 30, x2: width, y1: zero, y2: zero, class: "axis"}, svg);
    svgEl("text", {x: 2, y: 14, class: "tick"}, svg, "+" + fmt(largest));
    svgEl("text", {x: 2, y: height - 4, class: "tick"}, svg, "-" + fmt(largest));
    const label = svgEl("text", {x: width - 4, y: 12, "text-anchor": "end", class: "tick"}, svg,
                        "above the line: real > fake; hover over a bar");
    order.forEach((u, k) => {
      const h = (height / 2 - 10) * Math.abs(difference[u]) / largest;
      const bar = svgEl("rect", {x: 34 + k * barWidth, y: difference[u] > 0 ? zero - h : zero, width: Math.max(1, barWidth - 1),
                                 height: Math.max(h, 0.5), fill: difference[u] > 0 ? REAL : FAKE}, svg);
      bar.addEventListener("mouseenter", () => {
        label.textContent = "unit " + u + ": real " + fmt(layer.real[u]) + ", fake " + fmt(layer.fake[u]);
      });
    });
    // The same units' difference in every epoch: one column per epoch, one row per unit.
    const heat = el("div", {}, box);
    el("div", {class: "tick"}, heat, "the same units over epochs (columns), blue: real > fake, orange: fake > real");
    const cell = Math.max(4, Math.min(24, Math.floor(440 / epochList.length)));
    const rows = Math.min(order.length, 24);
    const map = svgEl("svg", {width: cell * epochList.length + 2, height: rows * 6 + 2}, heat);
    epochList.forEach((e, column) => {
      const other = run.records[String(e)].activations;
      if (!other || !other[l]) return;
      for (let k = 0; k < rows; k++) {
        const u = order[k], d = other[l].real[u] - other[l].fake[u];
        const strength = Math.min(1, Math.abs(d) / largest);
        svgEl("rect", {x: 1 + column * cell, y: 1 + k * 6, width: cell - 1, height: 5,
                       fill: d > 0 ? REAL : FAKE, opacity: strength.toFixed(2)}, map);
      }
    });
  });
}

function renderSamplesView() {
  const grid = document.getElementById("sample-grid");
  grid.textContent = "";
  const uri = record().samples;
  if (uri) el("img", {src: uri, alt: "samples of epoch " + epochList[selected]}, grid);
  else note(grid, "no sample grid for this epoch");
  const table = document.getElementById("config");
  table.textContent = "";
  for (const [key, value] of Object.entries(run.config)) {
    const row = el("tr", {}, table);
    el("td", {}, row, key);
    el("td", {}, row, typeof value === "object" ? JSON.stringify(value) : String(value));
  }
}

function renderHeader() {
  const c = run.config;
  document.getElementById("title").textContent = "gan.cpp: " + run.run;
  const last = epochList.length - 1;
  const fid = epochColumn("fid");
  document.getElementById("summary").textContent = (c.conditional ? "conditional " : "") + c.model + " on " + c.data +
    ", loss " + c.loss + ", batch " + c.batch + ", seed " + c.seed + "; " + epochList.length + " epochs recorded" +
    (fid && fid[last] !== null ? ", last FID " + fmt(fid[last]) : "");
  const epoch = epochList[selected];
  document.getElementById("epoch-label").textContent = epoch + " of " + epochList[last];
  const collapse = epochColumn("collapse");
  document.getElementById("epoch-alarm").textContent =
    collapse && collapse[selected] === 1 ? "collapse alarm at this epoch (see epochs.csv, docs/report.md)" : "";
}

function render() {
  if (run.kind === "toy") { renderToy(); return; }  // a run of gan toy: toy_report.js
  renderHeader();
  renderMetricView();
  renderProbabilityView();
  renderDistributionView();
  renderTensorPathView();
  renderActivationView();
  renderSamplesView();
}

// Draws every view, then marks the body for the tests: rendered, the errors so far, and the
// milliseconds since navigation began. The canvases fill in as their pictures decode, which the
// browser finishes before the page's load event.
function main() {
  try {
    // report.html#NAME shows view NAME alone: a link to one view, or a screenshot of it.
    const focus = decodeURIComponent(location.hash.slice(1));
    if (document.querySelector('section[data-view="' + focus + '"]')) {
      for (const section of document.querySelectorAll("section[data-view]")) section.hidden = section.dataset.view !== focus;
    }
    const slider = document.getElementById("epoch");
    slider.max = Math.max(0, epochList.length - 1);
    slider.value = selected;
    slider.addEventListener("input", () => { selected = Number(slider.value); render(); });
    if (run.kind === "toy") setUpToy();  // toy_report.js
    else document.getElementById("raw-losses").addEventListener("change", renderMetricView);
    if (epochList.length === 0) note(document.querySelector("main"), "this run has no finished epoch yet");
    else render();
  } catch (error) {
    countError();
    console.error(error);
  } finally {
    document.body.dataset.errors = String(errorCount);
    document.body.dataset.renderMs = String(Math.round(performance.now()));
    document.body.dataset.rendered = "1";
  }
}

main();
