#include "gan/io/atomic_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace gan {

namespace {

std::runtime_error file_error(const std::string& path, const char* action, int error_number) {
  return std::runtime_error(path + ": cannot " + action + ": " + std::strerror(error_number));
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& bytes) {
  // The pid keeps two processes writing the same path from sharing a temporary file.
  const std::string temporary = path + ".tmp-" + std::to_string(getpid());
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (!file) throw file_error(path, "write", errno);
  bool written = std::fwrite(bytes.data(), 1, bytes.size(), file) == bytes.size() && std::fflush(file) == 0 &&
                 fsync(fileno(file)) == 0;
  int error_number = errno;
  if (std::fclose(file) != 0 && written) {
    written = false;
    error_number = errno;
  }
  if (written && std::rename(temporary.c_str(), path.c_str()) == 0) return;
  if (written) error_number = errno;
  std::remove(temporary.c_str());
  throw file_error(path, "write", error_number);
}

std::string read_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) throw file_error(path, "read", errno);
  std::string bytes;
  char buffer[1 << 16];
  size_t count;
  while ((count = std::fread(buffer, 1, sizeof buffer, file)) > 0) bytes.append(buffer, count);
  bool failed = std::ferror(file) != 0;
  int error_number = errno;
  std::fclose(file);
  if (failed) throw file_error(path, "read", error_number);
  return bytes;
}

}  // namespace gan
