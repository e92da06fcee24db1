// CommandLine: the flags of one `gan` subcommand. Each option is declared once, with its default
// and help text, where the command reads it; `--help` then lists exactly those, and any flag that
// was not declared is a usage error (exit code 2) that lists the valid ones.
//
//   CommandLine args("gan gradcheck", "Check every op's backward", argv_rest);
//   int seed = args.option_int("--seed", 0, "random seed");
//   if (args.help_requested()) { args.print_help(); return 0; }
//   args.finish();   // throws UsageError on unknown flags
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace gan::cli {

// A mistake in how the program was called: exit code 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class CommandLine {
 public:
  CommandLine(std::string command, std::string summary, std::vector<std::string> arguments);

  std::string option(const std::string& name, const std::string& default_value, const std::string& help);
  // One of `choices`; anything else is a usage error naming them.
  std::string option_choice(const std::string& name, const std::string& default_value,
                            const std::vector<std::string>& choices, const std::string& help);
  long long option_int(const std::string& name, long long default_value, const std::string& help,
                       long long minimum = -(1LL << 62), long long maximum = (1LL << 62));
  double option_double(const std::string& name, double default_value, const std::string& help,
                       double minimum = -1e300, double maximum = 1e300);
  bool flag(const std::string& name, const std::string& help);
  // --threads T, the OpenMP threads of the kernels: 0 (the default) leaves OMP_NUM_THREADS, or all
  // cores; the results are the same bits for any T.
  int option_threads();
  bool was_given(const std::string& name) const;
  // Arguments that are not flags, in order; `help` describes them in the usage line.
  std::vector<std::string> positionals(const std::string& help);

  bool help_requested() const { return help_requested_; }
  void print_help() const;
  void finish() const;  // throws UsageError for every undeclared flag

 private:
  struct Declared {
    std::string name, default_value, help;
  };
  const std::string* find(const std::string& name) const;  // the value given, or nullptr
  [[noreturn]] void fail(const std::string& message) const;

  std::string command_, summary_, positional_help_;
  std::vector<std::pair<std::string, std::string>> given_;  // (flag, value); "" for bare flags
  std::vector<std::string> positionals_;
  std::vector<Declared> declared_;
  bool help_requested_ = false;
};

}  // namespace gan::cli
