// gan train: train a GAN, writing samples, CSV logs and checkpoints every epoch (see train/trainer.h).
#include <cstdio>
#include <filesystem>

#include "command_line.h"
#include "commands.h"
#include "gan/models/gan_models.h"
#include "gan/nn/init.h"
#include "gan/train/interrupt.h"
#include "gan/train/trainer.h"

namespace gan::cli {

namespace {

// A --data path that does not exist is a mistake in the command rather than in a file: exit 2,
// before anything is loaded. The forms are those of load_dataset (data/dataset.h).
void require_data_paths(const std::string& spec) {
  for (const std::string kind : {"idx:", "quickdraw:"}) {
    if (spec.rfind(kind, 0) != 0) continue;
    std::string paths = spec.substr(kind.size()) + ",";
    for (size_t start = 0, comma; (comma = paths.find(',', start)) != std::string::npos; start = comma + 1) {
      const std::string path = paths.substr(start, comma - start);
      if (!path.empty() && !std::filesystem::exists(path)) {
        throw UsageError("gan train: --data " + spec + ": " + path + " does not exist; expected " +
                         (kind == "idx:" ? "an IDX file" : "a .npy file or a folder of them"));
      }
    }
  }
}

}  // namespace

int train_command(const Arguments& arguments) {
  CommandLine args("gan train", "Train a GAN; every epoch writes a sample grid, CSV logs and a checkpoint.",
                   arguments);
  TrainConfig defaults;
  TrainConfig config;
  config.model = args.option_choice("--model", defaults.model, {"mlp", "dcgan"}, "architecture");
  config.init = args.option_choice("--init", default_init(config.model), nn::init_scheme_names(),
                                   "initialisation (default: dcgan for --model dcgan, pytorch-default for mlp; "
                                   "see docs/initialisation.md)");
  config.conditional = args.flag("--conditional", "condition G and D on the class label");
  config.loss = args.option_choice("--loss", defaults.loss, {"minimax", "nonsaturating", "lsgan", "hinge", "wgan"},
                                   "objective");
  config.data = args.option("--data", defaults.data,
                            "mnist | mnist-test | mnist-full | fashion | quickdraw:PATH[,PATH...] | idx:IMAGES[,LABELS]");
  config.data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  config.limit = static_cast<int>(args.option_int("--limit", 0, "use only the first N images (0: all)", 0, 1 << 30));
  config.epochs = static_cast<int>(args.option_int("--epochs", defaults.epochs, "epochs to train", 1, 1000000));
  config.batch = static_cast<int>(args.option_int("--batch", defaults.batch, "batch size", 1, 1 << 20));
  config.optimizer = args.option_choice("--optimizer", defaults.optimizer, {"adam", "sgd"}, "optimiser of G and D");
  config.lr_g = static_cast<float>(args.option_double("--lr-g", defaults.lr_g, "generator learning rate", 1e-12, 10));
  config.lr_d = static_cast<float>(args.option_double("--lr-d", defaults.lr_d, "discriminator learning rate", 1e-12, 10));
  config.beta1 = static_cast<float>(args.option_double("--beta1", defaults.beta1, "Adam beta1", 0, 0.999999));
  config.beta2 = static_cast<float>(args.option_double("--beta2", defaults.beta2, "Adam beta2", 0, 0.999999));
  config.momentum = static_cast<float>(args.option_double("--momentum", defaults.momentum, "SGD momentum", 0, 0.999999));
  config.d_steps = static_cast<int>(args.option_int("--d-steps", defaults.d_steps,
                                                    "discriminator steps per generator step", 1, 1000));
  config.clip = static_cast<float>(args.option_double("--clip", defaults.clip, "WGAN weight clipping limit", 1e-9, 1e9));
  config.z_dim = static_cast<int>(args.option_int("--z-dim", defaults.z_dim, "latent size Z", 1, 100000));
  config.seed = static_cast<uint64_t>(args.option_int("--seed", static_cast<long long>(defaults.seed), "random seed", 0));
  config.threads = args.option_threads();
  config.on_nan = args.option_choice("--on-nan", defaults.on_nan, {"stop", "skip-step"},
                                     "what to do when a loss or gradient is not finite");
  config.eval_every = static_cast<int>(args.option_int(
      "--eval-every", defaults.eval_every, "FID, KID, IS, precision/recall, modes, diversity every N epochs (0: never)",
      0, 1000000));
  config.eval_samples = static_cast<int>(args.option_int("--eval-samples", defaults.eval_samples,
                                                         "fixed samples (and real images) those metrics use", 2,
                                                         1 << 20));
  config.classifier = args.option("--classifier", "",
                                  "classifier weights for those metrics (default: the shipped one for MNIST, else none)");
  config.out = args.option("--out", "runs/" + config.model, "run folder");
  TrainOptions options;
  options.resume = args.option("--resume", "", "continue the run in this folder from its last checkpoint");
  options.show_progress = !args.flag("--quiet", "no progress bar");
  options.write_report = args.flag("--report", "rewrite the run's report.html after every epoch (gan report)");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (!options.resume.empty() && !std::filesystem::is_regular_file(options.resume + "/checkpoints/latest.ckpt")) {
    throw UsageError("gan train: --resume " + options.resume + " has no checkpoints/latest.ckpt; expected the --out "
                     "folder of an earlier run that finished at least one epoch or was interrupted");
  }
  if (options.resume.empty()) require_data_paths(config.data);
  install_interrupt_handler();
  try {
    return train_gan(config, options);
  } catch (const SettingError& error) {
    throw UsageError("gan train: " + std::string(error.what()));
  }
}

}  // namespace gan::cli
