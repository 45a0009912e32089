// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// libFuzzer target for typegrad's loaders (built with clang's -fsanitize=fuzzer, together
// with AddressSanitizer and UndefinedBehaviorSanitizer; see fuzz/CMakeLists.txt).
//
// The first byte of an input chooses what the rest is read as:
//   0: numeric CSV text, through io::parse_csv with options from the second byte
//      (delimiter, header, lines to skip), then io::split_label_column on every column;
//   1: a checkpoint file, through io::load_checkpoint into a parameter set and into a
//      parameter set with an optimizer;
//   2: the same, with the CRC-32 at the end recomputed first, so that inputs get past the
//      checksum to the entry matching and the decoding;
//   3: CSV text written to a file and read with io::read_csv.
// A loader may throw only what it documents (io::csv_error, std::out_of_range from
// split_label_column, io::checkpoint_error); anything else, a crash or a sanitizer report
// is a finding. What a successful load returns is checked too: the table's shape, and
// that a failed checkpoint load leaves the parameters untouched.

#include <typegrad/io/checkpoint.hpp>
#include <typegrad/io/csv.hpp>
#include <typegrad/typegrad.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

namespace tg = typegrad;

[[noreturn]] void finding(const char* what) {
  std::fprintf(stderr, "io_fuzz: %s\n", what);
  std::abort();
}

void expect(bool ok, const char* what) {
  if (!ok) finding(what);
}

// The file the file-based loaders read: one per process (libFuzzer may run several).
const std::filesystem::path& scratch_file() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("typegrad_io_fuzz_" + std::to_string(::getpid()) + ".bin");
  return path;
}

void write_file(const unsigned char* data, std::size_t size) {
  std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  expect(static_cast<bool>(out), "cannot write the scratch file");
}

// ---- CSV ----------------------------------------------------------------------------------

tg::io::csv_options csv_options_from(unsigned char b) {
  constexpr std::array<char, 4> delimiters{',', ';', '\t', ' '};
  return {.delimiter = delimiters[b & 3u], .skip_lines = (b >> 2) & 3u, .header = (b & 16u) != 0};
}

void check_table(const tg::io::csv_table& t) {
  expect(t.rows > 0 && t.cols > 0, "a table without data was returned");
  expect(t.values.size() == t.rows * t.cols, "values do not match rows * cols");
  expect(t.lines.size() == t.rows, "one line number per row");
  for (std::size_t r = 1; r < t.rows; ++r) expect(t.lines[r] > t.lines[r - 1], "line numbers increase");
  expect(t.columns.empty() || t.columns.size() == t.cols, "one name per column");
  for (std::size_t c = 0; c <= t.cols; ++c) {
    try {
      const tg::io::labelled_data d = tg::io::split_label_column(t, c);
      expect(c < t.cols, "split_label_column accepted a column that does not exist");
      expect(d.labels.size() == t.rows, "one label per row");
      expect(d.features.cols + 1 == t.cols, "the label column is removed");
      for (const int label : d.labels)
        expect(label >= 0 && static_cast<std::size_t>(label) < d.classes, "labels in 0 .. classes - 1");
    } catch (const tg::io::csv_error&) {
    } catch (const std::out_of_range&) {
      expect(c == t.cols, "out_of_range for a column that exists");
    }
  }
}

void fuzz_csv(std::string_view text, unsigned char options) {
  try {
    check_table(tg::io::parse_csv(text, "<fuzz>", csv_options_from(options)));
  } catch (const tg::io::csv_error& e) {
    expect(std::strlen(e.what()) > 0 && std::string_view(e.what()).starts_with("<fuzz>"), "the message names the source");
  }
}

void fuzz_read_csv(const unsigned char* data, std::size_t size, unsigned char options) {
  write_file(data, size);
  try {
    check_table(tg::io::read_csv(scratch_file(), csv_options_from(options)));
  } catch (const tg::io::csv_error&) {
  }
}

// ---- checkpoints --------------------------------------------------------------------------

constexpr auto W = tg::var<"W", tg::matrix<float, 2, 3>>;
constexpr auto b = tg::var<"b", tg::vector<double, 3>>;
constexpr auto s = tg::var<"s">;
using params = tg::nn::parameters<decltype(W), decltype(b), decltype(s)>;

params reference_params() {
  params p;
  for (std::size_t k = 0; k < 6; ++k) p[W][k] = static_cast<float>(k) - 2.5f;
  p[b] = tg::vector<double, 3>{0.5, -1, 2};
  p[s] = 3;
  return p;
}

bool same_bits(const params& a, const params& c) {
  return std::memcmp(&a[W], &c[W], sizeof(a[W])) == 0 && std::memcmp(&a[b], &c[b], sizeof(a[b])) == 0 &&
         std::memcmp(&a[s], &c[s], sizeof(a[s])) == 0;
}

// CRC-32 as zlib computes it (reflected 0xEDB88320), bit by bit: independent of the library's.
std::uint32_t crc32(const unsigned char* data, std::size_t size) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) {
    c ^= data[i];
    for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
  }
  return c ^ 0xFFFFFFFFu;
}

void fuzz_checkpoint(const unsigned char* data, std::size_t size, bool fix_crc) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  if (fix_crc && size >= 4) {
    const std::uint32_t c = crc32(data, size - 4);
    for (std::size_t k = 0; k < 4; ++k) bytes[size - 4 + k] = static_cast<char>((c >> (8 * k)) & 0xFFu);
  }
  write_file(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  {
    params p = reference_params();
    try {
      tg::io::load_checkpoint(scratch_file(), p);
    } catch (const tg::io::checkpoint_error& e) {
      expect(same_bits(p, reference_params()), "a failed load changed the parameters");
      expect(std::string_view(e.what()).find(scratch_file().string()) != std::string_view::npos,
             "the message names the file");
    }
  }
  {
    params p = reference_params();
    tg::optim::sgd opt(p, {.lr = 0.1, .momentum = 0.9});
    try {
      tg::io::load_checkpoint(scratch_file(), p, opt);
    } catch (const tg::io::checkpoint_error&) {
      expect(same_bits(p, reference_params()), "a failed load changed the parameters");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const unsigned char mode = data[0] & 3u, options = data[1];
  const unsigned char* rest = data + 2;
  const std::size_t n = size - 2;
  switch (mode) {
    case 0: fuzz_csv(std::string_view(reinterpret_cast<const char*>(rest), n), options); break;
    case 1: fuzz_checkpoint(rest, n, false); break;
    case 2: fuzz_checkpoint(rest, n, true); break;
    default: fuzz_read_csv(rest, n, options); break;
  }
  return 0;
}
