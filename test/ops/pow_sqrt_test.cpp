// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/pow_sqrt.hpp>
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

using X = std::remove_cvref_t<decltype(x)>;

TEST_CASE("pow_sqrt: op laws for pow with a real exponent") {
  // rounding 1e-12 (the passes evaluate the same partials); fd 1e-6 relative to max(1, |g|)
  check_op_laws(tg::pow(x, y),
                {{0.5, 2.5}, {2.0, 3.0}, {1.5, -1.2}, {3.0, 0.5}, {0.2, 0.3}, {1.0, 1.0}});
  check_op_laws(tg::pow(x, 2.5), {{0.1}, {0.5}, {1.0}, {2.0}, {7.0}});
  check_op_laws(tg::pow(x, -0.5), {{0.1}, {0.5}, {1.0}, {2.0}, {7.0}});
  check_op_laws(tg::pow(2.0, x), {{-3.0}, {-0.5}, {0.0}, {1.5}, {4.0}});
  // composed: pow of sums, an exponent that is itself an expression
  check_op_laws(tg::pow(x * x + 1.0, y / 2.0),
                {{-1.0, 3.0}, {0.5, -1.0}, {2.0, 0.5}, {0.0, 1.0}, {-3.0, -0.25}});
  // a real exponent with an integer value works at a negative base (d/da only)
  check_op_laws(tg::pow(x, 3.0), {{-2.0}, {-0.5}, {0.5}, {1.5}, {3.0}});
}

TEST_CASE("pow_sqrt: op laws for integer powers") {
  check_op_laws(tg::pow(x, 3), {{-2.0}, {-0.5}, {0.0}, {0.5}, {2.0}, {3.0}});
  check_op_laws(tg::pow(x, -2), {{-2.0}, {-0.5}, {0.5}, {3.0}, {10.0}});
  check_op_laws(tg::pow(x, 0), {{-2.0}, {-0.5}, {0.5}, {3.0}});
  check_op_laws(tg::pow(x, 1), {{-2.0}, {0.0}, {0.5}, {3.0}, {10.0}});
  check_op_laws(tg::pow(x, 7L), {{-1.5}, {-0.5}, {0.0}, {0.5}, {1.2}});
  check_op_laws(tg::pow<3>(x), {{-2.0}, {-0.5}, {0.0}, {0.5}, {2.0}, {3.0}});
  check_op_laws(tg::pow<-1>(x), {{-2.0}, {-0.5}, {0.5}, {3.0}, {10.0}});
  check_op_laws(tg::pow<4>(x - y), {{-2.0, 1.0}, {0.5, 0.5}, {1.0, -1.0}, {3.0, 2.5}, {0.0, 0.7}});
  check_op_laws(tg::pow(x * y, 2) + tg::pow<2>(y),
                {{-2.0, 1.0}, {0.5, -0.5}, {1.0, 3.0}, {0.0, 0.0}, {1.5, 2.0}});
}

TEST_CASE("pow_sqrt: op laws for square sqrt cbrt and hypot") {
  check_op_laws(tg::square(x), {{-3.0}, {-0.5}, {0.0}, {0.5}, {4.0}});
  check_op_laws(tg::sqrt(x), {{0.05}, {0.25}, {1.0}, {2.0}, {100.0}, {1e4}});
  check_op_laws(tg::cbrt(x), {{-8.0}, {-0.3}, {0.1}, {1.0}, {27.0}});
  check_op_laws(tg::hypot(x, y),
                {{3.0, 4.0}, {-1.0, 2.0}, {-0.5, -0.5}, {2.0, -3.0}, {0.0, 1.0}, {1e-3, 0.2}});
  check_op_laws(tg::hypot(x, 4.0), {{-3.0}, {0.0}, {0.5}, {3.0}, {100.0}});
  check_op_laws(tg::sqrt(tg::square(x) + tg::square(y)),
                {{3.0, 4.0}, {-1.0, 2.0}, {2.0, -3.0}, {0.5, 0.1}, {-2.0, -2.0}});
  check_op_laws(tg::cbrt(x * y), {{1.0, 8.0}, {-2.0, 4.0}, {0.5, -0.25}, {-3.0, -3.0}, {2.0, 0.5}});
}

TEST_CASE("pow_sqrt: integer exponents choose the exact integer op") {
  // pow(x, int) and pow<N> use the integer op; pow(x, double) and pow(x, y) the real one
  using powi_node = tg::node<tg::powi_op, X, tg::constant<double>>;
  static_assert(std::is_same_v<decltype(tg::pow(x, 2)), powi_node>);
  static_assert(std::is_same_v<decltype(tg::pow(x, 2L)), powi_node>);
  static_assert(std::is_same_v<decltype(tg::pow(x, 2u)), powi_node>);
  static_assert(std::is_same_v<decltype(tg::pow(x, short{2})), powi_node>);
  static_assert(std::is_same_v<decltype(tg::pow<2>(x)), tg::node<tg::powi_op, X, tg::ct<2>>>);
  static_assert(
      std::is_same_v<decltype(tg::pow(x, 2.5)), tg::node<tg::pow_op, X, tg::constant<double>>>);
  static_assert(
      std::is_same_v<decltype(tg::pow(x, 2.5f)), tg::node<tg::pow_op, X, tg::constant<double>>>);
  static_assert(std::is_same_v<decltype(tg::pow(x, y)),
                               tg::node<tg::pow_op, X, std::remove_cvref_t<decltype(y)>>>);
  static_assert(
      std::is_same_v<decltype(tg::pow(2, x)), tg::node<tg::pow_op, tg::constant<double>, X>>);
  // the type does not depend on the exponent's value
  static_assert(std::is_same_v<decltype(tg::pow(x, 2)), decltype(tg::pow(x, -7))>);
  // the exponent of a float expression is held as float
  static_assert(std::is_same_v<
                decltype(tg::pow(xf, 3)),
                tg::node<tg::powi_op, std::remove_cvref_t<decltype(xf)>, tg::constant<float>>>);
  // exact, also where the real pow would be NaN: negative bases
  CHECK_BOTH(tg::eval(tg::pow(x, 3), tg::at(x = -2.0)) == -8.0);
  CHECK_BOTH(tg::grad(tg::pow(x, 3), tg::at(x = -2.0))[x] == 12.0);
  CHECK_BOTH(tg::eval(tg::pow(x, -3), tg::at(x = -2.0)) == -0.125);
  CHECK_BOTH(tg::grad(tg::pow(x, -3), tg::at(x = -2.0))[x] == -0.1875);
  CHECK_BOTH(tg::eval(tg::pow(x, 20), tg::at(x = -1.5)) == 3325.256730079651);
  CHECK_BOTH(tg::eval(tg::pow<5>(x), tg::at(x = -3.0)) == -243.0);
  CHECK_BOTH(tg::grad(tg::pow<5>(x), tg::at(x = -3.0))[x] == 405.0);
  CHECK_BOTH(tg::hessian(tg::pow<5>(x), tg::at(x = -3.0))(x, x) == -540.0);
  CHECK_BOTH(tg::eval(tg::pow(x, 0), tg::at(x = -3.0)) == 1.0);
  CHECK_BOTH(tg::grad(tg::pow(x, 0), tg::at(x = -3.0))[x] == 0.0);
}

TEST_CASE("pow_sqrt: known values and derivatives") {
  CHECK_BOTH(tg::eval(tg::pow(x, y), tg::at(x = 2.0, y = 10.0)) == 1024.0);
  CHECK_BOTH(tg::grad(tg::pow(x, y), tg::at(x = 2.0, y = 3.0))[x] == 12.0);
  CHECK_BOTH(near(tg::grad(tg::pow(x, y), tg::at(x = 2.0, y = 3.0))[y], 8 * 0.6931471805599453));
  CHECK_BOTH(tg::grad(tg::pow(x, 0.5), tg::at(x = 4.0))[x] == 0.25);
  CHECK_BOTH(near(tg::grad(tg::pow(2.0, x), tg::at(x = 3.0))[x], 8 * 0.6931471805599453));
  CHECK_BOTH(tg::eval(tg::square(x), tg::at(x = -3.0)) == 9.0);
  CHECK_BOTH(tg::grad(tg::square(x), tg::at(x = -3.0))[x] == -6.0);
  CHECK_BOTH(tg::hessian(tg::square(x), tg::at(x = 5.0))(x, x) == 2.0);
  CHECK_BOTH(tg::eval(tg::sqrt(x), tg::at(x = 4.0)) == 2.0);
  CHECK_BOTH(tg::grad(tg::sqrt(x), tg::at(x = 4.0))[x] == 0.25);
  CHECK_BOTH(tg::hessian(tg::sqrt(x), tg::at(x = 4.0))(x, x) == -1.0 / 32);
  CHECK_BOTH(near(tg::eval(tg::sqrt(x), tg::at(x = 2.0)), 1.4142135623730951));
  CHECK_BOTH(near(tg::eval(tg::cbrt(x), tg::at(x = -8.0)), -2.0));
  CHECK_BOTH(near(tg::grad(tg::cbrt(x), tg::at(x = -8.0))[x], 1.0 / 12));
  CHECK_BOTH(near(tg::grad(tg::cbrt(x), tg::at(x = 27.0))[x], 1.0 / 27));
  CHECK_BOTH(tg::eval(tg::hypot(x, y), tg::at(x = 3.0, y = 4.0)) == 5.0);
  CHECK_BOTH(tg::grad(tg::hypot(x, y), tg::at(x = 3.0, y = 4.0))[x] == 0.6);
  CHECK_BOTH(tg::grad(tg::hypot(x, y), tg::at(x = 3.0, y = 4.0))[y] == 0.8);
  CHECK_BOTH(tg::grad(tg::hypot(3.0, x), tg::at(x = -4.0))[x] == -0.8);
}

TEST_CASE("pow_sqrt: edge values follow IEEE") {
  // sqrt'(0) = +inf, cbrt'(0) = +inf, in every mode (run time: constant evaluation rejects 1/0)
  for (auto m :
       {at_point(tg::sqrt(x), 0.0), at_point(tg::cbrt(x), 0.0), at_point(tg::pow(x, 0.5), 0.0)}) {
    CHECK(m.value == 0.0);
    CHECK(m.rev == inf);
    CHECK(m.fwd == inf);
    CHECK(m.sym == inf);
  }
  // sqrt of a negative number, a non-integer power of a negative base: NaN value and gradient
  for (auto m : {at_point(tg::sqrt(x), -1.0), at_point(tg::pow(x, 2.5), -2.0)}) {
    CHECK(std::isnan(m.value));
    CHECK(std::isnan(m.rev));
    CHECK(std::isnan(m.fwd));
    CHECK(std::isnan(m.sym));
  }
  const auto g = tg::grad(y * tg::sqrt(x) + x, tg::at(x = -1.0, y = 2.0));
  CHECK(std::isnan(g[x]));
  CHECK(std::isnan(g[y]));
  // integer powers at a negative base are exact; at 0 with a negative exponent, IEEE infinities
  const auto cube = at_point(tg::pow(x, 3), -0.5);
  CHECK(cube.value == -0.125);
  CHECK(cube.rev == 0.75);
  CHECK(cube.fwd == 0.75);
  CHECK(cube.sym == 0.75);
  const auto inv = at_point(tg::pow(x, -1), 0.0);
  CHECK(inv.value == inf);
  CHECK(inv.rev == -inf);  // -1 * pow(0, -2)
  CHECK(at_point(tg::pow(x, -2), 0.0).value == inf);
  CHECK(at_point(tg::pow(x, -2), 0.0).rev == -inf);
  // pow(0, y): value 0 for y > 0; d/dy = 0 * log(0) = NaN (PyTorch masks this to 0)
  const auto p = tg::value_and_grad(tg::pow(x, y), tg::at(x = 0.0, y = 2.0));
  CHECK(p.value == 0.0);
  CHECK(p.grad[x] == 0.0);
  CHECK(std::isnan(p.grad[y]));
  // x^0 at x = 0: 0 * 0^-1 = 0 * inf = NaN (PyTorch masks this to 0)
  CHECK(at_point(tg::pow(x, 0), 0.0).value == 1.0);
  CHECK(std::isnan(at_point(tg::pow(x, 0), 0.0).rev));
  // hypot neither overflows nor underflows; at the origin its derivatives are 0/0
  const auto h = tg::value_and_grad(tg::hypot(x, y), tg::at(x = 1e300, y = 1e300));
  CHECK(close(h.value, 1.4142135623730951e300, 1e-15));
  CHECK(close(h.grad[x], 0.7071067811865476, 1e-15));
  const auto h0 = tg::value_and_grad(tg::hypot(x, y), tg::at(x = 0.0, y = 0.0));
  CHECK(h0.value == 0.0);
  CHECK(std::isnan(h0.grad[x]));
  CHECK(std::isnan(h0.grad[y]));
  // overflow to +inf, derivative alike
  CHECK(at_point(tg::square(x), 1e200).value == inf);
  CHECK(at_point(tg::pow(x, 3), 1e200).rev == inf);
}

TEST_CASE("pow_sqrt: float variables") {
  static_assert(std::is_same_v<decltype(tg::eval(tg::pow(xf, 2.5), tg::at(xf = 1.0f))), float>);
  CHECK_BOTH(tg::grad(tg::sqrt(xf), tg::at(xf = 4.0f))[xf] == 0.25f);
  CHECK_BOTH(tg::grad(tg::pow(xf, 3), tg::at(xf = -2.0f))[xf] == 12.0f);
  CHECK_BOTH(tg::grad(tg::pow<3>(xf), tg::at(xf = -2.0f))[xf] == 12.0f);
  CHECK_BOTH(tg::grad(tg::hypot(xf, 4.0), tg::at(xf = 3.0f))[xf] == 0.6f);
  check_float([](auto v) { return tg::pow(v, 2.5); }, {0.1, 0.5, 1.0, 2.0, 7.0});
  check_float([](auto v) { return tg::pow(1.5, v); }, {-3.0, -0.5, 0.0, 1.5, 4.0});
  check_float([](auto v) { return tg::pow(v, 3); }, {-2.0, -0.5, 0.0, 0.5, 3.0});
  check_float([](auto v) { return tg::pow(v, -2); }, {-2.0, -0.5, 0.5, 3.0, 10.0});
  check_float([](auto v) { return tg::pow<4>(v); }, {-2.0, -0.5, 0.0, 0.5, 3.0});
  check_float([](auto v) { return tg::square(v); }, {-3.0, -0.5, 0.0, 0.5, 4.0});
  check_float([](auto v) { return tg::sqrt(v); }, {0.01, 0.25, 1.0, 2.0, 1e4});
  check_float([](auto v) { return tg::cbrt(v); }, {-8.0, -0.3, 0.1, 1.0, 27.0});
  check_float([](auto v) { return tg::hypot(v, 4.0); }, {-3.0, 0.0, 0.5, 3.0, 100.0});
  // a float and a double variable: the arithmetic is double
  constexpr auto yd = tg::var<"y">;
  static_assert(
      std::is_same_v<decltype(tg::eval(tg::pow(xf, yd), tg::at(xf = 2.0f, yd = 3.0))), double>);
  CHECK_BOTH(tg::eval(tg::pow(xf, yd), tg::at(xf = 2.0f, yd = 3.0)) == 8.0);
  CHECK_BOTH(tg::eval(tg::hypot(xf, yd), tg::at(xf = 3.0f, yd = 4.0)) == 5.0);
}

TEST_CASE("pow_sqrt: symbolic derivatives simplify") {
  // d(x^3) is 3*pow(x, 2): the exponent folds at compile time
  static_assert(
      std::is_same_v<decltype(tg::d(tg::pow<3>(x), x)), decltype(tg::c<3> * tg::pow<2>(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::d(tg::pow<3>(x), x), x)),
                               decltype(tg::c<3> * (tg::c<2> * tg::pow<1>(x)))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::pow<-2>(x), x)), decltype(tg::c<-2> * tg::pow<-3>(x))>);
  CHECK_BOTH(tg::eval(tg::d(tg::pow<3>(x), x), tg::at(x = 2.0)) == 12.0);
  CHECK_BOTH(tg::eval(tg::d(tg::d(tg::pow<3>(x), x), x), tg::at(x = 2.0)) == 12.0);
  // sqrt' = (1/2)/sqrt(x), square' = 2x, hypot' = x/hypot(x, y)
  static_assert(
      std::is_same_v<decltype(tg::d(tg::sqrt(x), x)), decltype(tg::c<1, 2> / tg::sqrt(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::square(x), x)), decltype(tg::c<2> * x)>);
  static_assert(std::is_same_v<decltype(tg::d(tg::cbrt(x), x)),
                               decltype(tg::c<1, 3> / (tg::cbrt(x) * tg::cbrt(x)))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::hypot(x, y), x)), decltype(x / tg::hypot(x, y))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::pow(x, y), y)), decltype(tg::pow(x, y) * tg::log(x))>);
  CHECK_BOTH(tg::eval(tg::d(tg::sqrt(x), x), tg::at(x = 16.0)) == 0.125);
  // with a run-time integer exponent the derivative evaluates the same way
  CHECK_BOTH(tg::eval(tg::d(tg::pow(x, 4), x), tg::at(x = -2.0)) == -32.0);
}

}  // namespace
