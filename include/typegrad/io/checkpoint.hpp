// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Checkpoints: save_checkpoint(path, params[, optimizer]) writes a model's parameters (and an
// optimizer's state) to a binary file; load_checkpoint(path, params[, optimizer]) reads them
// back bit for bit. The format is docs/checkpoint_format.md, in short (little-endian):
//
//   "TGCKPT\0\1"  u32 version (1)  u32 entry count
//   per entry:    u32 name length, name bytes, u8 dtype (1 f32, 2 f64, 3 u64), u8 rank,
//                 rank x u64 dims, the elements (row-major, raw little-endian)
//   u32 CRC-32 (IEEE, as zlib's crc32) of every byte before it
//
// Parameters are stored under their variable's name ("W0"), optimizer state under "optim/"
// and the optimizer's name for it ("optim/m.W0", "optim/step").
//
// Guarantees. A save writes "<path>.tmp" beside the target, flushes and checks it, then
// renames it over the target: a crash leaves either the old file or the new one, never a
// half-written one (a process crash; surviving a power loss would also need an fsync, which
// standard C++ cannot express). A load reads the whole file and checks everything (magic,
// version, checksum, then each expected entry's name, dtype and shape) before it writes a
// single value: on any error the parameters and the optimizer are untouched. Errors are
// checkpoint_error, whose what() is `file: problem`.

#include <typegrad/tensor/tensor.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <ios>
#include <limits>
#include <map>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

namespace typegrad::io {

//! What went wrong with a checkpoint: checkpoint_error::problem().
//! Example: `if (e.problem() == tg::io::checkpoint_problem::truncated) ...`
enum class checkpoint_problem {
  cannot_open,          //!< load: the file does not exist or cannot be read
  cannot_write,         //!< save: the temporary file cannot be written or renamed
  not_a_checkpoint,     //!< the file does not start with the magic bytes
  unsupported_version,  //!< a format version this build does not read
  truncated,            //!< the file ends before its last entry and checksum
  corrupted,            //!< checksum mismatch, or a malformed entry under a valid checksum
  duplicate_entry,      //!< two entries with one name (in the file, or among the values saved)
  missing_entry,        //!< an expected parameter or optimizer state is not in the file
  unexpected_entry,     //!< the file holds an entry the parameters (or optimizer) do not have
  dtype_mismatch,       //!< an entry's element type differs from the expected one
  shape_mismatch,       //!< an entry's shape differs from the expected one
};

//! A checkpoint that cannot be saved or loaded: what() is `file: problem`.
//! Example: `model.ckpt: shape mismatch for 'W0': the file has [2, 16], expected [2, 8]`
class checkpoint_error : public std::runtime_error {
 public:
  //! Example: `checkpoint_error("m.ckpt", checkpoint_problem::missing_entry, "missing entry 'W1'")`
  checkpoint_error(std::filesystem::path file, checkpoint_problem problem,
                   std::string_view message);
  //! The checkpoint file as given to save_checkpoint or load_checkpoint.
  //! Example: `e.file() == "model.ckpt"`
  const std::filesystem::path& file() const noexcept { return file_; }
  //! What went wrong, for code that handles some problems differently.
  //! Example: `e.problem() == tg::io::checkpoint_problem::missing_entry`
  checkpoint_problem problem() const noexcept { return problem_; }

 private:
  std::filesystem::path file_;
  checkpoint_problem problem_;
};

//! The 8 bytes every checkpoint starts with: "TGCKPT", a zero byte, a one byte.
inline constexpr std::array<unsigned char, 8> checkpoint_magic{'T', 'G', 'C', 'K', 'P', 'T', 0, 1};
//! The format version this build writes and reads.
inline constexpr std::uint32_t checkpoint_version = 1;

//! Saves every value of params (an nn::parameters) under its variable's name, atomically:
//! through "<path>.tmp" renamed over path. Throws checkpoint_error (cannot_write,
//! duplicate_entry); on an error the target is unchanged and no .tmp file remains.
//! Example: `tg::io::save_checkpoint("model.ckpt", p);`
template <class Params>
void save_checkpoint(const std::filesystem::path& path, const Params& params);

//! Saves params and the optimizer's state (its for_each_state entries, under "optim/").
//! Example: `tg::io::save_checkpoint("model.ckpt", p, opt);`
template <class Params, class Optimizer>
void save_checkpoint(const std::filesystem::path& path, const Params& params,
                     const Optimizer& optimizer);

//! Loads every value of params from a checkpoint; optimizer state in the file ("optim/...")
//! is ignored. Every parameter must be in the file with its dtype and shape, and the file
//! must hold no other parameter. Throws checkpoint_error; params is untouched on any error.
//! Example: `tg::io::load_checkpoint("model.ckpt", p);`
template <class Params>
void load_checkpoint(const std::filesystem::path& path, Params& params);

//! Loads params and the optimizer's state; the file must hold exactly these entries.
//! Throws checkpoint_error; params and optimizer are untouched on any error.
//! Example: `tg::io::load_checkpoint("model.ckpt", p, opt);`
template <class Params, class Optimizer>
void load_checkpoint(const std::filesystem::path& path, Params& params, Optimizer& optimizer);

// ---------------------------------------------------------------------------------------------

inline checkpoint_error::checkpoint_error(std::filesystem::path file, checkpoint_problem problem,
                                          std::string_view message)
    : std::runtime_error(file.string() + ": " + std::string(message)),
      file_(std::move(file)),
      problem_(problem) {}

namespace detail::ckpt {

inline constexpr std::uint8_t dtype_f32 = 1;
inline constexpr std::uint8_t dtype_f64 = 2;
inline constexpr std::uint8_t dtype_u64 = 3;
inline constexpr std::string_view optimizer_prefix = "optim/";
// magic, version, entry count
inline constexpr std::size_t header_size = 16;
inline constexpr std::size_t checksum_size = 4;

static_assert(std::numeric_limits<float>::is_iec559 && sizeof(float) == 4,
              "typegrad: checkpoints need IEEE 754 binary32 float");
static_assert(std::numeric_limits<double>::is_iec559 && sizeof(double) == 8,
              "typegrad: checkpoints need IEEE 754 binary64 double");

// CRC-32 as zlib, PNG and gzip compute it (reflected polynomial 0xEDB88320, initial value and
// final xor 0xFFFFFFFF): it detects every error confined to 32 consecutive bits, so every
// corrupted byte.
inline constexpr std::array<std::uint32_t, 256> crc_table = [] {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k)
      c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  return table;
}();

constexpr std::uint32_t crc32(std::span<const unsigned char> bytes) noexcept {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const unsigned char b : bytes)
    c = crc_table[(c ^ b) & 0xFFu] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// The element types a checkpoint stores, with their dtype code and bit pattern type.
template <class E>
struct element;
template <>
struct element<float> {
  static constexpr std::uint8_t code = dtype_f32;
  using bits = std::uint32_t;
};
template <>
struct element<double> {
  static constexpr std::uint8_t code = dtype_f64;
  using bits = std::uint64_t;
};
template <>
struct element<std::uint64_t> {
  static constexpr std::uint8_t code = dtype_u64;
  using bits = std::uint64_t;
};

template <class E>
inline constexpr bool is_element_v =
    std::is_same_v<E, float> || std::is_same_v<E, double> || std::is_same_v<E, std::uint64_t>;

// A value is one element (rank 0) or a tensor of them.
template <class T>
inline constexpr bool is_storable_v = is_element_v<T>;
template <class E, std::size_t... D>
inline constexpr bool is_storable_v<tensor<E, D...>> = is_element_v<E>;

template <class T>
constexpr void check_storable() {
  static_assert(is_storable_v<T>,
                "typegrad: save_checkpoint/load_checkpoint: every value must be a float, a double, "
                "a std::uint64_t or a tg::tensor of float or double");
}

template <class T>
using element_t = typegrad::detail::scalar_of_t<T>;
template <class T>
using shape_t = typegrad::detail::shape_of_t<T>;

template <class T>
constexpr auto* elements_of(T& value) noexcept {
  if constexpr (typegrad::detail::is_tensor_v<std::remove_const_t<T>>) {
    return value.data();
  } else {
    return &value;
  }
}

inline std::string_view dtype_name(std::uint8_t code) noexcept {
  switch (code) {
    case dtype_f32:
      return "f32";
    case dtype_f64:
      return "f64";
    case dtype_u64:
      return "u64";
    default:
      return "?";
  }
}

inline std::size_t dtype_width(std::uint8_t code) noexcept {
  return code == dtype_f32 ? 4 : code == dtype_f64 || code == dtype_u64 ? 8 : 0;
}

// An entry as the caller's values describe it.
struct expected_entry {
  std::string name;
  std::uint8_t dtype = 0;
  std::vector<std::uint64_t> dims;
};

// Whether an Optimizer parameter of the helpers below stands for a real optimizer; they take
// `std::nullptr_t` (possibly const) when there is none.
template <class Optimizer>
inline constexpr bool has_optimizer = !std::is_same_v<std::remove_cv_t<Optimizer>, std::nullptr_t>;

template <class T>
expected_entry describe(std::string name) {
  check_storable<T>();
  expected_entry e{std::move(name), element<element_t<T>>::code, {}};
  for (const std::size_t d : shape_t<T>::dims)
    e.dims.push_back(d);
  return e;
}

// The entries of params, then (with an optimizer) of its state, in the order they are written.
// Optimizer is non-const for a load: the same overload of for_each_state then lists the
// entries and receives the values.
template <class Params, class Optimizer = std::nullptr_t>
std::vector<expected_entry> expected_entries(const Params& params, Optimizer* optimizer = nullptr) {
  std::vector<expected_entry> out;
  params.for_each([&](auto var, const auto& value) {
    out.push_back(describe<std::remove_cvref_t<decltype(value)>>(std::string(var.name)));
  });
  if constexpr (has_optimizer<Optimizer>) {
    optimizer->for_each_state([&](std::string_view name, const auto& value) {
      out.push_back(describe<std::remove_cvref_t<decltype(value)>>(std::string(optimizer_prefix)
                                                                   + std::string(name)));
    });
  }
  return out;
}

// A name for a message: quoted, control and non-ASCII bytes escaped, long ones shortened.
inline std::string quote(std::string_view name) {
  constexpr std::size_t max_shown = 60;
  constexpr char hex[] = "0123456789abcdef";
  std::string out = "'";
  for (std::size_t i = 0; i < name.size() && i < max_shown; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c >= 0x20 && c < 0x7F && c != '\\' && c != '\'') {
      out += static_cast<char>(c);
    } else {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  if (name.size() > max_shown)
    out += "...";
  out += '\'';
  return out;
}

inline std::string hex32(std::uint32_t v) {
  constexpr char digits[] = "0123456789abcdef";
  std::string out = "0x";
  for (int shift = 28; shift >= 0; shift -= 4)
    out += digits[(v >> shift) & 0xFu];
  return out;
}

inline std::string shape_string(std::span<const std::uint64_t> dims) {
  std::string out = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    if (i != 0)
      out += ", ";
    out += std::to_string(dims[i]);
  }
  return out + "]";
}

inline void check_unique(const std::filesystem::path& path,
                         const std::vector<expected_entry>& entries) {
  std::map<std::string_view, std::size_t> seen;
  for (const expected_entry& e : entries) {
    if (!seen.emplace(e.name, 0).second)
      throw checkpoint_error(
          path, checkpoint_problem::duplicate_entry,
          "two values are named " + quote(e.name) + " (entry names must be unique)");
  }
}

// The bytes of a checkpoint, little-endian whatever the host.
class byte_writer {
 public:
  explicit byte_writer(std::size_t capacity) { bytes_.reserve(capacity); }
  void u8(std::uint8_t v) { bytes_.push_back(v); }
  void u32(std::uint32_t v) { put(v, 4); }
  void u64(std::uint64_t v) { put(v, 8); }
  void text(std::string_view s) { bytes_.insert(bytes_.end(), s.begin(), s.end()); }
  template <class E>
  void elements(const E* p, std::size_t n) {
    using bits = typename element<E>::bits;
    for (std::size_t i = 0; i < n; ++i)
      put(std::bit_cast<bits>(p[i]), sizeof(bits));
  }
  std::vector<unsigned char>& bytes() noexcept { return bytes_; }

 private:
  void put(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i)
      bytes_.push_back(static_cast<unsigned char>(v >> (8 * i)));
  }
  std::vector<unsigned char> bytes_;
};

constexpr std::uint64_t read_le(const unsigned char* p, std::size_t n) noexcept {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v |= std::uint64_t{p[i]} << (8 * i);
  return v;
}

template <class Params, class Optimizer = std::nullptr_t>
std::vector<unsigned char> encode(const std::filesystem::path& path, const Params& params,
                                  const Optimizer* optimizer = nullptr) {
  const std::vector<expected_entry> entries = expected_entries(params, optimizer);
  check_unique(path, entries);
  if (entries.size() > std::numeric_limits<std::uint32_t>::max())
    throw checkpoint_error(path, checkpoint_problem::cannot_write,
                           "too many entries for the format");
  std::size_t size = header_size + checksum_size;
  for (const expected_entry& e : entries) {
    if (e.name.size() > std::numeric_limits<std::uint32_t>::max())
      throw checkpoint_error(path, checkpoint_problem::cannot_write,
                             "a name is too long for the format");
    std::size_t n = 1;
    for (const std::uint64_t d : e.dims)
      n *= d;
    size += 4 + e.name.size() + 2 + 8 * e.dims.size() + n * dtype_width(e.dtype);
  }

  byte_writer out(size);
  out.text(std::string_view(reinterpret_cast<const char*>(checkpoint_magic.data()),
                            checkpoint_magic.size()));
  out.u32(checkpoint_version);
  out.u32(static_cast<std::uint32_t>(entries.size()));
  std::size_t i = 0;
  const auto put = [&](const auto& value) {
    using T = std::remove_cvref_t<decltype(value)>;
    const expected_entry& e = entries[i++];
    out.u32(static_cast<std::uint32_t>(e.name.size()));
    out.text(e.name);
    out.u8(e.dtype);
    out.u8(static_cast<std::uint8_t>(e.dims.size()));
    for (const std::uint64_t d : e.dims)
      out.u64(d);
    out.elements(elements_of(value), shape_t<T>::size);
  };
  params.for_each([&](auto, const auto& value) { put(value); });
  if constexpr (has_optimizer<Optimizer>) {
    optimizer->for_each_state([&](std::string_view, const auto& value) { put(value); });
  }
  out.u32(crc32(out.bytes()));
  return std::move(out.bytes());
}

inline void write_atomically(const std::filesystem::path& path,
                             const std::vector<unsigned char>& bytes) {
  std::filesystem::path tmp = path;
  tmp += ".tmp";
  const auto fail = [&](const std::string& message) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw checkpoint_error(path, checkpoint_problem::cannot_write, message);
  };
  bool written = false;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      std::error_code ec;
      const std::filesystem::path dir = tmp.parent_path();
      const bool no_dir = !dir.empty() && !std::filesystem::is_directory(dir, ec);
      fail("cannot create the temporary file " + tmp.string()
           + (no_dir ? " (no such directory)" : ""));
    }
    out.write(reinterpret_cast<const char*>(bytes.data()),
              static_cast<std::streamsize>(bytes.size()));
    out.flush();
    written = static_cast<bool>(out);
    out.close();  // before a removal in fail(), which some systems refuse for an open file
    written = written && !out.fail();
  }
  if (!written)
    fail("cannot write the temporary file " + tmp.string());
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec)
    fail("cannot rename " + tmp.string() + " over it: " + ec.message());
}

inline std::vector<unsigned char> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw checkpoint_error(path, checkpoint_problem::cannot_open, "cannot open: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const bool missing = !std::filesystem::exists(path, ec) && !ec;
    throw checkpoint_error(path, checkpoint_problem::cannot_open,
                           missing ? "cannot open: no such file" : "cannot open");
  }
  std::vector<unsigned char> bytes;
  std::array<char, 1 << 16> chunk;
  while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
    const auto n = static_cast<std::size_t>(in.gcount());
    bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(n));
  }
  if (in.bad())
    throw checkpoint_error(path, checkpoint_problem::cannot_open, "cannot read");
  return bytes;
}

// An entry as the file describes it; its elements start at data.
struct file_entry {
  std::string_view name;
  std::uint8_t dtype = 0;
  std::vector<std::uint64_t> dims;
  std::size_t data = 0;
};

// The entries between the header and body_end (where the checksum starts), or the reason
// they do not fit. Every length is checked against the bytes left before it is used, so any
// input is safe to walk.
struct walk_result {
  std::vector<file_entry> entries;
  checkpoint_problem problem = checkpoint_problem::corrupted;
  std::string message;  // empty: the walk succeeded
};

inline walk_result walk(std::span<const unsigned char> bytes) {
  walk_result r;
  const std::size_t body_end = bytes.size() - checksum_size;
  const auto count = static_cast<std::uint32_t>(read_le(bytes.data() + 12, 4));
  std::size_t pos = header_size;
  for (std::uint32_t i = 0; i < count; ++i) {
    file_entry e;
    bool named = false;
    // Whether n more bytes, holding `what`, are there; if not, r says where the file ends.
    const auto fits = [&](std::uint64_t n, std::string_view what) {
      if (n <= body_end - pos)
        return true;
      r.problem = checkpoint_problem::truncated;
      r.message = "the file has " + std::to_string(bytes.size()) + " bytes, but entry "
                  + std::to_string(i + 1) + " of " + std::to_string(count)
                  + (named ? " (" + quote(e.name) + ")" : std::string()) + " needs "
                  + std::to_string(n) + " bytes for " + std::string(what) + " from byte "
                  + std::to_string(pos) + ", then the 4-byte checksum";
      return false;
    };
    if (!fits(4, "its name length"))
      return r;
    const std::uint64_t name_size = read_le(bytes.data() + pos, 4);
    pos += 4;
    if (!fits(name_size, "its name"))
      return r;
    e.name = std::string_view(reinterpret_cast<const char*>(bytes.data() + pos), name_size);
    named = true;
    pos += name_size;
    if (!fits(2, "its dtype and rank"))
      return r;
    e.dtype = bytes[pos];
    const std::size_t rank = bytes[pos + 1];
    pos += 2;
    const std::size_t width = dtype_width(e.dtype);
    if (width == 0) {
      r.message = "entry " + std::to_string(i + 1) + " (" + quote(e.name)
                  + ") has the unknown dtype code " + std::to_string(e.dtype) + " at byte "
                  + std::to_string(pos - 2);
      return r;
    }
    if (!fits(8 * rank, "its dims"))
      return r;
    // The byte count of the data, saturated: past body_end it is reported as truncation.
    std::uint64_t n = width;
    for (std::size_t k = 0; k < rank; ++k) {
      const std::uint64_t d = read_le(bytes.data() + pos + 8 * k, 8);
      e.dims.push_back(d);
      n = d != 0 && n > std::numeric_limits<std::uint64_t>::max() / d
              ? std::numeric_limits<std::uint64_t>::max()
              : n * d;
    }
    pos += 8 * rank;
    if (!fits(n,
              "its data (" + std::string(dtype_name(e.dtype)) + " " + shape_string(e.dims) + ")"))
      return r;
    e.data = pos;
    pos += n;
    r.entries.push_back(std::move(e));
  }
  if (pos != body_end) {
    r.message = "the last entry ends at byte " + std::to_string(pos)
                + ", but the checksum starts at byte " + std::to_string(body_end);
  }
  return r;
}

// The file's entries, after every check of the file on its own (magic, version, size,
// checksum, structure). Names are views into bytes.
inline std::vector<file_entry> parse(const std::filesystem::path& path,
                                     std::span<const unsigned char> bytes) {
  const auto error = [&](checkpoint_problem problem, const std::string& message) {
    return checkpoint_error(path, problem, message);
  };
  const std::size_t size = bytes.size();
  const std::string has = "the file has " + std::to_string(size) + " bytes";
  if (size == 0)
    throw error(checkpoint_problem::truncated, "truncated: the file is empty");
  const std::size_t magic_seen = std::min(size, checkpoint_magic.size());
  if (!std::equal(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(magic_seen),
                  checkpoint_magic.begin()))
    throw error(checkpoint_problem::not_a_checkpoint,
                "not a typegrad checkpoint (it does not start with the magic bytes TGCKPT\\0\\1)");
  if (size < 12)
    throw error(checkpoint_problem::truncated, "truncated: " + has + ", the header alone needs 16");
  const std::uint64_t version = read_le(bytes.data() + 8, 4);
  if (version != checkpoint_version)
    throw error(checkpoint_problem::unsupported_version,
                "unsupported format version " + std::to_string(version)
                    + " (this build reads version " + std::to_string(checkpoint_version) + ")");
  if (size < header_size + checksum_size)
    throw error(checkpoint_problem::truncated, "truncated: " + has
                                                   + ", the header and checksum alone need "
                                                   + std::to_string(header_size + checksum_size));

  walk_result walked = walk(bytes);
  const auto stored = static_cast<std::uint32_t>(read_le(bytes.data() + size - checksum_size, 4));
  const std::uint32_t computed = crc32(bytes.first(size - checksum_size));
  if (stored != computed) {
    // A cut-off file fails the checksum too; the walk says where it was cut.
    if (walked.problem == checkpoint_problem::truncated)
      throw error(walked.problem, "truncated: " + walked.message);
    throw error(checkpoint_problem::corrupted,
                "checksum mismatch: the file is corrupted (stored CRC-32 " + hex32(stored)
                    + ", computed " + hex32(computed) + ")");
  }
  if (!walked.message.empty())
    throw error(checkpoint_problem::corrupted, "malformed checkpoint: " + walked.message);
  std::map<std::string_view, std::size_t> seen;
  for (const file_entry& e : walked.entries) {
    if (!seen.emplace(e.name, 0).second)
      throw error(checkpoint_problem::duplicate_entry,
                  "the file holds two entries named " + quote(e.name));
  }
  return std::move(walked.entries);
}

// For each expected entry, the file's entry of that name, after checking dtype and shape and
// that the file holds nothing else (but optimizer state, ignored when no optimizer is loaded).
inline std::vector<const file_entry*> match(const std::filesystem::path& path,
                                            const std::vector<file_entry>& file,
                                            const std::vector<expected_entry>& expected,
                                            bool with_optimizer) {
  std::map<std::string_view, const file_entry*> by_name;
  for (const file_entry& e : file)
    by_name.emplace(e.name, &e);
  std::vector<const file_entry*> matched;
  std::vector<bool> used(file.size(), false);
  for (const expected_entry& want : expected) {
    const auto it = by_name.find(want.name);
    if (it == by_name.end()) {
      std::string names;
      constexpr std::size_t max_listed = 8;
      for (std::size_t i = 0; i < file.size() && i < max_listed; ++i)
        names += (i == 0 ? "" : ", ") + quote(file[i].name);
      if (file.size() > max_listed)
        names += ", ...";
      const bool no_state = std::string_view(want.name).starts_with(optimizer_prefix)
                            && std::none_of(file.begin(), file.end(), [](const file_entry& e) {
                                 return e.name.starts_with(optimizer_prefix);
                               });
      throw checkpoint_error(
          path, checkpoint_problem::missing_entry,
          "missing entry " + quote(want.name)
              + (no_state ? " (the file holds no optimizer state)"
                          : " (the file has " + std::to_string(file.size()) + " entries"
                                + (file.empty() ? "" : ": " + names) + ")"));
    }
    const file_entry& got = *it->second;
    if (got.dtype != want.dtype)
      throw checkpoint_error(path, checkpoint_problem::dtype_mismatch,
                             "dtype mismatch for " + quote(want.name) + ": the file has "
                                 + std::string(dtype_name(got.dtype)) + ", expected "
                                 + std::string(dtype_name(want.dtype)));
    if (got.dims != want.dims)
      throw checkpoint_error(path, checkpoint_problem::shape_mismatch,
                             "shape mismatch for " + quote(want.name) + ": the file has "
                                 + shape_string(got.dims) + ", expected "
                                 + shape_string(want.dims));
    matched.push_back(&got);
    used[static_cast<std::size_t>(&got - file.data())] = true;
  }
  for (std::size_t i = 0; i < file.size(); ++i) {
    const file_entry& e = file[i];
    const bool state = e.name.starts_with(optimizer_prefix);
    if (used[i] || (!with_optimizer && state))
      continue;
    throw checkpoint_error(
        path, checkpoint_problem::unexpected_entry,
        "unexpected entry " + quote(e.name) + " (" + std::string(dtype_name(e.dtype)) + " "
            + shape_string(e.dims)
            + "): " + (state ? "not in the optimizer's state" : "not one of the parameters"));
  }
  return matched;
}

// Copies an entry's elements into value; the entry was matched, so its dtype and shape fit.
template <class T>
void decode(std::span<const unsigned char> bytes, const file_entry& e, T& value) noexcept {
  using E = element_t<T>;
  using bits = typename element<E>::bits;
  E* out = elements_of(value);
  const unsigned char* in = bytes.data() + e.data;
  for (std::size_t i = 0; i < shape_t<T>::size; ++i, in += sizeof(bits))
    out[i] = std::bit_cast<E>(static_cast<bits>(read_le(in, sizeof(bits))));
}

template <class Params, class Optimizer = std::nullptr_t>
void load(const std::filesystem::path& path, Params& params, Optimizer* optimizer = nullptr) {
  const std::vector<unsigned char> bytes = read_file(path);
  const std::vector<file_entry> file = parse(path, bytes);
  const std::vector<expected_entry> expected = expected_entries(params, optimizer);
  check_unique(path, expected);
  const std::vector<const file_entry*> matched =
      match(path, file, expected, has_optimizer<Optimizer>);
  // Everything matched: from here nothing can fail, so the values are written only now,
  // straight into place (no copy of a large model is needed for the all-or-nothing rule).
  std::size_t i = 0;
  params.for_each([&](auto, auto& value) { decode(bytes, *matched[i++], value); });
  if constexpr (has_optimizer<Optimizer>) {
    optimizer->for_each_state(
        [&](std::string_view, auto& value) { decode(bytes, *matched[i++], value); });
  }
}

}  // namespace detail::ckpt

template <class Params>
void save_checkpoint(const std::filesystem::path& path, const Params& params) {
  detail::ckpt::write_atomically(path, detail::ckpt::encode(path, params));
}

template <class Params, class Optimizer>
void save_checkpoint(const std::filesystem::path& path, const Params& params,
                     const Optimizer& optimizer) {
  detail::ckpt::write_atomically(path, detail::ckpt::encode(path, params, &optimizer));
}

template <class Params>
void load_checkpoint(const std::filesystem::path& path, Params& params) {
  detail::ckpt::load(path, params);
}

template <class Params, class Optimizer>
void load_checkpoint(const std::filesystem::path& path, Params& params, Optimizer& optimizer) {
  detail::ckpt::load(path, params, &optimizer);
}

}  // namespace typegrad::io
