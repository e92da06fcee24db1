// Runs the built `gan` program as a user would, for the command-line tests: the exit code, and
// what it printed on stdout and stderr (kept in <build>/test-tmp/cli/<name>.out and .err).
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "../test_files.h"

struct GanRun {
  int exit_code = -1;
  std::string out, err;
};

inline std::string cli_scratch(const std::string& name) { return scratch_path("cli", name); }

// `name` names the log files; each test case uses its own, so that cases may run in parallel.
inline GanRun run_gan(const std::string& name, const std::string& arguments) {
  const std::string log = cli_scratch(name);
  const std::string command = "OMP_WAIT_POLICY=passive " GAN_BINARY_DIR "/gan " + arguments + " > " + log + ".out 2> " +
                              log + ".err";
  const int status = std::system(command.c_str());
  GanRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.out = gan::read_file(log + ".out");  // the shell made both files before it ran gan
  run.err = gan::read_file(log + ".err");
  return run;
}
