// NumPy's .npy format, versions 1.0 and 2.0, C order, dtypes '<f4' (float32) and '|u1' (uint8):
// enough to read QuickDraw drawings and to hand samples to Python (numpy.load).
//
// Layout (https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html):
//   byte 0   "\x93NUMPY", then the version: 1, 0 or 2, 0
//   byte 8   header length: uint16 little-endian (1.0) or uint32 (2.0)
//   then     a Python dict literal, e.g. {'descr': '|u1', 'fortran_order': False, 'shape': (3000, 1, 784), }
//            padded with spaces and a '\n' so the data starts at a multiple of 64 bytes
//   then     the values in C (row-major) order, prod(shape) * itemsize bytes, nothing after
//
//   NpyArray drawings = read_npy("cat.npy");   // shape {3000, 1, 784}, dtype "|u1", values 0..255
//   write_npy_float32("samples.npy", {64, 1, 28, 28}, images.ptr());
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gan/tensor/tensor.h"

namespace gan {

struct NpyArray {
  std::vector<int64_t> shape;  // rank 0 to 4
  std::string dtype;           // "<f4" or "|u1", as in the file
  std::vector<float> values;   // prod(shape) values; uint8 values become 0.0f..255.0f unchanged
};

// Throws std::runtime_error naming the file and the byte offset or header field at fault: bad
// magic, unsupported version, a header that is not a dict with exactly 'descr', 'fortran_order'
// and 'shape', fortran_order True, another dtype, rank > 4, or a data size that differs from the
// shape's.
NpyArray read_npy(const std::string& path);

// The same checks on a file's bytes; `source_name` stands where the path would in the messages.
// read_npy calls it; the fuzz tests (tests/fuzz/) feed it.
NpyArray parse_npy(const std::string& bytes, const std::string& source_name);

// Write version 1.0 files atomically (write_file_atomically). `values` holds prod(shape) entries.
void write_npy_float32(const std::string& path, const std::vector<int64_t>& shape, const float* values);
void write_npy_uint8(const std::string& path, const std::vector<int64_t>& shape, const uint8_t* values);

// An array on its way to a file, for writers of several arrays (write_npz, write_safetensors):
// `dtype` is NumPy's descr, '<f4', '<i8', or '<U{n}' (a string of n UTF-32 characters, shape {}),
// and `data` the values' little-endian bytes in C order.
struct NamedArray {
  std::string name;  // "G.0.weight"
  std::string dtype;
  std::vector<int64_t> shape;
  std::string data;
};
NamedArray float32_array(const std::string& name, const std::vector<int64_t>& shape, const float* values);
NamedArray int64_array(const std::string& name, const std::vector<int64_t>& shape, const int64_t* values);
NamedArray string_array(const std::string& name, const std::string& ascii_text);  // numpy: str(npz[name])

// The bytes of a version 1.0 .npy file holding `array` (the name is not stored).
std::string encode_npy(const NamedArray& array);

// NumPy's .npz: a zip archive (io/zip.h) of one "<name>.npy" per array, deflated, as
// numpy.savez_compressed writes it; numpy.load(path)[name] reads each back. Written atomically.
void write_npz(const std::string& path, const std::vector<NamedArray>& arrays);

// The array as a Tensor of the same shape. Throws std::invalid_argument for rank > 4, a size
// that does not fit an int, or sizes that multiply past 2^62 (possible when another is 0).
Tensor to_tensor(const NpyArray& array);

}  // namespace gan
