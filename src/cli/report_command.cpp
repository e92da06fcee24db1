// gan report: the page of a run's views, RUN_DIR/report.html (report/report.h, docs/report.md).
#include <cstdio>

#include "command_line.h"
#include "commands.h"
#include "gan/report/report.h"

namespace gan::cli {

int report_command(const Arguments& arguments) {
  CommandLine args("gan report", "Write RUN_DIR/report.html: the run's adversarial game in six views, one "
                   "self-contained file to open in a browser.", arguments);
  std::vector<std::string> folders = args.positionals("RUN_DIR (a folder written by gan train --out)");
  if (args.help_requested()) {
    args.print_help();
    return 0;
  }
  args.finish();
  if (folders.size() != 1) {
    throw UsageError("gan report: expected one RUN_DIR, got " + std::to_string(folders.size()));
  }
  std::printf("%s\n", write_report(folders[0]).c_str());
  return 0;
}

}  // namespace gan::cli
