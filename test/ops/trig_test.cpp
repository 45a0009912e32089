// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/trig.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <type_traits>

#include "support/check.hpp"

namespace {

namespace tg = typegrad;
using namespace tg::test::check;
using tg::test::check_op_laws;
using tg::test::close;

constexpr double pi = 3.141592653589793;

TEST_CASE("trig: op laws for sin cos and tan") {
  // rounding 1e-12 (the passes evaluate the same partials); fd 1e-6 relative to max(1, |g|)
  check_op_laws(tg::sin(x), {{-3.0}, {-1.0}, {0.0}, {0.5}, {2.0}, {10.0}});
  check_op_laws(tg::cos(x), {{-3.0}, {-1.0}, {0.0}, {0.5}, {2.0}, {10.0}});
  check_op_laws(tg::tan(x), {{-1.2}, {-0.5}, {0.0}, {0.7}, {1.3}, {3.0}});
  check_op_laws(tg::sin(x * y), {{0.5, -1.0}, {-1.2, 0.3}, {0.0, 2.0}, {1.5, 1.1}, {-0.7, -0.8}});
  check_op_laws(tg::cos(x) * tg::sin(y),
                {{0.5, -1.0}, {-1.2, 0.3}, {0.0, 2.0}, {3.0, 1.1}, {-0.7, -4.0}});
  check_op_laws(tg::tan(x / y), {{0.5, 1.0}, {-1.0, 2.0}, {0.3, -0.5}, {2.0, 3.0}, {0.0, 1.0}});
}

TEST_CASE("trig: op laws for asin acos and atan") {
  check_op_laws(tg::asin(x), {{-0.9}, {-0.5}, {0.0}, {0.3}, {0.8}});
  check_op_laws(tg::acos(x), {{-0.9}, {-0.5}, {0.0}, {0.3}, {0.8}});
  check_op_laws(tg::atan(x), {{-5.0}, {-1.0}, {0.0}, {0.5}, {3.0}, {100.0}});
  check_op_laws(tg::asin(x * y), {{0.5, 0.5}, {-0.9, 0.3}, {0.2, -2.0}, {0.0, 1.0}, {-0.6, -0.6}});
  check_op_laws(tg::acos(tg::sin(x)), {{-1.0}, {-0.3}, {0.2}, {1.0}, {1.4}});
  check_op_laws(tg::atan(x / y), {{1.0, 2.0}, {-1.0, 0.5}, {3.0, -1.0}, {-2.0, -2.0}, {0.0, 1.0}});
}

TEST_CASE("trig: op laws for atan2 in all four quadrants") {
  // points are {x, y}; atan2(y, x). Quadrants I-IV, both axes away from the branch cut
  check_op_laws(tg::atan2(y, x), {{1.0, 1.0},
                                  {-1.0, 1.0},
                                  {-1.0, -1.0},
                                  {1.0, -1.0},
                                  {0.0, 1.0},
                                  {0.0, -2.0},
                                  {2.0, 0.0},
                                  {-0.5, 2.0},
                                  {3.0, -0.25}});
  check_op_laws(tg::atan2(x, y), {{1.0, 1.0}, {-1.0, 1.0}, {-1.0, -0.5}, {1.0, -1.0}, {0.5, 0.0}});
  // a number on either side
  check_op_laws(tg::atan2(x, 2.0), {{-3.0}, {-0.5}, {0.0}, {1.0}, {10.0}});
  check_op_laws(tg::atan2(-1.0, x), {{-3.0}, {-0.5}, {0.0}, {1.0}, {10.0}});
  // composed: the angle of (cos(x) + y, sin(x))
  check_op_laws(tg::atan2(tg::sin(x), tg::cos(x) + y),
                {{0.5, 0.2}, {2.0, -0.3}, {-2.5, 0.1}, {-0.5, -0.4}, {1.0, 2.0}});
}

TEST_CASE("trig: known values and derivatives") {
  CHECK_BOTH(tg::eval(tg::sin(x), tg::at(x = 0.0)) == 0.0);
  CHECK_BOTH(tg::grad(tg::sin(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(tg::eval(tg::cos(x), tg::at(x = 0.0)) == 1.0);
  CHECK_BOTH(tg::grad(tg::cos(x), tg::at(x = 0.0))[x] == 0.0);
  CHECK_BOTH(tg::grad(tg::sin(x), tg::at(x = 1.0))[x] == tg::eval(tg::cos(x), tg::at(x = 1.0)));
  CHECK_BOTH(tg::grad(tg::cos(x), tg::at(x = 1.0))[x] == -tg::eval(tg::sin(x), tg::at(x = 1.0)));
  CHECK_BOTH(tg::hessian(tg::sin(x), tg::at(x = 1.0))(x, x)
             == -tg::eval(tg::sin(x), tg::at(x = 1.0)));
  CHECK_BOTH(near(tg::eval(tg::sin(x), tg::at(x = pi / 6)), 0.5));
  CHECK_BOTH(near(tg::grad(tg::sin(x), tg::at(x = pi / 3))[x], 0.5));
  CHECK_BOTH(tg::grad(tg::tan(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(near(tg::grad(tg::tan(x), tg::at(x = pi / 4))[x], 2.0));
  CHECK_BOTH(tg::grad(tg::asin(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(near(tg::grad(tg::asin(x), tg::at(x = 0.6))[x], 1.25));
  CHECK_BOTH(near(tg::eval(tg::asin(x), tg::at(x = 1.0)), pi / 2));
  CHECK_BOTH(tg::grad(tg::acos(x), tg::at(x = 0.0))[x] == -1.0);
  CHECK_BOTH(near(tg::eval(tg::acos(x), tg::at(x = -1.0)), pi));
  CHECK_BOTH(near(tg::eval(tg::atan(x), tg::at(x = 1.0)), pi / 4));
  CHECK_BOTH(tg::grad(tg::atan(x), tg::at(x = 1.0))[x] == 0.5);
  CHECK_BOTH(tg::grad(tg::atan(x), tg::at(x = -3.0))[x] == 0.1);
  // atan2(y, x) at (1, 1): angle pi/4, d/dy = x/r^2 = 1/2, d/dx = -y/r^2 = -1/2
  CHECK_BOTH(near(tg::eval(tg::atan2(y, x), tg::at(x = 1.0, y = 1.0)), pi / 4));
  CHECK_BOTH(tg::grad(tg::atan2(y, x), tg::at(x = 1.0, y = 1.0))[y] == 0.5);
  CHECK_BOTH(tg::grad(tg::atan2(y, x), tg::at(x = 1.0, y = 1.0))[x] == -0.5);
  CHECK_BOTH(near(tg::eval(tg::atan2(y, x), tg::at(x = -1.0, y = -1.0)), -3 * pi / 4));
  CHECK_BOTH(tg::grad(tg::atan2(y, x), tg::at(x = -2.0, y = 0.0))[y] == -0.5);
  CHECK_BOTH(tg::grad(tg::atan2(y, 3.0), tg::at(y = 4.0))[y] == 0.12);
}

TEST_CASE("trig: edge values follow IEEE") {
  // asin'(+-1) = +inf, acos'(+-1) = -inf, in every mode (run time: 1/0)
  for (double p : {1.0, -1.0}) {
    const auto s = at_point(tg::asin(x), p);
    CHECK(s.value == p * pi / 2);
    CHECK(s.rev == inf);
    CHECK(s.fwd == inf);
    CHECK(s.sym == inf);
    const auto c = at_point(tg::acos(x), p);
    CHECK(c.rev == -inf);
    CHECK(c.fwd == -inf);
    CHECK(c.sym == -inf);
  }
  // outside [-1, 1]: NaN value and NaN gradient
  for (auto m : {at_point(tg::asin(x), 2.0), at_point(tg::acos(x), -1.5), at_point(tg::sin(x), inf),
                 at_point(tg::cos(x), -inf), at_point(tg::tan(x), inf)}) {
    CHECK(std::isnan(m.value));
    CHECK(std::isnan(m.rev));
    CHECK(std::isnan(m.fwd));
    CHECK(std::isnan(m.sym));
  }
  const auto g = tg::grad(y * tg::asin(x) + x, tg::at(x = 1.5, y = 2.0));
  CHECK(std::isnan(g[x]));
  CHECK(std::isnan(g[y]));
  // atan at infinity: +-pi/2, derivative 0
  const auto a = at_point(tg::atan(x), inf);
  CHECK(a.value == pi / 2);
  CHECK(a.rev == 0.0);
  CHECK(a.fwd == 0.0);
  // atan2: the branch cut follows the sign of y, zero included; at the origin 0/0
  CHECK(tg::eval(tg::atan2(y, x), tg::at(x = -1.0, y = 0.0)) == pi);
  CHECK(tg::eval(tg::atan2(y, x), tg::at(x = -1.0, y = -0.0)) == -pi);
  CHECK(tg::eval(tg::atan2(y, x), tg::at(x = 0.0, y = 0.0)) == 0.0);
  const auto o = tg::grad(tg::atan2(y, x), tg::at(x = 0.0, y = 0.0));
  CHECK(std::isnan(o[x]));
  CHECK(std::isnan(o[y]));
  // tan near pi/2 is large but finite
  const auto t = at_point(tg::tan(x), pi / 2);
  CHECK(t.value > 1e16);
  CHECK(t.rev > 1e32);
}

TEST_CASE("trig: float variables") {
  static_assert(std::is_same_v<decltype(tg::eval(tg::sin(xf), tg::at(xf = 1.0f))), float>);
  CHECK_BOTH(tg::grad(tg::sin(xf), tg::at(xf = 0.0f))[xf] == 1.0f);
  CHECK_BOTH(tg::grad(tg::atan(xf), tg::at(xf = 1.0f))[xf] == 0.5f);
  check_float([](auto v) { return tg::sin(v); }, {-3.0, -1.0, 0.0, 0.5, 10.0});
  check_float([](auto v) { return tg::cos(v); }, {-3.0, -1.0, 0.0, 0.5, 10.0});
  check_float([](auto v) { return tg::tan(v); }, {-1.2, -0.5, 0.0, 0.7, 1.3});
  check_float([](auto v) { return tg::asin(v); }, {-0.9, -0.5, 0.0, 0.3, 0.8});
  check_float([](auto v) { return tg::acos(v); }, {-0.9, -0.5, 0.0, 0.3, 0.8});
  check_float([](auto v) { return tg::atan(v); }, {-5.0, -1.0, 0.0, 0.5, 100.0});
  check_float([](auto v) { return tg::atan2(v, -2.0); }, {-3.0, -0.5, 0.0, 1.0, 10.0});
  check_float([](auto v) { return tg::atan2(1.0, v); }, {-3.0, -0.5, 0.0, 1.0, 10.0});
}

TEST_CASE("trig: symbolic derivatives simplify") {
  static_assert(std::is_same_v<decltype(tg::d(tg::sin(x), x)), decltype(tg::cos(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::cos(x), x)), decltype(-tg::sin(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::d(tg::sin(x), x), x)), decltype(-tg::sin(x))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::tan(x), x)), decltype(tg::c<1> + tg::tan(x) * tg::tan(x))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::atan(x), x)), decltype(tg::c<1> / (tg::c<1> + x * x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::atan2(y, x), y)), decltype(x / (x * x + y * y))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::atan2(y, x), x)), decltype(-(y / (x * x + y * y)))>);
  // chain rule: d(sin(2x)) = 2*cos(2x)
  static_assert(std::is_same_v<decltype(tg::d(tg::sin(tg::c<2> * x), x)),
                               decltype(tg::c<2> * tg::cos(tg::c<2> * x))>);
  CHECK_BOTH(tg::eval(tg::d(tg::sin(x), x), tg::at(x = 0.0)) == 1.0);
  CHECK_BOTH(tg::eval(tg::d(tg::atan2(y, x), x), tg::at(x = 1.0, y = 1.0)) == -0.5);
}

}  // namespace
