// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Extreme inputs to the scalar ops, in double and in float: exp and expm1 near overflow
// and underflow, logs and roots of subnormals and of huge numbers, sigmoid, softplus and
// tanh at +-800 and +-1000, sinh and cosh at the edge of overflow, the inverse functions
// far out, erf and erfc in their tails. Every pass (eval, reverse, forward, symbolic, the
// Hessian's) must give the reference, computed in long double and rounded to the type:
// finite wherever the true value is a finite number of the type, the right infinity where
// it overflows, 0 where it underflows. Under -ffast-math only the cases whose every
// intermediate value is finite and normal are kept (sigmoid, softplus, tanh, erf, erfc).

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <type_traits>

#include "support/extreme.hpp"

namespace {

namespace tg = typegrad;
namespace ex = typegrad::test::extreme;
using ex::real;

// Points at the edges of T's range.
template <class T>
struct edges;
template <>
struct edges<double> {
  static constexpr double exp_below_overflow = 709.78;  // log(DBL_MAX) = 709.7827
  static constexpr double exp_overflow = 710;
  static constexpr double exp_subnormal = -744;  // e^-744 = 1.1e-323
  static constexpr double exp_zero = -800;
  static constexpr double sinh_finite = 710.4;  // sinh(710.4) = 1.6e308
  static constexpr double sinh_overflow = 711;
  static constexpr double subnormal = 1e-310;
  static constexpr double smallest = 4.9406564584124654e-324;
  static constexpr double huge = 1e300;
  static constexpr double sigmoid_tail = -700;  // sigmoid = e^-700 = 9.9e-305, still normal
  static constexpr double erfc_tail = 26;       // erfc(26) = 5.7e-296
  static constexpr double tanh_flat = 20;       // 1 - tanh^2 = 1.7e-17 < eps
};
template <>
struct edges<float> {
  static constexpr float exp_below_overflow = 88.72f;  // log(FLT_MAX) = 88.7228
  static constexpr float exp_overflow = 89;
  static constexpr float exp_subnormal = -100;  // e^-100 = 3.7e-44
  static constexpr float exp_zero = -110;
  static constexpr float sinh_finite = 89.4f;  // sinh(89.4) = 3.3e38
  static constexpr float sinh_overflow = 90;
  static constexpr float subnormal = 1e-40f;
  static constexpr float smallest = 1.4012985e-45f;
  static constexpr float huge = 1e37f;
  static constexpr float sigmoid_tail = -80;  // e^-80 = 1.8e-35
  static constexpr float erfc_tail = 9;       // erfc(9) = 4.1e-37
  static constexpr float tanh_flat = 10;
};

// Reference derivatives and values, in long double.
real sigmoid_l(real x) { return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x)); }
real dsigmoid_l(real x) {
  const real e = std::exp(-std::fabs(x));
  return e / ((1 + e) * (1 + e));
}
real softplus_l(real x) { return std::fmax(x, real(0)) + std::log1p(std::exp(-std::fabs(x))); }
real two_over_sqrt_pi = 1.1283791670955125738961589031215452L;

#ifndef __FAST_MATH__  // infinities and subnormals (README, -O3 and -ffast-math)
TEST_CASE_TEMPLATE("extremes: exp and expm1 near overflow and underflow", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  using E = edges<T>;
  const T e2 = 2 * ex::eps<T>;
  for (const T p : {E::exp_below_overflow, E::exp_overflow, E::exp_subnormal, E::exp_zero, T(-1000), T(1000)}) {
    const real v = std::exp(static_cast<real>(p));
    ex::check_passes("exp", tg::exp(x), x, p, v, v, e2, e2);
    // expm1' = expm1(x) + 1, from the result: exact to eps absolute (0 where e^x < eps / 2).
    ex::check_passes("expm1", tg::expm1(x), x, p, std::expm1(static_cast<real>(p)), v, e2, e2, ex::eps<T>);
  }
  // Overflow is +inf in value and derivative, underflow 0 in both, never NaN.
  CHECK(std::isinf(tg::grad(tg::exp(x), tg::at(x = E::exp_overflow))[x]));
  CHECK(tg::grad(tg::exp(x), tg::at(x = E::exp_zero))[x] == 0);
  CHECK(tg::grad(tg::exp(x), tg::at(x = E::exp_subnormal))[x] > 0);
}
#endif

#ifndef __FAST_MATH__  // infinities and subnormals (README, -O3 and -ffast-math)
TEST_CASE_TEMPLATE("extremes: logs of subnormal and huge numbers", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  using E = edges<T>;
  const T e2 = 2 * ex::eps<T>, e4 = 4 * ex::eps<T>;
  const real ln2 = std::log(real(2)), ln10 = std::log(real(10));
  for (const T p : {E::subnormal, E::smallest, std::numeric_limits<T>::min(), E::huge, std::numeric_limits<T>::max()}) {
    const real q = p;
    const bool max = p == std::numeric_limits<T>::max();
    // log of the smallest subnormal is finite (-744.4 in double); its derivative 1/x
    // is beyond the range (+inf), as the true number rounds.
    ex::check_passes("log", tg::log(x), x, p, std::log(q), 1 / q, e2, e2);
    ex::check_passes("log2", tg::log2(x), x, p, std::log(q) / ln2, 1 / (q * ln2), e4, e4);
    if (!max)  // at the largest number, see "log10's derivative at the top of the range"
      ex::check_passes("log10", tg::log10(x), x, p, std::log(q) / ln10, 1 / (q * ln10), e4, e4);
    ex::check_passes("log1p", tg::log1p(x), x, p, std::log1p(q), 1 / (1 + q), e2, e2);
    // sqrt and cbrt of a subnormal: value and derivative both finite.
    ex::check_passes("sqrt", tg::sqrt(x), x, p, std::sqrt(q), 1 / (2 * std::sqrt(q)), e2, e4);
    ex::check_passes("cbrt", tg::cbrt(x), x, p, std::cbrt(q), 1 / (3 * std::cbrt(q) * std::cbrt(q)), e2, e4);
    ex::check_passes("cbrt of the negative", tg::cbrt(x), x, T(-p), std::cbrt(-q), 1 / (3 * std::cbrt(q) * std::cbrt(q)),
                     e2, e4);
  }
  CHECK(std::isfinite(tg::grad(tg::sqrt(x), tg::at(x = E::smallest))[x]));
  CHECK(std::isfinite(tg::eval(tg::log(x), tg::at(x = E::smallest))));
}
#endif

TEST_CASE_TEMPLATE("extremes: sigmoid softplus and tanh at plus and minus 800 and 1000", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  using E = edges<T>;
  const T e = ex::eps<T>, e4 = 4 * ex::eps<T>;
  for (const T p : {T(-1000), T(-800), E::sigmoid_tail, T(-30), T(-1), T(0), T(1), T(30), T(800), T(1000)}) {
    const real q = p;
    // sigmoid' = sigmoid (1 - sigmoid) from the result: exact to eps absolute (for large
    // positive x, 1 - sigmoid rounds to 0 where the true derivative is below eps).
    ex::check_passes("sigmoid", tg::sigmoid(x), x, p, sigmoid_l(q), dsigmoid_l(q), e4, e4, e);
    ex::check_passes("softplus", tg::softplus(x), x, p, softplus_l(q), sigmoid_l(q), e4, e4, e);
    const real t = std::tanh(q);
    ex::check_passes("tanh", tg::tanh(x), x, p, t, (1 - t) * (1 + t), e4, e4, 2 * e);
  }
  // Flat tails: the derivative of tanh rounds to 0, never to a negative number or NaN.
  for (const T p : {E::tanh_flat, T(-E::tanh_flat), T(800), T(-800)}) {
    const T g = tg::grad(tg::tanh(x), tg::at(x = p))[x];
    CHECK(g >= 0);
    CHECK(g <= 2 * e);
  }
}

#ifndef __FAST_MATH__  // infinities and subnormals (README, -O3 and -ffast-math)
TEST_CASE_TEMPLATE("extremes: sinh and cosh at the edge of overflow", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  using E = edges<T>;
  const T e4 = 4 * ex::eps<T>;
  for (const T p : {E::sinh_finite, E::sinh_overflow, T(-E::sinh_finite), T(-E::sinh_overflow), T(50)}) {
    const real q = p;
    ex::check_passes("sinh", tg::sinh(x), x, p, std::sinh(q), std::cosh(q), e4, e4);
    ex::check_passes("cosh", tg::cosh(x), x, p, std::cosh(q), std::sinh(q), e4, e4);
  }
}
#endif

#ifndef __FAST_MATH__  // infinities and subnormals (README, -O3 and -ffast-math)
TEST_CASE_TEMPLATE("extremes: inverse functions and hypot far out", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  using E = edges<T>;
  const T e4 = 4 * ex::eps<T>;
  for (const T p : {E::huge, T(-E::huge), std::numeric_limits<T>::max()}) {
    const real q = p;
    ex::check_passes("atan", tg::atan(x), x, p, std::atan(q), 1 / (1 + q * q), e4, e4);
    // 1/sqrt(x^2 + 1) without forming x^2 (which overflows): finite, 1/|x|.
    ex::check_passes("asinh", tg::asinh(x), x, p, std::asinh(q), 1 / std::sqrt(q * q + 1), e4, e4);
    // hypot(x, 2x) = sqrt(5) |x| with derivative sqrt(5) sign(x), however large x, as long
    // as the value itself is finite (at the largest number it overflows, and the rule
    // x / hypot reads the infinite result: 0).
    if (p != std::numeric_limits<T>::max())
      ex::check_passes("hypot", tg::hypot(x, x * tg::c<2>), x, p, std::sqrt(real(5)) * std::fabs(q),
                       std::sqrt(real(5)) * (q > 0 ? 1 : -1), e4, e4);
  }
  for (const T p : {E::huge, std::numeric_limits<T>::max(), T(1e10)}) {
    const real q = p;
    ex::check_passes("acosh", tg::acosh(x), x, p, std::acosh(q), 1 / (std::sqrt(q - 1) * std::sqrt(q + 1)), e4, e4);
  }
  // Near the ends of their domains the inverse functions keep full relative accuracy.
  for (const T p : {T(1) - ex::eps<T>, T(-1) + ex::eps<T> / 2, T(1e-30)}) {
    const real q = p;
    ex::check_passes("asin", tg::asin(x), x, p, std::asin(q), 1 / std::sqrt((1 - q) * (1 + q)), e4, 64 * ex::eps<T>);
    ex::check_passes("atanh", tg::atanh(x), x, p, std::atanh(q), 1 / ((1 - q) * (1 + q)), 64 * ex::eps<T>,
                     64 * ex::eps<T>);
  }
}
#endif

TEST_CASE_TEMPLATE("extremes: erf and erfc in their tails", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  using E = edges<T>;
  const T e4 = 4 * ex::eps<T>;
  for (const T p : {T(-30), T(-5), T(5), E::erfc_tail, T(30)}) {
    const real q = p;
    const real d = two_over_sqrt_pi * std::exp(-q * q);
    ex::check_passes("erf", tg::erf(x), x, p, std::erf(q), d, e4, 16 * ex::eps<T>);
    // erfc keeps its relative accuracy where 1 - erf(x) would be 0.
    ex::check_passes("erfc", tg::erfc(x), x, p, std::erfc(q), -d, 16 * ex::eps<T>, 16 * ex::eps<T>);
  }
  CHECK(tg::eval(tg::erfc(x), tg::at(x = E::erfc_tail)) > 0);
}

#ifndef __FAST_MATH__  // infinities and subnormals (README, -O3 and -ffast-math)
TEST_CASE_TEMPLATE("extremes: elu leaky_relu and square far out", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  const T e2 = 2 * ex::eps<T>;
  for (const T p : {T(-1000), T(-800), T(-30), T(1e30)}) {
    const real q = p;
    // elu'(x) = elu(x) + alpha for x < 0: at -800 it is -1 + 1 = 0, the true e^-800 underflows.
    ex::check_passes("elu", tg::elu(x), x, p, q > 0 ? q : std::expm1(q), q > 0 ? 1 : std::exp(q), e2, e2, e2);
    ex::check_passes("leaky_relu", tg::leaky_relu(x), x, p, q > 0 ? q : q / 100, q > 0 ? 1 : real(1) / 100, e2, e2);
  }
  // square overflows to +inf while its derivative 2x is still finite.
  const T big = std::sqrt(std::numeric_limits<T>::max()) * 2;
  ex::check_passes("square", tg::square(x), x, big, static_cast<real>(big) * big, 2 * static_cast<real>(big), e2, e2);
}
#endif

#ifndef __FAST_MATH__
// log10'(x) = 1/x/ln 10: 1/(x ln 10) overflowed to a 0 derivative for x > DBL_MAX / ln 10
// (7.8e307; FLT_MAX / ln 10 in float), where the derivative is a subnormal number (2.4e-309
// at DBL_MAX). log2 (x ln 2 < DBL_MAX) is not affected.
TEST_CASE_TEMPLATE("extremes: log10's derivative at the top of the range", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  const T p = std::numeric_limits<T>::max();
  const real q = p;
  ex::check_passes("log10", tg::log10(x), x, p, std::log(q) / std::log(real(10)), 1 / (q * std::log(real(10))),
                   4 * ex::eps<T>, 4 * ex::eps<T>);
}
#endif

}  // namespace
