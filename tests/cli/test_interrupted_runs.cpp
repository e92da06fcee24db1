// Runs that end early, run as programs: killed with SIGKILL, stopped with SIGINT, or diverged.
// Each must leave a checkpoint that loads, and --resume must end with the bytes of a run that never
// stopped. All runs use one thread, so that their floating-point sums are in the same order.
#include <catch2/catch.hpp>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <thread>

#include "gan/io/checkpoint.h"
#include "gan/train/trainer.h"
#include "gan/train/training_state.h"
#include "run_gan.h"

extern char** environ;

namespace {

// 1024 digits in batches of 32: 3 epochs of 32 steps, about a second each.
const std::string kShortRun =
    "train --model mlp --limit 1024 --batch 32 --epochs 3 --eval-every 0 --threads 1 --quiet --out ";

// Starts `gan <arguments>` without waiting for it; its output goes to <scratch>/<name>.out/.err.
pid_t start_gan(const std::string& name, const std::string& arguments) {
  const std::string log = cli_scratch(name);
  const std::string command = "exec env OMP_WAIT_POLICY=passive " GAN_BINARY_DIR "/gan " + arguments + " > " + log +
                              ".out 2> " + log + ".err";
  const char* argv[] = {"sh", "-c", command.c_str(), nullptr};
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) == 0);
  return pid;
}

// Waits until the run has logged `row_start` (e.g. "2,40," for step 40 in epoch 2) in steps.csv,
// which is flushed row by row, then sends `signal_number`. Returns the raw wait status.
int signal_when_logged(pid_t pid, const std::string& run, const std::string& row_start, int signal_number) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (slurp(run + "/steps.csv").find("\n" + row_start) == std::string::npos) {
    REQUIRE(std::chrono::steady_clock::now() < deadline);
    REQUIRE(waitpid(pid, nullptr, WNOHANG) == 0);  // still running
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  kill(pid, signal_number);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  return status;
}

std::string fresh_run(const std::string& name) {
  std::string run = cli_scratch(name);
  std::filesystem::remove_all(run);
  return run;
}

gan::TrainingState load_state(const std::string& run) {
  const std::string path = run + "/checkpoints/latest.ckpt";
  return gan::from_checkpoint(gan::load_checkpoint(path), path);
}

// The uninterrupted run every case compares with, trained once per test case.
std::string reference_checkpoint(const std::string& name) {
  std::string run = fresh_run(name);
  GanRun reference = run_gan(name, kShortRun + run);
  REQUIRE(reference.exit_code == 0);
  return slurp(run + "/checkpoints/latest.ckpt");
}

}  // namespace

TEST_CASE("a run killed with SIGKILL mid-epoch resumes from its last checkpoint to the same final bytes",
          "[cli][train][reliability]") {
  std::string expected = reference_checkpoint("kill-reference");

  std::string run = fresh_run("kill-run");
  int status = signal_when_logged(start_gan("kill-run", kShortRun + run), run, "2,40,", SIGKILL);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);
  CHECK(load_state(run).epoch == 1);  // killed inside epoch 2: the checkpoint of epoch 1 is whole

  GanRun resumed = run_gan("kill-resume", kShortRun + run + " --resume " + run);
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("resuming after epoch 1 and 0 steps of epoch 2 (step 32)"));
  CHECK(slurp(run + "/checkpoints/latest.ckpt") == expected);
  // steps.csv holds each step once: the rows the killed run wrote in epoch 2 were dropped.
  std::string steps = slurp(run + "/steps.csv");
  CHECK(std::count(steps.begin(), steps.end(), '\n') == 1 + 3 * 32);
}

TEST_CASE("SIGINT finishes the step, checkpoints mid-epoch, exits 130, and --resume ends with the same bytes",
          "[cli][train][reliability]") {
  std::string expected = reference_checkpoint("sigint-reference");

  std::string run = fresh_run("sigint-run");
  int status = signal_when_logged(start_gan("sigint-run", kShortRun + run), run, "2,40,", SIGINT);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == gan::kExitInterrupted);
  std::string message = slurp(cli_scratch("sigint-run") + ".err");
  CHECK_THAT(message, Catch::Contains("gan train: interrupted after step"));
  CHECK_THAT(message, Catch::Contains("continue with: gan train --resume " + run + " --epochs 3"));
  gan::TrainingState stopped = load_state(run);
  CHECK(stopped.epoch == 1);
  // The checkpoint holds the steps done in epoch 2, not just epoch 1's 32: at least the 40 logged
  // before the signal (exactly 40 when it lands between two steps, where the run polls for it).
  CHECK(stopped.step >= 40);
  CHECK(stopped.step < 64);

  GanRun resumed = run_gan("sigint-resume", kShortRun + run + " --resume " + run);
  INFO("stderr: " << resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.out, Catch::Contains("resuming after epoch 1 and " + std::to_string(stopped.step - 32) +
                                          " steps of epoch 2"));
  CHECK(slurp(run + "/checkpoints/latest.ckpt") == expected);
  std::string steps = slurp(run + "/steps.csv");
  CHECK(std::count(steps.begin(), steps.end(), '\n') == 1 + 3 * 32);
}

TEST_CASE("a run whose loss overflows stops with exit 3, names the step and the tensor, and keeps the last checkpoint",
          "[cli][train][reliability]") {
  // WGAN without weight clipping, plain SGD at learning rate 10: the critic's output grows without
  // bound until d_loss overflows to infinity, some twenty epochs in (8 steps per epoch). Which step
  // that is belongs to the trajectory, so the test reads it from the message and checks the rest:
  // the exit status, the form of the message, and that the kept checkpoint is the last finite
  // epoch's, byte for byte.
  const std::string diverging = "train --model mlp --limit 256 --batch 32 --loss wgan --clip 1e9 --optimizer sgd "
                                "--lr-d 10 --lr-g 10 --eval-every 0 --threads 1 --quiet --out ";
  std::string run = fresh_run("nan-run");
  GanRun diverged = run_gan("nan-run", diverging + run + " --epochs 60");
  REQUIRE(diverged.exit_code == gan::kExitDiverged);
  std::smatch where;
  REQUIRE(std::regex_search(diverged.err, where, std::regex(
      "gan train: epoch ([0-9]+), step ([0-9]+): d_loss is not finite; stopping, the last checkpoint is kept")));
  const int epoch = std::stoi(where[1]), step = std::stoi(where[2]);
  CHECK(step > (epoch - 1) * 8);  // the step lies inside the epoch named
  CHECK(step <= epoch * 8);
  REQUIRE(epoch >= 2);
  CHECK(load_state(run).epoch == epoch - 1);

  std::string good = fresh_run("nan-last-finite-epoch");
  REQUIRE(run_gan("nan-last-finite-epoch", diverging + good + " --epochs " + std::to_string(epoch - 1)).exit_code == 0);
  CHECK(slurp(run + "/checkpoints/latest.ckpt") == slurp(good + "/checkpoints/latest.ckpt"));
}

TEST_CASE("a discriminator whose evaluation-mode logits overflow stops the run with exit 3", "[cli][train][reliability]") {
  // Without clipping, SGD at learning rate 2 keeps every training loss finite through epoch 1, but
  // the logits D gives the fixed probe images at the end of it, in evaluation mode, are not.
  std::string run = fresh_run("nan-probe-run");
  GanRun diverged = run_gan("nan-probe-run", "train --model mlp --limit 256 --batch 32 --loss wgan --clip 1e9 "
                                             "--optimizer sgd --lr-d 2 --lr-g 2 --eval-every 0 --threads 1 --quiet "
                                             "--epochs 3 --out " + run);
  CHECK(diverged.exit_code == gan::kExitDiverged);
  CHECK(std::regex_search(diverged.err, std::regex("gan train: epoch [1-3], step [0-9]+: D's logits on the fixed "
                                                   "probe images are not finite; stopping")));
  CHECK_FALSE(std::filesystem::exists(run + "/checkpoints/latest.ckpt"));  // no checkpoint of a broken model
}
