// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/core/let.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <type_traits>

// let<"name">(e): a named intermediate. Its value is e's, it is one node however
// often it is used (even when e holds run-time constants), and it is a gradient
// target whose gradient is its adjoint (PyTorch's retain_grad).

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

template <class E>
inline constexpr std::size_t distinct_nodes = tg::detail::topo_order<std::remove_cvref_t<E>>::size;

constexpr auto h = tg::let<"h">(x * x + 3);
using h_t = std::remove_cvref_t<decltype(h)>;
static_assert(tg::detail::is_let_v<h_t> && !tg::detail::is_let_v<decltype(x * x)>);
static_assert(std::is_same_v<h_t::op, tg::let_op<"h">> && h_t::op::name == "h");
static_assert(tg::Expression<h_t> && !tg::Variable<h_t>);
static_assert(sizeof(h) == sizeof(double), "the let holds its expression, and that holds 3");

// One node however often it is used, although x*x + 3 holds a run-time constant.
static_assert(distinct_nodes<decltype(h * h + h)> == 7);  // x, x*x, 3, x*x+3, h, h*h, root
static_assert(distinct_nodes<decltype(h * h * h * h + h)> == 9);
static_assert(distinct_nodes<decltype((x * x + 3) * (x * x + 3) + (x * x + 3))> == 10,
              "without let: per position");
static_assert(distinct_nodes<decltype(tg::let<"a">(2.0 * x) * tg::let<"a">(2.0 * x))> == 5,
              "the same name with the same expression type is one node");

TEST_CASE("let: the value of a let is the value of its expression") {
  BOTH(tg::eval(h, tg::at(x = 2.0)) == 7.0);
  BOTH(tg::eval(h * h + h, tg::at(x = 2.0)) == 56.0);
  BOTH(tg::grad(h, tg::at(x = 2.0))[x] == 4.0);
  double k = 1.5;
  auto hk = tg::let<"hk">(k * x);
  CHECK(tg::eval(hk * hk, tg::at(x = 2.0)) == 9.0);
}

TEST_CASE("let: the gradient with respect to a let is its adjoint") {
  // y = 5h + 1 with h = x^2 + 3, at x = 2: dy/dx = 5 * 2x = 20 and dy/dh = 5.
  constexpr auto f = 5 * h + 1;
  constexpr auto g = tg::grad(f, tg::at(x = 2.0), tg::wrt(x, h));
  BOTH(g[x] == 20.0);
  BOTH(g[h] == 5.0);
  BOTH(tg::grad(f, tg::at(x = 2.0), tg::wrt(h))[h] == 5.0);
  // h used three times: dh accumulates 2h + 1.
  BOTH(tg::grad(h * h + h, tg::at(x = 2.0), tg::wrt(h))[h] == 15.0);
  BOTH(tg::grad(h * h + h, tg::at(x = 2.0))[x] == 15.0 * 4.0);
  double x0 = 2.0;
  auto [v, gr] = tg::value_and_grad(f, tg::at(x = x0), tg::wrt(h, x));
  CHECK(v == 36.0);
  CHECK(gr[h] == 5.0);
  CHECK(gr[x] == 20.0);
}

TEST_CASE("let: default targets are the variables only") {
  constexpr auto g = tg::grad(5 * h + 1, tg::at(x = 2.0));
  static_assert(g.size() == 1);
  BOTH(g[x] == 20.0);
}

TEST_CASE("let: nested lets and lets over several variables") {
  constexpr auto u = tg::let<"u">(x * y);
  constexpr auto w = tg::let<"w">(u * u + x);  // a let inside a let
  constexpr auto f = w * u;
  // f = (u^2 + x) u = u^3 + x u, u = xy: df/du (total, through w) = 3u^2 + x, df/dw = u.
  constexpr auto g = tg::grad(f, tg::at(x = 2.0, y = 3.0), tg::wrt(x, y, u, w));
  BOTH(g[u] == 3 * 36.0 + 2.0);
  BOTH(g[w] == 6.0);
  BOTH(g[x] == (3 * 36.0 + 2.0) * 3.0 + 6.0);  // through u and directly in w
  BOTH(g[y] == (3 * 36.0 + 2.0) * 2.0);
  BOTH(tg::eval(f, tg::at(x = 2.0, y = 3.0)) == 38.0 * 6.0);
  static_assert(distinct_nodes<decltype(f)> == 8);  // x, y, x*y, u, u*u, u*u+x, w, w*u
}

TEST_CASE("let: forward mode and the Hessian see through a let") {
  constexpr auto f = h * h;  // (x^2 + 3)^2: f' = 4x(x^2 + 3), f'' = 12x^2 + 12
  BOTH(tg::jvp(f, tg::at(x = 2.0), tg::along(x = 1.0)).tangent == 56.0);
  BOTH(tg::hessian(f, tg::at(x = 2.0))(x, x) == 60.0);
  BOTH(tg::eval(tg::d(f, x), tg::at(x = 2.0)) == 56.0);
}

}  // namespace
