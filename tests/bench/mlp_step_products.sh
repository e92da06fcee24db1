#!/usr/bin/env bash
# mlp_step_products.sh: every matrix product of an MLP GAN training step (batch 64, one thread),
# ours beside Eigen's, as `make bench` prints it.
#
# Each round runs gemm_bench --mlp-step, then eigen_gemm_reference --mlp-step (the list is
# tests/bench/mlp_step_products.h; each time is the best thread CPU time per call of 50 timings,
# each of enough calls to last 100 us). The table gives each product's median over the rounds,
# Eigen's time over ours (above 1: ours is faster), and the same for the step's products summed,
# each counted as often as a step calls it.
#
# Usage: tests/bench/mlp_step_products.sh BUILD_DIR ROUNDS
set -euo pipefail
build=${1:?usage: mlp_step_products.sh BUILD_DIR ROUNDS}
rounds=${2:?usage: mlp_step_products.sh BUILD_DIR ROUNDS}
out=$build/bench/mlp_step_rounds.txt
rm -f "$out"
for _ in $(seq "$rounds"); do
  "$build/bench/gemm_bench" --mlp-step >> "$out"
  "$build/bench/eigen_gemm_reference" --mlp-step >> "$out"
done
awk -v rounds="$rounds" '
  function median(list,   v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  { delete f; for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] } }
  $1 == "step_products" { total[f["impl"]] = total[f["impl"]] " " f["ms"]; next }
  $1 == "step_product" {
    key = f["kind"] " " f["M"] "x" f["K"] "x" f["N"]
    if (!(key in calls)) { order[++keys] = key; calls[key] = f["calls"] }
    ms[f["impl"], key] = ms[f["impl"], key] " " f["ms"]
  }
  END {
    printf "MLP step products, batch 64, one thread: microseconds, median of %d rounds (best of 50 timings each)\n", rounds
    printf "%-24s %5s %8s %8s %11s\n", "product (M x K x N)", "calls", "ours", "eigen", "eigen/ours"
    for (k = 1; k <= keys; k++) {
      ours = median(ms["ours", order[k]]); eigen = median(ms["eigen", order[k]])
      printf "%-24s %5d %8.2f %8.2f %11.2f\n", order[k], calls[order[k]], 1000 * ours, 1000 * eigen, eigen / ours
    }
    ours = median(total["ours"]); eigen = median(total["eigen"])
    printf "%-24s %5s %8.1f %8.1f %11.2f\n", "the step, summed", "", 1000 * ours, 1000 * eigen, eigen / ours
  }' "$out"
