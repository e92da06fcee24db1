#include "gan/io/zip.h"

#include <zlib.h>

#include <cstdint>
#include <limits>
#include <set>
#include <stdexcept>

namespace gan {

namespace {

constexpr uint16_t kVersionNeeded = 20;  // 2.0: deflate
constexpr uint16_t kDate1980 = (0 << 9) | (1 << 5) | 1;  // DOS date: years since 1980, month, day

void put16(std::string& out, uint32_t value) {
  out += static_cast<char>(value & 0xff);
  out += static_cast<char>((value >> 8) & 0xff);
}

void put32(std::string& out, uint32_t value) {
  put16(out, value & 0xffff);
  put16(out, value >> 16);
}

uint32_t checked32(uint64_t value, const std::string& what) {
  if (value > std::numeric_limits<uint32_t>::max()) {
    throw std::invalid_argument("zip_archive: " + what + " is " + std::to_string(value) +
                                ", past the 4 GiB limit of a zip without zip64");
  }
  return static_cast<uint32_t>(value);
}

// Raw deflate (windowBits -15: no zlib header or trailer, as zip wants), level 6, zlib's default.
std::string deflate_raw(const std::string& bytes) {
  z_stream stream{};
  if (deflateInit2(&stream, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zip_archive: zlib's deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, bytes.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(&out[0]);
  stream.avail_out = static_cast<uInt>(out.size());
  int status = deflate(&stream, Z_FINISH);  // one call: the output buffer holds deflateBound bytes
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("zip_archive: zlib's deflate did not finish");
  return out;
}

// The fields the local header and the central record share, from "version needed" to the lengths.
std::string common_fields(ZipMethod method, uint32_t crc, uint32_t compressed, uint32_t size, size_t name_length) {
  std::string out;
  put16(out, kVersionNeeded);
  put16(out, 0);  // flags: sizes known in advance, no data descriptor
  put16(out, static_cast<uint16_t>(method));
  put16(out, 0);  // time 00:00:00
  put16(out, kDate1980);
  put32(out, crc);
  put32(out, compressed);
  put32(out, size);
  put16(out, static_cast<uint32_t>(name_length));
  put16(out, 0);  // extra field length
  return out;
}

}  // namespace

std::string zip_archive(const std::vector<ZipEntry>& entries, ZipMethod method) {
  if (entries.size() > 0xffff) throw std::invalid_argument("zip_archive: more than 65535 entries");
  std::set<std::string> names;
  std::string archive, directory;
  for (const ZipEntry& entry : entries) {
    if (entry.name.empty() || entry.name.size() > 0xffff) {
      throw std::invalid_argument("zip_archive: entry name '" + entry.name.substr(0, 40) + "' is empty or too long");
    }
    if (!names.insert(entry.name).second) throw std::invalid_argument("zip_archive: entry '" + entry.name + "' repeated");
    const uint32_t size = checked32(entry.bytes.size(), "entry '" + entry.name + "''s size");
    const uint32_t crc = static_cast<uint32_t>(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(entry.bytes.data()), size));
    const std::string data = method == ZipMethod::deflate ? deflate_raw(entry.bytes) : entry.bytes;
    const uint32_t offset = checked32(archive.size(), "entry '" + entry.name + "''s offset");
    const std::string fields = common_fields(method, crc, static_cast<uint32_t>(data.size()), size, entry.name.size());

    put32(archive, 0x04034b50);  // local file header
    archive += fields + entry.name + data;

    put32(directory, 0x02014b50);  // central directory record
    put16(directory, kVersionNeeded);  // version made by: 2.0, MS-DOS attributes
    directory += fields;
    put16(directory, 0);  // comment length
    put16(directory, 0);  // disk number
    put16(directory, 0);  // internal attributes
    put32(directory, 0);  // external attributes
    put32(directory, offset);
    directory += entry.name;
  }
  const uint32_t directory_offset = checked32(archive.size(), "the central directory's offset");
  const uint32_t directory_size = checked32(directory.size(), "the central directory's size");
  archive += directory;
  put32(archive, 0x06054b50);  // end of central directory
  put16(archive, 0);           // this disk
  put16(archive, 0);           // the disk where the directory starts
  put16(archive, static_cast<uint32_t>(entries.size()));  // entries on this disk
  put16(archive, static_cast<uint32_t>(entries.size()));  // entries in all
  put32(archive, directory_size);
  put32(archive, directory_offset);
  put16(archive, 0);  // comment length
  return archive;
}

}  // namespace gan
