// A folder for the files that tests write: <build>/test-tmp/<area>/. Each test case names its own
// files, so that test cases run in parallel (ctest -j) never share one.
#pragma once

#include <filesystem>
#include <string>

inline std::string scratch_path(const std::string& area, const std::string& name) {
  const std::string folder = std::string(GAN_BINARY_DIR) + "/test-tmp/" + area;
  std::filesystem::create_directories(folder);
  return folder + "/" + name;
}
