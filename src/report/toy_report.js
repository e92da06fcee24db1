// toy_report.js: the views of a gan toy run's report.html (include/gan/report/report.h lists them,
// include/gan/toy/toy_run.h the files they come from; docs/theory.md reads them). The page's script
// is this file followed by report.js, whose helpers (el, svgEl, note, fmt, ticks, extent,
// lineChart, selectEpoch), state (run, epochList, selected) and main() serve both kinds of run:
// main() calls setUpToy() once and renderToy() on every change of the epoch. So this file holds
// only constants and functions; nothing in it runs before report.js has been read.
"use strict";

// The colours of the toy's PNG pictures (src/toy/toy_plots.cpp), so that page and pictures agree.
const TOY = {data: "#1d2330", p_g: "#285adc", d: "#d73228", d_star: "#149628", g: "#149628", arrow: "#005a14"};
const ARROWS = 100;          // arrows drawn, at the first samples of G
const ARROW_PIXELS = 10;     // arrow pixels per unit of |dl/dx| (at most 40), as the PNG draws them
const LOG4 = Math.log(4);

// The names the charts give epochs.csv's columns (toy/toy_run.h defines each).
const TOY_NAMES = {value_d: "V(D, G)", value_d_star: "V(D*, G)", value_samples: "V_hat", d_real: "D(x)",
                   d_fake: "D(G(z))", d_g_z: "D(G(z)), fixed z", grad_minimax: "minimax", grad_nonsaturating: "non-saturating",
                   modes_covered: "modes", high_quality: "share"};

function toyColumn(name) { return run.epochs[name] || []; }
function hasValues(name) { return toyColumn(name).some((v) => v !== null); }

// The fields shown at the selected epoch: the last ones written at or before it (gan toy writes
// them every fields_every epochs, and at the first and last epoch).
function fieldsEpoch() {
  let shown = null;
  for (const e of epochList) if (e <= epochList[selected] && run.fields[String(e)]) shown = e;
  return shown;
}

// "fields of epoch 35" and, when the selected epoch has none of its own, why.
function fieldsCaption(shown) {
  const epoch = epochList[selected];
  return "epoch " + shown + (shown === epoch ? "" : " (the last fields written before epoch " + epoch +
    "; gan toy writes them every " + run.config.fields_every + " epochs)");
}

// Axes for a plot area [left, right] x [top, bottom] showing [xr] x [yr]: ticks, grid lines,
// numbers and the axis names. Returns the maps x(v), y(v) to pixels.
function toyAxes(svg, box, xr, yr, xName, yName) {
  const x = (v) => box.left + (v - xr[0]) / (xr[1] - xr[0]) * (box.right - box.left);
  const y = (v) => box.bottom - (v - yr[0]) / (yr[1] - yr[0]) * (box.bottom - box.top);
  for (const t of ticks(xr[0], xr[1], 8)) {
    svgEl("line", {x1: x(t), x2: x(t), y1: box.top, y2: box.bottom, class: "grid"}, svg);
    svgEl("text", {x: x(t), y: box.bottom + 14, "text-anchor": "middle", class: "tick"}, svg, fmt(t));
  }
  for (const t of ticks(yr[0], yr[1], 6)) {
    svgEl("line", {x1: box.left, x2: box.right, y1: y(t), y2: y(t), class: "grid"}, svg);
    svgEl("text", {x: box.left - 5, y: y(t) + 3, "text-anchor": "end", class: "tick"}, svg, fmt(t));
  }
  svgEl("rect", {x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, fill: "none",
                 class: "axis"}, svg);
  svgEl("text", {x: (box.left + box.right) / 2, y: box.bottom + 30, "text-anchor": "middle", class: "tick"}, svg, xName);
  svgEl("text", {x: box.left, y: box.top - 6, "text-anchor": "middle", class: "tick"}, svg, yName);
  return [x, y];
}

// A polyline through (xs[i], ys[i]) wherever keep(i) holds (a gap where it does not).
function curve(svg, xs, ys, x, y, attributes, keep) {
  let points = [];
  const flush = () => {
    if (points.length > 1) svgEl("polyline", Object.assign({points: points.join(" "), fill: "none"}, attributes), svg);
    points = [];
  };
  ys.forEach((v, i) => {
    if (v === null || (keep && !keep(i))) flush();
    else points.push(x(xs[i]).toFixed(1) + "," + y(v).toFixed(1));
  });
  flush();
}

// ---- the density view (1-D) ----

// p_data (black), p_g (blue) on the left axis; D (red) and D* (green, dashed) on the right axis,
// from 0 to 1. D* is drawn only where the mixture m = (p_data + p_g) / 2 is at least 1% of its
// peak: elsewhere it is a ratio of two vanishing densities (docs/theory.md).
function renderDensityView() {
  const parent = document.getElementById("density-plot");
  parent.textContent = "";
  const shown = fieldsEpoch();
  if (shown === null) { note(parent, "no fields written at or before this epoch"); return; }
  const f = run.fields[String(shown)], grid = run.grid;
  const xs = grid.p_data.map((_, i) => grid.x_lo + i * (grid.x_hi - grid.x_lo) / (grid.p_data.length - 1));
  // The density axis fits this epoch's curves: an untrained G's narrow blob may be ten times
  // taller than p_data, and would flatten every later epoch on a scale fixed over the run.
  const top = extent([grid.p_data, f.p_g])[1] * 1.05;
  const width = 760, height = 380, box = {left: 56, right: width - 56, top: 50, bottom: height - 40};
  const svg = svgEl("svg", {width: width, height: height}, parent);
  const [x, y] = toyAxes(svg, box, [grid.x_lo, grid.x_hi], [0, top], "x", "density");
  const p = (v) => box.bottom - v * (box.bottom - box.top);  // the right axis: probability 0 to 1
  for (const t of [0, 0.5, 1]) svgEl("text", {x: box.right + 5, y: p(t) + 3, class: "tick"}, svg, String(t));
  svgEl("text", {x: box.right, y: box.top - 6, "text-anchor": "middle", class: "tick"}, svg, "D(x)");
  svgEl("line", {x1: box.left, x2: box.right, y1: p(0.5), y2: p(0.5), class: "reference"}, svg);
  const m = grid.p_data.map((v, i) => (v + f.p_g[i]) / 2);
  const peak = Math.max(...m);
  curve(svg, xs, grid.p_data, x, y, {stroke: TOY.data, "stroke-width": 2});
  curve(svg, xs, f.p_g, x, y, {stroke: TOY.p_g, "stroke-width": 2});
  curve(svg, xs, f.d, x, p, {stroke: TOY.d, "stroke-width": 2});
  curve(svg, xs, f.d_star, x, p, {stroke: TOY.d_star, "stroke-width": 2, "stroke-dasharray": "6 4"}, (i) => m[i] >= 0.01 * peak);
  const legend = [["p_data", TOY.data], ["p_g (KDE of G's samples)", TOY.p_g], ["D(x), learned", TOY.d],
                  ["D*(x) = p_data / (p_data + p_g)", TOY.d_star]];
  let legendX = box.left;  // one row above the plot
  for (const [name, colour] of legend) {
    svgEl("text", {x: legendX, y: 14, fill: colour, class: "legend"}, svg, name);
    legendX += 6 * name.length + 24;
  }
  // Hover: the four values at the nearest grid point.
  const readout = svgEl("text", {x: box.right, y: 30, "text-anchor": "end", class: "tick"}, svg, "hover over the plot to read the curves");
  svg.addEventListener("mousemove", (event) => {
    const px = event.clientX - svg.getBoundingClientRect().left;
    const i = Math.max(0, Math.min(xs.length - 1, Math.round((px - box.left) / (box.right - box.left) * (xs.length - 1))));
    readout.textContent = "x " + fmt(xs[i]) + ": p_data " + fmt(grid.p_data[i]) + ", p_g " + fmt(f.p_g[i]) +
      ", D " + fmt(f.d[i]) + ", D* " + fmt(f.d_star[i]);
  });
  const k = epochList.indexOf(shown);
  note(parent, "Fields of " + fieldsCaption(shown) + ". JSD(p_data || p_g) " + fmt(toyColumn("jsd")[k]) +
       "; V(D, G) " + fmt(toyColumn("value_d")[k]) + " <= V(D*, G) " + fmt(toyColumn("value_d_star")[k]) +
       " = 2 JSD - log 4 (identity error " + fmt(toyColumn("identity_error")[k]) + "). When p_g = p_data, D* is 1/2 everywhere.");
}

// ---- the field view (2-D) ----

// D's colour: blue at 0, white at 1/2, red at 1 (the PNG's colour scale).
function diverging(d) {
  const t = Math.max(0, Math.min(1, d)), white = [255, 255, 255], blue = [40, 90, 220], red = [215, 50, 40];
  const [from, to, s] = t < 0.5 ? [blue, white, 2 * t] : [white, red, 2 * t - 1];
  return from.map((c, k) => Math.round(c + (to[k] - c) * s));
}

// D's field as a picture, one pixel per field point, row 0 at the top (largest y): a data URI
// for an SVG <image>, which the browser scales smoothly across the plot.
function fieldPicture(d, size) {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const context = canvas.getContext("2d");
  const pixels = context.createImageData(size, size);
  for (let i = 0; i < size; i++) {      // field row i: y = -extent + 2 extent i / (size - 1)
    for (let j = 0; j < size; j++) {    // field column j: x likewise
      const [r, g, b] = diverging(d[i * size + j]);
      const at = 4 * ((size - 1 - i) * size + j);
      pixels.data[at] = r, pixels.data[at + 1] = g, pixels.data[at + 2] = b, pixels.data[at + 3] = 255;
    }
  }
  context.putImageData(pixels, 0, 0);
  return canvas.toDataURL("image/png");
}

const fieldShown = {data: true, g: true, arrows: true};  // the field view's check boxes

function setUpFieldToggles() {
  const parent = document.getElementById("field-toggles");
  const names = {data: "data samples (black)", g: "G's samples (green)", arrows: "arrows: -dl/dx, where G's loss moves a sample"};
  for (const [key, name] of Object.entries(names)) {
    const label = el("label", {class: "toggle"}, parent);
    const box = el("input", {type: "checkbox"}, label);
    box.checked = fieldShown[key];
    box.addEventListener("change", () => { fieldShown[key] = box.checked; renderFieldView(); });
    label.appendChild(document.createTextNode(" " + name));
  }
}

function renderFieldView() {
  const parent = document.getElementById("field-plot");
  parent.textContent = "";
  const shown = fieldsEpoch();
  if (shown === null) { note(parent, "no fields written at or before this epoch"); return; }
  const f = run.fields[String(shown)], plane = run.plane, e = plane.extent;
  const size = 560, box = {left: 50, right: 50 + size, top: 24, bottom: 24 + size};
  const svg = svgEl("svg", {width: box.right + 90, height: box.bottom + 40}, parent);
  svgEl("image", {x: box.left, y: box.top, width: size, height: size, preserveAspectRatio: "none",
                  href: fieldPicture(f.d, plane.size)}, svg);
  const [x, y] = toyAxes(svg, box, [-e, e], [-e, e], "x1", "x2");
  const inside = (px, py) => Math.abs(px) <= e && Math.abs(py) <= e;
  const dots = (points, colour, r, opacity) => {
    const g = svgEl("g", {fill: colour, opacity: opacity}, svg);
    for (let n = 0; 2 * n < points.length; n++) {
      const px = points[2 * n], py = points[2 * n + 1];
      if (px !== null && py !== null && inside(px, py)) svgEl("circle", {cx: x(px).toFixed(1), cy: y(py).toFixed(1), r: r}, g);
    }
  };
  if (fieldShown.data) dots(plane.data, TOY.data, 1.3, 0.45);
  if (fieldShown.g) dots(f.g, TOY.g, 1.6, 0.7);
  if (fieldShown.arrows) {
    const arrows = svgEl("g", {stroke: TOY.arrow, "stroke-width": 1.6, fill: "none"}, svg);
    for (let n = 0; n < Math.min(ARROWS, f.g.length / 2); n++) {
      const px = f.g[2 * n], py = f.g[2 * n + 1], gx = f.descent[2 * n], gy = f.descent[2 * n + 1];
      const norm = Math.hypot(gx, gy);
      if (px === null || gx === null || !inside(px, py) || !(norm > 0)) continue;
      const length = Math.min(40, ARROW_PIXELS * norm), ux = gx / norm, uy = -gy / norm;  // pixel y grows downwards
      const x0 = x(px), y0 = y(py), x1 = x0 + length * ux, y1 = y0 + length * uy, head = Math.min(6, length / 2);
      // The shaft and two strokes at +-30 degrees back from the tip.
      svgEl("polyline", {points: [[x1 - head * (0.866 * ux - 0.5 * uy), y1 - head * (0.5 * ux + 0.866 * uy)], [x1, y1],
                                  [x1 - head * (0.866 * ux + 0.5 * uy), y1 - head * (-0.5 * ux + 0.866 * uy)]]
                                  .map((q) => q[0].toFixed(1) + "," + q[1].toFixed(1)).join(" ")}, arrows);
      svgEl("line", {x1: x0.toFixed(1), y1: y0.toFixed(1), x2: x1.toFixed(1), y2: y1.toFixed(1)}, arrows);
    }
  }
  // The colour bar: D from 0 (bottom) to 1 (top).
  const bar = {left: box.right + 20, width: 14};
  for (let k = 0; k < 50; k++) {
    const d = 1 - (k + 0.5) / 50;
    svgEl("rect", {x: bar.left, y: box.top + k * size / 50, width: bar.width, height: size / 50 + 0.5,
                   fill: "rgb(" + diverging(d).join(",") + ")"}, svg);
  }
  for (const t of [0, 0.5, 1]) svgEl("text", {x: bar.left + bar.width + 4, y: box.bottom - t * size + 4, class: "tick"}, svg, String(t));
  svgEl("text", {x: bar.left - 2, y: box.top - 8, class: "tick"}, svg, "D(x)");
  const k = epochList.indexOf(shown);
  const modes = hasValues("modes_covered") ? "modes covered " + fmt(toyColumn("modes_covered")[k]) + " of " +
    fmt(toyColumn("modes_total")[k]) + ", high-quality share " + fmt(toyColumn("high_quality")[k]) + "; " : "";
  note(parent, "Fields of " + fieldsCaption(shown) + ". " + modes + "mean D(G(z)) " + fmt(toyColumn("d_g_z")[k]) +
       "; mean |dl/dx| minimax " + fmt(toyColumn("grad_minimax")[k]) + ", non-saturating " +
       fmt(toyColumn("grad_nonsaturating")[k]) + ". The arrows follow the run's loss (" + run.config.loss +
       "): blue is where D says fake, and G's samples are pulled towards red.");
}

// ---- the charts over epochs ----

// Line charts of epochs.csv columns, each [title, columns, reference lines, scale of the values],
// in a parent; charts whose columns are all blank are left out.
function epochCharts(parentId, charts) {
  const parent = document.getElementById(parentId);
  parent.textContent = "";
  for (const [title, columns, lines, scale] of charts) {
    const series = columns.filter(hasValues).map((c) => ({name: TOY_NAMES[c] || c,
                                                          ys: toyColumn(c).map((v) => (v === null ? v : v * (scale || 1)))}));
    if (series.length === 0) continue;
    lineChart(parent, {title: title, xs: epochList, series: series, lines: lines || [], cursor: epochList[selected],
                       onPick: selectEpoch, width: 360, height: 200});
  }
}

function renderValueView() {
  const minusLog4 = [{y: -LOG4, name: "-log 4: V(D*, G) when p_g = p_data"}];
  const floor = run.config.jsd_of_data_kde;
  epochCharts("value-charts", [
    ["JSD(p_data || p_g)", ["jsd"], floor !== undefined ? [{y: floor, name: "the estimator's floor"}, {y: Math.log(2), name: "log 2"}] : []],
    ["V(D, G) <= V(D*, G) = 2 JSD - log 4", ["value_d", "value_d_star"], minusLog4],
    ["V_hat = mean log D(x) + mean log(1 - D(G(z)))", ["value_samples"], minusLog4],
    ["identity error, units of 1e-15", ["identity_error"], [], 1e15],
  ]);
}

function renderModesView() {
  const total = toyColumn("modes_total").find((v) => v !== null);
  epochCharts("modes-charts", [
    ["modes covered (each >= " + run.config.mode_share * 100 + "% of G(z))", ["modes_covered"], [{y: total, name: "all " + total}]],
    ["high-quality share (within 3 sigma of a mode)", ["high_quality"], [{y: 1, name: "all"}]],
  ]);
}

function renderTrainingView() {
  epochCharts("training-charts", [
    ["losses, epoch means", ["d_loss", "g_loss"]],
    ["D's outputs, epoch means", ["d_real", "d_fake", "d_g_z"], [{y: 0.5, name: "1/2"}]],
    ["mean |dl/dx| of each generator loss", ["grad_minimax", "grad_nonsaturating"]],
  ]);
}

// ---- the page ----

function renderToyHeader() {
  const c = run.config, last = epochList.length - 1;
  document.getElementById("title").textContent = "gan.cpp toy: " + run.run;
  const result = run.dim === 1
    ? "JSD " + fmt(toyColumn("jsd")[last]) + " (the estimator's floor " + fmt(c.jsd_of_data_kde) + ")"
    : hasValues("modes_covered") ? toyColumn("modes_covered")[last] + " of " + toyColumn("modes_total")[last] + " modes covered" : "";
  document.getElementById("summary").textContent = c.dist + " (" + run.dim + "-D), loss " + c.loss + ", " +
    c.epochs + " epochs of " + c.steps_per_epoch + " steps, batch " + c.batch + ", seed " + c.seed +
    (result ? "; last epoch: " + result : "");
  document.getElementById("epoch-label").textContent = epochList[selected] + " of " + epochList[last];
}

// Once, from main(): the views this run has, the field view's check boxes, the settings.
function setUpToy() {
  const drop = [run.dim === 1 ? "field" : "density"];
  if (!hasValues("modes_covered")) drop.push("modes");
  for (const view of drop) document.querySelector('section[data-view="' + view + '"]').remove();
  if (run.dim === 2) setUpFieldToggles();
  document.getElementById("toy-config").textContent = JSON.stringify(run.config, null, 1);
}

// On every change of the selected epoch, from report.js's render().
function renderToy() {
  renderToyHeader();
  if (run.dim === 1) renderDensityView();
  else renderFieldView();
  renderValueView();
  if (hasValues("modes_covered")) renderModesView();
  renderTrainingView();
}
