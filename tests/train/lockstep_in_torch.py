#!/usr/bin/python3
"""The training step, gan.cpp beside PyTorch, from the same start (tests/train/lockstep_steps.cpp).

  lockstep_in_torch.py WORK MODEL STEPS DATA_DIR

WORK holds what lockstep_steps wrote: init.npz, z.npy, steps.csv and after_step1.npz. This loads
init.npz into the project's PyTorch reference modules (tests/bench/torch_reference.py), takes the
reference's own training_step on the same real batches (MNIST digits [64 s, 64 (s + 1)) at step s)
and the same z, and prints both programs' d_loss, g_loss, D(x) and D(G(z)) side by side.

It exits 1 unless
  - for the MLP, torch_reference.py's port of gan.cpp's generator (GanCppRng, behind train
    --randomness gan.cpp) draws init.npz's weights and z.npy's values bit for bit, from the seed's
    streams 1 and 3.
  - after the first step, batch norm's running statistics agree within 1e-4 (relative to each
    tensor's largest entry, at least 1): the same momentum, and the same unbiased variance (for the
    MLP's batch of 64 the biased one would be off by 1.6e-3 of the variance). Rounding alone
    leaves at most 5e-6 here.
  - in each of the first 10 steps, all four numbers agree within 1e-3 (relative, at least 1).
    Rounding alone moves them by about 1e-7 at the first step; by the tenth, up to 7e-5 in the
    DCGAN, because Adam's first update is lr times the sign of each gradient, and a gradient that
    is zero up to rounding gets either sign in either program. A change to the loop moves them by
    1e-2 or more: another z for G's step, beta1 0.6 instead of 0.5, or D's real and fake batches
    joined into one (which changes D's batch statistics, so only where D has batch norm: the
    DCGAN).
The weights themselves are not compared, for the same reason: a bias that feeds batch norm has a
gradient of exactly 0 in exact arithmetic, and Adam turns its rounding into a step of up to lr
either way. Later steps are printed to show the rounding grow, as it does between any two float
programs.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import torch_reference  # noqa: E402  the project's PyTorch reference

GAN_TRAIN_SEED = 1  # gan train's default --seed, which lockstep_steps keeps
CHECKED_STEPS = 10
STEP_TOLERANCE = 1e-3
STATISTICS_TOLERANCE = 1e-4
BATCH = 64


def load_into(g, d, arrays):
    for prefix, net in (("G.", g), ("D.", d)):
        state = {name[len(prefix):]: torch.from_numpy(a.copy()) for name, a in arrays.items() if name.startswith(prefix)}
        net.load_state_dict(state, strict=True)


def state_of(g, d):
    return {**{"G." + k: v.numpy() for k, v in g.state_dict().items()},
            **{"D." + k: v.numpy() for k, v in d.state_dict().items()}}


def gan_cpp_randomness_failures(init, zs):
    """torch_reference.py's port of gan.cpp's generator (train --randomness gan.cpp) must draw
    gan.cpp's numbers bit for bit: the MLP's initial weights from stream 1, the steps' z from 3."""
    g, d = torch_reference.build("mlp", "pytorch-default")
    torch_reference.initialise_as_gan_cpp(g, d, torch_reference.GanCppRng(GAN_TRAIN_SEED, 1))
    failures = [f"GanCppRng's initial {name} differs from gan.cpp's" for name, value in state_of(g, d).items()
                if name in init and not np.array_equal(value, init[name])]
    if not torch.equal(torch_reference.GanCppRng(GAN_TRAIN_SEED, 3).normals(*zs.shape), zs):
        failures.append("GanCppRng's z differs from gan.cpp's")
    return failures


def main():
    work, model, steps, data_dir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    torch.set_num_threads(1)
    g, d = torch_reference.build(model, "pytorch-default")  # every entry is then overwritten
    init = torch_reference.read_export(os.path.join(work, "init.npz"))[0]
    load_into(g, d, init)
    opt_g, opt_d = torch_reference.optimisers(g, d)
    data = torch_reference.shipped_digits(data_dir)
    zs = torch.from_numpy(np.load(os.path.join(work, "z.npy")))
    ours = np.loadtxt(os.path.join(work, "steps.csv"), delimiter=",", skiprows=1, ndmin=2)

    failures = gan_cpp_randomness_failures(init, zs) if model == "mlp" else []
    print(f"{model}: step | d_loss gan.cpp, PyTorch | g_loss | D(x) | D(G(z)) | largest relative difference")
    for step in range(steps):
        theirs = torch_reference.training_step(g, d, opt_g, opt_d, data[step * BATCH:(step + 1) * BATCH], zs[step])
        mine = ours[step, 1:]
        worst = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(mine, theirs))
        print(f"  {step:3d} | " + " | ".join(f"{a:.7f} {b:.7f}" for a, b in zip(mine, theirs)) + f" | {worst:.1e}")
        if step < CHECKED_STEPS and worst > STEP_TOLERANCE:
            failures.append(f"step {step}: the step's numbers differ by {worst:.1e} (> {STEP_TOLERANCE:g})")
        if step == 0:
            after, _ = torch_reference.read_export(os.path.join(work, "after_step1.npz"))
            for name, value in state_of(g, d).items():
                if "running_" not in name:
                    continue
                difference = np.abs(after[name] - value).max() / max(1.0, np.abs(value).max())
                if difference > STATISTICS_TOLERANCE:
                    failures.append(f"after step 1, {name} differs by {difference:.1e} (> {STATISTICS_TOLERANCE:g})")
    for failure in failures:
        print(f"lockstep_in_torch: {model}: {failure}")
    if failures:
        sys.exit(1)
    print(f"lockstep_in_torch: {model}: the first {CHECKED_STEPS} steps agree within {STEP_TOLERANCE:g}, "
          f"the running statistics after step 1 within {STATISTICS_TOLERANCE:g}"
          + ("; GanCppRng draws gan.cpp's initial weights and z bit for bit" if model == "mlp" else ""))


if __name__ == "__main__":
    main()
