// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/nn/random.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <random>
#include <span>
#include <vector>

namespace {

namespace tg = typegrad;
using tg::nn::rng;

static_assert(std::uniform_random_bit_generator<rng>);

// ---- the published algorithms -----------------------------------------------------------------

// splitmix64 from state 1234567: the reference outputs (Rosetta Code, "Pseudo-random
// numbers/Splitmix64", from Vigna's splitmix64.c).
constexpr bool splitmix64_reference() {
  std::uint64_t s = 1234567;
  const std::uint64_t expected[] = {6457827717110365317u, 3203168211198807973u,
                                    9817491932198370423u, 4593380528125082431u,
                                    16408922859458223821u};
  for (std::uint64_t e : expected)
    if (rng::splitmix64(s) != e)
      return false;
  return true;
}

// xoshiro256** from the state {1, 2, 3, 4}: the outputs of Blackman and Vigna's
// xoshiro256starstar.c (the test vector of Rust's rand_xoshiro and others).
constexpr bool xoshiro256starstar_reference() {
  auto g = rng::from_state({1, 2, 3, 4});
  const std::uint64_t expected[] = {11520u,
                                    0u,
                                    1509978240u,
                                    1215971899390074240u,
                                    1216172134540287360u,
                                    607988272756665600u,
                                    16172922978634559625u,
                                    8476171486693032832u,
                                    10595114339597558777u,
                                    2904607092377533576u};
  for (std::uint64_t e : expected)
    if (g() != e)
      return false;
  return true;
}

// Seeding: the four state words are the first four splitmix64 outputs from the seed,
// so seed 42 starts as other xoshiro256** implementations seeded that way do.
constexpr bool seeding_is_splitmix64() {
  std::uint64_t s = 42;
  const std::array<std::uint64_t, 4> words{rng::splitmix64(s), rng::splitmix64(s),
                                           rng::splitmix64(s), rng::splitmix64(s)};
  rng g(42);
  return g.state() == words && g() == 1546998764402558742u && g() == 6990951692964543102u
         && g() == 12544586762248559009u;
}

TEST_CASE("rng: splitmix64 and xoshiro256** give the reference outputs") {
  static_assert(splitmix64_reference());
  static_assert(xoshiro256starstar_reference());
  static_assert(seeding_is_splitmix64());
  CHECK(splitmix64_reference());
  CHECK(xoshiro256starstar_reference());
  CHECK(seeding_is_splitmix64());
}

// ---- pinned first values for seed 2026 ----------------------------------------------------------
// Computed once and pinned; identical with g++-12 and clang++-14 at -O0, -O1 and -O2, and in
// constant evaluation (the static_asserts), which is what "portable" promises.

constexpr std::uint64_t pinned_bits[] = {10583478199052185109u, 5232962402658359512u,
                                         14988153452874227418u, 16485387573092771586u};
constexpr double pinned_uniform[] = {0x1.25c022b25d315p-1, 0x1.227cde51b5b46p-2,
                                     0x1.a0013c4f3b39bp-1, 0x1.c98fb94f0daacp-1};
constexpr double pinned_uniform_ab[] = {0x1.bcc0ad7bd1f68p-1, -0x1.29c7d433b9bdp-1,
                                        0x1.08018b630a082p+1,
                                        0x1.3bf3a7a2d1158p+1};  // uniform(-2.0, 3.0)
constexpr float pinned_uniform_float[] = {0x1.25c022p-1f, 0x1.227cdep-2f, 0x1.a0013cp-1f,
                                          0x1.c98fbap-1f};
constexpr std::uint64_t pinned_int[] = {9, 2, 8, 6, 4, 6, 2, 9};  // uniform_int(10)
constexpr double pinned_normal[] = {0x1.244ed0b15c929p-1, 0x1.2e9e7869e404bp-1,
                                    0x1.73d459e983e15p-2,
                                    0x1.17bd36a22594ap-1};  // normal(0.0, 1.0)
constexpr float pinned_normal_float[] = {0x1.122768p+1f, 0x1.174f3cp+1f, 0x1.b9ea2cp+0f,
                                         0x1.0bde9cp+1f};  // normal(1.0f, 2.0f)
constexpr std::array<int, 10> pinned_shuffle{3, 4, 8, 5, 6, 0, 1, 2, 7, 9};

template <class Draw, class T, std::size_t N>
constexpr bool draws_are(Draw draw, const T (&expected)[N]) {
  rng g(2026);
  for (const T& e : expected)
    if (!(draw(g) == e))
      return false;
  return true;
}

TEST_CASE("rng: the first values for seed 2026 are pinned") {
  constexpr auto bits = [](rng& g) { return g(); };
  constexpr auto unit = [](rng& g) { return g.uniform(); };
  constexpr auto ab = [](rng& g) { return g.uniform(-2.0, 3.0); };
  constexpr auto unit_float = [](rng& g) { return g.uniform(0.0f, 1.0f); };
  constexpr auto die = [](rng& g) { return g.uniform_int(10); };
  constexpr auto gauss = [](rng& g) { return g.normal(0.0, 1.0); };
  constexpr auto gauss_float = [](rng& g) { return g.normal(1.0f, 2.0f); };
  static_assert(draws_are(bits, pinned_bits));
  static_assert(draws_are(unit, pinned_uniform));
  static_assert(draws_are(ab, pinned_uniform_ab));
  static_assert(draws_are(unit_float, pinned_uniform_float));
  static_assert(draws_are(die, pinned_int));
  static_assert(draws_are(gauss, pinned_normal));
  static_assert(draws_are(gauss_float, pinned_normal_float));
  CHECK(draws_are(bits, pinned_bits));
  CHECK(draws_are(unit, pinned_uniform));
  CHECK(draws_are(ab, pinned_uniform_ab));
  CHECK(draws_are(unit_float, pinned_uniform_float));
  CHECK(draws_are(die, pinned_int));
  CHECK(draws_are(gauss, pinned_normal));
  CHECK(draws_are(gauss_float, pinned_normal_float));

  constexpr auto shuffled = [] {
    std::array<int, 10> a{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    rng g(2026);
    g.shuffle(a);
    return a;
  }();
  static_assert(shuffled == pinned_shuffle);
  std::array<int, 10> a{0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  rng g(2026);
  g.shuffle(a);
  CHECK(a == pinned_shuffle);
}

TEST_CASE("rng: uniform and normal are the stated formulas of the bits") {
  rng bits(7), g(7);
  int mismatches = 0;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t r = bits();
    mismatches += g.uniform() != static_cast<double>(r >> 11) * 0x1.0p-53;
  }
  CHECK(mismatches == 0);
  // A float draw is the double draw rounded; a normal(mean, std) is mean + std * z.
  rng a(8), b(8), c(8), d(8);
  for (int i = 0; i < 1000; ++i) {
    mismatches += a.uniform(-1.5f, 2.5f) != static_cast<float>(b.uniform(-1.5, 2.5));
    const double z = c.standard_normal();
    const double scaled = 0.5 * z;
    mismatches += d.normal(3.0, 0.5) != 3.0 + scaled;
  }
  CHECK(mismatches == 0);
}

TEST_CASE("rng: same seed same sequence and state round trip") {
  rng a(123), b(123), c(124);
  CHECK(a == b);
  CHECK_FALSE(a == c);
  int mismatches = 0;
  for (int i = 0; i < 100; ++i)
    mismatches += a() != b();
  CHECK(mismatches == 0);
  const auto saved = a.state();
  std::vector<double> first;
  for (int i = 0; i < 10; ++i)
    first.push_back(a.normal(0.0, 1.0));
  rng resumed = rng::from_state(saved);
  for (int i = 0; i < 10; ++i)
    CHECK(resumed.normal(0.0, 1.0) == first[static_cast<std::size_t>(i)]);
  CHECK(resumed == a);
  // The default seed is a seed like any other.
  CHECK(rng{} == rng(rng::default_seed));
}

// ---- statistics of 1e5 draws ----------------------------------------------------------------

// Sample mean and (unbiased) variance.
struct moments {
  double mean = 0, variance = 0;
};
moments moments_of(const std::vector<double>& v) {
  const double n = static_cast<double>(v.size());
  double mean = 0;
  for (double x : v)
    mean += x;
  mean /= n;
  double ss = 0;
  for (double x : v)
    ss += (x - mean) * (x - mean);
  return {mean, ss / (n - 1)};
}

constexpr std::size_t draws = 100000;

TEST_CASE("rng: uniform(a b) has the mean and variance of U(a b)") {
  rng g(99);
  const double a = -2, b = 3;
  std::vector<double> v(draws);
  bool in_range = true;
  for (auto& x : v) {
    x = g.uniform(a, b);
    in_range = in_range && x >= a && x < b;
  }
  CHECK(in_range);
  const auto m = moments_of(v);
  const double mean = (a + b) / 2, variance = (b - a) * (b - a) / 12;
  // Standard errors: sqrt(var / n) for the mean, var * sqrt(4/5 / n) for the variance of a
  // uniform (fourth central moment 9/5 var²); 5 standard errors each.
  CHECK(std::abs(m.mean - mean) < 5 * std::sqrt(variance / draws));
  CHECK(std::abs(m.variance - variance) < 5 * variance * std::sqrt(0.8 / draws));
  // Ten equal bins hold about a tenth each (chi-square with 9 degrees of freedom, < 33.7
  // with probability 0.9999).
  std::array<double, 10> bins{};
  for (double x : v)
    bins[static_cast<std::size_t>((x - a) / (b - a) * 10)] += 1;
  double chi2 = 0;
  for (double c : bins)
    chi2 += (c - draws / 10.0) * (c - draws / 10.0) / (draws / 10.0);
  CHECK(chi2 < 33.7);
}

TEST_CASE("rng: normal(mean std) has the mean variance and tails of N(mean std^2)") {
  rng g(100);
  const double mean = 1.5, sd = 0.25;
  std::vector<double> v(draws);
  for (auto& x : v)
    x = g.normal(mean, sd);
  const auto m = moments_of(v);
  const double var = sd * sd;
  // Standard errors: sd / sqrt(n); var * sqrt(2 / n) for a normal's sample variance.
  CHECK(std::abs(m.mean - mean) < 5 * sd / std::sqrt(double(draws)));
  CHECK(std::abs(m.variance - var) < 5 * var * std::sqrt(2.0 / draws));
  // P(|z| < 1) = 0.682689, P(|z| < 2) = 0.954500; binomial standard errors, 5 of them.
  double within1 = 0, within2 = 0;
  for (double x : v) {
    const double z = std::abs(x - mean) / sd;
    within1 += z < 1;
    within2 += z < 2;
  }
  within1 /= draws;
  within2 /= draws;
  CHECK(std::abs(within1 - 0.682689) < 5 * std::sqrt(0.682689 * 0.317311 / draws));
  CHECK(std::abs(within2 - 0.954500) < 5 * std::sqrt(0.9545 * 0.0455 / draws));
  // The same in float: the rounded double draws.
  rng gf(100);
  std::vector<double> vf(draws);
  for (auto& x : vf)
    x = gf.normal(1.5f, 0.25f);
  const auto mf = moments_of(vf);
  CHECK(std::abs(mf.mean - m.mean) < 1e-6);
  CHECK(std::abs(mf.variance - m.variance) < 1e-6);
}

TEST_CASE("rng: uniform_int(n) is uniform and unbiased") {
  rng g(5);
  std::array<double, 7> counts{};
  bool in_range = true;
  for (std::size_t i = 0; i < draws; ++i) {
    const std::uint64_t k = g.uniform_int(7);
    in_range = in_range && k < 7;
    counts[k < 7 ? k : 0] += 1;
  }
  CHECK(in_range);
  double chi2 = 0;  // 6 degrees of freedom: < 27.9 with probability 0.9999
  for (double c : counts)
    chi2 += (c - draws / 7.0) * (c - draws / 7.0) / (draws / 7.0);
  CHECK(chi2 < 27.9);

  // n = 0xAAAA...AB, about 2/3 of 2^64: r % n without rejection would give the lower
  // third of [0, n) twice as often (P(k < n/2) = 2/3, not 1/2). Rejection keeps it 1/2.
  const std::uint64_t n = 0xAAAAAAAAAAAAAAABu;
  double below_half = 0;
  for (std::size_t i = 0; i < draws; ++i)
    below_half += g.uniform_int(n) < n / 2;
  below_half /= draws;
  CHECK(std::abs(below_half - 0.5) < 5 * std::sqrt(0.25 / draws));

  // Degenerate ranges draw nothing.
  rng h(5), h2(5);
  CHECK(h.uniform_int(1) == 0);
  CHECK(h.uniform_int(0) == 0);
  CHECK(h.uniform_int(0) == 0);
  h2.uniform_int(1);
  CHECK(h == h2);  // n = 1 draws once (it accepts any draw); n = 0 never
}

TEST_CASE("rng: shuffle gives every permutation equally often") {
  // 4 elements: 24 permutations, 48000 shuffles, 2000 expected each.
  rng g(11);
  std::array<double, 24> counts{};
  for (int t = 0; t < 48000; ++t) {
    std::array<int, 4> a{0, 1, 2, 3};
    g.shuffle(a);
    // The permutation's index among the 24 (Lehmer code).
    std::size_t code = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      std::size_t smaller = 0;
      for (std::size_t j = i + 1; j < 4; ++j)
        smaller += a[j] < a[i];
      code = code * (4 - i) + smaller;
    }
    counts[code] += 1;
  }
  double chi2 = 0;  // 23 degrees of freedom: < 55.2 with probability 0.9999
  for (double c : counts)
    chi2 += (c - 2000) * (c - 2000) / 2000;
  CHECK(chi2 < 55.2);
}

TEST_CASE("rng: shuffle permutes spans vectors arrays and tensors") {
  std::vector<int> v(100);
  std::iota(v.begin(), v.end(), 0);
  rng g(3), h(3);
  g.shuffle(v);
  CHECK_FALSE(std::is_sorted(v.begin(), v.end()));
  std::vector<int> sorted = v;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> identity(100);
  std::iota(identity.begin(), identity.end(), 0);
  CHECK(sorted == identity);

  // A span of the same values in the same state: the same permutation.
  std::vector<int> w(100);
  std::iota(w.begin(), w.end(), 0);
  h.shuffle(std::span<int>(w));
  CHECK(w == v);

  // Part of a vector through a span: the rest untouched.
  std::vector<int> part(10);
  std::iota(part.begin(), part.end(), 0);
  rng k(4);
  k.shuffle(std::span<int>(part).subspan(5));
  for (int i = 0; i < 5; ++i)
    CHECK(part[static_cast<std::size_t>(i)] == i);

  tg::tensor<double, 2, 3> t{1, 2, 3, 4, 5, 6};
  rng m(6);
  m.shuffle(t);
  std::array<double, 6> values{};
  std::copy(t.begin(), t.end(), values.begin());
  std::sort(values.begin(), values.end());
  CHECK(values == std::array<double, 6>{1, 2, 3, 4, 5, 6});

  // 0 and 1 elements: nothing drawn.
  std::vector<int> empty, one{7};
  rng n(1), n0(1);
  n.shuffle(empty);
  n.shuffle(one);
  CHECK(n == n0);
  CHECK(one == std::vector<int>{7});
}

}  // namespace
