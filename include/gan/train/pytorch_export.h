// A trained GAN's weights under PyTorch's names and layouts, for `gan export`: a student who
// outgrows gan.cpp loads them into the reference modules of tests/bench/torch_reference.py
// (docs/export.md shows the Python).
//
// Names: "G.<i>.<param>" and "D.<i>.<param>", <i> the module's index in the reference's
// nn.Sequential. gan.cpp's layers match the reference's one for one, except that the MLP
// discriminator flattens its input before its net while the reference's net starts with
// nn.Flatten(): there D's index is gan.cpp's plus 1.
// Layouts are already PyTorch's: Linear weight (out, in), Conv2d (C_out, C_in, K, K),
// ConvTranspose2d (C_in, C_out, K, K), BatchNorm weight, bias, running_mean, running_var (C);
// num_batches_tracked (an int64 scalar, which PyTorch reads only when momentum is None) is the
// run's training step count.
// Conditional models add "G.label_embedding.weight" and "D.label_embedding.weight" (K, E), an
// nn.Embedding, and change the first layer's input: see export_meta_json.
//
//   TrainingState state = from_checkpoint(load_checkpoint(path), path);
//   export_weights("weights.npz", state);   // or "weights.safetensors"
#pragma once

#include <string>
#include <vector>

#include "gan/io/npy.h"
#include "gan/train/training_state.h"

namespace gan {

// G's arrays, then D's, each in the order of its parameters and buffers.
std::vector<NamedArray> pytorch_state_dict(TrainingState& state);

// What the arrays need to be used, as one line of JSON: "model", "z_dim", "loss", "conditional",
// "num_classes", "channels", "image_size", "step", and, for conditional models, "G_input" and
// "D_input", which say how the label embedding joins each player's input.
std::string export_meta_json(const TrainingState& state);

// Writes the arrays and the meta JSON: to a .npz (meta: a 0-d string array "meta") or a
// .safetensors (meta: __metadata__["meta"]), chosen by path's ending. Throws std::invalid_argument
// for another ending, std::runtime_error when the file cannot be written.
void export_weights(const std::string& path, TrainingState& state);

}  // namespace gan
