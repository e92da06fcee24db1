#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>

#include "../test_files.h"
#include "gan/io/atomic_file.h"

namespace fs = std::filesystem;

namespace {

// The names in the file's folder that start with the file's own name, e.g. a left-over
// "x.bin.tmp-1234" beside "x.bin".
int files_named_like(const std::string& path) {
  int count = 0;
  std::string name = fs::path(path).filename().string();
  for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path())) {
    if (entry.path().filename().string().rfind(name, 0) == 0) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("write_file_atomically writes every byte and read_file reads them back", "[io]") {
  const std::string path = scratch_path("io", "atomic_round_trip.bin");
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);  // NUL and high bytes included
  gan::write_file_atomically(path, bytes);
  CHECK(gan::read_file(path) == bytes);
  gan::write_file_atomically(path, "second");  // replaces the old content entirely
  CHECK(gan::read_file(path) == "second");
  gan::write_file_atomically(path, "");
  CHECK(gan::read_file(path).empty());
  CHECK(files_named_like(path) == 1);  // no temporary file left beside it
}

TEST_CASE("write_file_atomically names the path when the folder is missing", "[io]") {
  const std::string folder = scratch_path("io", "no_such_folder");
  fs::remove_all(folder);
  CHECK_THROWS_WITH(gan::write_file_atomically(folder + "/x.bin", "data"),
                    folder + "/x.bin: cannot write: No such file or directory");
}

TEST_CASE("a failed write leaves neither the file nor a temporary", "[io]") {
  // A folder already sits at the target name: the rename fails after the temporary was written.
  const std::string path = scratch_path("io", "atomic_target_is_folder");
  fs::create_directories(path);
  CHECK_THROWS_WITH(gan::write_file_atomically(path, "data"), Catch::StartsWith(path + ": cannot write: "));
  CHECK(fs::is_directory(path));
  CHECK(files_named_like(path) == 1);
}

TEST_CASE("read_file names the path and the reason", "[io]") {
  const std::string path = scratch_path("io", "does_not_exist.bin");
  CHECK_THROWS_WITH(gan::read_file(path), path + ": cannot read: No such file or directory");
}

TEST_CASE("read_file refuses a folder and a file without read permission", "[io]") {
  const std::string folder = scratch_path("io", "read_a_folder");
  fs::create_directories(folder);
  CHECK_THROWS_WITH(gan::read_file(folder), folder + ": cannot read: Is a directory");

  if (geteuid() == 0) {
    WARN("skipped the unreadable file: the tests run as root, whom chmod 000 does not stop");
    return;
  }
  const std::string path = scratch_path("io", "unreadable.bin");
  gan::write_file_atomically(path, "secret");
  fs::permissions(path, fs::perms::none);
  CHECK_THROWS_WITH(gan::read_file(path), path + ": cannot read: Permission denied");
  fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write);
}
