# torch_or_skip.sh: sourced by the ctest checks that compare with the PyTorch reference
# (tests/cli/check_export_in_torch.sh, tests/train/check_lockstep_in_torch.sh). Sets `python` to
# Debian's system interpreter, where python3-torch lives, or ends the check with exit 77, ctest's
# skip, when it cannot import torch and numpy (make bench-deps installs them).
python=/usr/bin/python3
if ! "$python" -c "import torch, numpy" 2>/dev/null; then
  echo "SKIPPED: $python cannot import torch and numpy; install Debian's python3-torch (make bench-deps) to run this check"
  exit 77
fi
