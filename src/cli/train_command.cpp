// gan train: train a GAN, writing samples, CSV logs and checkpoints every epoch (see train/trainer.h).
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/train/trainer.h"

namespace gan::cli {

int train_command(const Arguments& arguments) {
  CommandLine args("gan train", "Train a GAN; every epoch writes a sample grid, CSV logs and a checkpoint.",
                   arguments);
  TrainConfig defaults;
  TrainConfig config;
  config.model = args.option_choice("--model", defaults.model, {"mlp", "dcgan"}, "architecture");
  config.conditional = args.flag("--conditional", "condition G and D on the class label");
  config.loss = args.option_choice("--loss", defaults.loss, {"minimax", "nonsaturating", "lsgan", "hinge", "wgan"},
                                   "objective");
  config.data = args.option("--data", defaults.data,
                            "mnist | mnist-test | fashion | quickdraw:PATH[,PATH...] | idx:IMAGES[,LABELS]");
  config.data_dir = args.option("--data-dir", GAN_SOURCE_DIR "/data", "folder of the shipped data");
  config.limit = static_cast<int>(args.option_int("--limit", 0, "use only the first N images (0: all)", 0));
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
  config.threads = static_cast<int>(args.option_int("--threads", 0, "OpenMP threads (0: OMP_NUM_THREADS or all cores)",
                                                    0, 1024));
  config.on_nan = args.option_choice("--on-nan", defaults.on_nan, {"stop", "skip-step"},
                                     "what to do when a loss or gradient is not finite");
  config.out = args.option("--out", "runs/" + config.model, "run folder");
  TrainOptions options;
  options.resume = args.option("--resume", "", "continue the run in this folder from its last checkpoint");
  options.show_progress = !args.flag("--quiet", "no progress bar");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  return train_gan(config, options);
}

}  // namespace gan::cli
