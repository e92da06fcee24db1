#!/bin/sh
# make_assignment.sh OUT: writes the student copy of gan.cpp into the folder OUT (make assignment).
#
# The copy holds the project's own layout (Makefile, CMakeLists.txt, README.md, src/, include/,
# data/, examples/, tests/, docs/), with the body of every block
#     // BEGIN TASK x.y: title
#     ...
#     // END TASK x.y
# under src/ replaced by one line that compiles and says what is missing:
#     throw std::logic_error("TASK x.y not implemented: title");
# The markers stay, so a student sees where to write. The copy builds; the tests tagged [task x.y]
# fail with that message until the task is done, and `gan grade` scores it (docs/teaching.md).
set -eu

if [ $# -ne 1 ] || [ -z "$1" ]; then
  echo "usage: tests/teach/make_assignment.sh OUT   (or: make assignment OUT=dir)" >&2
  exit 2
fi
out=$1
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "make_assignment: $out exists and is not empty; name a new folder" >&2
  exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
case "$out/" in
  "$source_dir"/src/*|"$source_dir"/include/*|"$source_dir"/tests/*|"$source_dir"/data/*|"$source_dir"/docs/*|"$source_dir"/examples/*)
    echo "make_assignment: $out lies inside a folder that is being copied; choose another" >&2
    exit 1 ;;
esac

for part in Makefile CMakeLists.txt README.md src include data examples tests docs; do
  cp -R "$source_dir/$part" "$out/"
done

# Blank every task of one file. awk reads the file once: a BEGIN line is kept and followed by the
# throw, lines up to the matching END are dropped, the END line is kept.
blanked=0
for file in $(grep -rl "// BEGIN TASK " "$out/src" | sort); do
  awk '
    function fail(message) { printf "make_assignment: %s:%d: %s\n", FILENAME, NR, message > "/dev/stderr"; bad = 1; exit 1 }
    /\/\/ BEGIN TASK / {
      if (task != "") fail("BEGIN TASK inside TASK " task)
      match($0, /^[ \t]*/); indent = substr($0, 1, RLENGTH)
      rest = $0; sub(/.*\/\/ BEGIN TASK /, "", rest)
      task = rest; sub(/:.*/, "", task)
      title = rest; sub(/^[^:]*:[ \t]*/, "", title); gsub(/["\\]/, "", title)
      print
      printf "%sthrow std::logic_error(\"TASK %s not implemented: %s\");\n", indent, task, title
      next
    }
    /\/\/ END TASK / {
      end = $0; sub(/.*\/\/ END TASK /, "", end); sub(/[ \t]+$/, "", end)
      if (end != task) fail("END TASK " end " does not close TASK " task)
      task = ""; print; next
    }
    task == "" { print }
    END { if (!bad && task != "") fail("TASK " task " has no END TASK line") }
  ' "$file" > "$file.blank"
  # The throw needs <stdexcept>: add it before the first #include when the file lacks it.
  if ! grep -q "#include <stdexcept>" "$file.blank"; then
    awk '!done && /^#include/ { print "#include <stdexcept>"; done = 1 } { print }' "$file.blank" > "$file.tmp"
    mv "$file.tmp" "$file.blank"
  fi
  mv "$file.blank" "$file"
  blanked=$((blanked + $(grep -c "not implemented: " "$file")))
done

echo "make_assignment: wrote $out with $blanked task blocks blanked:"
grep -rh "// BEGIN TASK " "$out/src" | sed 's/^[ \t]*\/\/ BEGIN TASK /  /' | sort -u
