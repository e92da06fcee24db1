#include <catch2/catch.hpp>

#include <zlib.h>

#include <cstdint>
#include <stdexcept>

#include "gan/io/npy.h"
#include "gan/io/zip.h"

using gan::ZipEntry;
using gan::ZipMethod;

namespace {

uint32_t get(const std::string& bytes, size_t offset, int size) {
  uint32_t value = 0;
  for (int i = size - 1; i >= 0; --i) value = value << 8 | static_cast<uint8_t>(bytes.at(offset + i));
  return value;
}

std::string inflate_raw(const std::string& data, size_t size) {
  std::string out(size, '\0');
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, -15) == Z_OK);
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(&out[0]);
  stream.avail_out = static_cast<uInt>(out.size());
  int status = inflate(&stream, Z_FINISH);
  inflateEnd(&stream);
  CHECK(status == Z_STREAM_END);
  return out;
}

// Reads the archive the way unzip does, from the end: the end record, the central directory, and
// through it each local header and its data, checking that the copies of each field agree.
std::vector<ZipEntry> read_zip(const std::string& archive) {
  const size_t end = archive.size() - 22;
  REQUIRE(get(archive, end, 4) == 0x06054b50);
  const uint32_t count = get(archive, end + 10, 2), directory = get(archive, end + 16, 4);
  REQUIRE(directory + get(archive, end + 12, 4) == end);
  std::vector<ZipEntry> entries;
  size_t record = directory;
  for (uint32_t i = 0; i < count; ++i) {
    REQUIRE(get(archive, record, 4) == 0x02014b50);
    const uint32_t method = get(archive, record + 10, 2), crc = get(archive, record + 16, 4);
    const uint32_t compressed = get(archive, record + 20, 4), size = get(archive, record + 24, 4);
    const uint32_t name_length = get(archive, record + 28, 2), local = get(archive, record + 42, 4);
    const std::string name = archive.substr(record + 46, name_length);
    REQUIRE(get(archive, local, 4) == 0x04034b50);
    CHECK(archive.compare(local + 4, 26, archive, record + 6, 26) == 0);  // the shared fields agree
    CHECK(archive.substr(local + 30, name_length) == name);
    const std::string data = archive.substr(local + 30 + name_length, compressed);
    const std::string bytes = method == 8 ? inflate_raw(data, size) : data;
    CHECK(crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())) == crc);
    entries.push_back({name, bytes});
    record += 46 + name_length;
  }
  CHECK(record == end);
  return entries;
}

}  // namespace

TEST_CASE("zip_archive: stored and deflated entries read back with their CRC-32", "[io]") {
  const std::vector<ZipEntry> entries = {
      {"a.npy", std::string(1000, 'a') + "tail"}, {"empty", ""}, {"dir/b.bin", std::string("\0\x01\xff", 3)}};
  for (ZipMethod method : {ZipMethod::store, ZipMethod::deflate}) {
    const std::string archive = gan::zip_archive(entries, method);
    std::vector<ZipEntry> back = read_zip(archive);
    REQUIRE(back.size() == entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
      CHECK(back[i].name == entries[i].name);
      CHECK(back[i].bytes == entries[i].bytes);
    }
    CHECK(gan::zip_archive(entries, method) == archive);  // no time stamps: the same bytes every time
  }
  CHECK(gan::zip_archive(entries, ZipMethod::deflate).size() < gan::zip_archive(entries, ZipMethod::store).size());
  CHECK(gan::zip_archive({}, ZipMethod::deflate).size() == 22);  // the end record alone
}

TEST_CASE("zip_archive: rejects empty and repeated names", "[io]") {
  CHECK_THROWS_WITH(gan::zip_archive({{"", "x"}}, ZipMethod::store), Catch::Contains("empty or too long"));
  CHECK_THROWS_WITH(gan::zip_archive({{"a", "x"}, {"a", "y"}}, ZipMethod::store), Catch::Contains("'a' repeated"));
}

TEST_CASE("encode_npy: float32, int64 and string arrays parse back", "[io]") {
  const float values[] = {1.5f, -2.0f, 0.25f, 3.0f, 0.0f, -0.5f};
  gan::NpyArray array = gan::parse_npy(gan::encode_npy(gan::float32_array("w", {2, 3}, values)), "w");
  CHECK(array.shape == std::vector<int64_t>{2, 3});
  CHECK(array.values == std::vector<float>(values, values + 6));
  const int64_t step = 258;
  gan::NamedArray count = gan::int64_array("n", {}, &step);
  CHECK(count.data == std::string("\x02\x01\0\0\0\0\0\0", 8));
  const std::string npy = gan::encode_npy(count);
  CHECK(npy.size() % 64 == 8);  // header padded to 64 bytes, then the 8 data bytes
  CHECK(npy.find("'descr': '<i8', 'fortran_order': False, 'shape': ()") != std::string::npos);
  gan::NamedArray text = gan::string_array("meta", "{}");
  CHECK(text.dtype == "<U2");
  CHECK(text.data == std::string("{\0\0\0}\0\0\0", 8));
  CHECK_THROWS_WITH(gan::string_array("meta", "\xc3\xa9"), Catch::Contains("not ASCII"));
}
