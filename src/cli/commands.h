// The `gan` subcommands. Each takes the arguments after its name and returns the exit code:
// 0 success, 1 runtime error, 2 usage error, 3 diverged run.
#pragma once

#include <string>
#include <vector>

namespace gan::cli {

using Arguments = std::vector<std::string>;

int gradcheck_command(const Arguments& arguments);
int grade_command(const Arguments& arguments);
int train_command(const Arguments& arguments);
int sample_command(const Arguments& arguments);
int classifier_command(const Arguments& arguments);
int bench_command(const Arguments& arguments);
int metric_command(const Arguments& arguments);
int eval_command(const Arguments& arguments);
int report_command(const Arguments& arguments);
int toy_command(const Arguments& arguments);
int inspect_command(const Arguments& arguments);
int export_command(const Arguments& arguments);
int translate_command(const Arguments& arguments);

}  // namespace gan::cli
