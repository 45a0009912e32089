// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What the tests of the smooth ops (exp_log, pow_sqrt, trig, hyperbolic) share:
// one claim checked at compile time and at run time, a float-vs-double check,
// and a function's value and derivative through every pass.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <limits>
#include <type_traits>

#include "support/op_laws.hpp"

// One claim stated twice: as a static_assert (typegrad's constexpr math) and as a
// run-time CHECK (std:: math).
#define CHECK_BOTH(...)       \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

namespace typegrad::test::smooth {

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;
inline constexpr auto xf = tg::var<"x", float>;
inline constexpr double inf = std::numeric_limits<double>::infinity();

constexpr bool near(double a, double b, double rel = 4e-16) {
  const double d = a > b ? a - b : b - a;
  const double m = (a < 0 ? -a : a) > (b < 0 ? -b : b) ? (a < 0 ? -a : a) : (b < 0 ? -b : b);
  return d <= rel * (m > 1 ? m : 1);
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

// Value and derivative of f at p through every pass: eval, reverse, forward, symbolic.
struct all_modes {
  double value, rev, fwd, sym;
};
template <class E>
all_modes at_point(const E& f, double p) {
  const auto r = tg::value_and_grad(f, tg::at(x = p));
  return {r.value, r.grad[x], tg::jvp(f, tg::at(x = p), tg::along(x = 1.0)).tangent,
          tg::eval(tg::d(f, x), tg::at(x = p))};
}

}  // namespace typegrad::test::smooth
