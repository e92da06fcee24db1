#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "../test_files.h"
#include "gan/io/atomic_file.h"
#include "gan/io/npy.h"

using gan::NpyArray;

namespace {

// A .npy file from its parts: version, the header text as given (padding included), the data.
std::string npy_bytes(int major, const std::string& header, const std::string& data) {
  std::string bytes = "\x93NUMPY";
  bytes += static_cast<char>(major);
  bytes += '\0';
  size_t length = header.size();
  for (int i = 0; i < (major == 1 ? 2 : 4); ++i) bytes += static_cast<char>(length >> (8 * i));
  return bytes + header + data;
}

std::string write_npy_file(const std::string& name, const std::string& bytes) {
  std::string path = scratch_path("io", name);
  gan::write_file_atomically(path, bytes);
  return path;
}

}  // namespace

TEST_CASE("write_npy_float32 writes NumPy's exact bytes", "[io][golden]") {
  const std::string path = scratch_path("io", "golden.npy");
  const float values[] = {1.0f, -2.0f};
  gan::write_npy_float32(path, {2}, values);
  // The header NumPy 1.24 writes for np.array([1, -2], dtype='<f4'), padded so data starts at 128.
  std::string expected =
      npy_bytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }" + std::string(60, ' ') + "\n",
                std::string("\x00\x00\x80\x3f\x00\x00\x00\xc0", 8));
  REQUIRE(expected.size() == 136);
  CHECK(gan::read_file(path) == expected);

  // A column (N, 1), the shape NumPy code keeps D's outputs in (tests/cli/test_metric_command.cpp
  // writes such files): NumPy 1.24's bytes for np.array([[0.5], [-1], [2]], dtype='<f4').
  const std::string column_path = scratch_path("io", "golden_column.npy");
  const float column[] = {0.5f, -1.0f, 2.0f};
  gan::write_npy_float32(column_path, {3, 1}, column);
  std::string expected_column =
      npy_bytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 1), }" + std::string(58, ' ') + "\n",
                std::string("\x00\x00\x00\x3f\x00\x00\x80\xbf\x00\x00\x00\x40", 12));
  REQUIRE(expected_column.size() == 140);
  CHECK(gan::read_file(column_path) == expected_column);
}

TEST_CASE("float32 and uint8 arrays round-trip through .npy files", "[io]") {
  const std::string float_path = scratch_path("io", "round_trip_f4.npy");
  std::vector<float> values = {0.5f, -1.25f, 3e-39f, INFINITY, -0.0f, 1e30f};
  gan::write_npy_float32(float_path, {1, 2, 3}, values.data());
  NpyArray floats = gan::read_npy(float_path);
  CHECK(floats.shape == std::vector<int64_t>{1, 2, 3});
  CHECK(floats.dtype == "<f4");
  CHECK(floats.values == values);
  CHECK(std::signbit(floats.values[4]));

  const std::string byte_path = scratch_path("io", "round_trip_u1.npy");
  std::vector<uint8_t> bytes = {0, 1, 127, 128, 254, 255, 7, 9};
  gan::write_npy_uint8(byte_path, {2, 1, 2, 2}, bytes.data());
  NpyArray array = gan::read_npy(byte_path);
  CHECK(array.shape == std::vector<int64_t>{2, 1, 2, 2});
  CHECK(array.dtype == "|u1");
  CHECK(array.values == std::vector<float>{0, 1, 127, 128, 254, 255, 7, 9});  // as-is, not rescaled

  gan::Tensor tensor = gan::to_tensor(array);
  CHECK(tensor.shape == gan::Shape{2, 1, 2, 2});
  CHECK(tensor.at(1, 0, 0, 1) == 255.0f);

  const std::string scalar_path = scratch_path("io", "round_trip_scalar.npy");
  float scalar = 4.5f;
  gan::write_npy_float32(scalar_path, {}, &scalar);
  CHECK(gan::read_file(scalar_path).find("'shape': (), }") != std::string::npos);
  CHECK(gan::read_npy(scalar_path).values == std::vector<float>{4.5f});
}

TEST_CASE("read_npy parses any valid header dict", "[io]") {
  const std::string data("\x01\x02\x03\x04\x05\x06", 6);
  // Keys in another order, double quotes, extra spaces, no trailing comma.
  std::string path = write_npy_file(
      "header_order.npy", npy_bytes(1, "{ \"shape\" : ( 2 , 3 ) ,'fortran_order':False,\"descr\":'|u1'}\n", data));
  NpyArray array = gan::read_npy(path);
  CHECK(array.shape == std::vector<int64_t>{2, 3});
  CHECK(array.values == std::vector<float>{1, 2, 3, 4, 5, 6});
  // Version 2.0 (4-byte header length) and Python 2's long integers "6L".
  path = write_npy_file("header_v2.npy",
                        npy_bytes(2, "{'descr': '|u1', 'fortran_order': False, 'shape': (6L,), }\n", data));
  array = gan::read_npy(path);
  CHECK(array.shape == std::vector<int64_t>{6});
  CHECK(array.values.size() == 6);
}

TEST_CASE("read_npy rejects malformed and unsupported files by name", "[io]") {
  const std::string good_header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }\n";
  struct Case {
    std::string name, bytes, message;
  };
  std::vector<Case> cases = {
      {"bad_magic.npy", std::string("\x93NUMPX\x01\x00\x00\x00", 10),
       "byte 0: expected the .npy magic \"\\x93NUMPY\", found other bytes"},
      {"short.npy", "\x93NUM", "byte 0: expected the .npy magic \"\\x93NUMPY\", the file has only 4 bytes"},
      {"version3.npy", npy_bytes(3, good_header, "ab"), "byte 6: version must be 1.0 or 2.0, got 3.0"},
      {"long_header.npy", npy_bytes(1, good_header, "ab").substr(0, 40),
       "byte 8: header length 58 runs past the end of the file (40 bytes)"},
      {"fortran.npy", npy_bytes(1, "{'descr': '|u1', 'fortran_order': True, 'shape': (2,), }", "ab"),
       "header: fortran_order must be False (C order), got True"},
      {"float64.npy", npy_bytes(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", "12345678"),
       "header: descr must be '<f4' (float32) or '|u1' (uint8), got '<f8'"},
      {"rank5.npy", npy_bytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 1, 1, 1, 2), }", "ab"),
       "header: shape (1, 1, 1, 1, 2) has rank 5, at most 4 (N, C, H, W) is supported"},
      {"size.npy",
       npy_bytes(1, "{'descr': '|u1', 'fortran_order': False, 'shape': (3000, 1, 784), }", std::string(100, 'x')),
       "header: shape (3000, 1, 784) holds 2352000 bytes of |u1 but the file has 100 after the header"},
      {"size_f4.npy", npy_bytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }", "12345"),
       "header: shape (2,) holds 8 bytes of <f4 but the file has 5 after the header"},
      {"huge.npy",
       npy_bytes(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647, 9), }",
                 "ab"),
       "holds more than 2^60 values of <f4 but the file has 2 after the header"},
      {"missing_key.npy", npy_bytes(1, "{'descr': '|u1', 'shape': (2,)}", "ab"),
       "header: the key 'fortran_order' is missing"},
      {"extra_key.npy", npy_bytes(1, "{'descr': '|u1', 'order': 1}", "ab"),
       "header: unexpected key 'order' (a .npy header has 'descr', 'fortran_order' and 'shape')"},
      {"syntax.npy", npy_bytes(1, "{'descr' '|u1'}", "ab"),
       "header: expected ':' after the key 'descr' (header character 9"},
      {"not_dict.npy", npy_bytes(1, "['descr']", "ab"), "header: expected '{' at the start of the header dict"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string path = write_npy_file(c.name, c.bytes);
    CHECK_THROWS_WITH(gan::read_npy(path), Catch::StartsWith(path + ": ") && Catch::Contains(c.message));
  }
}

TEST_CASE("writers and to_tensor reject shapes beyond rank 4", "[io]") {
  std::vector<float> values(2);
  CHECK_THROWS_WITH(gan::write_npy_float32(scratch_path("io", "rank5_write.npy"), {1, 1, 1, 1, 2}, values.data()),
                    "write_npy_float32: shape (1, 1, 1, 1, 2) has rank 5, at most 4 (N, C, H, W) is supported");
  NpyArray array{{1, 1, 1, 1, 2}, "<f4", values};
  CHECK_THROWS_WITH(gan::to_tensor(array), Catch::StartsWith("to_tensor: shape (1, 1, 1, 1, 2) has rank 5"));
}

TEST_CASE("read_npy rejects empty files, folders and broken header literals", "[io]") {
  struct Case {
    std::string name, bytes, message;
  };
  const std::string u1 = "{'descr': '|u1', ";
  std::vector<Case> cases = {
      {"empty.npy", "", "byte 0: expected the .npy magic \"\\x93NUMPY\", the file has only 0 bytes"},
      {"cut_v2_length.npy", std::string("\x93NUMPY\x02\x00\x10\x00", 10),
       "byte 8: the file ends inside the header length"},
      {"unterminated.npy", npy_bytes(1, "{'descr': '|u1", "ab"), "header: unterminated string"},
      {"bool.npy", npy_bytes(1, u1 + "'fortran_order': 0, 'shape': (2,)}", "ab"),
       "header: expected True or False as the value of 'fortran_order'"},
      {"negative.npy", npy_bytes(1, u1 + "'fortran_order': False, 'shape': (-2,)}", "ab"),
       "header: expected a non-negative integer in 'shape'"},
      {"float_size.npy", npy_bytes(1, u1 + "'fortran_order': False, 'shape': (2.0,)}", "ab"),
       "header: expected ',' or ')' in 'shape'"},
      {"size_2^31.npy", npy_bytes(1, u1 + "'fortran_order': False, 'shape': (2147483648,)}", "ab"),
       "header: a size in 'shape' is larger than 2^31 - 1"},
      {"after_dict.npy", npy_bytes(1, u1 + "'fortran_order': False, 'shape': (2,)} x", "ab"),
       "header: unexpected text after the dict"},
      {"big_endian.npy", npy_bytes(1, "{'descr': '>f4', 'fortran_order': False, 'shape': (1,)}", "abcd"),
       "header: descr must be '<f4' (float32) or '|u1' (uint8), got '>f4'"},
  };
  for (const Case& c : cases) {
    INFO(c.name);
    std::string path = write_npy_file(c.name, c.bytes);
    CHECK_THROWS_WITH(gan::read_npy(path), Catch::StartsWith(path + ": " + c.message));
  }
  const std::string folder = scratch_path("io", "npy-folder");
  std::filesystem::create_directories(folder);
  CHECK_THROWS_WITH(gan::read_npy(folder), folder + ": cannot read: Is a directory");
}

TEST_CASE("parse_npy reads bytes, and to_tensor refuses sizes that multiply past 2^62", "[io]") {
  const std::string header = "{'descr': '|u1', 'fortran_order': False, 'shape': (1, 2), }\n";
  NpyArray array = gan::parse_npy(npy_bytes(1, header, "\x05\x06"), "memory");
  CHECK(array.shape == std::vector<int64_t>{1, 2});
  CHECK(array.values == std::vector<float>{5, 6});
  // Found by reading, kept as a regression: an empty array (a 0 among the sizes) whose other
  // sizes overflowed int64 in Shape::numel. NumPy writes such a file; reading it is fine, making
  // a Tensor of it is not.
  const std::string bytes = npy_bytes(
      1, "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647, 0), }\n", "");
  NpyArray empty = gan::parse_npy(bytes, "memory");
  CHECK(empty.values.empty());
  CHECK_THROWS_WITH(gan::to_tensor(empty),
                    "to_tensor: the sizes of shape (2147483647, 2147483647, 2147483647, 0) multiply past 2^62");
  CHECK_THROWS_WITH(gan::parse_npy("\x93NUMPY", "memory"),
                    "memory: byte 0: expected the .npy magic \"\\x93NUMPY\", the file has only 6 bytes");
}
