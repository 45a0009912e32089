// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/forward.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <initializer_list>
#include <type_traits>
#include <utility>

// Forward mode: jvp(f, at(...), along(...)) is the value of f and its derivative
// along a direction, which must equal the gradient (reverse mode) dotted with it.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;
constexpr auto xf = tg::var<"xf", float>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

constexpr auto f_xy = x * x * y + y * y * y;  // grad = (2xy, x^2 + 3y^2)

TEST_CASE("forward: along one variable is that partial derivative") {
  BOTH(tg::jvp(x * x + 2 * x + 1, tg::at(x = 3.0), tg::along(x = 1.0)).tangent == 8.0);
  BOTH(tg::jvp(x * x + 2 * x + 1, tg::at(x = 3.0), tg::along(x = 1.0)).value == 16.0);
  BOTH(tg::jvp(f_xy, tg::at(x = 1.5, y = -2.0), tg::along(x = 1.0)).tangent == -6.0);
  BOTH(tg::jvp(f_xy, tg::at(x = 1.5, y = -2.0), tg::along(y = 1.0)).tangent == 14.25);
  BOTH(tg::jvp(x * y, tg::at(x = 2.0, y = 3.0), tg::along(x = 1.0)).tangent == 3.0);
  double x0 = 3.0;
  CHECK(tg::jvp(x * x + 2 * x + 1, tg::at(x = x0), tg::along(x = 1.0)).tangent == 8.0);
}

TEST_CASE("forward: along several variables is the gradient dotted with the direction") {
  // (2xy, x^2 + 3y^2) . (dx, dy) at (1.5, -2): -6 dx + 14.25 dy
  BOTH(tg::jvp(f_xy, tg::at(x = 1.5, y = -2.0), tg::along(x = 1.0, y = 1.0)).tangent == 8.25);
  BOTH(tg::jvp(f_xy, tg::at(x = 1.5, y = -2.0), tg::along(y = 2.0, x = -0.5)).tangent
       == 3.0 + 28.5);
  // A variable not named in along(...) has tangent 0.
  constexpr auto g = x * y * z;
  BOTH(tg::jvp(g, tg::at(x = 1.0, y = 2.0, z = 3.0), tg::along(x = 1.0, z = 1.0)).tangent
       == 6.0 + 2.0);
  for (double px : {-2.0, -0.5, 0.0, 1.0, 3.0}) {
    for (double py : {-1.5, 0.25, 2.0}) {
      for (const auto& dir :
           {std::pair{1.0, 0.0}, std::pair{0.0, 1.0}, std::pair{0.5, -2.0}, std::pair{3.0, 0.25}}) {
        const double dx = dir.first,
                     dy = dir.second;  // not a structured binding: clang 14 cannot capture those
        CAPTURE(px);
        CAPTURE(py);
        CAPTURE(dx);
        CAPTURE(dy);
        const auto at = tg::at(x = px, y = py);
        const auto r = tg::value_and_grad(f_xy, at);
        const auto t = tg::jvp(f_xy, at, tg::along(x = dx, y = dy));
        CHECK(t.value == r.value);
        CHECK(t.tangent == doctest::Approx(r.grad[x] * dx + r.grad[y] * dy).epsilon(1e-14));
      }
    }
  }
}

TEST_CASE("forward: jvp equals reverse on a rational function") {
  constexpr auto f = (x + y) * (x - y) / (x * x + y * y + 1) + z / (x + 3);
  for (double px : {-1.0, 0.0, 0.5, 2.0}) {
    for (double pz : {-2.0, 1.0}) {
      const auto at = tg::at(x = px, y = 0.75, z = pz);
      const auto g = tg::grad(f, at);
      CHECK(tg::jvp(f, at, tg::along(x = 1.0)).tangent == doctest::Approx(g[x]).epsilon(1e-14));
      CHECK(tg::jvp(f, at, tg::along(y = 1.0)).tangent == doctest::Approx(g[y]).epsilon(1e-14));
      CHECK(tg::jvp(f, at, tg::along(z = 1.0)).tangent == doctest::Approx(g[z]).epsilon(1e-14));
      CHECK(tg::jvp(f, at, tg::along(x = 1.0, y = 2.0, z = -1.0)).tangent
            == doctest::Approx(g[x] + 2 * g[y] - g[z]).epsilon(1e-14));
    }
  }
}

TEST_CASE("forward: through let and run-time constants") {
  constexpr auto h = tg::let<"h">(x * x + 3);
  BOTH(tg::jvp(5 * h + 1, tg::at(x = 2.0), tg::along(x = 1.0)).tangent == 20.0);
  BOTH(tg::jvp(h * h, tg::at(x = 2.0), tg::along(x = 0.5)).tangent == 28.0);
  double k = 3.0;
  const auto f = k * x * x - k;
  CHECK(tg::jvp(f, tg::at(x = 2.0), tg::along(x = 1.0)).tangent == 12.0);
  CHECK(tg::jvp(f, tg::at(x = 2.0), tg::along(x = 1.0)).value == 9.0);
}

TEST_CASE("forward: the tangent has the expression's scalar type") {
  constexpr auto r = tg::jvp(2 * xf * xf, tg::at(xf = 1.5f), tg::along(xf = 1.0f));
  static_assert(
      std::is_same_v<decltype(r.tangent), float> && std::is_same_v<decltype(r.value), float>);
  BOTH(r.tangent == 6.0f);
  constexpr auto m = tg::jvp(xf * x, tg::at(xf = 0.5f, x = 3.0), tg::along(xf = 1.0f, x = 1.0));
  static_assert(std::is_same_v<decltype(m.tangent), double>);
  BOTH(m.tangent == 3.5);
}

}  // namespace
