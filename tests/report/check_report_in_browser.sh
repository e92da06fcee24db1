#!/usr/bin/env bash
# check_report_in_browser.sh: the report of a short real run, opened in a real browser (Debian's
# chromium, headless) and checked from the page the browser built, as a person would look at it:
#   - the page's script finished (body data-rendered = 1) with no uncaught error (data-errors = 0);
#   - every view has content: SVG marks (rect, circle, polyline), canvases or images;
#   - nothing points at the network: no src, href, url() or import of an http(s) address in the
#     file or in the page the script built (the SVG namespace string is a name, not a fetch);
#   - the time from navigation to rendered (data-render-ms), printed.
# A screenshot of the whole page is saved as OUT_DIR/report.png.
#
# Usage: tests/report/check_report_in_browser.sh GAN OUT_DIR [RUN_DIR]
#   GAN      the gan program
#   OUT_DIR  scratch folder (emptied)
#   RUN_DIR  a run to check instead of training a short one (e.g. runs/demo)
# Exit status 0 when every check passes, 1 otherwise; `make test` installs chromium when missing.
set -euo pipefail

gan=${1:?usage: check_report_in_browser.sh GAN OUT_DIR [RUN_DIR]}
out=${2:?usage: check_report_in_browser.sh GAN OUT_DIR [RUN_DIR]}
run=${3:-}
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "check_report_in_browser.sh: chromium is not installed; make test installs it (apt-get install chromium)"
  exit 1
fi

rm -rf "$out"
mkdir -p "$out"
if [[ -z $run ]]; then
  run=$out/run
  # Two epochs of a DCGAN on 256 digits: every record of every view, in a few seconds.
  "$gan" train --model dcgan --epochs 2 --limit 256 --batch 32 --eval-samples 256 --seed 2 --threads 1 \
    --quiet --report --out "$run" > "$out/train.log"
fi
"$gan" report "$run" > /dev/null
report=$(cd "$run" && pwd)/report.html

# Headless chromium as root needs --no-sandbox; the page is a local file, and nothing else is opened.
# --disable-dev-shm-usage: containers often give /dev/shm 64 MB, too little for chromium's renderer.
# The page draws while it loads, so the DOM dumped at its load event is the rendered page, and
# data-render-ms is real time (no virtual time budget).
flags=(--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars --no-first-run)
"$browser" "${flags[@]}" --dump-dom "file://$report" > "$out/dom.html" 2> "$out/chromium.log"
"$browser" "${flags[@]}" --window-size=1400,4200 --screenshot="$out/report.png" "file://$report" \
  >> "$out/chromium.log" 2>&1
body=$(grep -o '<body[^>]*>' "$out/dom.html" | head -1)

failures=0
fail() { echo "report in browser: FAILED: $*"; failures=$((failures + 1)); }

[[ $body == *'data-rendered="1"'* ]] || fail "the page's script did not finish rendering (body: $body)"
[[ $body == *'data-errors="0"'* ]] || fail "uncaught script errors (body: $body)"
render_ms=$(sed -n 's/.*data-render-ms="\([0-9]*\)".*/\1/p' <<< "$body")

# Each view's section, from its opening tag to the next section's, and its marks: every view the
# page kept (a toy run's page keeps only the views its run has, toy_report.js).
views=$(grep -o '<section data-view="[a-z-]*"' "$out/dom.html" | sed 's/.*data-view="\([a-z-]*\)"/\1/')
[[ -n $views ]] || fail "the page has no view"
for view in $views; do
  section=$(awk -v view="$view" '
    index($0, "<section data-view=\"" view "\"") { inside = 1 }
    inside && index($0, "<section data-view=") && !index($0, "\"" view "\"") { inside = 0 }
    inside { print }' <(sed 's/<section /\n<section /g' "$out/dom.html"))
  marks=$(grep -o '<rect\|<circle\|<polyline\|<canvas\|<img' <<< "$section" | wc -l)
  echo "report in browser: view $view: $marks marks"
  ((marks > 0)) || fail "the $view view is empty"
done

# No network reference in the file or in the built page.
pattern='(src|href)[[:space:]]*=[[:space:]]*["'"'"']?https?://|url\([[:space:]]*["'"'"']?https?://|import[^;]*https?://'
for file in "$report" "$out/dom.html"; do
  if grep -Eo "$pattern" "$file" > "$out/network.txt"; then
    fail "$(basename "$file") refers to the network: $(head -3 "$out/network.txt" | tr '\n' ' ')"
  fi
done

[[ -s $out/report.png ]] || fail "no screenshot was written"
echo "report in browser: $(du -k "$report" | cut -f1) KB, rendered in ${render_ms:-?} ms, screenshot $out/report.png"
if ((failures > 0)); then
  echo "report in browser: $failures check(s) failed"
  exit 1
fi
echo "report in browser: passed"
