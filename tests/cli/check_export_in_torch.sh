#!/bin/sh
# gan export, checked in PyTorch: tiny runs of the MLP GAN, DCGAN-28 and both conditional models
# (64 digits, one epoch), exported as .npz and .safetensors; PyTorch's reference modules
# (tests/bench/torch_reference.py) loaded with the weights must draw gan.cpp's samples from the
# same z within 1e-5 (tests/cli/export_in_torch.py).
# Usage: check_export_in_torch.sh GAN_BINARY WORK_FOLDER. Exit 77 (ctest's skip) without Debian's
# python3-torch (make bench-deps installs it).
set -eu
gan=$1
work=$2
here=$(dirname "$0")
# shellcheck source=../torch_or_skip.sh
. "$here/../torch_or_skip.sh"
rm -rf "$work"
mkdir -p "$work"
for variant in "mlp" "dcgan" "mlp --conditional" "dcgan --conditional"; do
  name=$(echo "$variant" | tr -d ' -')
  # shellcheck disable=SC2086  # $variant is the model and its flag
  "$gan" train --model $variant --data mnist --limit 64 --epochs 1 --batch 32 --seed 3 --quiet \
    --out "$work/$name" > "$work/$name.log"
  "$gan" sample --checkpoint "$work/$name/checkpoints/latest.ckpt" --n 20 --columns 4 --seed 5 \
    --out "$work/$name-samples.npy" --z-out "$work/$name-z.npy" > /dev/null
  for format in npz safetensors; do
    "$gan" export --checkpoint "$work/$name/checkpoints/latest.ckpt" --out "$work/$name.$format" > /dev/null
    "$python" "$here/export_in_torch.py" "$work/$name.$format" "$work/$name-z.npy" "$work/$name-samples.npy" 4
  done
done
echo "export_in_torch: all exports reproduce gan.cpp's samples"
