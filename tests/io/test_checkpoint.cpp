#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <filesystem>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/io/checkpoint.h"

using gan::Checkpoint;
using gan::Tensor;

namespace {

std::string u32(uint32_t value) {
  std::string bytes;
  for (int i = 0; i < 4; ++i) bytes += static_cast<char>(value >> (8 * i));
  return bytes;
}

// Appends the right CRC, so that a crafted file has only the fault it is meant to have.
std::string with_crc(const std::string& bytes) { return bytes + u32(gan::crc32(bytes.data(), bytes.size())); }

std::string write_raw(const std::string& name, const std::string& bytes) {
  std::string path = scratch_path("io", name);
  gan::write_file_atomically(path, bytes);
  return path;
}

// The values' bit patterns, so that -0.0f and 0.0f count as different.
std::vector<uint32_t> bits(const Tensor& tensor) {
  std::vector<uint32_t> patterns(tensor.data.size());
  for (size_t i = 0; i < patterns.size(); ++i) std::memcpy(&patterns[i], &tensor.data[i], 4);
  return patterns;
}

const std::string kHeader = std::string("GANCKPT1") + u32(1);

}  // namespace

TEST_CASE("crc32 gives the standard check value", "[io][golden]") {
  CHECK(gan::crc32("123456789", 9) == 0xCBF43926u);
  CHECK(gan::crc32("", 0) == 0u);
}

TEST_CASE("save_checkpoint writes the documented bytes", "[io][golden]") {
  Checkpoint checkpoint;
  checkpoint.tensors.emplace_back("w", Tensor::from({2}, {1.0f, -2.0f}));
  checkpoint.metadata.emplace_back("k", "v");
  const std::string path = scratch_path("io", "golden.ckpt");
  gan::save_checkpoint(path, checkpoint);
  std::string expected = kHeader + u32(1) + u32(1) +  // 1 tensor, 1 key
                         u32(1) + "w" + u32(1) + u32(2) + std::string("\0\0\x80\x3f\0\0\0\xc0", 8) + u32(1) + "k" +
                         u32(1) + "v" + u32(0x5098C13Eu);  // CRC by Python's zlib.crc32
  CHECK(gan::read_file(path) == expected);
}

TEST_CASE("checkpoints round-trip every rank and value, and save the same bytes twice", "[io]") {
  Checkpoint checkpoint;
  checkpoint.tensors.emplace_back("scalar", Tensor::from({}, {3.5f}));
  checkpoint.tensors.emplace_back("bias", Tensor::from({3}, {-0.0f, 1e-40f, INFINITY}));
  checkpoint.tensors.emplace_back("W", Tensor::from({2, 2}, {1, 2, 3, 4}));
  checkpoint.tensors.emplace_back("empty", Tensor({0, 5}));
  Tensor conv({2, 1, 3, 3});
  for (int64_t i = 0; i < conv.numel(); ++i) conv.data[i] = 0.1f * static_cast<float>(i) - 0.7f;
  checkpoint.tensors.emplace_back("conv.W", conv);
  checkpoint.metadata = {{"config", "{\"epochs\": 5}"}, {"empty", ""}, {"binary", std::string("a\0\n\xff", 4)}};

  const std::string path = scratch_path("io", "round_trip.ckpt");
  gan::save_checkpoint(path, checkpoint);
  const std::string first = gan::read_file(path);
  gan::save_checkpoint(path, checkpoint);
  CHECK(gan::read_file(path) == first);  // no timestamps: identical bytes

  Checkpoint loaded = gan::load_checkpoint(path);
  REQUIRE(loaded.tensors.size() == checkpoint.tensors.size());
  for (size_t i = 0; i < checkpoint.tensors.size(); ++i) {
    CHECK(loaded.tensors[i].first == checkpoint.tensors[i].first);
    CHECK(loaded.tensors[i].second.shape == checkpoint.tensors[i].second.shape);
    CHECK(bits(loaded.tensors[i].second) == bits(checkpoint.tensors[i].second));  // bit for bit, -0 included
  }
  CHECK(loaded.metadata == checkpoint.metadata);
  CHECK(gan::find_tensor(loaded, "W").data == std::vector<float>{1, 2, 3, 4});
  CHECK(gan::find_metadata(loaded, "config") == "{\"epochs\": 5}");
}

TEST_CASE("find_tensor and find_metadata list what is there", "[io]") {
  Checkpoint checkpoint;
  checkpoint.tensors.emplace_back("G.W", Tensor({1}));
  checkpoint.tensors.emplace_back("G.b", Tensor({1}));
  checkpoint.metadata.emplace_back("epoch", "3");
  CHECK_THROWS_WITH(gan::find_tensor(checkpoint, "D.W"), "checkpoint: no tensor named 'D.W'; it has G.W, G.b");
  CHECK_THROWS_WITH(gan::find_metadata(checkpoint, "step"), "checkpoint: no metadata key 'step'; it has epoch");
  CHECK_THROWS_WITH(gan::find_metadata(Checkpoint{}, "step"), "checkpoint: no metadata key 'step'; it has no metadata");
}

TEST_CASE("save_checkpoint rejects repeated names", "[io]") {
  Checkpoint checkpoint;
  checkpoint.tensors.emplace_back("W", Tensor({1}));
  checkpoint.tensors.emplace_back("W", Tensor({2}));
  const std::string path = scratch_path("io", "repeated.ckpt");
  CHECK_THROWS_WITH(gan::save_checkpoint(path, checkpoint),
                    "save_checkpoint: " + path + ": the tensor name 'W' appears twice");
}

TEST_CASE("load_checkpoint names the byte offset of every fault", "[io]") {
  Checkpoint checkpoint;
  checkpoint.tensors.emplace_back("w", Tensor::from({2}, {1.0f, -2.0f}));
  checkpoint.metadata.emplace_back("k", "v");
  const std::string good_path = scratch_path("io", "faults_good.ckpt");
  gan::save_checkpoint(good_path, checkpoint);
  const std::string good = gan::read_file(good_path);  // 55 bytes: the layout of the golden test

  const std::string one_tensor = kHeader + u32(1) + u32(0) + u32(1) + "w";
  struct Case {
    std::string name, bytes, message;
  };
  std::vector<Case> cases = {
      {"magic", "GANCKPT2" + good.substr(8), "byte 0: expected the magic \"GANCKPT1\", found \"GANCKPT2\""},
      {"binary", std::string("\x89PNG\r\n\x1a\n", 8) + good.substr(8),
       "byte 0: expected the magic \"GANCKPT1\", found \"\\x89PNG\\x0D\\x0A\\x1A\\x0A\""},
      {"empty", "", "byte 0: expected the magic \"GANCKPT1\", found \"\""},
      {"version", std::string("GANCKPT1") + u32(2) + good.substr(12), "byte 8: version must be 1, got 2"},
      {"cut_counts", good.substr(0, 14), "byte 12: the tensor count needs 4 bytes, only 2 remain in the file"},
      {"cut_data", good.substr(0, 37), "byte 33: the data of tensor 'w' (2) does not fit in the 4 bytes that remain"},
      {"cut_crc", good.substr(0, 53), "byte 51: expected only the 4-byte CRC-32 after the last entry, found 2 bytes"},
      {"extra", good.substr(0, 51) + "xx" + good.substr(51),
       "byte 51: expected only the 4-byte CRC-32 after the last entry, found 6 bytes"},
      {"name_length", kHeader + u32(1) + u32(0) + u32(1000) + "w",
       "byte 24: the name of tensor 0 (length 1000) needs 1000 bytes, only 1 remain in the file"},
      {"rank", with_crc(one_tensor + u32(5) + u32(1) + u32(1) + u32(1) + u32(1) + u32(1)),
       "byte 25: tensor 'w' has rank 5, at most 4 (N, C, H, W)"},
      {"huge", with_crc(one_tensor + u32(4) + u32(2000000000) + u32(2000000000) + u32(2000000000) + u32(2000000000)),
       "byte 45: the data of tensor 'w' (2000000000, 2000000000, 2000000000, 2000000000) does not fit in the 4 bytes"},
      {"size", with_crc(one_tensor + u32(1) + u32(0x80000000u)),
       "byte 29: size 2147483648 of tensor 'w' is above 2^31 - 1"},
      {"repeated",
       with_crc(kHeader + u32(2) + u32(0) + u32(1) + "w" + u32(0) + u32(0) + u32(1) + "w" + u32(0) + u32(0)),
       "byte 33: the tensor name 'w' appears twice"},
  };
  std::string damaged = good;
  damaged[34] ^= 0x01;  // one bit of tensor data
  cases.push_back({"crc", damaged, "byte 51: CRC-32 mismatch: the file says 0x5098C13E, its content gives 0x"});
  for (const Case& c : cases) {
    INFO(c.name);
    std::string path = write_raw("fault_" + c.name + ".ckpt", c.bytes);
    CHECK_THROWS_WITH(gan::load_checkpoint(path), Catch::StartsWith(path + ": " + c.message));
  }
}

TEST_CASE("load_checkpoint rejects bad metadata, impossible empty tensors and folders", "[io]") {
  const std::string one_key = kHeader + u32(0) + u32(2) + u32(1) + "k" + u32(1) + "v";
  struct Case {
    std::string name, bytes, message;
  };
  std::vector<Case> cases = {
      {"metadata_repeated", with_crc(one_key + u32(1) + "k" + u32(1) + "w"),
       "byte 30: the metadata key 'k' appears twice"},
      {"value_length", kHeader + u32(0) + u32(1) + u32(1) + "k" + u32(99) + "v",
       "byte 29: the value of metadata 'k' (length 99) needs 99 bytes, only 1 remain in the file"},
      {"cut_entry", kHeader + u32(0) + u32(1) + u32(1),
       "byte 24: the key of metadata entry 0 (length 1) needs 1 bytes, only 0 remain in the file"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string path = write_raw("fault_" + c.name + ".ckpt", c.bytes);
    CHECK_THROWS_WITH(gan::load_checkpoint(path), path + ": " + c.message);
  }
  const std::string folder = scratch_path("io", "checkpoint-folder");
  std::filesystem::create_directories(folder);
  CHECK_THROWS_WITH(gan::load_checkpoint(folder), folder + ": cannot read: Is a directory");
}

TEST_CASE("parse_checkpoint reads bytes, and refuses an empty tensor whose sizes overflow", "[io]") {
  Checkpoint checkpoint;
  checkpoint.tensors.emplace_back("w", Tensor::from({2}, {1.0f, -2.0f}));
  const std::string path = scratch_path("io", "parse.ckpt");
  gan::save_checkpoint(path, checkpoint);
  Checkpoint parsed = gan::parse_checkpoint(gan::read_file(path), "memory");
  REQUIRE(parsed.tensors.size() == 1);
  CHECK(parsed.tensors[0].second.data == std::vector<float>{1.0f, -2.0f});
  // Found by reading, kept as a regression: sizes (2^31 - 1, 2^31 - 1, 2^31 - 1, 0) need no data,
  // but Shape::numel overflowed int64 on them (UBSan: signed integer overflow).
  const std::string bytes = with_crc(kHeader + u32(1) + u32(0) + u32(1) + "w" + u32(4) + u32(2147483647) +
                                     u32(2147483647) + u32(2147483647) + u32(0));
  CHECK_THROWS_WITH(gan::parse_checkpoint(bytes, "memory"),
                    "memory: byte 29: the sizes of tensor 'w' (2147483647, 2147483647, 2147483647, 0) multiply past "
                    "2^62");
}
