// gan translate train: image-to-image translation between digit domains, pix2pix (paired) or
// CycleGAN (unpaired), measured by the shipped classifier (translate/translation_run.h for what it
// writes, docs/translation.md for the objectives and the measured runs).
// gan translate apply: a trained generator run on images from a file, outputs in the input's order.
#include <cstdio>
#include <stdexcept>

#include "command_line.h"
#include "commands.h"
#include "gan/io/npy.h"
#include "gan/io/png.h"
#include "gan/kernels/parallel.h"
#include "gan/translate/domains.h"
#include "gan/translate/translation_run.h"
#include "metric_inputs.h"

namespace gan::cli {
namespace {

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

int apply_action(const Arguments& arguments) {
  CommandLine args("gan translate apply",
                   "Run a trained generator (a run's generator.ckpt) on images from a .npy or IDX file; the outputs "
                   "keep the input's order.",
                   arguments);
  const std::string checkpoint = args.option("--checkpoint", "", "a translation run's generator.ckpt (required)");
  const std::string input = args.option("--input", "", "images: .npy (N, H, W) or (N, 1, H, W), or an IDX file (required)");
  const std::string out = args.option("--out", "", "output: .npy (float32 in [-1, 1]) or .png (a grid) (required)");
  const std::string direction = args.option_choice("--direction", "a2b", {"a2b", "b2a"},
                                                   "a2b: G, A -> B; b2a: F, B -> A (CycleGAN runs only)");
  const bool make_input = args.flag("--make-input", "the input is plain digits: apply the task's domain transform first");
  const int threads = args.option_threads();
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  for (const auto& [name, value] : {std::pair<const char*, std::string>{"--checkpoint", checkpoint}, {"--input", input}, {"--out", out}})
    if (value.empty()) throw UsageError(std::string("gan translate apply: ") + name + " is required");
  if (!ends_with(out, ".npy") && !ends_with(out, ".png"))
    throw UsageError("gan translate apply: --out must end in .npy or .png, got '" + out + "'");
  if (threads > 0) kernels::set_num_threads(threads);

  std::string task_name;
  auto generator = translate::load_translation_generator(checkpoint, direction == "a2b" ? "G" : "F", &task_name);
  const MetricInput images = read_metric_input(input, "auto");
  if (images.kind != InputKind::Images)
    throw std::runtime_error(input + ": expected images (N, H, W) or (N, 1, H, W), got " + kind_name(images.kind));
  Tensor x = images.values;
  if (make_input) {
    const translate::TranslationTask task = translate::translation_task(task_name);
    x = direction == "a2b" ? task.make_input(x) : task.make_target(x);
  }
  const Tensor y = translate::translate_images(*generator, x);
  if (ends_with(out, ".npy")) {
    write_npy_float32(out, {y.size(0), y.size(1), y.size(2), y.size(3)}, y.ptr());
  } else {
    write_png_grid(out, y, 16);
  }
  std::printf("gan translate apply: %s (%s, %s) on %d images -> %s\n", checkpoint.c_str(), task_name.c_str(),
              direction.c_str(), y.size(0), out.c_str());
  return 0;
}

}  // namespace

int translate_command(const Arguments& arguments) {
  const std::string action = arguments.empty() ? "" : arguments[0];
  if (action.empty() || action == "--help" || action == "-h") {
    std::printf("usage: gan translate train --model pix2pix|cyclegan --task TASK --out DIR [options]\n"
                "       gan translate apply --checkpoint RUN/generator.ckpt --input X.npy|IDX --out Y.npy|Y.png\n"
                "Image-to-image translation on digit domains (docs/translation.md);\n"
                "`gan translate train --help` and `gan translate apply --help` list the options.\n");
    return action.empty() ? 2 : 0;
  }
  if (action == "apply") return apply_action(Arguments(arguments.begin() + 1, arguments.end()));
  if (action != "train") throw UsageError("gan translate: ACTION must be train or apply, got '" + action + "'");
  CommandLine args("gan translate train",
                   "Train pix2pix (paired) or CycleGAN (unpaired) to translate digit domains; measure L1 to the "
                   "target, label preservation and cycle error on test digits every epoch.",
                   Arguments(arguments.begin() + 1, arguments.end()));
  translate::TranslateConfig defaults;
  translate::TranslateConfig c;
  c.model = args.option_choice("--model", defaults.model, {"pix2pix", "cyclegan"}, "translation model");
  c.task = args.option_choice("--task", defaults.task, translate::translation_task_names(), "domain A -> domain B");
  c.loss = args.option_choice("--loss", "auto", {"auto", "minimax", "nonsaturating", "lsgan", "hinge", "wgan"},
                              "adversarial objective (auto: nonsaturating for pix2pix, lsgan for cyclegan)");
  if (c.loss == "auto") c.loss.clear();
  c.epochs = static_cast<int>(args.option_int("--epochs", defaults.epochs, "epochs to train", 1, 1000000));
  c.steps_per_epoch = static_cast<int>(
      args.option_int("--steps-per-epoch", defaults.steps_per_epoch, "training steps per epoch", 1, 100000000));
  c.batch = static_cast<int>(args.option_int("--batch", defaults.batch, "batch size", 1, 4096));
  c.lr = static_cast<float>(args.option_double("--lr", defaults.lr, "Adam learning rate of every network", 1e-12, 10));
  c.beta1 = static_cast<float>(args.option_double("--beta1", defaults.beta1, "Adam beta1", 0, 0.999999));
  c.lambda_l1 = static_cast<float>(
      args.option_double("--lambda-l1", defaults.lambda_l1, "pix2pix: weight of the L1 term (Eq. 4)", 0, 1e6));
  c.lambda_cycle = static_cast<float>(
      args.option_double("--lambda-cycle", defaults.lambda_cycle, "cyclegan: weight of the cycle loss (Eq. 3)", 0, 1e6));
  c.lambda_identity = static_cast<float>(args.option_double(
      "--lambda-identity", defaults.lambda_identity, "cyclegan: weight of the identity loss (0: off)", 0, 1e6));
  c.adv_weight = static_cast<float>(args.option_double(
      "--adv-weight", defaults.adv_weight, "weight of the adversarial terms (0: a plain L1 / cycle model, the baseline)",
      0, 1e6));
  c.features = static_cast<int>(args.option_int("--features", defaults.features, "F: channels of the first layer of G and D (even)", 2, 1024));
  c.eval_count = static_cast<int>(
      args.option_int("--eval-count", defaults.eval_count, "test digits measured each epoch", 10, 2000));
  c.data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  c.classifier = args.option("--classifier", "", "classifier weights (default: the shipped MNIST classifier)");
  c.seed = static_cast<uint64_t>(args.option_int("--seed", static_cast<long long>(defaults.seed), "random seed", 0));
  c.threads = args.option_threads();
  c.out = args.option("--out", "runs/translate-<model>-<task>", "run folder");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (c.features % 2 != 0) throw UsageError("gan translate train: --features must be even, got " + std::to_string(c.features));
  if (!args.was_given("--out")) c.out = "runs/translate-" + c.model + "-" + c.task;
  try {
    translate::prepare_translation_folder(c.out);
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("--out " + c.out + ": " + error.what() + "; expected a folder that can be created and written");
  }
  translate::run_translation(c, true);
  return 0;
}

}  // namespace gan::cli
