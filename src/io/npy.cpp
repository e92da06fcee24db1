#include "gan/io/npy.h"

#include <cstring>
#include <limits>
#include <stdexcept>

#include "gan/io/atomic_file.h"
#include "gan/io/text_scanner.h"
#include "gan/io/zip.h"

namespace gan {

namespace {

const char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string text = "(";
  for (size_t axis = 0; axis < shape.size(); ++axis) {
    if (axis > 0) text += ", ";
    text += std::to_string(shape[axis]);
  }
  return text + (shape.size() == 1 ? ",)" : ")");  // Python writes a 1-tuple as (n,)
}

struct Header {
  std::string descr;
  bool fortran_order = false;
  std::vector<int64_t> shape;
};

// Reads the one kind of Python literal a .npy header holds: a dict with string keys whose values
// are strings, True/False, or tuples of integers. Any key order, any whitespace, trailing commas.
class HeaderParser {
 public:
  HeaderParser(const std::string& text, const std::string& path) : scan_(text), path_(path) {}

  Header parse() {
    Header header;
    bool has_descr = false, has_fortran_order = false, has_shape = false;
    expect('{', "at the start of the header dict");
    while (!scan_.skip_if('}')) {
      std::string key = parse_string("a key");
      expect(':', "after the key '" + key + "'");
      if (key == "descr") {
        header.descr = parse_string("the value of 'descr'");
        has_descr = true;
      } else if (key == "fortran_order") {
        header.fortran_order = parse_bool();
        has_fortran_order = true;
      } else if (key == "shape") {
        header.shape = parse_shape();
        has_shape = true;
      } else {
        fail("unexpected key '" + key + "' (a .npy header has 'descr', 'fortran_order' and 'shape')");
      }
      if (!scan_.next_is('}')) expect(',', "or '}' after the value of '" + key + "'");
    }
    if (!scan_.next_is_end()) fail("unexpected text after the dict");
    for (auto [present, key] :
         {std::pair{has_descr, "descr"}, {has_fortran_order, "fortran_order"}, {has_shape, "shape"}}) {
      if (!present) throw std::runtime_error(path_ + ": header: the key '" + key + "' is missing");
    }
    return header;
  }

 private:
  [[noreturn]] void fail(const std::string& message) const {
    const std::string& text = scan_.text();
    std::string shown = text.substr(0, text.find_last_not_of(" \n") + 1);  // without the padding
    throw std::runtime_error(path_ + ": header: " + message + " (header character " +
                             std::to_string(scan_.position()) + " of \"" + shown + "\")");
  }
  void expect(char c, const std::string& context) {
    if (!scan_.skip_if(c)) fail(std::string("expected '") + c + "' " + context);
  }
  std::string parse_string(const std::string& what) {
    scan_.skip_space();
    const size_t start = scan_.position();
    char quote = scan_.peek();
    if (quote != '\'' && quote != '"') fail("expected a quoted string as " + what);
    scan_.take();
    std::string value;
    while (!scan_.at_end() && scan_.peek() != quote) value += scan_.take();
    if (scan_.at_end()) {
      scan_.move_to(start);
      fail("unterminated string");
    }
    scan_.take();  // the closing quote
    return value;
  }
  bool parse_bool() {
    scan_.skip_space();
    if (scan_.skip_literal("True")) return true;
    if (scan_.skip_literal("False")) return false;
    fail("expected True or False as the value of 'fortran_order'");
  }
  std::vector<int64_t> parse_shape() {
    expect('(', "to open the tuple of 'shape'");
    std::vector<int64_t> shape;
    while (!scan_.skip_if(')')) {
      const size_t start = scan_.position();
      int64_t size = 0;
      while (scan_.peek() >= '0' && scan_.peek() <= '9') {
        size = size * 10 + (scan_.take() - '0');
        if (size > std::numeric_limits<int32_t>::max()) fail("a size in 'shape' is larger than 2^31 - 1");
      }
      if (scan_.position() == start) fail("expected a non-negative integer in 'shape'");
      scan_.skip_literal("L");  // Python 2 wrote 3000L
      shape.push_back(size);
      if (!scan_.next_is(')')) expect(',', "or ')' in 'shape'");
    }
    return shape;
  }

  TextScanner scan_;
  const std::string& path_;
};

uint32_t little_endian_u32(const std::string& bytes, size_t offset) {
  uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<uint8_t>(bytes[offset + i]);
  return value;
}

std::string npy_bytes(const std::string& dtype, const std::vector<int64_t>& shape, const std::string& data) {
  std::string dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
  // Magic (6) + version (2) + header length (2) + dict + padding + '\n' is a multiple of 64,
  // so that the data is aligned for memory mapping, as NumPy itself writes it.
  size_t unpadded = kMagicSize + 4 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string bytes(kMagic, kMagicSize);
  bytes += '\x01';
  bytes += '\x00';
  bytes += static_cast<char>(dict.size() & 0xff);
  bytes += static_cast<char>(dict.size() >> 8);
  return bytes + dict + data;
}

void write_npy(const std::string& path, const std::string& dtype, const std::vector<int64_t>& shape,
               const std::string& data) {
  write_file_atomically(path, npy_bytes(dtype, shape, data));
}

// Each value's `size` bytes, least significant first: the same file on any host byte order.
template <typename Bits>
void append_little_endian(std::string& out, Bits bits) {
  for (size_t byte = 0; byte < sizeof(Bits); ++byte) out += static_cast<char>(bits >> (8 * byte));
}

int64_t element_count(const char* where, const std::vector<int64_t>& shape) {
  if (shape.size() > 4) {
    throw std::invalid_argument(std::string(where) + ": shape " + shape_text(shape) + " has rank " +
                                std::to_string(shape.size()) + ", at most 4 (N, C, H, W) is supported");
  }
  // Shape::numel multiplies the sizes in order, so the sizes other than 0 must multiply to a
  // number int64 holds even when a 0 makes the count 0.
  const int64_t kMaxCount = int64_t{1} << 62;
  int64_t nonzero_product = 1;
  bool has_zero = false;
  for (int64_t size : shape) {
    if (size < 0)
      throw std::invalid_argument(std::string(where) + ": shape " + shape_text(shape) + " has a negative size");
    if (size == 0) {
      has_zero = true;
    } else if (nonzero_product > kMaxCount / size) {
      throw std::invalid_argument(std::string(where) + ": the sizes of shape " + shape_text(shape) +
                                  " multiply past 2^62");
    } else {
      nonzero_product *= size;
    }
  }
  return has_zero ? 0 : nonzero_product;
}

}  // namespace

NpyArray read_npy(const std::string& path) { return parse_npy(read_file(path), path); }

NpyArray parse_npy(const std::string& bytes, const std::string& source_name) {
  if (bytes.size() < 10 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0) {
    throw std::runtime_error(source_name + ": byte 0: expected the .npy magic \"\\x93NUMPY\"" +
                             (bytes.size() < 10 ? ", the file has only " + std::to_string(bytes.size()) + " bytes"
                                                : std::string(", found other bytes")));
  }
  int major = static_cast<uint8_t>(bytes[6]), minor = static_cast<uint8_t>(bytes[7]);
  if ((major != 1 && major != 2) || minor != 0) {
    throw std::runtime_error(source_name + ": byte 6: version must be 1.0 or 2.0, got " + std::to_string(major) + "." +
                             std::to_string(minor));
  }
  size_t header_start = major == 1 ? 10 : 12;
  if (bytes.size() < header_start) {
    throw std::runtime_error(source_name + ": byte 8: the file ends inside the header length");
  }
  size_t header_length =
      major == 1 ? (static_cast<uint8_t>(bytes[8]) | static_cast<uint8_t>(bytes[9]) << 8) : little_endian_u32(bytes, 8);
  if (header_length > bytes.size() - header_start) {
    throw std::runtime_error(source_name + ": byte 8: header length " + std::to_string(header_length) +
                             " runs past the end of the file (" + std::to_string(bytes.size()) + " bytes)");
  }
  const std::string text = bytes.substr(header_start, header_length);
  Header header = HeaderParser(text, source_name).parse();

  if (header.fortran_order) {
    throw std::runtime_error(source_name + ": header: fortran_order must be False (C order), got True");
  }
  size_t item_size;
  if (header.descr == "<f4") {
    item_size = 4;
  } else if (header.descr == "|u1") {
    item_size = 1;
  } else {
    throw std::runtime_error(source_name + ": header: descr must be '<f4' (float32) or '|u1' (uint8), got '" +
                             header.descr + "'");
  }
  if (header.shape.size() > 4) {
    throw std::runtime_error(source_name + ": header: shape " + shape_text(header.shape) + " has rank " +
                             std::to_string(header.shape.size()) + ", at most 4 (N, C, H, W) is supported");
  }
  size_t data_start = header_start + header_length;
  size_t data_size = bytes.size() - data_start;
  // Four sizes below 2^31 can multiply past 64 bits; the count saturates just above 2^60
  // values, more than any file holds.
  const uint64_t kMaxCount = uint64_t{1} << 60;
  uint64_t count = 1;
  for (int64_t size : header.shape) {
    uint64_t n = static_cast<uint64_t>(size);
    count = (n != 0 && count > kMaxCount / n) ? kMaxCount + 1 : count * n;
  }
  if (count > kMaxCount || count * item_size != data_size) {
    throw std::runtime_error(
        source_name + ": header: shape " + shape_text(header.shape) + " holds " +
        (count > kMaxCount ? std::string("more than 2^60 values") : std::to_string(count * item_size) + " bytes") +
        " of " + header.descr + " but the file has " + std::to_string(data_size) + " after the header");
  }

  NpyArray array;
  array.shape = header.shape;
  array.dtype = header.descr;
  array.values.resize(count);
  const char* data = bytes.data() + data_start;
  if (item_size == 1) {
    for (uint64_t i = 0; i < count; ++i) array.values[i] = static_cast<uint8_t>(data[i]);
  } else {
    for (uint64_t i = 0; i < count; ++i) {  // assembled byte by byte: correct on any host byte order
      uint32_t bits = little_endian_u32(bytes, data_start + 4 * i);
      std::memcpy(&array.values[i], &bits, 4);
    }
  }
  return array;
}

void write_npy_float32(const std::string& path, const std::vector<int64_t>& shape, const float* values) {
  int64_t count = element_count("write_npy_float32", shape);
  std::string data(4 * count, '\0');
  for (int64_t i = 0; i < count; ++i) {
    uint32_t bits;
    std::memcpy(&bits, &values[i], 4);
    for (int byte = 0; byte < 4; ++byte) data[4 * i + byte] = static_cast<char>(bits >> (8 * byte));
  }
  write_npy(path, "<f4", shape, data);
}

void write_npy_uint8(const std::string& path, const std::vector<int64_t>& shape, const uint8_t* values) {
  int64_t count = element_count("write_npy_uint8", shape);
  write_npy(path, "|u1", shape, std::string(reinterpret_cast<const char*>(values), count));
}

NamedArray float32_array(const std::string& name, const std::vector<int64_t>& shape, const float* values) {
  NamedArray array{name, "<f4", shape, {}};
  int64_t count = element_count("float32_array", shape);
  array.data.reserve(4 * count);
  for (int64_t i = 0; i < count; ++i) {
    uint32_t bits;
    std::memcpy(&bits, &values[i], 4);
    append_little_endian(array.data, bits);
  }
  return array;
}

NamedArray int64_array(const std::string& name, const std::vector<int64_t>& shape, const int64_t* values) {
  NamedArray array{name, "<i8", shape, {}};
  int64_t count = element_count("int64_array", shape);
  for (int64_t i = 0; i < count; ++i) append_little_endian(array.data, static_cast<uint64_t>(values[i]));
  return array;
}

NamedArray string_array(const std::string& name, const std::string& ascii_text) {
  // NumPy's '<U' strings hold UTF-32 code units; an ASCII byte is its own code point.
  NamedArray array{name, "<U" + std::to_string(ascii_text.size()), {}, {}};
  for (char c : ascii_text) {
    if (static_cast<unsigned char>(c) > 127) throw std::invalid_argument("string_array: '" + name + "' is not ASCII");
    append_little_endian(array.data, static_cast<uint32_t>(c));
  }
  return array;
}

std::string encode_npy(const NamedArray& array) { return npy_bytes(array.dtype, array.shape, array.data); }

void write_npz(const std::string& path, const std::vector<NamedArray>& arrays) {
  std::vector<ZipEntry> entries;
  for (const NamedArray& array : arrays) entries.push_back({array.name + ".npy", encode_npy(array)});
  write_file_atomically(path, zip_archive(entries, ZipMethod::deflate));
}

Tensor to_tensor(const NpyArray& array) {
  element_count("to_tensor", array.shape);
  Shape shape;
  for (int64_t size : array.shape) {
    if (size > std::numeric_limits<int>::max()) {
      throw std::invalid_argument("to_tensor: size " + std::to_string(size) + " of shape " + shape_text(array.shape) +
                                  " does not fit an int");
    }
    shape.sizes[shape.rank++] = static_cast<int>(size);
  }
  return Tensor::from(shape, array.values);
}

}  // namespace gan
