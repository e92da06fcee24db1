#!/usr/bin/env bash
# check_fused_ops.sh: no fused multiply-add where the source wrote none.
#
# A fused multiply-add rounds once where a*b+c rounds twice, so a compiler that fuses on its own
# gives other bits than a build or CPU that does not (an x86-64-v2 build has no FMA instruction).
# gan.cpp fuses only where it says so: the GEMM's micro-kernels (std::fma and FMA intrinsics, the
# rule of docs/gemm.md). Everywhere else -ffp-contract=off forbids it, and this check holds the
# compiler to that: it disassembles every object of the gan libraries and fails on any FMA
# instruction outside src/kernels/gemm*.
#
# Usage: tests/kernels/check_fused_ops.sh BUILD_DIR   (ctest runs it as fused_ops)
set -euo pipefail
build=${1:?usage: check_fused_ops.sh BUILD_DIR}
objects=$(find "$build/CMakeFiles" -path '*/src/*' -name '*.o' ! -name 'gemm*.o' | sort)
if [[ -z $objects ]]; then
  echo "check_fused_ops.sh: no objects of src/ under $build/CMakeFiles; build first" >&2
  exit 2
fi
checked=0
failed=0
for object in $objects; do
  checked=$((checked + 1))
  # vfmadd*, vfmsub*, vfnmadd*, vfnmsub*, vfmaddsub*, vfmsubadd*: every x86 FMA form.
  count=$(objdump -d --no-show-raw-insn "$object" | grep -cE '\svf(n?m(add|sub)|maddsub|msubadd)' || true)
  if (( count > 0 )); then
    echo "fused multiply-add in ${object#"$build"/CMakeFiles/}: $count instructions"
    failed=$((failed + 1))
  fi
done
echo "fused_ops: $((checked - failed)) passed, $failed failed"
(( failed == 0 ))
