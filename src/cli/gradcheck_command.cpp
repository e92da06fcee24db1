// gan gradcheck [OP...]: runs the gradient check of every op, layer and objective (or of those
// named) and prints a table; exits 1 when any check fails.
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/kernels/parallel.h"
#include "gan/losses/objective_checks.h"
#include "gan/nn/layer_checks.h"
#include "gan/ops/op_checks.h"

namespace gan::cli {

int gradcheck_command(const Arguments& arguments) {
  CommandLine args("gan gradcheck", "Check the backward of every op, layer and objective against central finite differences.",
                   arguments);
  int threads = static_cast<int>(args.option_int("--threads", kernels::num_threads(), "OpenMP threads", 1, 1024));
  std::vector<std::string> selected = args.positionals("[OP...]");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  kernels::set_num_threads(threads);

  std::vector<OpCheck> checks = all_op_checks();
  for (auto family : {nn::layer_checks, objective_checks}) {
    for (OpCheck& check : family()) checks.push_back(std::move(check));
  }
  for (const std::string& name : selected) {
    bool known = false;
    for (const OpCheck& check : checks) known = known || check.op == name;
    if (!known) {
      std::string names;
      for (const OpCheck& check : checks) names += " " + check.op;
      throw UsageError("gan gradcheck: unknown op '" + name + "'; ops:" + names);
    }
  }
  std::printf("%-32s %-36s %12s %12s %8s  %s\n", "op", "input shapes", "max abs err", "rel err",
              "entries", "result");
  int failures = 0, run = 0;
  for (const OpCheck& check : checks) {
    bool wanted = selected.empty();
    for (const std::string& name : selected) wanted = wanted || name == check.op;
    if (!wanted) continue;
    testing::GradcheckResult result = check.run();
    ++run;
    if (!result.passed) ++failures;
    std::printf("%-32s %-36s %12.3e %12.3e %8d  %s\n", check.op.c_str(), result.shapes.c_str(),
                result.max_abs_error, result.max_rel_error, result.entries_checked,
                result.passed ? "pass" : "FAIL");
  }
  std::printf("%d passed, %d failed\n", run - failures, failures);
  return failures == 0 ? 0 : 1;
}

}  // namespace gan::cli
