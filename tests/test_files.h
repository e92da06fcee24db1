// The files of the tests: where a test writes its own, and how it reads one back whole.
//
//   std::string path = scratch_path("io", "table.csv");   // <build>/test-tmp/io/table.csv
//   CHECK(gan::read_file(path) == "epoch,loss\n");        // a file that must exist
//   while (slurp(log).empty()) ...                        // a file a running program may not have made yet
#pragma once

#include <filesystem>
#include <string>

#include "gan/io/atomic_file.h"

// <build>/test-tmp/<area>/<name>, the folder made if need be. Each test case names its own files,
// so that test cases run in parallel (ctest -j) never share one.
inline std::string scratch_path(const std::string& area, const std::string& name) {
  const std::string folder = std::string(GAN_BINARY_DIR) + "/test-tmp/" + area;
  std::filesystem::create_directories(folder);
  return folder + "/" + name;
}

// The bytes of `path`, or "" while there is no such file. Where the file must exist, use
// gan::read_file: it throws, naming the file, and so fails the test with a message.
inline std::string slurp(const std::string& path) {
  return std::filesystem::exists(path) ? gan::read_file(path) : std::string();
}
