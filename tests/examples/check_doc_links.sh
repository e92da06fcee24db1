#!/bin/sh
# The docs' citations stay true: in every Markdown file under docs/ and the top README,
#   - each relative link [text](path) leads to a file or folder (the #anchor is not checked);
#   - each code span `path:symbol`, the course pages' way of citing the function that implements
#     an equation, names a file that exists and contains `symbol` (e.g. Generator::net_input);
#   - each code span that is a bare repository path (`src/...`, `include/...`, `tests/...`,
#     `examples/...`, `docs/...`) names a file or folder that exists.
# Prints each broken citation as FILE: what, and exits 1 if there is any.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
broken=0
checked=0
for doc in README.md $(find docs -name '*.md' | sort); do
  dir=$(dirname "$doc")
  # relative links: ](target), without http(s), mailto or a bare #anchor
  for target in $(grep -o '](\([^)#][^)]*\))' "$doc" | sed 's/^](//; s/)$//; s/#.*//' | grep -v '^[a-z]*:'); do
    checked=$((checked + 1))
    [ -e "$dir/$target" ] || { echo "$doc: link $target does not exist"; broken=$((broken + 1)); }
  done
  # code spans citing a path and a symbol, or a path alone
  for span in $(grep -o '`\(src\|include\|tests\|examples\|docs\)/[A-Za-z0-9_./-]*\(:[A-Za-z_][A-Za-z0-9_:]*\)\?`' "$doc" | tr -d '`'); do
    checked=$((checked + 1))
    path=${span%%:*}
    if [ ! -e "$path" ]; then
      echo "$doc: $path does not exist"; broken=$((broken + 1)); continue
    fi
    case "$span" in
      *:*) symbol=${span#*:}
           grep -qF "$symbol" "$path" || { echo "$doc: $path has no '$symbol'"; broken=$((broken + 1)); } ;;
    esac
  done
done
echo "doc_links: $checked citations checked, $broken broken"
[ "$broken" -eq 0 ]
