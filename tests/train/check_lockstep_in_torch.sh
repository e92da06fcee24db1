#!/bin/sh
# The training step, gan.cpp beside PyTorch, from the same start: lockstep_steps writes the initial
# weights, the real batches' place and each step's z and numbers; lockstep_in_torch.py takes the
# same steps with the project's PyTorch reference and fails when the two loops part by more than
# float rounding. MLP GAN and DCGAN-28, 20 steps each (about 10 s).
# Usage: check_lockstep_in_torch.sh LOCKSTEP_STEPS_BINARY DATA_DIR WORK_FOLDER. Exit 77 (ctest's
# skip) without Debian's python3-torch (make bench-deps installs it).
set -eu
steps_binary=$1
data=$2
work=$3
here=$(dirname "$0")
# shellcheck source=../torch_or_skip.sh
. "$here/../torch_or_skip.sh"
for model in mlp dcgan; do
  rm -rf "${work:?}/$model"
  mkdir -p "$work/$model"
  OMP_NUM_THREADS=1 "$steps_binary" "$model" 20 "$data" "$work/$model"
  "$python" "$here/lockstep_in_torch.py" "$work/$model" "$model" 20 "$data"
done
