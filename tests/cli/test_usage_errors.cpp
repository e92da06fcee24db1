// Mistakes in how `gan` is called: exit code 2 and a message that names the flag and what it
// accepts, before any data is loaded or any file is written. Run as a user would run the program.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "run_gan.h"

namespace {

struct UsageCase {
  const char* name;       // names the log files too
  const char* arguments;
  const char* message;    // a part of what stderr must say
};

// Every case writes to a scratch folder that must stay absent: a usage error writes nothing.
const std::string kOut = " --out " GAN_BINARY_DIR "/test-tmp/cli/usage-no-run";

}  // namespace

TEST_CASE("gan reports each usage error with exit code 2 and the valid values", "[cli][reliability]") {
  const UsageCase cases[] = {
      {"unknown-command", "bogus", "gan: unknown command 'bogus'; commands: train sample gradcheck grade classifier"},
      {"no-command", "", "usage: gan COMMAND [options]"},
      {"unknown-model", "train --model gpt", "--model must be one of mlp|dcgan, got 'gpt'"},
      {"unknown-init", "train --init xavier",
       "--init must be one of dcgan|dcgan-zero-bias|pytorch-default, got 'xavier'"},
      {"unknown-loss", "train --loss l1", "--loss must be one of minimax|nonsaturating|lsgan|hinge|wgan, got 'l1'"},
      {"unknown-optimizer", "train --optimizer rmsprop", "--optimizer must be one of adam|sgd, got 'rmsprop'"},
      {"unknown-on-nan", "train --on-nan ignore", "--on-nan must be one of stop|skip-step, got 'ignore'"},
      {"negative-lr", "train --lr-g -0.001", "--lr-g must be in [1e-12, 10], got -0.001"},
      {"zero-lr", "train --lr-d 0", "--lr-d must be in [1e-12, 10], got 0"},
      {"z-dim-zero", "train --z-dim 0", "--z-dim must be in [1, 100000], got 0"},
      {"epochs-zero", "train --epochs 0", "--epochs must be in [1, 1000000], got 0"},
      {"negative-limit", "train --limit -5", "--limit must be in [0, 1073741824], got -5"},
      {"negative-seed", "train --seed -1", "--seed must be at least 0, got -1"},
      {"non-numeric-int", "train --batch ten", "--batch must be a whole number, got 'ten'"},
      {"non-numeric-float", "train --lr-g fast", "--lr-g must be a finite number, got 'fast'"},
      {"infinite-float", "train --beta1 inf", "--beta1 must be a finite number, got 'inf'"},
      {"flag-without-value", "train --lr-g --batch 8", "--lr-g needs a value"},
      {"value-for-bare-flag", "train --conditional=yes", "--conditional takes no value, got 'yes'"},
      {"unknown-flag", "train --frobnicate 3",
       "unknown option --frobnicate; valid options: --model --init --conditional"},
      {"batch-over-data", "train --limit 100 --batch 128 --eval-every 0",
       "--batch 128 is larger than the data set (100 images in mnist"},
      {"unknown-data", "train --data cifar", "--data: load_dataset: unknown data set 'cifar'; valid forms: mnist,"},
      {"missing-idx", "train --data idx:/nonexistent/images.idx",
       "--data idx:/nonexistent/images.idx: /nonexistent/images.idx does not exist; expected an IDX file"},
      {"missing-quickdraw", "train --data quickdraw:/nonexistent/cat.npy",
       "/nonexistent/cat.npy does not exist; expected a .npy file or a folder of them"},
      {"resume-no-checkpoint", "train --resume " GAN_SOURCE_DIR "/data",
       "--resume " GAN_SOURCE_DIR "/data has no checkpoints/latest.ckpt; expected the --out folder of an earlier run"},
      {"sample-zero", "sample --n 0", "gan sample: --n must be in [1, 1048576], got 0"},
      {"sample-threads", "sample --threads -1", "gan sample: --threads must be in [0, 1024], got -1"},
      {"sample-z-out", "sample --checkpoint x.ckpt --z-out z.txt", "gan sample: --z-out must end in .npy, got 'z.txt'"},
      {"export-no-checkpoint", "export --out w.npz", "gan export: --checkpoint is required"},
      {"export-bad-out", "export --checkpoint x.ckpt --out w.pt",
       "gan export: --out must end in .npz or .safetensors, got 'w.pt'"},
      {"gradcheck-unknown-flag", "gradcheck --bogus", "gan gradcheck: unknown option --bogus; valid options: --threads"},
      {"classifier-unknown-action", "classifier --bogus", "gan classifier: unknown action '--bogus'; use train or eval"},
  };
  std::filesystem::remove_all(GAN_BINARY_DIR "/test-tmp/cli/usage-no-run");
  for (const UsageCase& c : cases) {
    std::string arguments = c.arguments;
    if (arguments.rfind("train", 0) == 0) arguments += kOut;
    GanRun run = run_gan(std::string("usage-") + c.name, arguments);
    INFO(c.name << ": gan " << arguments << "\nstderr: " << run.err << "\nstdout: " << run.out);
    CHECK(run.exit_code == 2);
    CHECK_THAT(run.err + run.out, Catch::Contains(c.message));
  }
  CHECK_FALSE(std::filesystem::exists(GAN_BINARY_DIR "/test-tmp/cli/usage-no-run"));
}

TEST_CASE("an output folder that cannot be written stops the run before training, with exit code 1",
          "[cli][reliability]") {
  // A path below a regular file can never be a folder, even for root.
  GanRun below_file = run_gan("unwritable-dev-null", "train --limit 64 --eval-every 0 --out /dev/null/run");
  CHECK(below_file.exit_code == 1);
  CHECK_THAT(below_file.err, Catch::Contains("gan train: error: /dev/null/run: cannot create the output folder: "
                                             "Not a directory"));
  CHECK(below_file.out.find("epoch") == std::string::npos);  // no training step ran

  if (geteuid() == 0) {
    WARN("running as root, where a read-only folder (chmod 0555) is still writable: case skipped");
    return;
  }
  std::string parent = cli_scratch("read-only");
  std::filesystem::create_directories(parent);
  chmod(parent.c_str(), 0555);
  GanRun read_only = run_gan("unwritable-read-only", "train --limit 64 --eval-every 0 --out " + parent + "/run");
  chmod(parent.c_str(), 0755);
  CHECK(read_only.exit_code == 1);
  CHECK_THAT(read_only.err, Catch::Contains(parent + "/run: cannot create the output folder: Permission denied"));
}
