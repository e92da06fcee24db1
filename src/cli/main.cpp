// gan: the command-line front end. `gan COMMAND --help` describes each command.

#include <cstdio>
#include <exception>
#include <string>

#include "command_line.h"
#include "commands.h"
#include "gan/tensor/cache_line_allocator.h"

namespace {

struct Command {
  const char* name;
  int (*run)(const gan::cli::Arguments&);
  const char* summary;
};

const Command kCommands[] = {
    {"train", gan::cli::train_command, "train a GAN, writing samples, logs and checkpoints every epoch"},
    {"sample", gan::cli::sample_command, "draw samples from a checkpoint as a PNG grid or .npy"},
    {"gradcheck", gan::cli::gradcheck_command, "check every op's, layer's and objective's backward against finite differences"},
    {"grade", gan::cli::grade_command, "score the tasks of assignment mode: their tests, gradient checks, a short run"},
    {"classifier", gan::cli::classifier_command, "train or evaluate the feature classifier used by the metrics"},
    {"bench", gan::cli::bench_command, "time training steps per second, printed like the PyTorch reference benchmark"},
    {"metric", gan::cli::metric_command, "compute a metric (FID, KID, IS, ...) between two .npy or IDX files, as JSON"},
    {"eval", gan::cli::eval_command, "score a checkpoint's generator against held-out real images, as JSON"},
    {"report", gan::cli::report_command, "write a run's report.html: the adversarial game in six views (GANViz)"},
    {"toy", gan::cli::toy_command, "a GAN on a 1-D or 2-D distribution, with D*, the JSD and modes computed and checked"},
    {"inspect", gan::cli::inspect_command, "look inside the networks: occlusion, maxact, dissect, ablate, latent, layers"},
    {"export", gan::cli::export_command, "write a checkpoint's weights for PyTorch, as .npz or .safetensors"},
    {"translate", gan::cli::translate_command, "image-to-image translation of digits: pix2pix (paired) and CycleGAN (unpaired)"},
};

void print_usage() {
  std::printf("gan.cpp %s: Generative Adversarial Networks from scratch\n\nusage: gan COMMAND [options]\n\ncommands:\n",
              GAN_VERSION);
  for (const Command& command : kCommands) std::printf("  %-12s %s\n", command.name, command.summary);
  std::printf("\n`gan COMMAND --help` lists a command's options.\n");
}

}  // namespace

int main(int argc, char** argv) {
  gan::keep_freed_memory();  // freed buffers stay in the process (tensor/cache_line_allocator.h)
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    print_usage();
    return argc < 2 ? 2 : 0;
  }
  std::string name = argv[1];
  gan::cli::Arguments arguments(argv + 2, argv + argc);
  for (const Command& command : kCommands) {
    if (name != command.name) continue;
    try {
      return command.run(arguments);
    } catch (const gan::cli::UsageError& error) {
      std::fprintf(stderr, "%s\n", error.what());
      return 2;
    } catch (const std::exception& error) {
      std::fprintf(stderr, "gan %s: error: %s\n", name.c_str(), error.what());
      return 1;
    }
  }
  std::string names;
  for (const Command& command : kCommands) names += std::string(" ") + command.name;
  std::fprintf(stderr, "gan: unknown command '%s'; commands:%s\n", name.c_str(), names.c_str());
  return 2;
}
