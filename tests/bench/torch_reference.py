#!/usr/bin/python3
"""gan.cpp's PyTorch reference: the same two GANs, timed (`bench`) or trained on MNIST (`train`).

The models are gan.cpp's, layer for layer (src/models/mlp_gan.cpp, src/models/dcgan.cpp):
  mlp    G: z (N, 100) -> 256 LReLU -> 512 BN LReLU -> 1024 BN LReLU -> 784 tanh -> (N, 1, 28, 28)
         D: x -> flatten -> 512 LReLU -> 256 LReLU -> 1 logit
  dcgan  G: z -> Linear(no bias) 6272 -> (N, 128, 7, 7) BN ReLU -> ConvT 64 (no bias) BN ReLU
            -> ConvT 1 (bias) tanh -> (N, 1, 28, 28)
         D: x -> Conv 64 (bias) LReLU -> Conv 128 (no bias) BN LReLU -> flatten -> Linear 1 logit
LeakyReLU slope 0.2. D outputs logits: the losses are BCE-with-logits, D's on real (label 1) and
G(z).detach() (label 0) in two forward passes, G's non-saturating (Goodfellow et al. 2014,
Sec. 3): -E[log D(G(z))], on the same fake batch. Adam lr 2e-4, betas (0.5, 0.999) for both.

Initialisation (--init), the schemes of include/gan/nn/init.h:
  pytorch-default  torch.nn's own: the layers as constructed
  dcgan            the PyTorch DCGAN example's weights_init: Linear/Conv/ConvT weights N(0, 0.02),
                   BN gamma N(1, 0.02) and beta 0, biases left at torch.nn's U(+-1/sqrt(fan_in))
  dcgan-zero-bias  as dcgan, with every bias 0
Default: dcgan for the DCGAN, pytorch-default for the MLP, as in gan.cpp.

bench: prints what tests/bench/gan_vs_torch.sh parses: an `env` line (torch version, the BLAS this
process mapped), a `flops` line (multiply-adds of Linear and convolution layers only, 2 FLOPs
each), one `rep=` line per timed repetition and a summary line
  model=M threads=T batch=B steps_per_s=S imgs_per_s=... ms_per_step=... gflop_s=...
where steps_per_s is the median of the repetitions. The data are random MNIST-shaped batches.

train: trains on the shipped MNIST digits (data/mnist, IDX files read with numpy, pixels p scaled
to p / 127.5 - 1 as gan.cpp's loader does), a fresh permutation every epoch, the last partial
batch dropped; then draws --samples images in evaluation mode (batch norm's running statistics,
as `gan sample` does) and writes them to --out as a float32 .npy (N, 1, 28, 28) in [-1, 1], the
form `gan metric` reads. Same recipe as gan.cpp, not the same random numbers, unless
--randomness gan.cpp (the MLP GAN): then the initial weights, every shuffle and every z are those of
`gan train --seed S`, drawn by a port of gan.cpp's generator (GanCppRng), and the first steps agree
with gan.cpp's to rounding (docs/initialisation.md, "Random numbers or arithmetic?").

The checks that compare with gan.cpp import it for its modules (build, training_step), the shipped
digits (shipped_digits) and the files of `gan export` (read_export): tests/cli/export_in_torch.py,
tests/train/lockstep_in_torch.py.

Usage (Debian's python3-torch lives in the system interpreter):
  /usr/bin/python3 tests/bench/torch_reference.py bench --model dcgan --threads 2 --reps 5
  /usr/bin/python3 tests/bench/torch_reference.py train --model dcgan --epochs 10 --seed 1 --out fake.npy
"""
import argparse
import json
import math
import os
import statistics
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

Z = 100  # latent size, Radford et al. 2015
SCHEMES = ("dcgan", "dcgan-zero-bias", "pytorch-default")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Reshape(nn.Module):
    """(N, D) -> (N, *shape)."""

    def __init__(self, *shape):
        super().__init__()
        self.shape = shape

    def forward(self, x):
        return x.reshape(x.shape[0], *self.shape)


def mlp_gan():
    g = nn.Sequential(
        nn.Linear(Z, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 512), nn.BatchNorm1d(512), nn.LeakyReLU(0.2),
        nn.Linear(512, 1024), nn.BatchNorm1d(1024), nn.LeakyReLU(0.2),
        nn.Linear(1024, 784), nn.Tanh(), Reshape(1, 28, 28))
    d = nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 512), nn.LeakyReLU(0.2),
        nn.Linear(512, 256), nn.LeakyReLU(0.2),
        nn.Linear(256, 1))
    return g, d


def dcgan28():
    g = nn.Sequential(
        nn.Linear(Z, 128 * 7 * 7, bias=False), Reshape(128, 7, 7),       # (N, 128, 7, 7)
        nn.BatchNorm2d(128), nn.ReLU(),
        nn.ConvTranspose2d(128, 64, 4, 2, 1, bias=False),                 # (N, 64, 14, 14)
        nn.BatchNorm2d(64), nn.ReLU(),
        nn.ConvTranspose2d(64, 1, 4, 2, 1), nn.Tanh())                    # (N, 1, 28, 28)
    d = nn.Sequential(
        nn.Conv2d(1, 64, 4, 2, 1), nn.LeakyReLU(0.2),                     # (N, 64, 14, 14)
        nn.Conv2d(64, 128, 4, 2, 1, bias=False),                          # (N, 128, 7, 7)
        nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.Flatten(), nn.Linear(128 * 7 * 7, 1))                          # (N, 1) logits
    return g, d


def initialise(net, scheme):
    """Applies an init scheme to layers that hold torch.nn's default draws (see the docstring)."""
    if scheme == "pytorch-default":
        return
    for m in net.modules():  # in order: weights, then BN gammas, as met
        if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d)):
            nn.init.normal_(m.weight, 0.0, 0.02)
            if scheme == "dcgan-zero-bias" and m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            nn.init.normal_(m.weight, 1.0, 0.02)
            nn.init.zeros_(m.bias)


def build(model, scheme):
    g, d = (mlp_gan if model == "mlp" else dcgan28)()
    initialise(g, scheme)
    initialise(d, scheme)
    return g, d


def training_step(g, d, opt_g, opt_d, real, z=None):
    """One D step, then one G step, on z (drawn here when None); returns (d_loss, g_loss, d_real,
    d_fake), the last two the batch means of D(x) and D(G(z)) in D's step, as gan.cpp reports them."""
    ones = torch.ones(real.shape[0], 1)
    zeros = torch.zeros(real.shape[0], 1)
    fake = g(torch.randn(real.shape[0], Z) if z is None else z)
    # D maximises log D(x) + log(1 - D(G(z))): real and fake in separate batches, as gan.cpp does
    opt_d.zero_grad(set_to_none=True)
    d_real_logits, d_fake_logits = d(real), d(fake.detach())
    d_loss = (F.binary_cross_entropy_with_logits(d_real_logits, ones)
              + F.binary_cross_entropy_with_logits(d_fake_logits, zeros))
    d_loss.backward()
    opt_d.step()
    # G minimises -log D(G(z)), the non-saturating objective, on the same fakes
    opt_g.zero_grad(set_to_none=True)
    g_loss = F.binary_cross_entropy_with_logits(d(fake), ones)
    g_loss.backward()
    opt_g.step()
    return (d_loss.item(), g_loss.item(), torch.sigmoid(d_real_logits).mean().item(),
            torch.sigmoid(d_fake_logits).mean().item())


def optimisers(g, d):
    return (torch.optim.Adam(g.parameters(), lr=2e-4, betas=(0.5, 0.999)),
            torch.optim.Adam(d.parameters(), lr=2e-4, betas=(0.5, 0.999)))


# --- bench ---------------------------------------------------------------------------------------

def layer_macs(net, x):
    """Multiply-adds per sample of each Linear and convolution layer, in forward order."""
    counts = []

    def count(layer, inputs, output):
        if isinstance(layer, nn.Linear):
            counts.append(layer.in_features * layer.out_features)
        elif isinstance(layer, nn.ConvTranspose2d):  # each input pixel meets C_out K K weights
            counts.append(inputs[0][0].numel() * layer.out_channels * layer.weight.shape[2] * layer.weight.shape[3])
        elif isinstance(layer, nn.Conv2d):  # each output value sums C_in K K products
            counts.append(output[0].numel() * layer.weight[0].numel())

    hooks = [m.register_forward_hook(count) for m in net.modules()
             if isinstance(m, (nn.Linear, nn.Conv2d, nn.ConvTranspose2d))]
    net.eval()
    with torch.no_grad():
        net(x)
    net.train()
    for hook in hooks:
        hook.remove()
    return counts


def step_flops(g, d, batch):
    """FLOPs of one training step. A layer's forward costs F; its backward F for the weight
    gradient and F for the input gradient, except where no input gradient is needed (G's first
    layer; D's first layer on real and detached fakes):
      D step, two batches:  2 (3 F_D - F_D1)    G forward:  F_G
      G step through D:     3 F_D               G backward: 2 F_G - F_G1"""
    g_macs = layer_macs(g, torch.randn(2, Z))
    d_macs = layer_macs(d, torch.randn(2, 1, 28, 28))
    f_g, f_d = 2 * sum(g_macs), 2 * sum(d_macs)
    per_image = 2 * (3 * f_d - 2 * d_macs[0]) + f_g + 3 * f_d + 2 * f_g - 2 * g_macs[0]
    return per_image * batch, f_g, f_d


def mapped_blas():
    """The BLAS and LAPACK libraries this process has mapped."""
    with open("/proc/self/maps") as maps:
        names = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if "blas" in line or "lapack" in line}
    return ",".join(sorted(names)) or "none"


def bench(a):
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    g, d = build(a.model, a.init)
    opt_g, opt_d = optimisers(g, d)
    batches = [torch.rand(a.batch, 1, 28, 28) * 2 - 1 for _ in range(4)]  # made before any timing
    print(f"env torch={torch.__version__} blas={mapped_blas()} "
          f"mkldnn={torch.backends.mkldnn.is_available()} num_threads={torch.get_num_threads()}")
    flops, f_g, f_d = step_flops(g, d, a.batch)
    print(f"flops model={a.model} batch={a.batch} G_fwd_flops_per_img={f_g} D_fwd_flops_per_img={f_d} "
          f"flops_per_step={flops} gflop_per_step={flops / 1e9:.4f}")
    step = 0
    for _ in range(a.warmup):
        training_step(g, d, opt_g, opt_d, batches[step % 4])
        step += 1
    rates = []
    for rep in range(a.reps):
        start = time.perf_counter()
        for _ in range(a.steps):
            training_step(g, d, opt_g, opt_d, batches[step % 4])
            step += 1
        rate = a.steps / (time.perf_counter() - start)
        rates.append(rate)
        print(f"rep={rep} model={a.model} threads={a.threads} batch={a.batch} steps_per_s={rate:.3f} "
              f"imgs_per_s={rate * a.batch:.1f} ms_per_step={1e3 / rate:.3f} gflop_s={rate * flops / 1e9:.2f}")
    median = statistics.median(rates)
    print(f"model={a.model} threads={a.threads} batch={a.batch} steps_per_s={median:.3f} "
          f"imgs_per_s={median * a.batch:.1f} ms_per_step={1e3 / median:.3f} gflop_s={median * flops / 1e9:.2f} "
          f"steps_per_s_min={min(rates):.3f} steps_per_s_max={max(rates):.3f} reps={a.reps} steps={a.steps}")


# --- train ---------------------------------------------------------------------------------------

def read_idx_images(path):
    """An IDX images file (magic 0x00000803, count, rows, cols, then bytes) -> uint8 (N, rows, cols)."""
    raw = np.fromfile(path, dtype=np.uint8)
    magic, count, rows, cols = (int.from_bytes(raw[i:i + 4].tobytes(), "big") for i in range(0, 16, 4))
    if magic != 0x803 or raw.size != 16 + count * rows * cols:
        sys.exit(f"torch_reference.py: {path}: not an IDX images file of {count} x {rows} x {cols}")
    return raw[16:].reshape(count, rows, cols)


def shipped_digits(data_dir):
    """The shipped 10,000 MNIST training digits, float32 (N, 1, 28, 28), each pixel p scaled to
    p / 127.5 - 1 as gan.cpp's loader does."""
    images = read_idx_images(os.path.join(data_dir, "mnist", "train-images-10k-idx3-ubyte"))
    return torch.from_numpy(images.astype(np.float32) / np.float32(127.5) - np.float32(1.0)).unsqueeze(1)


def read_export(path):
    """A `gan export` file (.npz or .safetensors) -> ({name: np.ndarray}, meta dict). The
    safetensors file is read with numpy alone (8-byte header length, JSON, raw data), so no
    safetensors package is needed; docs/export.md shows the usual loader."""
    if path.endswith(".npz"):
        arrays = dict(np.load(path))
        meta = json.loads(str(arrays.pop("meta")))
        return arrays, meta
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    meta = json.loads(header.pop("__metadata__")["meta"])
    data = blob[8 + n:]
    dtypes = {"F32": np.float32, "I64": np.int64}
    arrays = {name: np.frombuffer(data[e["data_offsets"][0]:e["data_offsets"][1]], dtypes[e["dtype"]]).reshape(e["shape"])
              for name, e in header.items()}
    return arrays, meta


class GanCppRng:
    """gan.cpp's random numbers (src/tensor/rng.cpp), for `train --randomness gan.cpp`: PCG-XSH-RR
    (a 64-bit LCG, output a rotated xorshift of its high bits), Marsaglia's polar method for
    normals, rejection sampling for uniform integers, a Fisher-Yates shuffle
    (src/data/batches.cpp). Plain Python: one training run draws about 10 million numbers, some 20 s."""

    MULTIPLIER, MASK = 6364136223846793005, (1 << 64) - 1

    def __init__(self, seed, stream):
        self.increment, self.state, self.spare = ((stream << 1) | 1) & self.MASK, 0, None
        self.next_u32()
        self.state = (self.state + seed) & self.MASK
        self.next_u32()

    def next_u32(self):
        old = self.state
        self.state = (old * self.MULTIPLIER + self.increment) & self.MASK
        xorshifted, rotation = (((old >> 18) ^ old) >> 27) & 0xFFFFFFFF, old >> 59
        return ((xorshifted >> rotation) | (xorshifted << ((32 - rotation) & 31))) & 0xFFFFFFFF

    def normal(self):
        if self.spare is not None:
            value, self.spare = self.spare, None
            return value
        while True:  # (u, v) uniform in the unit disc
            u = 2.0 * (self.next_u32() / 4294967296.0) - 1.0
            v = 2.0 * (self.next_u32() / 4294967296.0) - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                break
        scale = math.sqrt(-2.0 * math.log(s) / s)
        self.spare = float(np.float32(v * scale))
        return float(np.float32(u * scale))

    def normals(self, *shape):
        return torch.tensor([self.normal() for _ in range(math.prod(shape))], dtype=torch.float32).reshape(shape)

    def uniforms(self, shape, bound):  # U(-bound, bound) as low + (high - low) u, in float32
        u = np.array([self.next_u32() >> 8 for _ in range(math.prod(shape))], dtype=np.float32) / np.float32(16777216)
        return torch.from_numpy(np.float32(-bound) + (np.float32(bound) - np.float32(-bound)) * u).reshape(shape)

    def permutation(self, n):
        order = list(range(n))
        for i in range(n - 1, 0, -1):
            bits = self.next_u32()
            while bits < ((1 << 32) - (i + 1)) % (i + 1):  # drop the last partial copy of [0, i + 1)
                bits = self.next_u32()
            j = bits % (i + 1)
            order[i], order[j] = order[j], order[i]
        return torch.tensor(order)


def initialise_as_gan_cpp(g, d, rng):
    """gan.cpp's pytorch-default draws (src/nn/layers.cpp): each Linear's weight, then its bias,
    U(+-1/sqrt(fan_in)), G's layers before D's, from the seed's init stream."""
    with torch.no_grad():
        for m in list(g.modules()) + list(d.modules()):
            if isinstance(m, nn.Linear):
                bound = np.float32(1) / np.sqrt(np.float32(m.in_features))
                m.weight.copy_(rng.uniforms(m.weight.shape, bound))
                m.bias.copy_(rng.uniforms(m.bias.shape, bound))


def train(a):
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    data = shipped_digits(a.data_dir)
    g, d = build(a.model, a.init)
    # --randomness gan.cpp: the initial weights, the shuffles and z of `gan train --seed S`, from
    # gan.cpp's streams (src/train/training_state.cpp): 1 init, 2 data order, 3 noise.
    streams = None
    if a.randomness == "gan.cpp":
        streams = {name: GanCppRng(a.seed, stream) for name, stream in (("init", 1), ("data", 2), ("noise", 3))}
        initialise_as_gan_cpp(g, d, streams["init"])
    opt_g, opt_d = optimisers(g, d)
    n, steps = data.shape[0], data.shape[0] // a.batch  # the last partial batch is dropped
    print(f"torch_reference.py train: {a.model} (init {a.init}), {n} images, {a.epochs} epochs of {steps} steps, "
          f"batch {a.batch}, seed {a.seed}, {torch.get_num_threads()} threads", flush=True)
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        order = streams["data"].permutation(n) if streams else torch.randperm(n)
        sums = np.zeros(4)  # d_loss, g_loss, D(x), D(G(z)), summed over the epoch's steps
        for step in range(steps):
            z = streams["noise"].normals(a.batch, Z) if streams else None  # None: drawn in the step
            sums += training_step(g, d, opt_g, opt_d, data[order[step * a.batch:(step + 1) * a.batch]], z)
        d_loss, g_loss, d_real, d_fake = sums / steps  # epoch means, as gan train prints them
        print(f"epoch {epoch}/{a.epochs}  {time.perf_counter() - start:.1f} s  d_loss {d_loss:.4f}  "
              f"g_loss {g_loss:.4f}  D(x) {d_real:.3f}  D(G(z)) {d_fake:.3f}", flush=True)
    g.eval()  # batch norm's running statistics, as gan sample uses them
    noise = torch.Generator().manual_seed(a.sample_seed)
    with torch.no_grad():
        fake = torch.cat([g(torch.randn(min(256, a.samples - i), Z, generator=noise))
                          for i in range(0, a.samples, 256)])
    np.save(a.out, fake.numpy().astype(np.float32))
    print(f"wrote {a.samples} samples to {a.out}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    for name in ("bench", "train"):
        p = commands.add_parser(name)
        p.add_argument("--model", choices=["mlp", "dcgan"], default="dcgan")
        p.add_argument("--init", choices=SCHEMES, help="default: dcgan for dcgan, pytorch-default for mlp")
        p.add_argument("--threads", type=int, default=2)
        p.add_argument("--batch", type=int, default=64)
        p.add_argument("--seed", type=int, default=1)
        if name == "bench":
            p.add_argument("--steps", type=int, default=50, help="timed steps per repetition")
            p.add_argument("--warmup", type=int, default=10, help="untimed steps first")
            p.add_argument("--reps", type=int, default=5, help="timed repetitions")
        else:
            p.add_argument("--epochs", type=int, default=10)
            p.add_argument("--data-dir", default=os.path.join(REPO, "data"), help="folder of the shipped data")
            p.add_argument("--samples", type=int, default=2000, help="images to draw after training")
            p.add_argument("--sample-seed", type=int, default=0, help="seed of the samples' z")
            p.add_argument("--out", required=True, help=".npy file for the samples")
            p.add_argument("--randomness", choices=["torch", "gan.cpp"], default="torch",
                           help="gan.cpp: the initial weights, shuffles and z of `gan train --seed S` "
                                "(MLP with --init pytorch-default only; docs/initialisation.md)")
    a = parser.parse_args()
    if a.init is None:
        a.init = "dcgan" if a.model == "dcgan" else "pytorch-default"
    if getattr(a, "randomness", "torch") == "gan.cpp" and (a.model, a.init) != ("mlp", "pytorch-default"):
        parser.error(f"--randomness gan.cpp reproduces the MLP GAN with --init pytorch-default only, "
                     f"got --model {a.model} --init {a.init}")
    (bench if a.command == "bench" else train)(a)


if __name__ == "__main__":
    main()
