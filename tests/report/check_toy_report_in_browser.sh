#!/usr/bin/env bash
# check_toy_report_in_browser.sh: the reports of two short real gan toy runs, a 1-D (mixture1d) and
# a 2-D (ring8) one, checked in headless chromium by check_report_in_browser.sh (rendered, no
# script error, every view drawn, nothing fetched), and each with the views of its kind:
#   1-D: density, value, training        2-D: field, value, modes, training
# It also prints each page's size, which must stay below 2 MB, and its render time. The screenshots
# are OUT_DIR/mixture1d/report.png and OUT_DIR/ring8/report.png.
#
# Usage: tests/report/check_toy_report_in_browser.sh GAN OUT_DIR   (ctest runs it as toy_report_in_browser)
set -euo pipefail

gan=${1:?usage: check_toy_report_in_browser.sh GAN OUT_DIR}
out=${2:?usage: check_toy_report_in_browser.sh GAN OUT_DIR}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rm -rf "$out"
mkdir -p "$out"

failures=0
for case in "mixture1d|density value training" "ring8|field value modes training"; do
  dist=${case%%|*}
  expected=${case#*|}
  run=$out/$dist-run
  # 4 epochs of 40 steps, fields every 2 epochs: every file of a toy run, in about a second.
  "$gan" toy --dist "$dist" --epochs 4 --steps-per-epoch 40 --batch 256 --samples 4000 --fields-every 2 \
    --seed 3 --threads 1 --out "$run" > "$out/$dist-toy.log"
  if ! "$here/check_report_in_browser.sh" "$gan" "$out/$dist" "$run"; then
    failures=$((failures + 1))
    continue
  fi
  views=$(grep -o '<section data-view="[a-z-]*"' "$out/$dist/dom.html" | sed 's/.*data-view="\([a-z-]*\)"/\1/' | xargs)
  if [[ $views != "$expected" ]]; then
    echo "toy report in browser: FAILED: $dist has the views '$views', expected '$expected'"
    failures=$((failures + 1))
  fi
  bytes=$(stat -c %s "$run/report.html")
  if ((bytes >= 2 * 1024 * 1024)); then
    echo "toy report in browser: FAILED: $dist's report.html is $bytes bytes, expected below 2 MB"
    failures=$((failures + 1))
  fi
done
if ((failures > 0)); then
  echo "toy report in browser: $failures run(s) failed"
  exit 1
fi
echo "toy report in browser: passed"
