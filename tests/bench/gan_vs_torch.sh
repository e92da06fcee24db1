#!/usr/bin/env bash
# gan_vs_torch.sh: gan.cpp's training steps per second beside PyTorch's, on this machine.
#
# Both sides time the same GAN training step (same MLP GAN and DCGAN-28, Adam 2e-4 / (0.5, 0.999),
# non-saturating G loss, random MNIST-shaped batches, a fresh z every step): ours is
# `gan bench` (src/cli/bench_command.cpp), the reference is `torch_reference.py bench`
# (tests/bench/torch_reference.py, the same layers in PyTorch). Each prints one summary line per
# process, `model= threads= batch= steps_per_s= ... gflop_s=`, where steps_per_s is the median of
# its timed repetitions.
#
# The machine is shared and noisy (two threads vary by 20-30 % between processes), so the two
# sides take turns: in every round each cell (model, threads, batch) runs ours, then the
# reference, each as a fresh process with the same --steps, --warmup and --reps. The table gives,
# per side, the median over the rounds of those per-process medians, and the ratio ours / ref.
#
# Settings (environment variables):
#   ROUNDS           interleaved rounds (default 3)
#   BENCH_BATCHES    batch sizes besides 64, e.g. "16 256" (at 1 and 2 threads)
#   BENCH_THREADS    thread counts, e.g. "1 2 4 8 16" (default 1, 2, 4, ... and the cores present):
#                    the thread scaling of both sides at batch 64
#   CEILING_FILE     fma_ceiling's output (make bench passes it): adds the column ours / ceiling
#   GEMM_FILE        gemm_bench's raw lines (make bench passes them): adds the column ours / GEMM,
#                    ours GFLOP/s over our own 1024^3 product's at the same thread count, the median
#                    of its rounds; how much of the GEMM's speed a whole step keeps
#   STEPS            timed steps per repetition, for every cell; by default 100 (MLP) and 20
#                    (DCGAN) at batch 64, scaled by 64 / batch so that each repetition takes
#                    about the same time at any batch size
#   WARMUP, REPS     untimed steps first (default 10), timed repetitions per process (default 5)
#   BUILD            the build folder, relative to the repository root (default build); our
#                    program is BUILD/gan and the raw lines go to BUILD/bench/gan_vs_torch.txt
#   GAN_TORCH_BENCH  the reference script (default tests/bench/torch_reference.py); it is run as
#                    `SCRIPT bench --model M --threads T --batch B --steps S --warmup W --reps R`
#
# The reference's strongest set-up on a Debian CPU machine: Debian's python3-torch, with OpenBLAS's
# OpenMP build in place of the netlib BLAS that python3-torch pulls in (about 10x slower), chosen
# per process with LD_LIBRARY_PATH. Its AVX-512 kernels (OPENBLAS_CORETYPE=SkylakeX) are faster
# still, but crash with an illegal instruction on a CPU without AVX-512, so they are used only when
# /proc/cpuinfo lists avx512f. Without python3-torch, libopenblas0-openmp or the reference script,
# the script says how to get them and prints our figures alone.
#
# Usage: tests/bench/gan_vs_torch.sh   (or `make bench`, which builds gan first)
#        ROUNDS=1 STEPS=2 REPS=1 WARMUP=1 tests/bench/gan_vs_torch.sh   (a quick check that it runs)
set -euo pipefail

script=gan_vs_torch.sh
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# shellcheck source=settings.sh
source "$repo/tests/bench/settings.sh"

rounds=${ROUNDS:-3}
warmup=${WARMUP:-10}
reps=${REPS:-5}
whole_number ROUNDS "$rounds" 1
whole_number WARMUP "$warmup" 0
whole_number REPS "$reps" 1
[[ -n ${STEPS:-} ]] && whole_number STEPS "$STEPS" 1
# Batch 64 and BENCH_BATCHES, in increasing order.
batch_list=$(positive_numbers BENCH_BATCHES "${BENCH_BATCHES:-}" "batch sizes" "16 256")
mapfile -t batches < <(printf '64\n%s' "$batch_list" | sed '/^$/d' | sort -n -u)
# Thread counts: BENCH_THREADS, or 1, 2, 4, ... and the number of cores present. Batch 64 runs at
# every count (the scaling table); other batch sizes at 1 and 2 threads only.
thread_list=$(positive_numbers BENCH_THREADS "${BENCH_THREADS:-}" "thread counts" "1 2 4")
thread_counts=()
if [[ -n $thread_list ]]; then
  mapfile -t thread_counts <<< "$thread_list"
else
  cores=$(nproc)
  for ((threads = 1; threads < cores; threads *= 2)); do thread_counts+=("$threads"); done
  thread_counts+=("$cores")
fi
mapfile -t thread_counts < <(printf '%s\n' "${thread_counts[@]}" | sort -n -u)
# The FMA ceiling per thread count (tests/bench/fma_ceiling.cpp's lines), for the fraction column.
ceiling_file=${CEILING_FILE:-}
gemm_file=${GEMM_FILE:-}

find_gan
raw=$build/bench/gan_vs_torch.txt

# --- the reference: is it here, and which set-up does it get? ---
python=/usr/bin/python3  # Debian's torch lives in the system interpreter, not in a pyenv one
reference=${GAN_TORCH_BENCH:-$repo/tests/bench/torch_reference.py}
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
install_hint="install the reference with: sudo apt-get install -y python3-torch python3-numpy libopenblas0-openmp (or: make bench-deps)"
missing=""
if [[ ! -f $reference ]]; then
  missing="$reference: no such file (set GAN_TORCH_BENCH to the path of torch_reference.py)"
elif ! "$python" -c "import torch" 2> /dev/null; then
  missing="$python cannot import torch; $install_hint"
elif [[ ! -e $openblas/libopenblas.so.0 ]]; then
  missing="$openblas/libopenblas.so.0 is missing, and netlib BLAS is no fair reference; $install_hint"
fi
reference_env=(env "LD_LIBRARY_PATH=$openblas")
if grep -qw avx512f /proc/cpuinfo; then
  reference_env+=(OPENBLAS_CORETYPE=SkylakeX)
  setup="PyTorch with OpenBLAS (OpenMP) and its AVX-512 kernels (OPENBLAS_CORETYPE=SkylakeX)"
else
  setup="PyTorch with OpenBLAS (OpenMP), kernels auto-detected (this CPU has no AVX-512)"
fi
if [[ -n $missing ]]; then
  echo "reference: not run: $missing" >&2
  echo "reference: our figures alone follow" >&2
else
  echo "reference: $setup" >&2
fi

# --- the rounds ---
# Runs one benchmark process and appends its output to the raw file, each line prefixed with its
# round and side; the command itself goes in first as a comment, so that every figure can be rerun.
run() {  # run SIDE ROUND COMMAND...
  local side=$1 round=$2 output
  shift 2
  echo "# round=$round impl=$side: $*" >> "$raw"
  if ! output=$("$@" 2>&1); then
    echo "$script: this command failed: $*" >&2
    printf '%s\n' "$output" | tail -n 5 >&2
    exit 1
  fi
  printf '%s\n' "$output" | sed "s/^/round=$round impl=$side /" >> "$raw"
  summary=$(printf '%s\n' "$output" | grep '^model=' | tail -n 1 || true)
  if [[ -z $summary ]]; then
    echo "$script: this command printed no summary line (model= ... steps_per_s= ...): $*" >&2
    exit 1
  fi
}

# The steps/s figure of a summary line, for the progress lines.
steps_per_s() {
  local rest=${summary#* steps_per_s=}
  echo "${rest%% *}"
}

mkdir -p "$build/bench"
: > "$raw"
for round in $(seq "$rounds"); do
  for model in mlp dcgan; do
    for threads in "${thread_counts[@]}"; do
      for batch in "${batches[@]}"; do
        (( batch == 64 || threads <= 2 )) || continue
        if [[ -n ${STEPS:-} ]]; then
          steps=$STEPS
        else
          base=$([[ $model == mlp ]] && echo 100 || echo 20)
          steps=$(( (base * 64 + batch - 1) / batch ))
        fi
        options=(--model "$model" --threads "$threads" --batch "$batch" --steps "$steps" --warmup "$warmup" --reps "$reps")
        run ours "$round" "$gan" bench "${options[@]}"
        progress="round $round/$rounds: $model threads=$threads batch=$batch: ours $(steps_per_s) steps/s"
        if [[ -z $missing ]]; then
          run torch "$round" "${reference_env[@]}" "$python" "$reference" bench "${options[@]}"
          progress="$progress, reference $(steps_per_s) steps/s"
        fi
        echo "$progress" >&2
      done
    done
  done
done

# --- the table: per cell and side, the median of the rounds' summary lines ---
echo
echo "Training steps/s, median of $rounds interleaved rounds (each a process's median of $reps repetitions)."
if [[ -z $missing ]]; then
  # the reference's own account of what it loaded: torch version, BLAS libraries, oneDNN
  echo "Reference: $setup; $(grep -m 1 ' impl=torch env ' "$raw" | cut -d ' ' -f 4-6)."
else
  echo "Reference: not run ($missing)."
fi
echo "ours GFLOP/s: the products gan.cpp runs (work_gflop_s), which skip D's weight gradients in the generator step; the reference's loop computes them too (gflop_s)."
[[ -n $ceiling_file ]] && echo "ours / ceiling: ours GFLOP/s over the FMA ceiling at the same thread count ($ceiling_file)."
[[ -n $gemm_file ]] && echo "ours / GEMM: ours GFLOP/s over our GEMM's at 1024^3 and the same thread count, median of its rounds ($gemm_file)."
awk -v with_reference="$([[ -z $missing ]] && echo 1 || echo 0)" '
  function median(list,   v, n, i, j, t) {
    n = split(list, v, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
  }
  # fma_ceiling threads=T width=W gflops=G, from the ceiling file read first
  $1 == "fma_ceiling" { split($2, t, "="); split($4, g, "="); ceiling[t[2]] = g[2]; next }
  # gemm impl=ours M=1024 K=1024 N=1024 threads=T gflops=G, one line a round, from the GEMM file
  $1 == "gemm" && $2 == "impl=ours" && $3 == "M=1024" && $4 == "K=1024" && $5 == "N=1024" {
    split($6, t, "="); split($7, g, "="); gemm[t[2]] = gemm[t[2]] " " g[2]; next
  }
  # a summary line: "round=R impl=SIDE model=..." (the rep=, flops and env lines start otherwise)
  $3 ~ /^model=/ {
    split("", f)
    for (i = 1; i <= NF; i++) { eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
    cell = f["model"] " " f["threads"] " " f["batch"]
    if (!(cell in seen)) { seen[cell] = 1; order[++cells] = cell }
    rate[f["impl"], cell] = rate[f["impl"], cell] " " f["steps_per_s"]
    if (f["impl"] == "ours") {
      gflops[cell] = gflops[cell] " " f["work_gflop_s"]
      # peak RSS: the largest of the rounds, since a peak is what a machine must have room for
      if (f["peak_rss_mb"] + 0 > rss[cell] + 0) rss[cell] = f["peak_rss_mb"]
    }
  }
  END {
    if (with_reference) {
      print "| model | threads | batch | ours steps/s | reference steps/s | ours / ref | ours GFLOP/s | ours / ceiling | ours / GEMM | ours peak RSS MB |"
      print "|---|---|---|---|---|---|---|---|---|---|"
    } else {
      print "| model | threads | batch | ours steps/s | ours GFLOP/s | ours / ceiling | ours / GEMM | ours peak RSS MB |"
      print "|---|---|---|---|---|---|---|---|"
    }
    for (k = 1; k <= cells; k++) {
      split(order[k], part, " ")
      ours = median(rate["ours", order[k]])
      printf "| %s | %d | %d | %.2f", part[1], part[2], part[3], ours
      if (with_reference) {
        ref = median(rate["torch", order[k]])
        printf " | %.2f | %.2f", ref, ours / ref
      }
      useful = median(gflops[order[k]])
      fraction = (part[2] in ceiling) ? sprintf("%.2f", useful / ceiling[part[2]]) : "-"
      of_gemm = (part[2] in gemm) ? sprintf("%.2f", useful / median(gemm[part[2]])) : "-"
      printf " | %.1f | %s | %s | %.0f |\n", useful, fraction, of_gemm, rss[order[k]]
    }
  }' ${ceiling_file:+"$ceiling_file"} ${gemm_file:+"$gemm_file"} "$raw"
echo "Raw lines, with the command of every process: $raw"
