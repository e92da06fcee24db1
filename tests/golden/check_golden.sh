#!/usr/bin/env bash
# check_golden.sh: the promise "same seed, same data, same bytes on every machine", checked.
#
# tests/golden/checksums.txt holds one golden output per line:
#
#   SHA256  FILE  gan ARGS...
#
# `gan ARGS...` is a command of the gan program whose --out names a folder or file relative to the
# working folder, and FILE (relative to the same working folder) is what it must write, with exactly
# that SHA-256. Lines run in order in one working folder, so a later line may read what an earlier
# one wrote (`gan sample` reads a run's checkpoint). Lines starting with # are comments.
#
# The checksums were taken on one machine. Every other x86-64 machine (AMD or Intel, AVX2 or
# AVX-512), every thread count and every build (native, -march=x86-64-v3, the portable GEMM kernel)
# must reproduce them: every sum in gan.cpp runs in an order fixed by the sizes alone (docs/gemm.md).
#
# Usage:
#   tests/golden/check_golden.sh GAN THREADS...       run every line at each thread count, compare
#   tests/golden/check_golden.sh --update GAN         rewrite checksums.txt from GAN's outputs at one
#                                                     thread (only after a change that moves the bits
#                                                     on purpose; say why in the commit)
# The last line of a check reads "golden: N passed, M failed"; the exit status is 1 on any mismatch.
set -euo pipefail

script=check_golden.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
checksums=${GOLDEN_CHECKSUMS:-$here/checksums.txt}  # another list only for the test of this script

update=0
if [[ ${1:-} == --update ]]; then update=1; shift; fi
if (( $# < 1 )); then
  echo "usage: $script [--update] GAN THREADS..." >&2
  exit 2
fi
gan=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shift
if [[ ! -x $gan ]]; then
  echo "$script: $gan is not an executable gan program" >&2
  exit 2
fi
thread_counts=("$@")
(( update )) && thread_counts=(1)
if (( ${#thread_counts[@]} == 0 )); then
  echo "$script: give at least one thread count, e.g. 1 2 3" >&2
  exit 2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gan-golden.XXXXXX")
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
updated=()
for threads in "${thread_counts[@]}"; do
  folder=$work/threads-$threads
  mkdir -p "$folder"
  line_number=0
  while IFS= read -r line || [[ -n $line ]]; do
    line_number=$((line_number + 1))
    if [[ -z $line || $line == \#* ]]; then
      (( update )) && updated+=("$line")
      continue
    fi
    read -r expected file program arguments <<< "$line"
    if [[ $program != gan || -z $arguments ]]; then
      echo "$script: $checksums line $line_number: expected 'SHA256 FILE gan ARGS...', got '$line'" >&2
      exit 2
    fi
    # Word splitting of ARGS is intended: the arguments are plain words, no quoting.
    # shellcheck disable=SC2086
    if ! (cd "$folder" && OMP_WAIT_POLICY=passive "$gan" $arguments --threads "$threads" \
          > "$folder/line-$line_number.log" 2>&1); then
      echo "FAILED  threads=$threads line $line_number: gan $arguments (exit status; log follows)"
      tail -5 "$folder/line-$line_number.log"
      failed=$((failed + 1))
      continue
    fi
    actual=$(sha256sum "$folder/$file" | cut -d' ' -f1)
    if (( update )); then
      updated+=("$actual $file gan $arguments")
    elif [[ $actual == "$expected" ]]; then
      echo "ok      threads=$threads $file  ($actual)"
      passed=$((passed + 1))
    else
      echo "DIFFERS threads=$threads $file: expected $expected, got $actual  (gan $arguments)"
      failed=$((failed + 1))
    fi
  done < "$checksums"
done

if (( update )); then
  printf '%s\n' "${updated[@]}" > "$checksums.tmp" && mv "$checksums.tmp" "$checksums"
  echo "$script: rewrote $checksums"
  exit 0
fi
echo "golden: $passed passed, $failed failed"
(( failed == 0 ))
