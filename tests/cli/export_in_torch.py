#!/usr/bin/python3
"""Loads a `gan export` file into the PyTorch reference modules and draws samples from a saved z.

  export_in_torch.py WEIGHTS.npz|WEIGHTS.safetensors Z.npy GANCPP_SAMPLES.npy COLUMNS

Prints `max_abs_diff=<d> model=<m> conditional=<c>` and exits 1 when d > 1e-5. The labels of a
conditional model are the ones `gan sample` uses without --label: row i // COLUMNS of the grid,
modulo K. Both formats are read by torch_reference.read_export, with numpy alone.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import torch_reference  # noqa: E402  the project's PyTorch reference: its modules, read_export()


def generator(arrays, meta):
    """The reference G with the exported weights, in evaluation mode; a function of (z, labels)."""
    torch_reference.Z = meta["z_dim"]
    g, _ = torch_reference.build(meta["model"], "pytorch-default")
    if meta["conditional"]:  # G's first layer reads z joined with the label's embedding
        k = meta["num_classes"]
        first = g[0]
        g[0] = nn.Linear(meta["z_dim"] + k, first.out_features, bias=first.bias is not None)
    state = {name[2:]: torch.from_numpy(a.copy()) for name, a in arrays.items() if name.startswith("G.")}
    embedding = None
    if meta["conditional"]:
        weight = state.pop("label_embedding.weight")
        embedding = nn.Embedding(*weight.shape)
        embedding.load_state_dict({"weight": weight})
    g.load_state_dict(state)
    g.eval()

    def sample(z, labels):
        with torch.no_grad():
            if embedding is not None:
                z = torch.cat([z, embedding(labels)], 1)  # meta["G_input"]
            return g(z)
    return sample


def load_discriminator(arrays, meta):
    """The reference D with the exported weights: load_state_dict(strict) checks every name and shape."""
    _, d = torch_reference.build(meta["model"], "pytorch-default")
    if meta["conditional"]:  # D's first layer reads the label's embedding too (meta["D_input"])
        k = meta["num_classes"]
        if meta["model"] == "mlp":
            d[1] = nn.Linear(d[1].in_features + k, d[1].out_features)
        else:
            d[0] = nn.Conv2d(d[0].in_channels + 1, d[0].out_channels, 4, 2, 1)
    state = {name[2:]: torch.from_numpy(a.copy()) for name, a in arrays.items() if name.startswith("D.")}
    state.pop("label_embedding.weight", None)
    d.load_state_dict(state)
    return d


def main():
    weights, z_path, samples_path, columns = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    arrays, meta = torch_reference.read_export(weights)
    z = torch.from_numpy(np.load(z_path))
    labels = torch.tensor([(i // columns) % meta["num_classes"] for i in range(z.shape[0])])
    ours = torch.from_numpy(np.load(samples_path))
    theirs = generator(arrays, meta)(z, labels)
    load_discriminator(arrays, meta)
    diff = (theirs - ours).abs().max().item()
    print(f"max_abs_diff={diff:.3g} model={meta['model']} conditional={meta['conditional']} "
          f"loss={meta['loss']} file={os.path.basename(weights)}")
    sys.exit(0 if diff <= 1e-5 else 1)


main()
