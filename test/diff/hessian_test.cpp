// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/hessian.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <type_traits>

// hessian(f, at(...)): second derivatives by forward-over-reverse, against
// hand-derived formulas (exactly, where the arithmetic is exact) and against the
// symbolic second derivatives.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;
constexpr auto xf = tg::var<"xf", float>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

// f = x^3 y^2 + xy + y^4: H = [[6xy^2, 6x^2 y + 1], [6x^2 y + 1, 2x^3 + 12y^2]]
constexpr auto poly = x * x * x * y * y + x * y + y * y * y * y;

TEST_CASE("hessian: a polynomial against hand-derived values") {
  constexpr auto H = tg::hessian(poly, tg::at(x = 2.0, y = 3.0));
  BOTH(H(x, x) == 6 * 2.0 * 9.0);
  BOTH(H(x, y) == 6 * 4.0 * 3.0 + 1);
  BOTH(H(y, x) == 6 * 4.0 * 3.0 + 1);
  BOTH(H(y, y) == 2 * 8.0 + 12 * 9.0);
  BOTH(H.value == tg::eval(poly, tg::at(x = 2.0, y = 3.0)));
  BOTH(H.gradient[0] == 3 * 4.0 * 9.0 + 3.0);        // f_x = 3x^2 y^2 + y
  BOTH(H.gradient[1] == 2 * 8.0 * 3.0 + 2.0 + 108);  // f_y = 2x^3 y + x + 4y^3
  static_assert(H.n == 2 && H.matrix[0][1] == H(x, y));
  for (double px : {-2.0, -0.5, 0.0, 1.0, 1.5, 4.0}) {
    for (double py : {-1.0, 0.0, 0.25, 2.0}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto h = tg::hessian(poly, tg::at(x = px, y = py));
      CHECK(h(x, x) == 6 * px * py * py);
      CHECK(h(x, y) == 6 * px * px * py + 1);
      CHECK(h(y, x) == 6 * px * px * py + 1);
      CHECK(h(y, y) == 2 * px * px * px + 12 * py * py);
    }
  }
}

TEST_CASE("hessian: quadratic forms have a constant Hessian") {
  constexpr auto q = 3 * x * x + 2 * x * y + y * y - 5 * x + 7;
  for (double px : {-3.0, 0.0, 2.5}) {
    const auto h = tg::hessian(q, tg::at(x = px, y = 1.0));
    CHECK(h(x, x) == 6.0);
    CHECK(h(x, y) == 2.0);
    CHECK(h(y, x) == 2.0);
    CHECK(h(y, y) == 2.0);
  }
  BOTH(tg::hessian(x * y * z, tg::at(x = 1.0, y = 2.0, z = 3.0))(x, z) == 2.0);
  BOTH(tg::hessian(x * y * z, tg::at(x = 1.0, y = 2.0, z = 3.0))(z, z) == 0.0);
  BOTH(tg::hessian(x * y * z, tg::at(x = 1.0, y = 2.0, z = 3.0))(y, z) == 1.0);
}

TEST_CASE("hessian: a rational function and its symbolic second derivatives") {
  // f = x / y: H = [[0, -1/y^2], [-1/y^2, 2x/y^3]]
  BOTH(tg::hessian(x / y, tg::at(x = 3.0, y = 2.0))(x, x) == 0.0);
  BOTH(tg::hessian(x / y, tg::at(x = 3.0, y = 2.0))(x, y) == -0.25);
  BOTH(tg::hessian(x / y, tg::at(x = 3.0, y = 2.0))(y, y) == 0.75);
  constexpr auto f = (x + 2 * y) / (x * x + y * y + 1);
  for (double px : {-2.0, 0.0, 0.75, 3.0}) {
    for (double py : {-1.5, 0.5, 2.0}) {
      const auto at = tg::at(x = px, y = py);
      const auto h = tg::hessian(f, at);
      CHECK(h(x, x) == doctest::Approx(tg::eval(tg::d(tg::d(f, x), x), at)).epsilon(1e-13));
      CHECK(h(x, y) == doctest::Approx(tg::eval(tg::d(tg::d(f, x), y), at)).epsilon(1e-13));
      CHECK(h(y, y) == doctest::Approx(tg::eval(tg::d(tg::d(f, y), y), at)).epsilon(1e-13));
      CHECK(h(x, y) == doctest::Approx(h(y, x)).epsilon(1e-14));
    }
  }
}

TEST_CASE("hessian: wrt selects and orders the variables") {
  constexpr auto H = tg::hessian(poly, tg::at(x = 2.0, y = 3.0), tg::wrt(y));
  static_assert(H.n == 1);
  BOTH(H(y, y) == 124.0);
  BOTH(H.gradient[0] == 158.0);
  constexpr auto R = tg::hessian(poly, tg::at(x = 2.0, y = 3.0), tg::wrt(y, x));
  BOTH(R.matrix[0][0] == 124.0);  // (y, y) first
  BOTH(R.matrix[1][1] == 108.0);
  BOTH(R(x, y) == 73.0);
}

TEST_CASE("hessian: through let and run-time constants") {
  constexpr auto h = tg::let<"h">(x * y + 1);
  BOTH(tg::hessian(h * h, tg::at(x = 1.0, y = 2.0))(x, y)
       == 2 * 2.0 * 1.0 + 2 * 3.0);  // 2xy + 2(xy + 1)
  double k = 1.5;
  const auto f = k * x * x * y;
  CHECK(tg::hessian(f, tg::at(x = 2.0, y = 3.0))(x, x) == 2 * 1.5 * 3.0);
  CHECK(tg::hessian(f, tg::at(x = 2.0, y = 3.0))(x, y) == 2 * 1.5 * 2.0);
}

TEST_CASE("hessian: float variables") {
  constexpr auto H = tg::hessian(xf * xf * xf, tg::at(xf = 0.5f));
  static_assert(std::is_same_v<decltype(H(xf, xf)), float>);
  BOTH(H(xf, xf) == 3.0f);
}

// ---- transcendental expressions ------------------------------------------------------------

TEST_CASE("hessian: exp(x y)") {
  // H = e^{xy} [[y^2, 1 + xy], [1 + xy, x^2]]
  constexpr auto f = tg::exp(x * y);
  BOTH(tg::hessian(f, tg::at(x = 0.0, y = 0.0))(x, y) == 1.0);
  BOTH(tg::hessian(f, tg::at(x = 0.0, y = 0.0))(x, x) == 0.0);
  BOTH(tg::hessian(f, tg::at(x = 0.0, y = 2.0))(x, x) == 4.0);
  for (double px : {-1.0, 0.0, 0.5, 1.25}) {
    for (double py : {-2.0, 0.3, 1.0}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto h = tg::hessian(f, tg::at(x = px, y = py));
      const double e = std::exp(px * py);
      CHECK(h(x, x) == doctest::Approx(py * py * e).epsilon(1e-14));
      CHECK(h(x, y) == doctest::Approx((1 + px * py) * e).epsilon(1e-14));
      CHECK(h(y, x) == doctest::Approx((1 + px * py) * e).epsilon(1e-14));
      CHECK(h(y, y) == doctest::Approx(px * px * e).epsilon(1e-14));
    }
  }
}

TEST_CASE("hessian: sin(x) cos(y)") {
  // H = [[-sin x cos y, -cos x sin y], [-cos x sin y, -sin x cos y]]
  constexpr auto f = tg::sin(x) * tg::cos(y);
  BOTH(tg::hessian(f, tg::at(x = 0.0, y = 0.0))(x, x) == 0.0);
  BOTH(tg::hessian(f, tg::at(x = 0.0, y = 0.0))(x, y) == 0.0);
  BOTH(tg::hessian(f, tg::at(x = 0.0, y = 0.0))(y, y) == 0.0);
  for (double px : {-2.0, 0.0, 0.7, 3.0}) {
    for (double py : {-1.0, 0.4, 2.5}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto h = tg::hessian(f, tg::at(x = px, y = py));
      CHECK(h(x, x) == doctest::Approx(-std::sin(px) * std::cos(py)).epsilon(1e-14));
      CHECK(h(x, y) == doctest::Approx(-std::cos(px) * std::sin(py)).epsilon(1e-14));
      CHECK(h(y, x) == doctest::Approx(-std::cos(px) * std::sin(py)).epsilon(1e-14));
      CHECK(h(y, y) == doctest::Approx(-std::sin(px) * std::cos(py)).epsilon(1e-14));
    }
  }
}

TEST_CASE("hessian: log(x^2 + y^2)") {
  // r = x^2 + y^2: H = [[2(y^2 - x^2), -4xy], [-4xy, 2(x^2 - y^2)]] / r^2
  constexpr auto f = tg::log(x * x + y * y);
  BOTH(tg::hessian(f, tg::at(x = 1.0, y = 0.0))(x, x) == -2.0);
  BOTH(tg::hessian(f, tg::at(x = 1.0, y = 0.0))(x, y) == 0.0);
  BOTH(tg::hessian(f, tg::at(x = 1.0, y = 0.0))(y, y) == 2.0);
  BOTH(tg::hessian(f, tg::at(x = 1.0, y = 1.0))(x, y) == -1.0);
  for (double px : {-2.0, 0.5, 1.0, 3.0}) {
    for (double py : {-1.5, 0.25, 2.0}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto h = tg::hessian(f, tg::at(x = px, y = py));
      const double r2 = (px * px + py * py) * (px * px + py * py);
      CHECK(h(x, x) == doctest::Approx(2 * (py * py - px * px) / r2).epsilon(1e-14));
      CHECK(h(x, y) == doctest::Approx(-4 * px * py / r2).epsilon(1e-14));
      CHECK(h(y, y) == doctest::Approx(2 * (px * px - py * py) / r2).epsilon(1e-14));
    }
  }
}

TEST_CASE("hessian: transcendental Hessians equal the symbolic second derivatives") {
  constexpr auto f = tg::exp(x * y) + tg::sin(x) * tg::cos(y) + tg::log(x * x + y * y);
  for (double px : {-1.5, 0.5, 2.0}) {
    for (double py : {-0.75, 1.0}) {
      const auto at = tg::at(x = px, y = py);
      const auto h = tg::hessian(f, at);
      CHECK(h(x, x) == doctest::Approx(tg::eval(tg::d(tg::d(f, x), x), at)).epsilon(1e-13));
      CHECK(h(x, y) == doctest::Approx(tg::eval(tg::d(tg::d(f, x), y), at)).epsilon(1e-13));
      CHECK(h(y, x) == doctest::Approx(tg::eval(tg::d(tg::d(f, y), x), at)).epsilon(1e-13));
      CHECK(h(y, y) == doctest::Approx(tg::eval(tg::d(tg::d(f, y), y), at)).epsilon(1e-13));
    }
  }
}

}  // namespace
