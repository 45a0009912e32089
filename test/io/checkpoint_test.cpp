// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/io/checkpoint.hpp>
#include <typegrad/nn/parameters.hpp>
#include <typegrad/optim/optim.hpp>
#include <typegrad/typegrad.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

namespace {

namespace tg = typegrad;
namespace io = typegrad::io;
namespace fs = std::filesystem;
using problem = io::checkpoint_problem;

// A fresh directory under the system's temporary directory, removed with everything in it at
// the end of the scope.
class temp_dir {
 public:
  temp_dir() {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    path_ = fs::temp_directory_path()
            / ("typegrad_checkpoint_test_" + std::to_string(stamp) + "_"
               + std::to_string(std::random_device{}()));
    fs::create_directories(path_);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  fs::path operator/(std::string_view name) const { return path_ / name; }
  const fs::path& path() const { return path_; }
  // The names of the files in the directory, sorted.
  std::vector<std::string> files() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_))
      out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path path_;
};

std::vector<unsigned char> read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& path, const std::vector<unsigned char>& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

// Replaces the last four bytes by the CRC-32 of the rest, so that a deliberately malformed
// file passes the checksum and reaches the structural checks.
void reseal(std::vector<unsigned char>& bytes) {
  const std::uint32_t crc = io::detail::ckpt::crc32(std::span(bytes).first(bytes.size() - 4));
  for (std::size_t i = 0; i < 4; ++i)
    bytes[bytes.size() - 4 + i] = static_cast<unsigned char>(crc >> (8 * i));
}

// splitmix64: deterministic bit patterns for the values.
struct bit_source {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
  }
};

// Special values first (NaNs with payloads, signalling NaNs, -0, subnormals, infinities,
// extremes), then arbitrary bit patterns: a bit-exact round trip must keep all of them.
template <class E>
E special_or_random(std::size_t i, bit_source& bits) {
  if constexpr (std::is_same_v<E, double>) {
    constexpr std::uint64_t special[] = {
        0x7FF8'0000'DEAD'BEEFu,  // quiet NaN with a payload
        0x7FF0'0000'0000'1234u,  // signalling NaN with a payload
        0xFFF8'0000'0000'0001u,  // negative quiet NaN
        0x8000'0000'0000'0000u,  // -0.0
        0x0000'0000'0000'0001u,  // the smallest subnormal
        0x800F'FFFF'FFFF'FFFFu,  // the largest negative subnormal
        0x7FF0'0000'0000'0000u,  // +inf
        0xFFF0'0000'0000'0000u,  // -inf
        0x7FEF'FFFF'FFFF'FFFFu,  // max
        0x3FF0'0000'0000'0001u,  // 1 + eps
    };
    return std::bit_cast<double>(i < std::size(special) ? special[i] : bits.next());
  } else {
    constexpr std::uint32_t special[] = {
        0x7FC1'2345u,  // quiet NaN with a payload
        0x7FA0'0001u,  // signalling NaN with a payload
        0xFFC0'0001u,  // negative quiet NaN
        0x8000'0000u,  // -0.0f
        0x0000'0001u,  // the smallest subnormal
        0x807F'FFFFu,  // the largest negative subnormal
        0x7F80'0000u,  // +inf
        0xFF80'0000u,  // -inf
        0x7F7F'FFFFu,  // max
        0x3F80'0001u,  // 1 + eps
    };
    return std::bit_cast<float>(i < std::size(special) ? special[i]
                                                       : static_cast<std::uint32_t>(bits.next()));
  }
}

template <class T>
void fill_bits(T& value, bit_source& bits) {
  auto* p = io::detail::ckpt::elements_of(value);
  for (std::size_t i = 0; i < tg::detail::shape_of_t<T>::size; ++i) {
    using E = std::remove_cvref_t<decltype(*p)>;
    if constexpr (std::is_same_v<E, std::uint64_t>) {
      p[i] = bits.next();
    } else {
      p[i] = special_or_random<E>(i, bits);
    }
  }
}

// Every element's bit pattern, in order: two objects hold the same bits iff these are equal
// (== on floating values would fail on NaN and pass on -0.0 == 0.0).
struct bit_list {
  std::vector<std::uint64_t> bits;
  template <class T>
  void add(const T& value) {
    const auto* p = io::detail::ckpt::elements_of(value);
    for (std::size_t i = 0; i < tg::detail::shape_of_t<T>::size; ++i) {
      using E = std::remove_cvref_t<decltype(*p)>;
      if constexpr (std::is_same_v<E, float>) {
        bits.push_back(std::bit_cast<std::uint32_t>(p[i]));
      } else {
        bits.push_back(std::bit_cast<std::uint64_t>(p[i]));
      }
    }
  }
  friend bool operator==(const bit_list&, const bit_list&) = default;
};

template <class P>
bit_list bits_of(const P& params) {
  bit_list out;
  params.for_each([&](auto, const auto& v) { out.add(v); });
  return out;
}

template <class P>
void randomize(P& params, std::uint64_t seed) {
  bit_source bits{seed};
  params.for_each([&](auto, auto& v) { fill_bits(v, bits); });
}

// An optimizer as the optimizers of tg::optim present their state to checkpoints:
// for_each_state(f) calls f(name, value&) for a step count, numbers and per-parameter tensors.
template <class P>
struct fake_optimizer {
  P m{}, v{};
  std::uint64_t step = 0;
  double lr = 0;
  float beta = 0;

  template <class F>
  void for_each_state(F&& f) {
    each(*this, f);
  }
  template <class F>
  void for_each_state(F&& f) const {
    each(*this, f);
  }

 private:
  template <class Self, class F>
  static void each(Self& self, F& f) {
    f(std::string_view("step"), self.step);
    f(std::string_view("lr"), self.lr);
    f(std::string_view("beta"), self.beta);
    self.m.for_each(
        [&](auto var, auto& x) { f(std::string_view("m." + std::string(var.name)), x); });
    self.v.for_each(
        [&](auto var, auto& x) { f(std::string_view("v." + std::string(var.name)), x); });
  }
};

template <class O>
bit_list state_bits(const O& opt) {
  bit_list out;
  opt.for_each_state([&](std::string_view, const auto& v) { out.add(v); });
  return out;
}

template <class O>
void randomize_state(O& opt, std::uint64_t seed) {
  bit_source bits{seed};
  opt.for_each_state([&](std::string_view, auto& v) { fill_bits(v, bits); });
}

// The network the tests save: a 2-8-1 MLP's variables and a scalar temperature.
template <class R>
struct net {
  static constexpr auto W0 = tg::var<"W0", tg::matrix<R, 2, 8>>;
  static constexpr auto b0 = tg::var<"b0", tg::vector<R, 8>>;
  static constexpr auto W1 = tg::var<"W1", tg::matrix<R, 8, 1>>;
  static constexpr auto b1 = tg::var<"b1", tg::vector<R, 1>>;
  static constexpr auto t = tg::var<"t", R>;
  using params =
      tg::nn::parameters<decltype(W0), decltype(b0), decltype(W1), decltype(b1), decltype(t)>;
};
using net_d = net<double>;
using net_f = net<float>;

// Other optimizers' state, for the tests of mismatched checkpoints.
struct step_only {
  std::uint64_t step = 0;
  template <class F>
  void for_each_state(F&& f) const {
    f(std::string_view("step"), step);
  }
};
struct other_optimizer {
  double mu = 0.5;
  template <class F>
  void for_each_state(F&& f) const {
    f(std::string_view("mu"), mu);
  }
};
struct bigger_optimizer {
  fake_optimizer<net_d::params> inner;
  double extra = 1;
  template <class F>
  void for_each_state(F&& f) const {
    inner.for_each_state(f);
    f(std::string_view("extra"), extra);
  }
};

// The checkpoint_error that loading throws; fails the test when none is thrown.
template <class... Target>
io::checkpoint_error load_error(const fs::path& path, Target&... target) {
  try {
    io::load_checkpoint(path, target...);
  } catch (const io::checkpoint_error& e) {
    return e;
  }
  FAIL("no checkpoint_error loading " << path);
  return io::checkpoint_error(path, problem::corrupted, "");
}

// Loading path fails with this problem and this message after the file name, leaving params
// untouched.
template <class P>
void check_rejected(const fs::path& path, P& params, problem expected, std::string_view message) {
  const bit_list before = bits_of(params);
  const io::checkpoint_error e = load_error(path, params);
  CHECK(e.problem() == expected);
  CHECK(e.file() == path);
  CHECK(std::string_view(e.what()) == path.string() + ": " + std::string(message));
  CHECK(bits_of(params) == before);
}

TEST_CASE("checkpoint crc32 agrees with zlib") {
  constexpr std::string_view check = "123456789";
  const auto* p = reinterpret_cast<const unsigned char*>(check.data());
  CHECK(io::detail::ckpt::crc32(std::span(p, check.size())) == 0xCBF43926u);
  static_assert(io::detail::ckpt::crc32({}) == 0);
}

TEST_CASE("checkpoint round trip is bit-exact for double parameters") {
  temp_dir dir;
  const fs::path path = dir / "net.ckpt";
  net_d::params saved;
  randomize(saved, 1);
  io::save_checkpoint(path, saved);

  net_d::params loaded;
  randomize(loaded, 2);
  REQUIRE(bits_of(loaded) != bits_of(saved));
  io::load_checkpoint(path, loaded);
  CHECK(bits_of(loaded) == bits_of(saved));
  CHECK(std::signbit(loaded[net_d::W0](0, 3)));  // -0.0 kept its sign
  CHECK(std::bit_cast<std::uint64_t>(loaded[net_d::W0](0, 1))
        == 0x7FF0'0000'0000'1234u);  // signalling NaN

  // header 16, entries (name length 4 + name + dtype 1 + rank 1 + 8 per dim + data), CRC 4
  const std::size_t size = 16 + (4 + 2 + 2 + 16 + 8 * 16) + (4 + 2 + 2 + 8 + 8 * 8)
                           + (4 + 2 + 2 + 16 + 8 * 8) + (4 + 2 + 2 + 8 + 8) + (4 + 1 + 2 + 0 + 8)
                           + 4;
  CHECK(fs::file_size(path) == size);
}

TEST_CASE("checkpoint round trip is bit-exact for float parameters") {
  temp_dir dir;
  const fs::path path = dir / "net.ckpt";
  net_f::params saved;
  randomize(saved, 3);
  io::save_checkpoint(path, saved);
  net_f::params loaded;
  io::load_checkpoint(path, loaded);
  CHECK(bits_of(loaded) == bits_of(saved));
  CHECK(std::bit_cast<std::uint32_t>(loaded[net_f::b0][1]) == 0x7FA0'0001u);  // signalling NaN
  CHECK(std::bit_cast<std::uint32_t>(loaded[net_f::t]) == 0x7FC1'2345u);      // scalar: rank 0
}

TEST_CASE("checkpoint round trip is bit-exact for parameters and optimizer state") {
  temp_dir dir;
  const fs::path path = dir / "net.ckpt";
  net_d::params saved;
  fake_optimizer<net_d::params> saved_opt;
  randomize(saved, 4);
  randomize_state(saved_opt, 5);
  saved_opt.step = std::numeric_limits<std::uint64_t>::max() - 1;
  io::save_checkpoint(path, saved, saved_opt);

  net_d::params loaded;
  fake_optimizer<net_d::params> loaded_opt;
  io::load_checkpoint(path, loaded, loaded_opt);
  CHECK(bits_of(loaded) == bits_of(saved));
  CHECK(state_bits(loaded_opt) == state_bits(saved_opt));
  CHECK(loaded_opt.step == std::numeric_limits<std::uint64_t>::max() - 1);

  // The parameters alone load from it too: the optimizer's state is skipped.
  net_d::params params_only;
  io::load_checkpoint(path, params_only);
  CHECK(bits_of(params_only) == bits_of(saved));
}

TEST_CASE("checkpoint bytes are as the format document shows") {
  temp_dir dir;
  const fs::path path = dir / "tiny.ckpt";
  constexpr auto x = tg::var<"x">;
  constexpr auto v = tg::var<"v", tg::vector<float, 2>>;
  tg::nn::parameters<decltype(x), decltype(v)> p;
  p[x] = 1.5;
  p[v] = {1.0f, -2.0f};
  const step_only opt{3};
  io::save_checkpoint(path, p, opt);
  // The example in docs/checkpoint_format.md; its CRC-32 agrees with Python's zlib.crc32.
  // clang-format off
  const std::vector<unsigned char> expected = {
      0x54, 0x47, 0x43, 0x4B, 0x50, 0x54, 0x00, 0x01,  // magic "TGCKPT\0\1"
      0x01, 0x00, 0x00, 0x00,                          // version 1
      0x03, 0x00, 0x00, 0x00,                          // 3 entries
      0x01, 0x00, 0x00, 0x00, 0x78,                    // name "x"
      0x02, 0x00,                                      // f64, rank 0
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F,  // 1.5
      0x01, 0x00, 0x00, 0x00, 0x76,                    // name "v"
      0x01, 0x01,                                      // f32, rank 1
      0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // dims [2]
      0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0xC0,  // 1.0f, -2.0f
      0x0A, 0x00, 0x00, 0x00,                          // name "optim/step"
      0x6F, 0x70, 0x74, 0x69, 0x6D, 0x2F, 0x73, 0x74, 0x65, 0x70,
      0x03, 0x00,                                      // u64, rank 0
      0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,  // 3
      0xA7, 0xDA, 0x2C, 0x26,                          // CRC-32 0x262CDAA7
  };
  // clang-format on
  CHECK(read_bytes(path) == expected);
}

TEST_CASE("checkpoint of another network is rejected and params stay untouched") {
  temp_dir dir;
  net_d::params params;
  randomize(params, 6);

  SUBCASE("different shapes") {
    constexpr auto W0 = tg::var<"W0", tg::matrix<double, 2, 16>>;
    constexpr auto b0 = tg::var<"b0", tg::vector<double, 16>>;
    constexpr auto W1 = tg::var<"W1", tg::matrix<double, 16, 1>>;
    tg::nn::parameters<decltype(W0), decltype(b0), decltype(W1), decltype(net_d::b1),
                       decltype(net_d::t)>
        other;
    io::save_checkpoint(dir / "wide.ckpt", other);
    check_rejected(dir / "wide.ckpt", params, problem::shape_mismatch,
                   "shape mismatch for 'W0': the file has [2, 16], expected [2, 8]");
  }
  SUBCASE("a scalar where a tensor is expected") {
    constexpr auto b1 = tg::var<"b1">;
    tg::nn::parameters<decltype(net_d::W0), decltype(net_d::b0), decltype(net_d::W1), decltype(b1),
                       decltype(net_d::t)>
        other;
    io::save_checkpoint(dir / "scalar.ckpt", other);
    check_rejected(dir / "scalar.ckpt", params, problem::shape_mismatch,
                   "shape mismatch for 'b1': the file has [], expected [1]");
  }
  SUBCASE("different names") {
    constexpr auto V0 = tg::var<"V0", tg::matrix<double, 2, 8>>;
    tg::nn::parameters<decltype(V0), decltype(net_d::b0), decltype(net_d::W1), decltype(net_d::b1),
                       decltype(net_d::t)>
        other;
    io::save_checkpoint(dir / "renamed.ckpt", other);
    check_rejected(dir / "renamed.ckpt", params, problem::missing_entry,
                   "missing entry 'W0' (the file has 5 entries: 'V0', 'b0', 'W1', 'b1', 't')");
  }
  SUBCASE("fewer parameters") {
    tg::nn::parameters<decltype(net_d::W0), decltype(net_d::b0)> other;
    io::save_checkpoint(dir / "fewer.ckpt", other);
    check_rejected(dir / "fewer.ckpt", params, problem::missing_entry,
                   "missing entry 'W1' (the file has 2 entries: 'W0', 'b0')");
  }
  SUBCASE("more parameters") {
    constexpr auto W2 = tg::var<"W2", tg::matrix<double, 1, 3>>;
    tg::nn::parameters<decltype(net_d::W0), decltype(net_d::b0), decltype(net_d::W1),
                       decltype(net_d::b1), decltype(net_d::t), decltype(W2)>
        other;
    io::save_checkpoint(dir / "more.ckpt", other);
    check_rejected(dir / "more.ckpt", params, problem::unexpected_entry,
                   "unexpected entry 'W2' (f64 [1, 3]): not one of the parameters");
  }
  SUBCASE("float parameters where double ones are expected") {
    net_f::params other;
    io::save_checkpoint(dir / "float.ckpt", other);
    check_rejected(dir / "float.ckpt", params, problem::dtype_mismatch,
                   "dtype mismatch for 'W0': the file has f32, expected f64");
  }
  SUBCASE("another optimizer's state") {
    fake_optimizer<net_d::params> opt;
    randomize_state(opt, 7);
    const bit_list opt_before = state_bits(opt);
    const bit_list before = bits_of(params);
    io::save_checkpoint(dir / "sgd.ckpt", net_d::params{}, other_optimizer{});
    io::checkpoint_error e = load_error(dir / "sgd.ckpt", params, opt);
    CHECK(e.problem() == problem::missing_entry);
    CHECK(std::string_view(e.what()).starts_with((dir / "sgd.ckpt").string()
                                                 + ": missing entry 'optim/step'"));
    // Saved without an optimizer: the message says so.
    io::save_checkpoint(dir / "plain.ckpt", net_d::params{});
    e = load_error(dir / "plain.ckpt", params, opt);
    CHECK(e.problem() == problem::missing_entry);
    CHECK(std::string_view(e.what())
          == (dir / "plain.ckpt").string()
                 + ": missing entry 'optim/step' (the file holds no optimizer state)");
    // State the optimizer does not have.
    io::save_checkpoint(dir / "bigger.ckpt", net_d::params{}, bigger_optimizer{});
    e = load_error(dir / "bigger.ckpt", params, opt);
    CHECK(e.problem() == problem::unexpected_entry);
    CHECK(std::string_view(e.what())
          == (dir / "bigger.ckpt").string()
                 + ": unexpected entry 'optim/extra' (f64 []): not in the optimizer's state");
    CHECK(bits_of(params) == before);
    CHECK(state_bits(opt) == opt_before);
  }
}

// A small checkpoint with parameters and optimizer state, and objects to load it into whose
// values differ from the saved ones.
struct small_case {
  static constexpr auto w = tg::var<"w", tg::vector<double, 2>>;
  static constexpr auto s = tg::var<"s", float>;
  using params = tg::nn::parameters<decltype(w), decltype(s)>;
  struct optimizer {
    std::uint64_t step = 0;
    tg::vector<double, 2> m{};
    template <class F>
    void for_each_state(F&& f) {
      f(std::string_view("step"), step);
      f(std::string_view("m.w"), m);
    }
    template <class F>
    void for_each_state(F&& f) const {
      f(std::string_view("step"), step);
      f(std::string_view("m.w"), m);
    }
  };

  temp_dir dir;
  fs::path path = dir / "small.ckpt";
  std::vector<unsigned char> bytes;
  params p;
  optimizer opt;
  bit_list p_before, opt_before;

  small_case() {
    params saved;
    saved[w] = {1.0, -0.0};
    saved[s] = 2.5f;
    const optimizer saved_opt{7, {0.25, -0.5}};
    io::save_checkpoint(path, saved, saved_opt);
    bytes = read_bytes(path);
    p[w] = {9.0, 9.0};
    p[s] = 9.0f;
    opt = {9, {9.0, 9.0}};
    p_before = bits_of(p);
    opt_before = state_bits(opt);
  }

  // Loads `file` into p and opt, expecting a checkpoint_error that leaves them untouched.
  io::checkpoint_error reject(const std::vector<unsigned char>& file) {
    write_bytes(path, file);
    io::checkpoint_error e = load_error(path, p, opt);
    CHECK(bits_of(p) == p_before);
    CHECK(state_bits(opt) == opt_before);
    CHECK(std::string_view(e.what()).starts_with(path.string() + ": "));
    return e;
  }
};

TEST_CASE("checkpoint truncated at every length is rejected") {
  small_case c;
  REQUIRE(c.bytes.size()
          == 16 + (4 + 1 + 2 + 8 + 16) + (4 + 1 + 2 + 4) + (4 + 10 + 2 + 8) + (4 + 9 + 2 + 8 + 16)
                 + 4);
  for (std::size_t n = 0; n < c.bytes.size(); ++n) {
    CAPTURE(n);
    const io::checkpoint_error e =
        c.reject({c.bytes.begin(), c.bytes.begin() + static_cast<std::ptrdiff_t>(n)});
    CHECK(e.problem() == problem::truncated);
  }
  // Where it was cut: inside the data of the last entry.
  const std::size_t cut = c.bytes.size() - 6;
  const io::checkpoint_error e =
      c.reject({c.bytes.begin(), c.bytes.begin() + static_cast<std::ptrdiff_t>(cut)});
  CHECK(std::string_view(e.what())
        == c.path.string() + ": truncated: the file has " + std::to_string(cut)
               + " bytes, but entry 4 of 4 ('optim/m.w') needs 16 bytes for its data (f64 [2])"
               + " from byte " + std::to_string(cut - 14) + ", then the 4-byte checksum");
  CHECK(std::string_view(c.reject({}).what())
        == c.path.string() + ": truncated: the file is empty");
  // The intact file still loads.
  write_bytes(c.path, c.bytes);
  io::load_checkpoint(c.path, c.p, c.opt);
  CHECK(c.opt.step == 7);
}

TEST_CASE("checkpoint with one corrupted byte anywhere is rejected") {
  small_case c;
  for (std::size_t i = 0; i < c.bytes.size(); ++i) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      CAPTURE(i);
      CAPTURE(int{flip});
      std::vector<unsigned char> corrupted = c.bytes;
      corrupted[i] ^= flip;
      const io::checkpoint_error e = c.reject(corrupted);
      if (i < 8) {
        CHECK(e.problem() == problem::not_a_checkpoint);
      } else if (i < 12) {
        CHECK(e.problem() == problem::unsupported_version);
      } else {
        // A changed length can make the entries run past the end: reported as truncation.
        CHECK((e.problem() == problem::corrupted || e.problem() == problem::truncated));
      }
    }
  }
  // A corrupted data byte: the checksum catches it.
  std::vector<unsigned char> corrupted = c.bytes;
  corrupted[40] ^= 0x10;  // inside w's data (16 bytes from byte 31)
  const io::checkpoint_error e = c.reject(corrupted);
  CHECK(e.problem() == problem::corrupted);
  CHECK(std::string_view(e.what()).starts_with(
      c.path.string() + ": checksum mismatch: the file is corrupted (stored CRC-32 0x"));
  // Bytes appended after the checksum.
  corrupted = c.bytes;
  corrupted.push_back(0);
  CHECK(c.reject(corrupted).problem() == problem::corrupted);
}

TEST_CASE("checkpoint magic and version are checked first") {
  small_case c;
  std::vector<unsigned char> file = c.bytes;
  file[0] = 'X';
  CHECK(
      std::string_view(c.reject(file).what())
      == c.path.string()
             + ": not a typegrad checkpoint (it does not start with the magic bytes TGCKPT\\0\\1)");
  CHECK(c.reject({'h', 'e', 'l', 'l', 'o'}).problem() == problem::not_a_checkpoint);
  CHECK(c.reject({'T', 'G', 'C'}).problem() == problem::truncated);  // a checkpoint's beginning
  file = c.bytes;
  file[8] = 2;
  CHECK(std::string_view(c.reject(file).what())
        == c.path.string() + ": unsupported format version 2 (this build reads version 1)");
}

TEST_CASE("checkpoint structure is checked under a valid checksum") {
  small_case c;
  std::vector<unsigned char> file = c.bytes;
  // The first entry is 'w' (name length at 16, name at 20, dtype at 21, rank at 22, dims at 23).
  REQUIRE(file[20] == 'w');
  file[21] = 9;
  reseal(file);
  CHECK(std::string_view(c.reject(file).what())
        == c.path.string()
               + ": malformed checkpoint: entry 1 ('w') has the unknown dtype code 9 at byte 21");

  file = c.bytes;
  file[20] = 's';  // two entries named 's'
  reseal(file);
  CHECK(std::string_view(c.reject(file).what())
        == c.path.string() + ": the file holds two entries named 's'");

  file = c.bytes;
  file[20] = 'u';
  reseal(file);
  CHECK(c.reject(file).problem() == problem::missing_entry);

  file = c.bytes;
  file[12] = 3;  // one entry fewer than the file holds
  reseal(file);
  CHECK(std::string_view(c.reject(file).what())
        == c.path.string()
               + ": malformed checkpoint: the last entry ends at byte 82, but the checksum starts"
               + " at byte 121");

  file = c.bytes;
  file[23] = 3;  // w's length 3: its data runs into the next entry and past the end
  reseal(file);
  CHECK(c.reject(file).problem() == problem::corrupted);

  file = c.bytes;
  file.insert(file.end() - 4, 0);  // a stray byte before the checksum
  reseal(file);
  CHECK(c.reject(file).problem() == problem::corrupted);

  // Any single changed byte, resealed: an error that leaves everything untouched, or (a
  // changed value) a successful load; never a crash (this runs under the sanitizers too).
  for (std::size_t i = 0; i + 4 < c.bytes.size(); ++i) {
    for (const unsigned char flip : {0x01, 0x80, 0xFF}) {
      CAPTURE(i);
      CAPTURE(int{flip});
      file = c.bytes;
      file[i] ^= flip;
      reseal(file);
      write_bytes(c.path, file);
      small_case::params p = c.p;
      small_case::optimizer opt = c.opt;
      try {
        io::load_checkpoint(c.path, p, opt);
      } catch (const io::checkpoint_error&) {
        CHECK(bits_of(p) == c.p_before);
        CHECK(state_bits(opt) == c.opt_before);
      }
    }
  }
}

TEST_CASE("checkpoint missing file or directory cannot be opened") {
  temp_dir dir;
  net_d::params params;
  randomize(params, 8);
  check_rejected(dir / "nowhere.ckpt", params, problem::cannot_open, "cannot open: no such file");
  check_rejected(dir.path(), params, problem::cannot_open, "cannot open: is a directory");
}

TEST_CASE("checkpoint save goes through a temporary file and replaces the target") {
  temp_dir dir;
  const fs::path path = dir / "net.ckpt";
  net_d::params first, second, loaded;
  randomize(first, 9);
  randomize(second, 10);

  io::save_checkpoint(path, first);
  CHECK(dir.files() == std::vector<std::string>{"net.ckpt"});
  io::save_checkpoint(path, second);  // over an existing checkpoint
  CHECK(dir.files() == std::vector<std::string>{"net.ckpt"});
  io::load_checkpoint(path, loaded);
  CHECK(bits_of(loaded) == bits_of(second));

  // Over another file, and over a .tmp left by a crashed save.
  write_bytes(path, {'o', 'l', 'd'});
  write_bytes(dir / "net.ckpt.tmp", {'h', 'a', 'l', 'f'});
  io::save_checkpoint(path, first);
  CHECK(dir.files() == std::vector<std::string>{"net.ckpt"});
  io::load_checkpoint(path, loaded);
  CHECK(bits_of(loaded) == bits_of(first));
}

TEST_CASE("checkpoint save that fails leaves no file behind") {
  temp_dir dir;
  net_d::params params;
  try {
    io::save_checkpoint(dir / "no/such/dir/net.ckpt", params);
    FAIL("no checkpoint_error");
  } catch (const io::checkpoint_error& e) {
    CHECK(e.problem() == problem::cannot_write);
    const std::string target = (dir / "no/such/dir/net.ckpt").string();
    CHECK(std::string_view(e.what())
          == target + ": cannot create the temporary file " + target + ".tmp (no such directory)");
  }
  CHECK(dir.files().empty());

  // The target is a directory: the rename fails, the .tmp is removed, the directory stays.
  fs::create_directory(dir / "taken");
  fs::create_directory(dir / "taken" / "inside");
  try {
    io::save_checkpoint(dir / "taken", params);
    FAIL("no checkpoint_error");
  } catch (const io::checkpoint_error& e) {
    CHECK(e.problem() == problem::cannot_write);
  }
  CHECK(dir.files() == std::vector<std::string>{"taken"});
  CHECK(fs::is_directory(dir / "taken" / "inside"));
}

TEST_CASE("checkpoint names must be unique") {
  temp_dir dir;
  constexpr auto a = tg::var<"w", double>;
  constexpr auto b = tg::var<"w", float>;
  tg::nn::parameters<decltype(a), decltype(b)> p;
  try {
    io::save_checkpoint(dir / "dup.ckpt", p);
    FAIL("no checkpoint_error");
  } catch (const io::checkpoint_error& e) {
    CHECK(e.problem() == problem::duplicate_entry);
    CHECK(std::string_view(e.what())
          == (dir / "dup.ckpt").string()
                 + ": two values are named 'w' (entry names must be unique)");
  }
  CHECK(dir.files().empty());
}

}  // namespace

TEST_CASE("checkpoint round trip with the real optimizers (sgd with momentum, adam)") {
  constexpr auto W = tg::var<"W", tg::matrix<double, 2, 3>>;
  constexpr auto b = tg::var<"b", tg::vector<double, 3>>;
  constexpr auto X = tg::input<"X", tg::matrix<double, 4, 2>>;
  constexpr auto loss = tg::mean(tg::square(tg::tanh(tg::matmul(X, W) + b)));
  using P = tg::nn::parameters<decltype(W), decltype(b)>;
  const tg::matrix<double, 4, 2> x{0.5, -1, 1.5, 2, -0.25, 0.75, 1, -2};
  P p;
  for (std::size_t i = 0; i < 6; ++i) p[W][i] = 0.1 * static_cast<double>(i) - 0.2;
  p[b] = tg::vector<double, 3>{0.3, -0.1, 0.05};
  temp_dir dir;
  auto train = [&](auto& opt, P& q, int steps) {
    for (int s = 0; s < steps; ++s) opt.step(q, tg::grad(loss, tg::join(q.bind(), tg::at(X = x)), q.wrt()));
  };
  auto check = [&](auto make) {
    P q = p;
    auto opt = make(q);
    train(opt, q, 3);
    io::save_checkpoint(dir / "opt.ckpt", q, opt);
    // Continue once from memory and once from the file: identical bits.
    P q1 = q;
    auto opt1 = opt;
    train(opt1, q1, 2);
    P q2;
    auto opt2 = make(q2);
    io::load_checkpoint(dir / "opt.ckpt", q2, opt2);
    CHECK(q2 == q);
    CHECK(opt2 == opt);
    train(opt2, q2, 2);
    CHECK(q2 == q1);
  };
  check([](const P& q) { return tg::optim::sgd(q, {.lr = 0.1, .momentum = 0.9, .nesterov = true}); });
  check([](const P& q) { return tg::optim::adam(q, {.lr = 0.01}); });
}
