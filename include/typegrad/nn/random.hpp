// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// nn::rng: a seeded random generator that gives the same numbers with every
// compiler and standard library, so that an initialisation, a shuffle or a
// generated data set is reproducible from its seed alone. Every step is written
// out here (no std:: distribution, whose algorithms the standard leaves open):
//
//   seeding   splitmix64 (Steele, Lea, Flood 2014) from the 64-bit seed gives the four
//             state words (the seeding that Blackman and Vigna recommend);
//   bits      xoshiro256** 1.0 (Blackman, Vigna 2018), 64 bits per step;
//   uniform   the top 53 bits as k * 2^-53 in [0, 1), then a + (b - a) u, in double;
//   integers  rejection below 2^64 mod n, then r mod n (unbiased);
//   normal    Marsaglia's polar method, one fresh pair per call (the second value is
//             dropped, so every call consumes whole pairs), with typegrad's own
//             portable logarithm and the correctly rounded square root;
//   shuffle   Fisher-Yates from the last element down, j = uniform_int(i + 1).
//
// The integers are the same everywhere. The floating-point steps are IEEE operations
// with one rounding each, provided that the compiler does not fuse a*b + c into one
// rounding: (1) products and sums are separate statements, because Clang contracts
// within an expression (-ffp-contract=on, its default) and, when it folds the
// arithmetic at -O1 and above, fuses even on targets without FMA instructions. GCC
// contracts across statements only for targets with FMA (-march=haswell, native,
// AArch64): there compile with -ffp-contract=off for the same bits as on x86-64.

#include <typegrad/core/cmath.hpp>

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <ranges>

namespace typegrad::nn {

//! A portable, seeded pseudo-random generator (xoshiro256** seeded by splitmix64).
//! Also a UniformRandomBitGenerator (`gen()` gives 64 random bits).
//! Example: `tg::nn::rng gen(42);  double u = gen.uniform(-1.0, 1.0);`
class rng {
 public:
  using result_type = std::uint64_t;

  //! The seed used when none is given.
  static constexpr std::uint64_t default_seed = 0x5eed;

  //! The generator seeded with `seed`: four splitmix64 outputs from state `seed`.
  constexpr explicit rng(std::uint64_t seed = default_seed) noexcept {
    std::uint64_t sm = seed;
    for (auto& w : s_)
      w = splitmix64(sm);
  }

  //! A generator in a given state (not all zero), e.g. one saved with state().
  static constexpr rng from_state(const std::array<std::uint64_t, 4>& state) noexcept {
    rng r;
    r.s_ = state;
    return r;
  }
  //! The four state words: from_state(state()) continues the same sequence.
  constexpr std::array<std::uint64_t, 4> state() const noexcept { return s_; }

  static constexpr result_type min() noexcept { return 0; }
  static constexpr result_type max() noexcept { return std::numeric_limits<result_type>::max(); }

  //! The next 64 random bits (one xoshiro256** step).
  constexpr result_type operator()() noexcept { return next(); }
  constexpr result_type next() noexcept {
    const std::uint64_t r = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return r;
  }

  //! A uniform double in [0, 1): the top 53 bits of next() times 2^-53.
  constexpr double uniform() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  //! a + (b - a) u with u = uniform(), computed in double and rounded to T: uniform on
  //! [a, b) (b itself only where the rounding of the sum reaches it).
  //! Example: `gen.uniform(-0.5, 0.5)`, `gen.uniform(0.0f, 1.0f)`
  template <std::floating_point T>
  constexpr T uniform(T a, T b) noexcept {
    const auto lo = static_cast<double>(a);
    const double scaled = (static_cast<double>(b) - lo) * uniform();  // (1)
    return static_cast<T>(lo + scaled);
  }

  //! A uniform integer in [0, n), without bias: draws below 2^64 mod n are rejected
  //! (fewer than one draw in 2^32 for n < 2^32), the accepted r gives r mod n. n = 0
  //! returns 0 without a draw.
  //! Example: `gen.uniform_int(6) + 1` is a die
  constexpr std::uint64_t uniform_int(std::uint64_t n) noexcept {
    if (n == 0)
      return 0;
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    for (;;) {
      const std::uint64_t r = next();
      if (r >= threshold)
        return r % n;
    }
  }

  //! A normal draw with the given mean and standard deviation, computed in double
  //! and rounded to T: mean + stddev * z, z from Marsaglia's polar method (u, v uniform
  //! on (-1, 1) until 0 < s = u² + v² < 1, then z = u sqrt(-2 ln s / s)).
  //! Example: `gen.normal(0.0, 1.0)`
  template <std::floating_point T>
  constexpr T normal(T mean, T stddev) noexcept {
    const double scaled = static_cast<double>(stddev) * standard_normal();  // (1)
    return static_cast<T>(static_cast<double>(mean) + scaled);
  }

  //! A standard normal draw (mean 0, standard deviation 1), in double.
  constexpr double standard_normal() noexcept {
    for (;;) {
      const double u = 2 * uniform() - 1;
      const double v = 2 * uniform() - 1;
      const double uu = u * u, vv = v * v;  // (1)
      const double s = uu + vv;
      if (s > 0 && s < 1) {
        // cmath's own logarithm (not the C library's) so that every platform agrees.
        return u * cmath::sqrt(-2 * cmath::detail::ce_log(s) / s);
      }
    }
  }

  //! The elements of r in a uniformly random order (Fisher-Yates: for i from n - 1
  //! down to 1, swap r[i] with r[uniform_int(i + 1)]). Any random-access range: a
  //! std::span, a std::vector, a std::array, a tg::tensor.
  //! Example: `std::vector<int> idx(n); std::iota(...); gen.shuffle(idx);`
  template <std::ranges::random_access_range R>
    requires std::ranges::sized_range<R> && std::permutable<std::ranges::iterator_t<R>>
  constexpr void shuffle(R&& r) {
    const auto first = std::ranges::begin(r);
    const auto n = static_cast<std::uint64_t>(std::ranges::size(r));
    for (std::uint64_t i = n; i > 1; --i) {
      const std::uint64_t j = uniform_int(i);
      std::ranges::iter_swap(first + static_cast<std::ptrdiff_t>(i - 1),
                             first + static_cast<std::ptrdiff_t>(j));
    }
  }

  friend constexpr bool operator==(const rng&, const rng&) = default;

  //! splitmix64: adds the golden gamma to `state` and returns its mix (the seeding).
  static constexpr std::uint64_t splitmix64(std::uint64_t& state) noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) noexcept {
    return (x << k) | (x >> (64 - k));
  }

  std::array<std::uint64_t, 4> s_{};
};

}  // namespace typegrad::nn
