// gan toy: a small GAN on a 1-D or 2-D distribution, with the theory's quantities computed and
// checked every epoch (see toy/toy_run.h for what it writes, docs/theory.md for what they mean).
#include <stdexcept>

#include "command_line.h"
#include "commands.h"
#include "gan/toy/distributions.h"
#include "gan/toy/toy_run.h"

namespace gan::cli {

int toy_command(const Arguments& arguments) {
  CommandLine args("gan toy",
                   "Train a small GAN on a 1-D or 2-D distribution; print and log D*, the JSD, V(D*, G) and its "
                   "identity (1-D), or modes covered and G's gradient field (2-D).",
                   arguments);
  toy::ToyConfig defaults;
  toy::ToyConfig config;
  config.dist = args.option_choice("--dist", defaults.dist, toy::toy_distribution_names(), "data distribution");
  config.loss = args.option_choice("--loss", defaults.loss, {"minimax", "nonsaturating", "lsgan", "hinge", "wgan"},
                                   "objective");
  config.epochs = static_cast<int>(args.option_int("--epochs", defaults.epochs,
                                                   "epochs to train (0: measure the untrained models)", 0, 1000000));
  config.steps_per_epoch = static_cast<int>(
      args.option_int("--steps-per-epoch", defaults.steps_per_epoch, "training steps per epoch", 1, 100000000));
  config.batch = static_cast<int>(args.option_int("--batch", defaults.batch, "batch size", 1, 1 << 20));
  config.lr_g = static_cast<float>(args.option_double("--lr-g", defaults.lr_g, "generator learning rate", 1e-12, 10));
  config.lr_d = static_cast<float>(args.option_double("--lr-d", defaults.lr_d, "discriminator learning rate", 1e-12, 10));
  config.beta1 = static_cast<float>(args.option_double("--beta1", defaults.beta1, "Adam beta1", 0, 0.999999));
  config.beta2 = static_cast<float>(args.option_double("--beta2", defaults.beta2, "Adam beta2", 0, 0.999999));
  config.d_steps = static_cast<int>(
      args.option_int("--d-steps", defaults.d_steps, "discriminator steps per generator step", 1, 1000));
  config.z_dim = static_cast<int>(args.option_int("--z-dim", defaults.z_dim, "latent size Z", 1, 10000));
  config.hidden = static_cast<int>(args.option_int("--hidden", defaults.hidden, "units per hidden layer", 1, 100000));
  config.layers = static_cast<int>(args.option_int("--layers", defaults.layers, "hidden layers of G and D", 1, 100));
  config.samples = static_cast<int>(args.option_int("--samples", defaults.samples,
                                                    "fixed samples of G and of the data for each epoch's measures", 2,
                                                    1 << 22));
  config.bandwidth = args.option_double("--bandwidth", defaults.bandwidth,
                                        "KDE bandwidth for p_g in 1-D (0: Silverman's rule)", 0, 100);
  config.mode_share = args.option_double("--mode-share", defaults.mode_share,
                                         "share of G's samples a mode needs to count as covered", 1e-6, 1);
  config.fields_every = static_cast<int>(
      args.option_int("--fields-every", defaults.fields_every, "fields (CSV and PNG) every N epochs", 1, 1000000));
  config.train_d_only = static_cast<int>(args.option_int(
      "--train-d-only", defaults.train_d_only, "then freeze G and train D alone for this many steps (0: no)", 0,
      100000000));
  config.seed = static_cast<uint64_t>(args.option_int("--seed", static_cast<long long>(defaults.seed), "random seed", 0));
  config.threads = args.option_threads();
  config.out = args.option("--out", "runs/toy-<dist>", "run folder");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (!args.was_given("--out")) config.out = "runs/toy-" + config.dist;
  try {
    toy::prepare_toy_folder(config.out);
  } catch (const std::runtime_error& error) {
    throw std::runtime_error("--out " + config.out + ": " + error.what() +
                             "; expected a folder that can be created and written");
  }
  toy::run_toy(config, true);
  return 0;
}

}  // namespace gan::cli
