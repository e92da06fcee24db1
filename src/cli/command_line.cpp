#include "command_line.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gan::cli {

CommandLine::CommandLine(std::string command, std::string summary, std::vector<std::string> arguments)
    : command_(std::move(command)), summary_(std::move(summary)) {
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& argument = arguments[i];
    if (argument == "--help" || argument == "-h") {
      help_requested_ = true;
    } else if (argument.rfind("--", 0) == 0) {
      // "--name=value", "--name value", or a bare "--name" (when the next word is a flag or absent).
      size_t equals = argument.find('=');
      if (equals != std::string::npos) {
        given_.emplace_back(argument.substr(0, equals), argument.substr(equals + 1));
      } else if (i + 1 < arguments.size() && arguments[i + 1].rfind("--", 0) != 0) {
        given_.emplace_back(argument, arguments[++i]);
      } else {
        given_.emplace_back(argument, "");
      }
    } else {
      positionals_.push_back(argument);
    }
  }
}

const std::string* CommandLine::find(const std::string& name) const {
  const std::string* value = nullptr;
  for (const auto& [flag, flag_value] : given_) {
    if (flag == name) value = &flag_value;  // the last one given wins
  }
  return value;
}

void CommandLine::fail(const std::string& message) const {
  throw UsageError(command_ + ": " + message + " (see " + command_ + " --help)");
}

bool CommandLine::was_given(const std::string& name) const { return find(name) != nullptr; }

std::string CommandLine::option(const std::string& name, const std::string& default_value,
                                const std::string& help) {
  declared_.push_back({name, default_value, help});
  const std::string* value = find(name);
  if (value == nullptr) return default_value;
  if (value->empty()) fail(name + " needs a value");
  return *value;
}

std::string CommandLine::option_choice(const std::string& name, const std::string& default_value,
                                       const std::vector<std::string>& choices, const std::string& help) {
  std::string list;
  for (const std::string& choice : choices) list += (list.empty() ? "" : "|") + choice;
  std::string value = option(name, default_value, help + " (" + list + ")");
  for (const std::string& choice : choices) {
    if (value == choice) return value;
  }
  fail(name + " must be one of " + list + ", got '" + value + "'");
}

long long CommandLine::option_int(const std::string& name, long long default_value,
                                  const std::string& help, long long minimum, long long maximum) {
  std::string text = option(name, std::to_string(default_value), help);
  errno = 0;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (errno != 0 || end == text.c_str() || *end != '\0') {
    fail(name + " must be a whole number, got '" + text + "'");
  }
  // The header's defaults, +-2^62, stand for "no bound": a range ending in 4611686018427387904
  // would tell the user nothing.
  const long long unbounded = 1LL << 62;
  if (value < minimum || value > maximum) {
    if (maximum == unbounded) fail(name + " must be at least " + std::to_string(minimum) + ", got " + text);
    if (minimum == -unbounded) fail(name + " must be at most " + std::to_string(maximum) + ", got " + text);
    fail(name + " must be in [" + std::to_string(minimum) + ", " + std::to_string(maximum) + "], got " + text);
  }
  return value;
}

double CommandLine::option_double(const std::string& name, double default_value, const std::string& help,
                                  double minimum, double maximum) {
  char default_text[32];
  std::snprintf(default_text, sizeof default_text, "%g", default_value);
  std::string text = option(name, default_text, help);
  errno = 0;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end == text.c_str() || *end != '\0' || !std::isfinite(value)) {
    fail(name + " must be a finite number, got '" + text + "'");
  }
  if (value < minimum || value > maximum) {
    char range[96];
    std::snprintf(range, sizeof range, "[%g, %g]", minimum, maximum);
    fail(name + " must be in " + range + ", got " + text);
  }
  return value;
}

int CommandLine::option_threads() {
  return static_cast<int>(option_int("--threads", 0, "OpenMP threads (0: OMP_NUM_THREADS or all cores)", 0, 1024));
}

bool CommandLine::flag(const std::string& name, const std::string& help) {
  declared_.push_back({name, "", help});
  const std::string* value = find(name);
  if (value == nullptr) return false;
  if (!value->empty()) fail(name + " takes no value, got '" + *value + "'");
  return true;
}

std::vector<std::string> CommandLine::positionals(const std::string& help) {
  positional_help_ = help;
  return positionals_;
}

void CommandLine::print_help() const {
  std::printf("usage: %s [options]%s%s\n%s\n\noptions:\n", command_.c_str(),
              positional_help_.empty() ? "" : " ", positional_help_.c_str(), summary_.c_str());
  for (const Declared& option : declared_) {
    std::printf("  %-18s %s%s%s\n", option.name.c_str(), option.help.c_str(),
                option.default_value.empty() ? "" : "  [default: ",
                option.default_value.empty() ? "" : (option.default_value + "]").c_str());
  }
}

void CommandLine::finish() const {
  for (const auto& given : given_) {
    bool known = false;
    for (const Declared& option : declared_) known = known || option.name == given.first;
    if (!known) {
      std::string names;
      for (const Declared& option : declared_) names += " " + option.name;
      fail("unknown option " + given.first + "; valid options:" + names);
    }
  }
}

}  // namespace gan::cli
