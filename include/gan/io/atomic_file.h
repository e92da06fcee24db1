// Whole-file reads and writes. Every file gan.cpp writes (checkpoints, PNGs, .npy, JSON) goes
// through write_file_atomically, so a run killed at any moment leaves either the old file or
// the new one under the real name, never half of one.
//
//   write_file_atomically("runs/a/config.json", text);
//   std::string text = read_file("runs/a/config.json");
#pragma once

#include <string>

namespace gan {

// Writes `bytes` to "<path>.tmp-<pid>" in the same folder, flushes it to the disk (fsync) and
// renames it to `path`; rename within one file system replaces the old file in one step.
// Throws std::runtime_error naming the path and the system's reason; the temporary file is
// removed on failure.
void write_file_atomically(const std::string& path, const std::string& bytes);

// The whole file as bytes. Throws std::runtime_error "<path>: cannot read: <reason>".
std::string read_file(const std::string& path);

}  // namespace gan
