// gan sample: draw images from a trained generator, as a PNG grid or as raw values in a .npy file.
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/io/checkpoint.h"
#include "gan/io/npy.h"
#include "gan/io/png.h"
#include "gan/kernels/parallel.h"
#include "gan/train/training_state.h"

namespace gan::cli {

int sample_command(const Arguments& arguments) {
  CommandLine args("gan sample", "Draw samples from a checkpoint's generator (evaluation mode).", arguments);
  std::string checkpoint_path = args.option("--checkpoint", "", "checkpoint file (run folder/checkpoints/latest.ckpt)");
  std::string out = args.option("--out", "samples.png", "output file: .png (a grid) or .npy (N, C, H, W floats in [-1, 1])");
  int count = static_cast<int>(args.option_int("--n", 64, "number of samples", 1, 1 << 20));
  int columns = static_cast<int>(args.option_int("--columns", 8, "grid columns (PNG)", 1, 4096));
  long long label = args.option_int("--label", -1, "class of every sample for conditional models (-1: cycle through classes)", -1);
  uint64_t seed = static_cast<uint64_t>(args.option_int("--seed", 0, "seed for z", 0));
  std::string z_out = args.option("--z-out", "", "also write the z used, (N, Z) floats, to this .npy (for gan export's check)");
  int threads = args.option_threads();
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (checkpoint_path.empty()) throw UsageError("gan sample: --checkpoint is required");
  if (threads > 0) kernels::set_num_threads(threads);
  bool png = out.size() > 4 && out.compare(out.size() - 4, 4, ".png") == 0;
  bool npy = out.size() > 4 && out.compare(out.size() - 4, 4, ".npy") == 0;
  if (!png && !npy) throw UsageError("gan sample: --out must end in .png or .npy, got '" + out + "'");
  if (!z_out.empty() && (z_out.size() <= 4 || z_out.compare(z_out.size() - 4, 4, ".npy") != 0)) {
    throw UsageError("gan sample: --z-out must end in .npy, got '" + z_out + "'");
  }

  TrainingState state = from_checkpoint(load_checkpoint(checkpoint_path), checkpoint_path);
  if (label >= state.num_classes) {
    throw UsageError("gan sample: --label must be in [-1, " + std::to_string(state.num_classes - 1) + "], got " +
                     std::to_string(label));
  }
  std::vector<int> labels;
  if (state.config.conditional) {
    for (int i = 0; i < count; ++i) labels.push_back(label >= 0 ? static_cast<int>(label) : (i / columns) % state.num_classes);
  }
  Rng rng(seed);
  Tensor z({count, state.config.z_dim});
  rng.fill_normal(z, 0.0f, 1.0f);
  if (!z_out.empty()) write_npy_float32(z_out, {count, state.config.z_dim}, z.ptr());
  NoGradGuard no_grad;
  state.models.generator->set_training(false);
  Tensor images = state.models.generator->forward(Variable(z), labels).value();  // (N, C, H, W)
  if (png) {
    write_png_grid(out, images, columns);
  } else {
    std::vector<int64_t> shape(images.shape.sizes.begin(), images.shape.sizes.begin() + images.rank());
    write_npy_float32(out, shape, images.ptr());
  }
  std::printf("wrote %d samples to %s\n", count, out.c_str());
  return 0;
}

}  // namespace gan::cli
