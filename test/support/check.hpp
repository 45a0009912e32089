// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What the op tests (test/ops/) share: one claim checked at compile time and at run
// time, closeness checks, a float-vs-double check, and a derivative through every pass.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <limits>
#include <type_traits>

#include "support/op_laws.hpp"

// One claim stated twice: as a static_assert (typegrad's constexpr math) and as a
// run-time CHECK (std:: math). Claims whose result is a NaN are CHECKed at run time
// only: clang rejects constant evaluations that produce a NaN.
#define CHECK_BOTH(...)       \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

namespace typegrad::test::check {

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;
inline constexpr auto xf = tg::var<"x", float>;
inline constexpr auto yf = tg::var<"y", float>;
inline constexpr double inf = std::numeric_limits<double>::infinity();
inline constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
inline constexpr double eps = 4e-16;  // two ulps of double, relative

// a and b agree to `rel` relative to max(|a|, |b|, 1): absolute below magnitude 1.
constexpr bool near(double a, double b, double rel = eps) {
  const double d = a > b ? a - b : b - a;
  const double m = (a < 0 ? -a : a) > (b < 0 ? -b : b) ? (a < 0 ? -a : a) : (b < 0 ? -b : b);
  return d <= rel * (m > 1 ? m : 1);
}

// got agrees with expected to `rel` relative to |expected| alone, however small
// (stricter than near() for |expected| < 1: checks tiny values such as 1e-305).
template <class G, class T>
constexpr bool near_rel(G got, T expected, T rel) {
  return tg::cmath::abs(got - expected) <= rel * tg::cmath::abs(expected);
}

// f over a float variable: value and gradient are float and agree with the same
// expression over double (at the same float input) to float rounding.
template <class F>
void check_float(F f, std::initializer_list<double> points, double tol = 1e-6) {
  for (double p : points) {
    CAPTURE(p);
    const float pf = static_cast<float>(p);
    const auto rf = tg::value_and_grad(f(xf), tg::at(xf = pf));
    const auto rd = tg::value_and_grad(f(x), tg::at(x = static_cast<double>(pf)));
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(rf.value)>, float>);
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(rf.grad[xf])>, float>);
    CHECK(close(rf.value, rd.value, tol));
    CHECK(close(rf.grad[xf], rd.grad[x], tol));
  }
}

// Value and derivative of f (over x) at p through eval, reverse, forward, symbolic;
// run time only, for edge points (infinities, NaN, poles) checked field by field.
struct all_modes {
  double value, rev, fwd, sym;
};
template <class E>
all_modes at_point(const E& f, double p) {
  const auto r = tg::value_and_grad(f, tg::at(x = p));
  return {r.value, r.grad[x], tg::jvp(f, tg::at(x = p), tg::along(x = 1.0)).tangent,
          tg::eval(tg::d(f, x), tg::at(x = p))};
}

// The derivative of f along v by each pass: reverse, forward, symbolic, and the
// reverse pass over dual numbers that the Hessian runs. constexpr, any binding.
template <class F, class B, class V>
constexpr auto modes(const F& f, const B& at, const V& v) {
  using R = typename V::value_type;
  struct result {
    R reverse, forward, symbolic, hessian_pass;
  };
  const auto h = tg::hessian(f, at);
  return result{tg::grad(f, at)[v], tg::jvp(f, at, tg::along(v = R(1))).tangent,
                tg::eval(tg::d(f, v), at), h.gradient[decltype(h)::template index_of<V>()]};
}

// Every pass gives exactly `expected` (a NaN expects NaN).
template <class F, class B, class V, class T>
constexpr bool all_modes_are(const F& f, const B& at, const V& v, T expected) {
  const auto m = modes(f, at, v);
  auto same = [&](auto got) {
    return tg::cmath::isnan(expected) ? tg::cmath::isnan(got) : got == expected;
  };
  return same(m.reverse) && same(m.forward) && same(m.symbolic) && same(m.hessian_pass);
}

// Every pass agrees with `expected` as near_rel() does.
template <class F, class B, class V, class T>
constexpr bool all_modes_near_rel(const F& f, const B& at, const V& v, T expected, T rel) {
  const auto m = modes(f, at, v);
  auto agrees = [&](auto got) { return near_rel(got, expected, rel); };
  return agrees(m.reverse) && agrees(m.forward) && agrees(m.symbolic) && agrees(m.hessian_pass);
}

}  // namespace typegrad::test::check
