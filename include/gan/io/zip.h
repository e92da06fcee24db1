// A zip archive writer: enough for NumPy's .npz (io/npy.h's write_npz), which is a zip of .npy files.
//
// Layout (PKWARE's APPNOTE.TXT, version 2.0 features only: no zip64, no encryption), all numbers
// little-endian:
//   per entry   local file header (30 bytes + name): signature 0x04034b50, method, CRC-32,
//               compressed and uncompressed sizes; then the entry's data, stored or deflated
//   then        the central directory: one 46-byte record + name per entry, repeating the local
//               header's fields and adding the local header's offset
//   then        the end-of-central-directory record (22 bytes): entry count, the directory's size
//               and offset
// The CRC-32 and raw deflate come from zlib. Every entry's time stamp is 1980-01-01 00:00, the
// format's earliest, so the same entries always give the same bytes.
//
//   std::string bytes = zip_archive({{"a.npy", encode_npy(a)}}, ZipMethod::deflate);
#pragma once

#include <string>
#include <vector>

namespace gan {

struct ZipEntry {
  std::string name;   // path inside the archive, '/' separated
  std::string bytes;  // the uncompressed content
};

enum class ZipMethod { store = 0, deflate = 8 };  // the values are the format's method codes

// The whole archive. Throws std::invalid_argument for an empty or over-long (>= 64 KiB) name, a
// repeated name, or sizes past the format's 32-bit limits (4 GiB, 65535 entries).
std::string zip_archive(const std::vector<ZipEntry>& entries, ZipMethod method);

}  // namespace gan
