// The repository stands alone: no file of it refers to what lies outside its own tree on the
// machine that built it, so that a fresh clone builds, tests and reads the same anywhere.
//
// The rule, for every line of every text file in the source tree:
//   - no reference to the "shared" folder beside the checkout (dot-dot, slash, shared), which a
//     fresh clone does not have; this file spells it from two parts so as not to name it itself;
//   - no absolute path into the home, workspace or scratch folders of a build machine: /work/,
//     /home/, /root/, /Users/, /mnt/ or /tmp/ where a path starts, that is where the '/' follows
//     no character of a name (so tests/work/ or a web address's host.org/home/ is not one).
//     A temporary file goes where mktemp or std::filesystem::temp_directory_path() says.
// System paths that every Debian machine has (/usr/include/eigen3, /usr/share/datasets,
// /proc/cpuinfo, /dev/null) are allowed: they are what the code means to read.
//
// Skipped: the build outputs that .gitignore keeps out of the repository (top-level build*/ and
// runs/), .git/, binary files (any file holding a NUL byte: the data, checkpoints, images), and
// this file, which spells the rule out.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <string>

#include "gan/io/atomic_file.h"

namespace fs = std::filesystem;

namespace {

const char kThisFile[] = "tests/examples/test_self_contained.cpp";
const std::string kSiblingFolder = std::string("..") + "/shared";
const char* const kMachineRoots[] = {"/work/", "/home/", "/root/", "/Users/", "/mnt/", "/tmp/"};

bool is_name_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("._-~/$}", c) != nullptr;
}

// What in `line` breaks the rule, or "" when nothing does.
std::string outside_reference(const std::string& line) {
  if (line.find(kSiblingFolder) != std::string::npos) return kSiblingFolder;
  for (const std::string root : kMachineRoots) {
    for (size_t at = line.find(root); at != std::string::npos; at = line.find(root, at + 1)) {
      if (at == 0 || !is_name_character(line[at - 1])) return root;
    }
  }
  return "";
}

bool is_skipped(const fs::path& relative) {
  const std::string name = relative.filename().string();
  const bool top_level = relative.parent_path().empty();
  return name == ".git" || (top_level && (name.rfind("build", 0) == 0 || name == "runs"));
}

}  // namespace

TEST_CASE("the self-containment rule: what counts as a path outside the repository", "[examples]") {
  CHECK(outside_reference("see " + kSiblingFolder + "/bench/README.md") == kSiblingFolder);
  CHECK(outside_reference("cd /work/main") == "/work/");
  CHECK(outside_reference("path = \"/tmp/x.npy\"") == "/tmp/");
  CHECK(outside_reference("/home/me/data") == "/home/");
  CHECK(outside_reference("-I/usr/include/eigen3 and /proc/cpuinfo, > /dev/null") == "");
  CHECK(outside_reference("tests/work/a.cpp") == "");
  CHECK(outside_reference("https://example.org/home/page") == "");
  CHECK(outside_reference("${TMPDIR:-/tmp}/gan.XXXXXX and cd /tmp") == "");
}

TEST_CASE("no file of the repository refers to the folder beside it or to a build machine's own folders",
          "[examples]") {
  const fs::path root = GAN_SOURCE_DIR;
  std::string offences;
  int text_files = 0;
  for (auto entry = fs::recursive_directory_iterator(root); entry != fs::recursive_directory_iterator(); ++entry) {
    const fs::path relative = entry->path().lexically_relative(root);
    if (is_skipped(relative)) {
      if (entry->is_directory()) entry.disable_recursion_pending();
      continue;
    }
    if (!entry->is_regular_file() || relative == kThisFile) continue;
    const std::string text = gan::read_file(entry->path().string());
    if (text.find('\0') != std::string::npos) continue;
    ++text_files;
    size_t start = 0;
    for (int line_number = 1; start < text.size(); ++line_number) {
      const size_t end = std::min(text.find('\n', start), text.size());
      const std::string line = text.substr(start, end - start);
      const std::string found = outside_reference(line);
      if (!found.empty()) {
        offences += relative.string() + ":" + std::to_string(line_number) + ": " + found + " in: " + line + "\n";
      }
      start = end + 1;
    }
  }
  INFO("files that refer outside the repository:\n" << offences);
  CHECK(offences.empty());
  CHECK(text_files > 100);  // the walk did reach the sources
}
