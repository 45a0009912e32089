// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/symbolic.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <type_traits>

// d(f, x): the derivative as another expression type, simplified as it is built;
// its values agree with reverse mode, and d of d gives second derivatives.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto xf = tg::var<"xf", float>;
constexpr auto yf = tg::var<"yf", float>;
using x_t = std::remove_cvref_t<decltype(x)>;
using y_t = std::remove_cvref_t<decltype(y)>;
using xf_t = std::remove_cvref_t<decltype(xf)>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

template <class A, class B>
inline constexpr bool is_of_type = std::is_same_v<std::remove_cvref_t<A>, B>;

// ---- exact types after simplification ------------------------------------------------------
static_assert(is_of_type<decltype(tg::d(x * y, x)), y_t>);
static_assert(is_of_type<decltype(tg::d(x * y, y)), x_t>);
static_assert(is_of_type<decltype(tg::d(x, x)), tg::ct<1>>);
static_assert(is_of_type<decltype(tg::d(y, x)), tg::ct<0>>);
static_assert(is_of_type<decltype(tg::d(tg::c<3> * x, x)), tg::ct<3>>);
static_assert(is_of_type<decltype(tg::d(tg::c<2> * x + tg::c<3>, x)), tg::ct<2>>);
static_assert(is_of_type<decltype(tg::d(x / tg::c<2>, x)), tg::ct<1, 2>>);
static_assert(is_of_type<decltype(tg::d(x * tg::c<1, 2>, x)), tg::ct<1, 2>>);
static_assert(is_of_type<decltype(tg::d(x + y, x)), tg::ct<1>>);
static_assert(is_of_type<decltype(tg::d(x - y, y)), tg::ct<-1>>);
static_assert(is_of_type<decltype(tg::d(-x, x)), tg::ct<-1>>);
static_assert(is_of_type<decltype(tg::d(x * x, x)), tg::node<tg::mul_op, tg::ct<2>, x_t>>);  // 2*x
static_assert(
    is_of_type<decltype(tg::d(x * x * y + y * y * y, x)),
               tg::node<tg::mul_op, tg::node<tg::mul_op, tg::ct<2>, x_t>, y_t>>);  // 2*x*y
static_assert(is_of_type<decltype(tg::d(x / y, x)), tg::node<tg::div_op, tg::ct<1>, y_t>>);  // 1/y
static_assert(
    is_of_type<decltype(tg::d(tg::d(x * x * y, x), y)), tg::node<tg::mul_op, tg::ct<2>, x_t>>);
// A run-time constant stays a run-time constant, with its value.
static_assert(is_of_type<decltype(tg::d(3 * x, x)), tg::constant<double>>);
static_assert(tg::d(3 * x, x).value == 3.0);
static_assert(is_of_type<decltype(tg::d(2 * xf, xf)), tg::constant<float>>);
// An expression without x has derivative 0, whatever it holds.
static_assert(is_of_type<decltype(tg::d(3.0 * y + 1.0, x)), tg::ct<0>>);
// Stateless in, stateless out.
static_assert(std::is_empty_v<decltype(tg::d(x * x * y + y * y * y / (x + y), y))>);
static_assert(is_of_type<decltype(tg::d(xf * xf, xf)), tg::node<tg::mul_op, tg::ct<2>, xf_t>>);

constexpr auto f_xy = x * x * y + y * y * y;  // df/dx = 2xy, df/dy = x^2 + 3y^2

TEST_CASE("symbolic: values of derivatives of the worked examples") {
  BOTH(tg::eval(tg::d(x * x + 2 * x + 1, x), tg::at(x = 3.0)) == 8.0);
  BOTH(tg::eval(tg::d(f_xy, x), tg::at(x = 1.5, y = -2.0)) == -6.0);
  BOTH(tg::eval(tg::d(f_xy, y), tg::at(x = 1.5, y = -2.0)) == 14.25);
  constexpr auto h = tg::let<"h">(x * x + 3);
  BOTH(tg::eval(tg::d(5 * h + 1, x), tg::at(x = 2.0)) == 20.0);
  BOTH(tg::eval(tg::d(5 * h + 1, h), tg::at(x = 2.0)) == 5.0);
  constexpr auto Z = tg::var<"w1"> * tg::var<"x1"> + tg::var<"w2"> * tg::var<"x2">;
  static_assert(is_of_type<decltype(tg::d(Z, tg::var<"w1">)), tg::var_t<"x1">>);
  static_assert(is_of_type<decltype(tg::d(Z, tg::var<"x2">)), tg::var_t<"w2">>);
}

TEST_CASE("symbolic: equals reverse mode at many points") {
  constexpr auto f = (x + 2 * y) * (3 * x - y) / (x * x + y * y + 1) - y / (x + 4);
  constexpr auto dfdx = tg::d(f, x);
  constexpr auto dfdy = tg::d(f, y);
  for (double px : {-3.0, -1.25, 0.0, 0.5, 2.0, 10.0}) {
    for (double py : {-2.0, -0.5, 0.0, 1.0, 3.5}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto at = tg::at(x = px, y = py);
      const auto g = tg::grad(f, at);
      CHECK(tg::eval(dfdx, at) == doctest::Approx(g[x]).epsilon(1e-14));
      CHECK(tg::eval(dfdy, at) == doctest::Approx(g[y]).epsilon(1e-14));
    }
  }
  for (double px : {-2.0, 0.5, 3.0}) {  // exact arithmetic: exactly equal
    const auto at = tg::at(x = px, y = 1.0);
    CHECK(tg::eval(tg::d(f_xy, x), at) == tg::grad(f_xy, at)[x]);
    CHECK(tg::eval(tg::d(f_xy, y), at) == tg::grad(f_xy, at)[y]);
  }
}

TEST_CASE("symbolic: d of d gives second derivatives") {
  // f = x^3 y^2 + xy + y^4: f_xx = 6xy^2, f_xy = 6x^2 y + 1, f_yy = 2x^3 + 12y^2
  constexpr auto f = x * x * x * y * y + x * y + y * y * y * y;
  constexpr auto fxx = tg::d(tg::d(f, x), x);
  constexpr auto fxy = tg::d(tg::d(f, x), y);
  constexpr auto fyx = tg::d(tg::d(f, y), x);
  constexpr auto fyy = tg::d(tg::d(f, y), y);
  BOTH(tg::eval(fxx, tg::at(x = 2.0, y = 3.0)) == 6 * 2.0 * 9.0);
  BOTH(tg::eval(fxy, tg::at(x = 2.0, y = 3.0)) == 6 * 4.0 * 3.0 + 1);
  BOTH(tg::eval(fyx, tg::at(x = 2.0, y = 3.0)) == 6 * 4.0 * 3.0 + 1);
  BOTH(tg::eval(fyy, tg::at(x = 2.0, y = 3.0)) == 2 * 8.0 + 12 * 9.0);
  for (double px : {-2.0, -0.5, 0.0, 1.0, 1.5}) {
    for (double py : {-1.0, 0.25, 2.0}) {
      const auto at = tg::at(x = px, y = py);
      CHECK(tg::eval(fxx, at) == 6 * px * py * py);
      CHECK(tg::eval(fxy, at) == 6 * px * px * py + 1);
      CHECK(tg::eval(fyx, at) == 6 * px * px * py + 1);
      CHECK(tg::eval(fyy, at) == 2 * px * px * px + 12 * py * py);
    }
  }
  // Third derivative of x^4: 24x.
  constexpr auto q = x * x * x * x;
  BOTH(tg::eval(tg::d(tg::d(tg::d(q, x), x), x), tg::at(x = 1.5)) == 36.0);
  static_assert(is_of_type<decltype(tg::d(tg::d(tg::d(tg::d(q, x), x), x), x)), tg::ct<24>>);
}

TEST_CASE("symbolic: float variables") {
  constexpr auto f = xf * xf * yf + 2 * yf;
  constexpr auto dfdx = tg::d(f, xf);
  constexpr auto dfdy = tg::d(f, yf);
  static_assert(std::is_same_v<decltype(tg::eval(dfdx, tg::at(xf = 1.0f, yf = 1.0f))), float>);
  BOTH(tg::eval(dfdx, tg::at(xf = 1.5f, yf = 2.0f)) == 6.0f);
  BOTH(tg::eval(dfdy, tg::at(xf = 1.5f, yf = 2.0f)) == 4.25f);
  for (float px : {-1.0f, 0.5f, 3.0f}) {
    const auto at = tg::at(xf = px, yf = -0.5f);
    CHECK(tg::eval(dfdx, at) == tg::grad(f, at)[xf]);
    CHECK(tg::eval(dfdy, at) == tg::grad(f, at)[yf]);
  }
}

TEST_CASE("symbolic: run-time constants and lets in the derivative") {
  double k = 2.5;
  const auto f = k * x * x + x / k;
  const auto dfdx = tg::d(f, x);  // 2 k x + 1/k, holding k
  CHECK(tg::eval(dfdx, tg::at(x = 2.0)) == 2 * 2.5 * 2.0 + 1 / 2.5);
  CHECK(tg::eval(dfdx, tg::at(x = 2.0)) == tg::grad(f, tg::at(x = 2.0))[x]);
  const auto h = tg::let<"h">(k * x + 1.0);
  const auto g = h * h;
  CHECK(tg::eval(tg::d(g, x), tg::at(x = 2.0)) == 2 * 6.0 * 2.5);
  CHECK(tg::eval(tg::d(g, h), tg::at(x = 2.0)) == 12.0);
}

}  // namespace
