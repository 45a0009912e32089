// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/abs_minmax.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <type_traits>

#include "support/check.hpp"

// sign, abs, max, min, clamp.

namespace {

namespace tg = typegrad;
using namespace tg::test::check;
using tg::test::check_op_laws;

TEST_CASE("abs_minmax: sign has values -1 0 1 and derivative 0") {
  CHECK_BOTH(tg::eval(tg::sign(x), tg::at(x = 2.5)) == 1);
  CHECK_BOTH(tg::eval(tg::sign(x), tg::at(x = -1e-300)) == -1);
  CHECK_BOTH(tg::eval(tg::sign(x), tg::at(x = 0.0)) == 0);
  CHECK_BOTH(tg::cmath::signbit(tg::eval(tg::sign(x), tg::at(x = -0.0))));
  CHECK_BOTH(tg::eval(tg::sign(xf), tg::at(xf = -3.0f)) == -1.0f);
  CHECK(std::isnan(tg::eval(tg::sign(x), tg::at(x = qnan))));
  CHECK_BOTH(all_modes_are(tg::sign(x), tg::at(x = 2.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::sign(x), tg::at(x = 0.0), x, 0.0));
  CHECK_BOTH(all_modes_are(x * tg::sign(x), tg::at(x = -3.0), x, -1.0));
  static_assert(std::is_same_v<decltype(tg::d(tg::sign(x), x)), tg::ct<0>>);
}

TEST_CASE("abs_minmax: abs values and derivative sign(x) with abs'(0) = 0") {
  CHECK_BOTH(tg::eval(tg::abs(x), tg::at(x = -2.5)) == 2.5);
  CHECK_BOTH(tg::eval(tg::abs(xf), tg::at(xf = -2.5f)) == 2.5f);
  CHECK_BOTH(all_modes_are(tg::abs(x), tg::at(x = -2.0), x, -1.0));
  CHECK_BOTH(all_modes_are(tg::abs(x), tg::at(x = 3.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::abs(x), tg::at(x = 0.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::abs(x), tg::at(x = -0.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::abs(xf), tg::at(xf = 0.0f), xf, 0.0f));
  CHECK_BOTH(all_modes_are(tg::abs(xf), tg::at(xf = -0.5f), xf, -1.0f));
  // abs(x*y) at x = 0: the kink gives 0 to both.
  CHECK_BOTH(tg::grad(tg::abs(x * y), tg::at(x = 0.0, y = 2.0))[x] == 0);
  CHECK_BOTH(tg::grad(tg::abs(x * y), tg::at(x = 0.0, y = 2.0))[y] == 0);
  CHECK_BOTH(tg::hessian(tg::abs(x), tg::at(x = 0.0))(x, x) == 0);
  // The symbolic derivative is exactly sign(x).
  static_assert(std::is_same_v<decltype(tg::d(tg::abs(x), x)), decltype(tg::sign(x))>);
  check_op_laws(tg::abs(x), {{-2.0}, {-0.5}, {0.7}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::abs(x * y - 1), {{-2.0, 1.5}, {0.5, 0.5}, {3.0, 1.0}}, 1e-12, 1e-6);
}

TEST_CASE("abs_minmax: abs propagates NaN in value and derivative") {
  CHECK(std::isnan(tg::eval(tg::abs(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::abs(x), tg::at(x = qnan), x, qnan));
}

TEST_CASE("abs_minmax: max and min values with numbers on either side") {
  CHECK_BOTH(tg::eval(tg::max(x, y), tg::at(x = 1.0, y = 2.0)) == 2);
  CHECK_BOTH(tg::eval(tg::min(x, y), tg::at(x = 1.0, y = 2.0)) == 1);
  CHECK_BOTH(tg::eval(tg::max(x, 0), tg::at(x = -3.0)) == 0);
  CHECK_BOTH(tg::eval(tg::max(0, x), tg::at(x = 3.0)) == 3);
  CHECK_BOTH(tg::eval(tg::min(2.5, x), tg::at(x = 3.0)) == 2.5);
  CHECK_BOTH(tg::eval(tg::max(xf, 0.5), tg::at(xf = 0.25f)) == 0.5f);
  static_assert(std::is_same_v<decltype(tg::eval(tg::min(xf, 1), tg::at(xf = 0.25f))), float>);
}

TEST_CASE("abs_minmax: max and min route the adjoint to the larger or smaller side") {
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = 3.0, y = 2.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = 3.0, y = 2.0), y, 0.0));
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = 1.0, y = 2.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = 1.0, y = 2.0), y, 1.0));
  CHECK_BOTH(all_modes_are(tg::min(x, y), tg::at(x = 3.0, y = 2.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::min(x, y), tg::at(x = 3.0, y = 2.0), y, 1.0));
  CHECK_BOTH(all_modes_are(tg::min(x, y), tg::at(x = 1.0, y = 2.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::min(x, y), tg::at(x = 1.0, y = 2.0), y, 0.0));
  CHECK_BOTH(all_modes_are(tg::min(xf, yf), tg::at(xf = 1.0f, yf = 2.0f), xf, 1.0f));
}

TEST_CASE("abs_minmax: max and min ties split the adjoint evenly") {
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = 2.0, y = 2.0), x, 0.5));
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = 2.0, y = 2.0), y, 0.5));
  CHECK_BOTH(all_modes_are(tg::min(x, y), tg::at(x = -1.0, y = -1.0), x, 0.5));
  CHECK_BOTH(all_modes_are(tg::min(x, y), tg::at(x = -1.0, y = -1.0), y, 0.5));
  CHECK_BOTH(all_modes_are(tg::max(x, 2), tg::at(x = 2.0), x, 0.5));
  CHECK_BOTH(all_modes_are(tg::min(0, x), tg::at(x = 0.0), x, 0.5));
  CHECK_BOTH(all_modes_are(tg::min(0, x), tg::at(x = -0.0), x, 0.5));  // -0 == 0 is a tie
  CHECK_BOTH(all_modes_are(tg::max(xf, yf), tg::at(xf = 1.0f, yf = 1.0f), yf, 0.5f));
  // max(x, x): both halves reach x, so the derivative is 1, as for x itself.
  CHECK_BOTH(all_modes_are(tg::max(x, x), tg::at(x = 1.5), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::min(x, x), tg::at(x = -1.5), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::max(x * x, x * x), tg::at(x = 3.0), x, 6.0));
  // A tie of expressions: each side gets half of the adjoint.
  CHECK_BOTH(all_modes_are(tg::max(x * x, 2 * y), tg::at(x = 2.0, y = 2.0), x, 2.0));
  CHECK_BOTH(all_modes_are(tg::max(x * x, 2 * y), tg::at(x = 2.0, y = 2.0), y, 1.0));
  // Infinite ties are ties too.
  constexpr double inf = std::numeric_limits<double>::infinity();
  CHECK_BOTH(all_modes_are(tg::max(x, y), tg::at(x = inf, y = inf), x, 0.5));
}

TEST_CASE("abs_minmax: max and min obey the op laws away from ties") {
  check_op_laws(tg::max(x, y), {{3.0, 2.0}, {1.0, 2.0}, {-1.0, -4.0}}, 1e-12, 1e-6);
  check_op_laws(tg::min(x, y), {{3.0, 2.0}, {1.0, 2.0}, {-1.0, -4.0}}, 1e-12, 1e-6);
  check_op_laws(tg::max(x * x, x * y + 1), {{2.0, 0.5}, {0.5, 3.0}, {-1.5, 2.0}}, 1e-12, 1e-6);
  check_op_laws(tg::min(x * y, 1 / x), {{2.0, 0.5}, {0.5, 3.0}, {-1.5, 2.0}}, 1e-12, 1e-6);
}

TEST_CASE("abs_minmax: max and min propagate NaN from either side") {
  CHECK(std::isnan(tg::eval(tg::max(x, y), tg::at(x = qnan, y = 1.0))));
  CHECK(std::isnan(tg::eval(tg::max(x, y), tg::at(x = 1.0, y = qnan))));
  CHECK(std::isnan(tg::eval(tg::min(x, y), tg::at(x = qnan, y = 1.0))));
  CHECK(std::isnan(tg::eval(tg::min(x, y), tg::at(x = 1.0, y = qnan))));
  // Every comparison with NaN is false: the rule's tie branch, 1/2 to each side.
  CHECK(all_modes_are(tg::max(x, y), tg::at(x = qnan, y = 1.0), x, 0.5));
  CHECK(all_modes_are(tg::max(x, y), tg::at(x = qnan, y = 1.0), y, 0.5));
  CHECK(all_modes_are(tg::min(x, y), tg::at(x = 1.0, y = qnan), x, 0.5));
}

TEST_CASE("abs_minmax: clamp values inside below above and at the bounds") {
  constexpr auto f = tg::clamp(x, -1, 2);
  CHECK_BOTH(tg::eval(f, tg::at(x = 0.5)) == 0.5);
  CHECK_BOTH(tg::eval(f, tg::at(x = -3.0)) == -1);
  CHECK_BOTH(tg::eval(f, tg::at(x = 5.0)) == 2);
  CHECK_BOTH(tg::eval(f, tg::at(x = -1.0)) == -1);
  CHECK_BOTH(tg::eval(f, tg::at(x = 2.0)) == 2);
  CHECK_BOTH(tg::eval(tg::clamp(xf, 0, 1), tg::at(xf = 1.5f)) == 1.0f);
  static_assert(std::is_same_v<decltype(tg::eval(tg::clamp(xf, 0, 1), tg::at(xf = 0.5f))), float>);
  // Any operand may be the expression; lo > hi gives hi, as min(max(x, lo), hi).
  CHECK_BOTH(tg::eval(tg::clamp(0.5, x, y), tg::at(x = 1.0, y = 2.0)) == 1);
  CHECK_BOTH(tg::eval(tg::clamp(x, 3, 1), tg::at(x = 2.0)) == 1);
  CHECK_BOTH(tg::eval(tg::clamp(x, 3, 1), tg::at(x = 5.0)) == 1);
}

TEST_CASE("abs_minmax: clamp gradients in each region and at the boundaries") {
  // lo = y, hi = 2y.
  auto claim = [](double px, double py, double dx, double dy) {
    return all_modes_are(tg::clamp(x, y, 2 * y), tg::at(x = px, y = py), x, dx) &&
           all_modes_are(tg::clamp(x, y, 2 * y), tg::at(x = px, y = py), y, dy);
  };
  CHECK_BOTH(claim(1.5, 1.0, 1.0, 0.0));  // inside
  CHECK_BOTH(claim(0.5, 1.0, 0.0, 1.0));  // below: value lo = y
  CHECK_BOTH(claim(3.0, 1.0, 0.0, 2.0));  // above: value hi = 2y
  CHECK_BOTH(claim(1.0, 1.0, 1.0, 0.0));  // x == lo: the adjoint goes to x
  CHECK_BOTH(claim(2.0, 1.0, 1.0, 0.0));  // x == hi: the adjoint goes to x
  // Separately: partials of lo and hi at the boundaries.
  CHECK_BOTH(all_modes_are(tg::clamp(1.0, x, 2.0), tg::at(x = 1.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::clamp(1.0, x, 2.0), tg::at(x = 1.5), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::clamp(2.0, 0.0, x), tg::at(x = 2.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::clamp(2.0, 0.0, x), tg::at(x = 1.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::clamp(xf, 0, 1), tg::at(xf = 1.0f), xf, 1.0f));
  CHECK_BOTH(all_modes_are(tg::clamp(xf, 0, 1), tg::at(xf = 1.5f), xf, 0.0f));
  CHECK_BOTH(tg::hessian(tg::clamp(x * x, 0, 4), tg::at(x = 1.0))(x, x) == 2);
  CHECK_BOTH(tg::hessian(tg::clamp(x * x, 0, 4), tg::at(x = 3.0))(x, x) == 0);
}

TEST_CASE("abs_minmax: clamp obeys the op laws away from the boundaries") {
  check_op_laws(tg::clamp(x, -1, 2), {{0.5}, {-3.0}, {5.0}}, 1e-12, 1e-6);
  check_op_laws(tg::clamp(x * x, y, y + 3), {{1.5, 1.0}, {0.5, 1.0}, {3.0, 1.0}, {0.8, -2.0}}, 1e-12, 1e-6);
}

TEST_CASE("abs_minmax: clamp propagates NaN and passes the adjoint to a NaN x") {
  CHECK(std::isnan(tg::eval(tg::clamp(x, 0, 1), tg::at(x = qnan))));
  CHECK(std::isnan(tg::eval(tg::clamp(x, y, 1), tg::at(x = 0.5, y = qnan))));
  CHECK(std::isnan(tg::eval(tg::clamp(x, 0, y), tg::at(x = 0.5, y = qnan))));
  CHECK(all_modes_are(tg::clamp(x, 0, 1), tg::at(x = qnan), x, 1.0));
  CHECK(all_modes_are(tg::clamp(2 * x, y, 1), tg::at(x = qnan, y = 0.0), y, 0.0));
}

}  // namespace
