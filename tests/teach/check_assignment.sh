#!/bin/sh
# check_assignment.sh WORK [--build]: the student copy of make_assignment.sh, checked.
#
# Always: the copy is written to WORK/copy, every task of tests/teach/points.json is blanked there
# (its "TASK x.y not implemented" line is present) and no solution line of a task block is left.
# With --build (make test-assignment; about 9 minutes on 2 cores, most of it compiling): the copy is
# built in WORK/copy/build, and `gan grade --json` on it must fail every task with that task's own
# "TASK x.y not implemented" message, skip the training run (its tasks fail), and score 0.
set -eu

if [ $# -lt 1 ]; then echo "usage: tests/teach/check_assignment.sh WORK [--build]" >&2; exit 2; fi
work=$1
build=${2:-}
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
copy=$work/copy
rm -rf "$copy"
mkdir -p "$work"
"$source_dir/tests/teach/make_assignment.sh" "$copy" > "$work/make_assignment.log"

tasks=$(grep -o '"number": "[0-9]*\.[0-9]*"' "$source_dir/tests/teach/points.json" | sed 's/.*"\([0-9.]*\)"/\1/')
training=$(echo "$tasks" | tail -1)  # the training row comes last in the points file
failures=0
for task in $tasks; do
  [ "$task" = "$training" ] && continue
  if ! grep -rq "TASK $task not implemented" "$copy/src"; then
    echo "FAIL: task $task is not blanked in the copy"; failures=$((failures + 1))
  fi
done
# Between BEGIN and END only the throw may remain.
leftover=$(awk '/\/\/ BEGIN TASK /{inside=1; next} /\/\/ END TASK /{inside=0} inside && !/not implemented: /{print FILENAME": "$0}' \
           $(grep -rl "// BEGIN TASK " "$copy/src"))
if [ -n "$leftover" ]; then echo "FAIL: solution lines left in the copy:"; echo "$leftover"; failures=$((failures + 1)); fi

if [ "$build" = "--build" ]; then
  programs=$(grep -o '"test_programs": \[[^]]*\]' "$source_dir/tests/teach/points.json" | sed 's/.*\[//' | grep -o 'test_[a-z_]*')
  cmake -S "$copy" -B "$copy/build" -DCMAKE_BUILD_TYPE=Release > "$work/configure.log"
  if ! cmake --build "$copy/build" -j "${JOBS:-2}" --target gan $programs > "$work/build.log" 2>&1; then
    echo "FAIL: the student copy does not build (see $work/build.log):"; grep -m5 "error" "$work/build.log"; exit 1
  fi
  "$copy/build/gan" grade --json > "$work/grade.json"
  # One entry per row: "number", then "score", then "output" (gan grade's key order).
  awk -v training="$training" '
    /"number":/ { gsub(/[",]/, "", $2); number = $2 }
    /"output":/ {
      line = $0; sub(/^[^:]*: "/, "", line); sub(/",?$/, "", line)
      want = number == training ? "skipped: " : "fail: .*TASK " number " not implemented"
      if (line !~ want) { print "FAIL: row " number ": expected /" want "/, got: " line; bad++ }
      else print "ok: row " number ": " line
    }
    /^  "score":/ { gsub(/,/, "", $2); if ($2 != 0) { print "FAIL: score " $2 ", expected 0"; bad++ } }
    END { exit bad > 0 }' "$work/grade.json" || failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then echo "check_assignment: $failures failed"; exit 1; fi
echo "check_assignment: every task blanked${build:+, built, and graded as expected}"
