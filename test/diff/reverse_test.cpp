// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/reverse.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

// Reverse mode: value_and_grad, grad, wrt. Values are compared with == where the
// arithmetic is exact (small integers and dyadic fractions), so any extra or
// missing term in the fused backward pass shows.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto x1 = tg::var<"x1">;
constexpr auto x2 = tg::var<"x2">;
constexpr auto w1 = tg::var<"w1">;
constexpr auto w2 = tg::var<"w2">;
constexpr auto xf = tg::var<"xf", float>;
constexpr auto X = tg::input<"X">;
using x_t = std::remove_cvref_t<decltype(x)>;
using y_t = std::remove_cvref_t<decltype(y)>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

// ---- the worked examples -------------------------------------------------------------------

TEST_CASE("reverse: y = x^2 + 2x + 1 at x = 3 has dy/dx = 8") {
  BOTH(tg::grad(x * x + 2 * x + 1, tg::at(x = 3.0))[x] == 8.0);
  BOTH(tg::value_and_grad(x * x + 2 * x + 1, tg::at(x = 3.0)).value == 16.0);
  double x0 = 3.0;
  CHECK(tg::grad(x * x + 2 * x + 1, tg::at(x = x0))[x] == 8.0);
}

TEST_CASE("reverse: the gradient with respect to a let (retain_grad)") {
  constexpr auto h = tg::let<"h">(x * x + 3);
  constexpr auto f = 5 * h + 1;
  BOTH(tg::grad(f, tg::at(x = 2.0), tg::wrt(x, h))[x] == 20.0);
  BOTH(tg::grad(f, tg::at(x = 2.0), tg::wrt(x, h))[h] == 5.0);
  double x0 = 2.0;
  const auto g = tg::grad(f, tg::at(x = x0), tg::wrt(x, h));
  CHECK(g[x] == 20.0);
  CHECK(g[h] == 5.0);
}

constexpr auto f_xy = x * x * y + y * y * y;  // df/dx = 2xy, df/dy = x^2 + 3y^2

TEST_CASE("reverse: f = x^2 y + y^3 has df/dx = 2xy and df/dy = x^2 + 3y^2") {
  static_assert(tg::grad(f_xy, tg::at(x = 1.5, y = -2.0))[x] == 2 * 1.5 * -2.0);
  static_assert(tg::grad(f_xy, tg::at(x = 1.5, y = -2.0))[y] == 1.5 * 1.5 + 3 * 4.0);
  static_assert(tg::grad(f_xy, tg::at(x = 0.0, y = 0.0))[x] == 0.0);
  static_assert(tg::grad(f_xy, tg::at(x = -3.0, y = 0.25))[y] == 9.0 + 3 * 0.0625);
  for (double px : {-3.0, -1.5, 0.0, 0.5, 1.0, 2.0, 7.25}) {
    for (double py : {-2.0, -0.25, 0.0, 1.0, 3.5}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto g = tg::grad(f_xy, tg::at(x = px, y = py));
      CHECK(g[x] == 2 * px * py);
      CHECK(g[y] == px * px + 3 * py * py);
    }
  }
}

TEST_CASE("reverse: y = x1^2 + x2^2 at (2 3) has gradient (4 6)") {
  constexpr auto f = x1 * x1 + x2 * x2;
  BOTH(tg::grad(f, tg::at(x1 = 2.0, x2 = 3.0))[x1] == 4.0);
  BOTH(tg::grad(f, tg::at(x1 = 2.0, x2 = 3.0))[x2] == 6.0);
  double a = 2.0, b = 3.0;
  const auto g = tg::grad(f, tg::at(x1 = a, x2 = b));
  CHECK(g[x1] == 4.0);
  CHECK(g[x2] == 6.0);
}

TEST_CASE("reverse: Z = w1 x1 + w2 x2 has dZ/dW = X and dZ/dX = W") {
  constexpr auto Z = w1 * x1 + w2 * x2;
  constexpr auto at = tg::at(x1 = 2.0, x2 = 3.0, w1 = 0.5, w2 = 1.0);
  constexpr auto g = tg::grad(Z, at);
  static_assert(g.size() == 4);
  BOTH(g[w1] == 2.0);
  BOTH(g[w2] == 3.0);
  BOTH(g[x1] == 0.5);
  BOTH(g[x2] == 1.0);
  BOTH(tg::eval(Z, at) == 4.0);
  const auto gr = tg::grad(Z, tg::at(x1 = 2.0, x2 = 3.0, w1 = 0.5, w2 = 1.0));
  CHECK(gr[w1] == 2.0);
  CHECK(gr[w2] == 3.0);
  CHECK(gr[x1] == 0.5);
  CHECK(gr[x2] == 1.0);
}

TEST_CASE("reverse: wrt restricts the targets and holds the rest constant") {
  constexpr auto Z = w1 * x1 + w2 * x2;
  constexpr auto at = tg::at(x1 = 2.0, x2 = 3.0, w1 = 0.5, w2 = 1.0);
  constexpr auto gw = tg::grad(Z, at, tg::wrt(w1, w2));
  static_assert(gw.size() == 2);
  BOTH(gw[w1] == 2.0);
  BOTH(gw[w2] == 3.0);
  constexpr auto gx = tg::grad(Z, at, tg::wrt(x2));
  static_assert(gx.size() == 1);
  BOTH(gx[x2] == 1.0);
  // The order of wrt(...) is the order of the result.
  constexpr auto r = tg::value_and_grad(f_xy, tg::at(x = 1.0, y = 2.0), tg::wrt(y, x));
  BOTH(r.grad[y] == 13.0);
  BOTH(r.grad[x] == 4.0);
  BOTH(tg::detail::get<0>(r.grad.values) == 13.0);
  // Inputs are never differentiated; they are bound like variables.
  constexpr auto g = tg::grad(X * x * x, tg::at(x = 3.0, X = 0.5));
  static_assert(g.size() == 1);
  BOTH(g[x] == 3.0);
}

// ---- value_and_grad ------------------------------------------------------------------------

TEST_CASE("reverse: value_and_grad binds to structured bindings") {
  auto [v, g] = tg::value_and_grad(f_xy, tg::at(x = 1.5, y = -2.0));
  CHECK(v == 2.25 * -2.0 - 8.0);
  CHECK(g[x] == -6.0);
  CHECK(g[y] == 14.25);
  static_assert(std::is_same_v<decltype(v), double>);
  constexpr auto r = tg::value_and_grad(f_xy, tg::at(x = 1.5, y = -2.0));
  static_assert(r.value == tg::eval(f_xy, tg::at(x = 1.5, y = -2.0)));
  const auto& [cv, cg] = r;
  CHECK(cv == r.value);
  CHECK(cg[y] == 14.25);
}

TEST_CASE("reverse: the value equals eval and grad equals value_and_grad") {
  constexpr auto f = (x + y) * (x - y) / (x * x + 1);
  for (double px : {-2.0, 0.0, 0.5, 3.0}) {
    for (double py : {-1.0, 0.25, 4.0}) {
      const auto at = tg::at(x = px, y = py);
      const auto r = tg::value_and_grad(f, at);
      CHECK(r.value == tg::eval(f, at));
      CHECK(r.grad[x] == tg::grad(f, at)[x]);
      CHECK(r.grad[y] == tg::grad(f, at)[y]);
    }
  }
}

// ---- exactness of the fused pass -----------------------------------------------------------

TEST_CASE("reverse: adjoints accumulate over every use of a node") {
  BOTH(tg::grad(x * x * x, tg::at(x = 2.0))[x] == 12.0);
  BOTH(tg::grad(x + x + x + x, tg::at(x = 5.0))[x] == 4.0);
  BOTH(tg::grad(x * y + y * x, tg::at(x = 2.0, y = 3.0))[x] == 6.0);
  BOTH(tg::grad(x - x, tg::at(x = 2.0))[x] == 0.0);
  BOTH(tg::grad(-x * -x, tg::at(x = 1.5))[x] == 3.0);
  BOTH(tg::grad(x / y, tg::at(x = 3.0, y = 4.0))[x] == 0.25);
  BOTH(tg::grad(x / y, tg::at(x = 3.0, y = 4.0))[y] == -3.0 / 16.0);
  BOTH(tg::grad(1 / x, tg::at(x = 2.0))[x] == -0.25);
  // A stateless sub-expression used many times: one node, one adjoint.
  constexpr auto s = x * y + tg::c<1>;
  BOTH(tg::grad(s * s * s, tg::at(x = 1.0, y = 2.0))[x] == 3 * 9.0 * 2.0);
  // The same shape with run-time constants: one node per position, same gradient.
  constexpr auto r = x * y + 1.0;
  BOTH(tg::grad(r * r * r, tg::at(x = 1.0, y = 2.0))[x] == 3 * 9.0 * 2.0);
}

TEST_CASE("reverse: float variables give float gradients") {
  constexpr auto g = tg::grad(2 * xf * xf + 1, tg::at(xf = 1.5f));
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(g[xf])>, float>);
  BOTH(g[xf] == 6.0f);
  // Mixed float and double: the expression computes in double.
  constexpr auto gm = tg::grad(xf * x, tg::at(xf = 0.5f, x = 3.0));
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(gm[xf])>, double>);
  BOTH(gm[xf] == 3.0);
  BOTH(gm[x] == 0.5);
}

TEST_CASE("reverse: a larger expression at compile time") {
  // f = (x + 2y)(3x - y) + x/y ; df/dx = (3x - y) + 3(x + 2y) + 1/y, df/dy = 2(3x - y) - (x + 2y) -
  // x/y^2
  constexpr auto f = (x + 2 * y) * (3 * x - y) + x / y;
  constexpr auto g = tg::grad(f, tg::at(x = 1.0, y = 2.0));
  BOTH(g[x] == 1.0 + 15.0 + 0.5);
  BOTH(g[y] == 2.0 - 5.0 - 0.25);
  static_assert(std::is_same_v<tg::detail::variables_of<std::remove_cvref_t<decltype(f)>>,
                               tg::wrt_t<x_t, y_t>>);
}

TEST_CASE("reverse: an expression without variables has a value and an empty gradient") {
  // d(2x, x) is the constant 2; an expression of inputs only has nothing to differentiate.
  CHECK(tg::value_and_grad(tg::d(x * 2.0, x), tg::at(x = 1.0)).value == 2.0);
  BOTH(tg::value_and_grad(X * 2.0, tg::at(X = 1.5)).value == 3.0);
}

}  // namespace
