// What a fuzz target accepts as an outcome: the reader returns, or it throws one of the two
// exceptions its header promises (std::runtime_error for bad bytes, std::invalid_argument for a
// bad argument). Anything else stops libFuzzer with the input that caused it: a crash, a
// sanitizer report, another exception escaping, or a broken invariant of what was read.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace fuzz {

// True when `read` returns, false when it throws a documented error.
template <class Read>
bool reads(Read read) {
  try {
    read();
    return true;
  } catch (const std::runtime_error&) {
    return false;
  } catch (const std::invalid_argument&) {
    return false;
  }
}

// A property of what was read; when it fails, abort() makes libFuzzer save the input as a crash.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: broken property: %s\n", property);
  std::abort();
}

// "<temporary folder>/<stem>-<process id><extension>", for the readers that take only a path.
// The folder is the system's ($TMPDIR if set); the process id keeps parallel fuzzers (-jobs) apart.
inline std::string temporary_path(const std::string& stem, const std::string& extension) {
  const std::string name = stem + "-" + std::to_string(getpid()) + extension;
  return (std::filesystem::temp_directory_path() / name).string();
}

}  // namespace fuzz
