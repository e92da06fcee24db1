// gan export: a checkpoint's weights under PyTorch's names and layouts (train/pytorch_export.h).
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/io/checkpoint.h"
#include "gan/train/pytorch_export.h"
#include "gan/train/training_state.h"

namespace gan::cli {

int export_command(const Arguments& arguments) {
  CommandLine args("gan export",
                   "Write a checkpoint's G and D weights and batch-norm buffers with PyTorch's names and layouts, "
                   "for the modules of tests/bench/torch_reference.py (docs/export.md).",
                   arguments);
  std::string checkpoint_path = args.option("--checkpoint", "", "checkpoint file (run folder/checkpoints/latest.ckpt)");
  std::string out = args.option("--out", "", "output file: .npz (numpy.load) or .safetensors (safetensors.torch.load_file)");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (checkpoint_path.empty()) throw UsageError("gan export: --checkpoint is required");
  auto ends_with = [&](const std::string& end) {
    return out.size() > end.size() && out.compare(out.size() - end.size(), end.size(), end) == 0;
  };
  if (!ends_with(".npz") && !ends_with(".safetensors")) {
    throw UsageError("gan export: --out must end in .npz or .safetensors, got '" + out + "'");
  }
  TrainingState state = from_checkpoint(load_checkpoint(checkpoint_path), checkpoint_path);
  export_weights(out, state);
  std::printf("wrote %s's weights (step %lld) to %s\n", state.config.model.c_str(), static_cast<long long>(state.step),
              out.c_str());
  return 0;
}

}  // namespace gan::cli
