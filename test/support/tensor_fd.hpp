// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What the tensor tests (test/tensor/) share: seeded pseudo-random tensors that are
// the same with every compiler and standard library, loops over element types and
// shapes, one claim checked both at compile time and at run time, and a gradient
// check against central differences that keeps the worst error seen per op (printed
// at exit when the environment variable TYPEGRAD_FD_REPORT is set).

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

// One claim stated twice: as a static_assert (constant evaluation, typegrad's own
// math) and as a run-time CHECK (std:: math).
#define TENSOR_CHECK_BOTH(...) \
  static_assert(__VA_ARGS__);  \
  CHECK(__VA_ARGS__)

namespace typegrad::test::fd {

namespace tg = typegrad;

// ---- deterministic numbers -------------------------------------------------------------------

//! splitmix64 (Steele, Lea and Flood 2014, Vigna's public-domain reference): a
//! 64-bit generator defined by its arithmetic alone, so that a seed gives the same
//! numbers everywhere (std::uniform_real_distribution does not: its algorithm is
//! left to each standard library).
struct splitmix64 {
  std::uint64_t state = 0;

  constexpr std::uint64_t next() noexcept {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
  }
  //! Uniform in [0, 1): the top 53 bits, exactly representable as a double.
  constexpr double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  //! Uniform in [lo, hi).
  constexpr double uniform(double lo, double hi) noexcept { return lo + (hi - lo) * unit(); }
};

template <class T>
using scalar_t = tg::detail::scalar_of_t<T>;

// T's elements (a tensor's, or T itself) set by f(k) for each flat index k.
template <class T, class F>
constexpr T generate(F f) {
  T t{};
  if constexpr (tg::detail::is_tensor_v<T>) {
    for (std::size_t k = 0; k < T::size(); ++k)
      t[k] = static_cast<scalar_t<T>>(f(k));
  } else {
    t = static_cast<T>(f(std::size_t{0}));
  }
  return t;
}

template <class T>
constexpr std::size_t size_of() {
  if constexpr (tg::detail::is_tensor_v<T>)
    return T::size();
  else
    return 1;
}

//! A tensor (or number) T of values uniform in [lo, hi), from `seed`.
template <class T>
constexpr T uniform(std::uint64_t seed, double lo = -2, double hi = 2) {
  splitmix64 g{seed};
  return fd::generate<T>([&](std::size_t) { return g.uniform(lo, hi); });
}

//! Values with |v| uniform in [0.25, 2] and a random sign: away from the kink of
//! relu and the pole of 1/v by more than any finite-difference step.
template <class T>
constexpr T away_from_zero(std::uint64_t seed) {
  splitmix64 g{seed};
  return fd::generate<T>([&](std::size_t) {
    const double m = g.uniform(0.25, 2);
    return (g.next() >> 63) != 0 ? -m : m;
  });
}

//! Values in [-2, 2] in a random order, every two at least 2/n apart (n elements):
//! no ties, and no finite-difference step (at most 1e-2, for float) reorders them,
//! so max along any axis is differentiable at every element.
template <class T>
constexpr T separated(std::uint64_t seed) {
  constexpr std::size_t n = fd::size_of<T>();
  splitmix64 g{seed};
  std::array<std::size_t, n> perm{};
  for (std::size_t k = 0; k < n; ++k)
    perm[k] = k;
  for (std::size_t k = n; k-- > 1;) {  // Fisher-Yates
    const std::size_t j = static_cast<std::size_t>(g.next() % (k + 1));
    const std::size_t t = perm[k];
    perm[k] = perm[j];
    perm[j] = t;
  }
  const double slot = 4.0 / static_cast<double>(n);
  return fd::generate<T>([&](std::size_t k) {
    return -2 + slot * (static_cast<double>(perm[k]) + 0.25 + 0.5 * g.unit());
  });
}

// ---- loops over element types and shapes -----------------------------------------------------

//! tensor<T, D...> for shape<D...>, T for shape<>.
template <class T, class S>
using tensor_t = tg::detail::tensor_of_t<T, S>;

template <class... S>
struct shapes {};

//! f.template operator()<T, S>() for T = double and float and each shape S.
template <class... S, class F>
void for_each_shape(shapes<S...>, const F& f) {
  ((f.template operator()<double, S>(), f.template operator()<float, S>()), ...);
}

//! f.template operator()<T>() for T = double and float.
template <class F>
void for_each_real(const F& f) {
  f.template operator()<double>();
  f.template operator()<float>();
}

//! f.template operator()<Axis>() for Axis = 0 .. rank - 1 and -1, and for rank 3 also
//! -2 and -3: every axis, and the negative spellings.
template <class S, class F>
void for_each_axis(const F& f) {
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    (f.template operator()<static_cast<int>(K)>(), ...);
  }
  (std::make_index_sequence<S::rank>{});
  f.template operator()<-1>();
  if constexpr (S::rank >= 3) {
    f.template operator()<-2>();
    f.template operator()<-3>();
  }
}

//! sum(e * c) for a tensor e, e * c for a number: a scalar loss in which every
//! element of e has its own weight.
template <class E, class C>
constexpr auto weighted_sum(const E& e, const C& c) {
  if constexpr (tg::detail::is_tensor_v<tg::detail::value_t<E>>)
    return tg::sum(e * c);
  else
    return e * c;
}

template <class T>
constexpr std::string_view type_name() {
  if constexpr (std::is_same_v<T, float>)
    return "float";
  else if constexpr (std::is_same_v<T, double>)
    return "double";
  else
    return "?";
}

//! "[2, 3]" for shape<2, 3>, "[]" for shape<>.
template <class S>
std::string shape_name() {
  std::string s = "[";
  for (std::size_t k = 0; k < S::rank; ++k)
    s += (k ? ", " : "") + std::to_string(S::dims[k]);
  return s + "]";
}

// ---- gradient checks -------------------------------------------------------------------------

//! The tolerance of the finite-difference comparison for scalar type R: check_gradient's
//! default, cbrt(eps) relative to max(1, |g|), for both types. double: 6e-6; the worst
//! error measured over these tests is 4e-9. float: 4.9e-3; the worst measured is 1.1e-3
//! (dot of two [2, 3, 4] tensors, a loss near 50: rounding of f, eps |f| / h, dominates),
//! most are below 4e-4. A loss of about 1000 in float is beyond finite differences at
//! this step (an ulp of 1000 is 6e-5); softmax_test.cpp checks such a case by formula.
template <class R>
constexpr tg::gradient_check_options options() {
  return {};
}

//! The worst error seen per op and element type: |analytic - numeric| / max(1, |analytic|,
//! |numeric|), the quantity check_gradient compares with its tolerance.
class error_log {
 public:
  void note(const std::string& key, double error) {
    auto [it, fresh] = worst_.try_emplace(key, error);
    if (!fresh && !(error <= it->second))
      it->second = error;
  }
  ~error_log() {
    if (std::getenv("TYPEGRAD_FD_REPORT") == nullptr)
      return;
    std::cout << "worst finite-difference error per op (relative to max(1, |g|)):\n";
    for (const auto& [key, error] : worst_)
      std::cout << "  " << key << ": " << error << '\n';
  }

 private:
  std::map<std::string, double> worst_;
};

inline error_log& errors() {
  static error_log log;
  return log;
}

template <class C>
double scaled_error(const C& r) {
  double worst = 0;
  for (const auto& e : r.entries) {
    const double a = e.analytic < 0 ? -e.analytic : e.analytic;
    const double n = e.numeric < 0 ? -e.numeric : e.numeric;
    const double scale = a > n ? (a > 1 ? a : 1) : (n > 1 ? n : 1);
    const double err = static_cast<double>(e.abs_error) / scale;
    if (!(err <= worst))
      worst = err;
  }
  return worst;
}

// Σ g ⊙ v and Σ |g ⊙ v| in double, for tensors or numbers.
template <class G, class V>
std::pair<double, double> inner(const G& g, const V& v) {
  double s = 0, a = 0;
  for (std::size_t k = 0; k < fd::size_of<G>(); ++k) {
    const double p = static_cast<double>(tg::detail::element(g, k))
                     * static_cast<double>(tg::detail::element(v, k));
    s += p;
    a += p < 0 ? -p : p;
  }
  return {s, a};
}

//! Forward mode against reverse mode: the jvp of the loss along a random direction
//! for every variable at once equals Σ grad ⊙ direction. The two passes round
//! differently (other operations, other orders), so they agree to a few ulps of
//! Σ |grad ⊙ direction|.
template <class T, class E, class B, class... V>
void check_jvp(std::string_view op, const E& loss, const B& at, tg::wrt_t<V...>,
               std::uint64_t seed) {
  const auto g = tg::grad(loss, at);
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    const std::tuple<typename V::value_type...> directions{
        fd::uniform<typename V::value_type>(seed + I)...};
    const auto t = tg::jvp(loss, at, tg::along((V{} = std::get<I>(directions))...));
    double expected = 0, scale = 0;
    ((expected += fd::inner(g[V{}], std::get<I>(directions)).first,
      scale += fd::inner(g[V{}], std::get<I>(directions)).second),
     ...);
    const double error =
        (static_cast<double>(t.tangent) > expected ? static_cast<double>(t.tangent) - expected
                                                   : expected - static_cast<double>(t.tangent))
        / (1 + scale);
    INFO(op, " (", fd::type_name<T>(), "): jvp ", t.tangent, ", grad along the direction ",
         expected);
    CHECK(error <= 16 * static_cast<double>(std::numeric_limits<T>::epsilon()));
    fd::errors().note(
        std::string(op) + " " + std::string(fd::type_name<T>()) + " jvp-vs-grad (eps)",
        error / static_cast<double>(std::numeric_limits<T>::epsilon()));
  }
  (std::index_sequence_for<V...>{});
}

//! check_gradient(loss, at) for a loss whose arithmetic is in T (the check
//! fails to compile if a constant widened a float expression to double); CHECKs
//! `.ok` and prints the whole comparison when it fails. Then check_jvp.
template <class T, class E, class B>
auto check_fd(std::string_view op, const E& loss, const B& at) {
  static_assert(std::is_same_v<tg::detail::real_type_t<E>, T>, "the loss must compute in T");
  const auto r = tg::check_gradient(loss, at, fd::options<T>());
  {
    std::ostringstream text;
    text << r;
    INFO(op, " (", fd::type_name<T>(), "): ", tg::to_string(loss), '\n', text.str());
    CHECK(r.ok);
  }
  fd::errors().note(std::string(op) + " " + std::string(fd::type_name<T>()), fd::scaled_error(r));
  fd::check_jvp<T>(op, loss, at, tg::detail::variables_of<E>{}, 977);
  return r;
}

}  // namespace typegrad::test::fd
