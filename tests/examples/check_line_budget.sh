#!/usr/bin/env bash
# check_line_budget.sh: README's line budget tells the truth.
#
# README.md has a table "| part | headers | sources | tests |" of line counts. This script counts
# the lines of each part's files (the folders below) and fails when a count and the table differ by
# more than 10 %, so that the budget cannot silently go stale. With --print it prints the table rows
# as they should read today, to paste into README.md.
#
# Usage: tests/examples/check_line_budget.sh [--print]   (ctest runs it as line_budget)
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$repo"

# part name as README writes it | folders under include/gan, src and tests (the same names)
parts=(
  "tensor, rng|tensor"
  "autograd|autograd"
  "kernels (GEMM, im2col, element-wise, math functions, optimiser updates)|kernels"
  "ops (with their gradient checks)|ops"
  "gradcheck|testing"
  "layers, models, objectives, optimisers|nn models losses optim"
  "data sets and file formats|data io"
  "metrics|metrics"
  "training|train"
  "toy GANs in 1-D and 2-D (D*, the JSD, modes, pictures)|toy"
  "command line|cli"
  "looking inside (gan inspect)|inspect"
  "image translation (gan translate: pix2pix, CycleGAN)|translate"
  "the report (report.html: C++, and its page, style and script)|report"
)

lines_in() {  # lines_in ROOT FOLDER...: lines of every .h, .cpp, .js, .css and .html file in ROOT/FOLDER
  local root=$1 total=0 folder count
  shift
  for folder in "$@"; do
    [[ -d $root/$folder ]] || continue
    count=$(find "$root/$folder" \( -name '*.h' -o -name '*.cpp' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) \
            | sort | xargs -r cat | wc -l)
    total=$((total + count))
  done
  echo "$total"
}

rows=()
for part in "${parts[@]}"; do
  name=${part%%|*}
  read -r -a folders <<< "${part#*|}"
  rows+=("$name|$(lines_in include/gan "${folders[@]}")|$(lines_in src "${folders[@]}")|$(lines_in tests "${folders[@]}")")
done
rows+=("examples||$(lines_in . examples)|")

if [[ ${1:-} == --print ]]; then
  for row in "${rows[@]}"; do
    IFS='|' read -r name headers sources tests <<< "$row"
    [[ $headers == 0 ]] && headers=""
    [[ $tests == 0 ]] && tests=""
    echo "| $name | $headers | $sources | $tests |"
  done
  exit 0
fi

passed=0
failed=0
for row in "${rows[@]}"; do
  IFS='|' read -r name headers sources tests <<< "$row"
  readme=$(grep -F "| $name |" README.md || true)
  if [[ -z $readme ]]; then
    echo "README.md has no line-budget row '| $name |'; expected: | $name | $headers | $sources | $tests |"
    failed=$((failed + 1))
    continue
  fi
  IFS='|' read -r _ _ said_headers said_sources said_tests _ <<< "$readme"
  for column in headers sources tests; do
    actual=${!column}
    said_variable=said_$column
    said=$(echo "${!said_variable}" | tr -d ' ,')
    [[ -z $actual ]] && actual=0
    [[ -z $said ]] && said=0
    # within 10 % of the true count (and a blank cell only for an empty part)
    if (( actual == 0 && said == 0 )) || (( said * 10 >= actual * 9 && said * 10 <= actual * 11 )); then
      passed=$((passed + 1))
    else
      echo "line budget: '$name' $column: README.md says $said, the files have $actual"
      failed=$((failed + 1))
    fi
  done
done
if (( failed > 0 )); then
  echo "update README.md's table with: tests/examples/check_line_budget.sh --print"
fi
echo "line_budget: $passed passed, $failed failed"
(( failed == 0 ))
