#!/usr/bin/env bash
# quality.sh: the images gan.cpp's GANs learn to draw beside those of PyTorch's, same recipe.
#
# For every model and seed, each side trains on the shipped 10,000 MNIST digits with the same
# recipe (batch 64, Adam 2e-4 / (0.5, 0.999), non-saturating G loss, each model's default
# initialisation): ours with `gan train`, the reference with tests/bench/torch_reference.py
# (the same layers, in PyTorch). Each side then draws QUALITY_SAMPLES images in evaluation mode
# (batch norm's running statistics), and `gan metric all` scores both sets the same way against as
# many digits of the MNIST test split: FID and KID on the shipped classifier's features,
# precision/recall, the classes covered and the KL of their histogram to uniform (modes_kl), and
# diversity. Same recipe is not same random numbers: the two sides differ run to run as much as
# two seeds of one side do, which is why there are several seeds and the table gives each side's
# mean and standard deviation over them, and the ratio of the means, ours / PyTorch.
#
# For the DCGAN the ablation of docs/initialisation.md runs too: gan.cpp with --init
# dcgan-zero-bias (biases 0, the scheme before --init), to set the default's gain beside the
# spread of the seeds.
#
# A finished run leaves its scores in OUT/MODEL-SIDE-seedS.json and is not run again, so a long
# measurement can be stopped and continued, and a table rebuilt at no cost; delete OUT to start over.
#
# Settings (environment variables):
#   QUALITY_MODELS    models to compare (default "mlp dcgan")
#   QUALITY_SEEDS     seeds, each a run per side (default "1 2 3")
#   QUALITY_EPOCHS    epochs of every run (default 5: about 30 minutes on 2 idle cores, from the
#                     steps/s of docs/performance.md; 10, the paper recipe, about 45 minutes)
#   QUALITY_SAMPLES   generated and real images scored (default 2000, the size of the test split)
#   QUALITY_THREADS   threads of every run (default 2)
#   QUALITY_ABLATION  1 (default) also trains gan.cpp's DCGAN with --init dcgan-zero-bias; 0 skips it
#   BUILD             the build folder, relative to the repository root (default build); our
#                     program is BUILD/gan
#   QUALITY_OUT       where runs, samples and scores go (default BUILD/quality/eEPOCHS)
#
# Usage: tests/bench/quality.sh   (or `make quality`, which builds gan first)
#        QUALITY_EPOCHS=1 QUALITY_SEEDS=1 tests/bench/quality.sh   (a quick check: `make quality-quick`)
set -euo pipefail

script=quality.sh
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# shellcheck source=settings.sh
source "$repo/tests/bench/settings.sh"

models=${QUALITY_MODELS:-mlp dcgan}
seeds=${QUALITY_SEEDS:-1 2 3}
epochs=${QUALITY_EPOCHS:-5}
samples=${QUALITY_SAMPLES:-2000}
threads=${QUALITY_THREADS:-2}
ablation=${QUALITY_ABLATION:-1}
whole_number QUALITY_EPOCHS "$epochs" 1
whole_number QUALITY_SAMPLES "$samples" 2
whole_number QUALITY_THREADS "$threads" 1
for seed in $seeds; do whole_number "a seed of QUALITY_SEEDS" "$seed" 0; done
for model in $models; do
  if [[ $model != mlp && $model != dcgan ]]; then
    echo "$script: QUALITY_MODELS has '$model'; expected mlp and/or dcgan" >&2
    exit 2
  fi
done

find_gan
out=${QUALITY_OUT:-$build/quality/e$epochs}
real=$repo/data/mnist/t10k-images-2k-idx3-ubyte

# The reference runs in Debian's python3-torch, with OpenBLAS's OpenMP build in place of the netlib
# BLAS python3-torch pulls in (about 10x slower; the numbers do not depend on it, the wait does).
python=/usr/bin/python3
reference=$repo/tests/bench/torch_reference.py
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
if ! "$python" -c "import torch, numpy" 2> /dev/null || [[ ! -e $openblas/libopenblas.so.0 ]]; then
  echo "$script: the reference needs python3-torch, python3-numpy and libopenblas0-openmp;" \
       "install them with: sudo apt-get install -y python3-torch python3-numpy libopenblas0-openmp" \
       "(or: make bench-deps)" >&2
  exit 1
fi

# Idle OpenMP threads sleep instead of spinning: on a machine busy with other work, spinning
# threads of a 2-thread run wait for each other's lost time slices and can run 5x slower. The
# scores do not depend on it; the wait does.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}

# --- the runs ---
# Runs a command with its output in LOG; on failure shows the log's end and stops.
logged() {  # logged LOG COMMAND...
  local log=$1
  shift
  echo "# $*" > "$log"
  if ! "$@" >> "$log" 2>&1; then
    echo "$script: this command failed (log: $log): $*" >&2
    tail -n 5 "$log" >&2
    exit 1
  fi
}

# Trains one side on one seed, samples it and scores the samples, unless its scores exist.
run() {  # run MODEL SIDE SEED
  local model=$1 side=$2 seed=$3
  local name=$model-$side-seed$seed
  local fake=$out/$name.npy scores=$out/$name.json
  [[ -s $scores ]] && return
  local start=$SECONDS
  case $side in
    gan.cpp | gan.cpp-zero-bias)
      local init=()
      [[ $side == gan.cpp-zero-bias ]] && init=(--init dcgan-zero-bias)
      logged "$out/$name.train.log" "$gan" train --model "$model" "${init[@]}" --epochs "$epochs" --batch 64 \
        --seed "$seed" --threads "$threads" --eval-every 0 --quiet --out "$out/$name"
      logged "$out/$name.sample.log" "$gan" sample --checkpoint "$out/$name/checkpoints/latest.ckpt" \
        --n "$samples" --seed 0 --out "$fake"
      ;;
    pytorch)
      logged "$out/$name.train.log" env "LD_LIBRARY_PATH=$openblas" "$python" "$reference" train --model "$model" \
        --epochs "$epochs" --batch 64 --seed "$seed" --threads "$threads" --samples "$samples" --out "$fake"
      ;;
  esac
  local trained=$SECONDS
  # Written to a temporary name first, so that an interrupted score is never taken for a finished one.
  "$gan" metric all --real "$real" --fake "$fake" --threads "$threads" > "$scores.part"
  mv "$scores.part" "$scores"
  echo "$name: trained and sampled in $((trained - start)) s, scored in $((SECONDS - trained)) s" >&2
}

mkdir -p "$out"
echo "$script: $epochs epochs, seeds $seeds, $samples samples, $threads threads; runs in $out" >&2
for model in $models; do
  for seed in $seeds; do
    run "$model" gan.cpp "$seed"
    run "$model" pytorch "$seed"
    [[ $model == dcgan && $ablation == 1 ]] && run "$model" gan.cpp-zero-bias "$seed"
  done
done

# --- the table: per model, metric and side, each seed, the mean and std, and ours / PyTorch ---
echo
echo "Quality: $epochs epochs of batch 64 on the shipped 10,000 MNIST digits; $samples samples in evaluation"
echo "mode scored by gan metric against $samples MNIST test digits (FID, KID: classifier features, lower is"
echo "better; modes_kl: KL of the class histogram to uniform, lower is better). std over seeds (n - 1);"
echo "the last column is the difference of the means over its standard error: below about 2 (3 with"
echo "3 seeds a side) it is within the seeds' spread."
"$python" - "$out" "$models" "$seeds" <<'PY'
import json, math, os, statistics, sys

out, models, seeds = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
# (column, how to read it from gan metric all's "results")
metrics = [("fid", lambda r: r["fid"]["value"]), ("kid", lambda r: r["kid"]["mean"]),
           ("precision", lambda r: r["precision-recall"]["precision"]),
           ("recall", lambda r: r["precision-recall"]["recall"]), ("modes", lambda r: r["modes"]["covered"]),
           ("modes_kl", lambda r: r["modes"]["kl_to_uniform"]), ("diversity", lambda r: r["diversity"]["value"])]
for model in models:
    sides = [s for s in ("gan.cpp", "pytorch", "gan.cpp-zero-bias")
             if os.path.exists(os.path.join(out, f"{model}-{s}-seed{seeds[0]}.json"))]
    print(f"\n{model}\n| metric | side | " + " | ".join(f"seed {s}" for s in seeds) +
          " | mean | std | ours / PyTorch | (ours - PyTorch) / SE |")
    print("|---|---|" + "---|" * len(seeds) + "---|---|---|---|")
    scores = {side: [json.load(open(os.path.join(out, f"{model}-{side}-seed{s}.json")))["results"] for s in seeds]
              for side in sides}
    for metric, read in metrics:
        values = {side: [read(r) for r in scores[side]] for side in sides}
        reference = statistics.mean(values["pytorch"]) if "pytorch" in values else 0
        reference_std = statistics.stdev(values["pytorch"]) if "pytorch" in values and len(seeds) > 1 else 0
        for side in sides:
            mean = statistics.mean(values[side])
            std = statistics.stdev(values[side]) if len(seeds) > 1 else float("nan")
            ratio = f"{mean / reference:.2f}" if side != "pytorch" and reference else ""
            # The difference of the means in units of its standard error, sqrt(s_a^2/n + s_b^2/n)
            # (docs/initialisation.md: a difference means something only at several SE).
            in_se = ""
            if side != "pytorch" and "pytorch" in values and len(seeds) > 1:
                se = math.sqrt((std ** 2 + reference_std ** 2) / len(seeds))
                in_se = f"{(mean - reference) / se:+.1f}" if se > 0 else ""
            print(f"| {metric} | {side} | " + " | ".join(f"{v:.4g}" for v in values[side]) +
                  f" | {mean:.4g} | {std:.3g} | {ratio} | {in_se} |")
PY
echo
echo "Runs, samples (.npy) and scores (.json) in $out"
