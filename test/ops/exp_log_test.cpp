// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/exp_log.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <limits>
#include <type_traits>
#include <utility>

#include "support/check.hpp"

namespace {

namespace tg = typegrad;
using namespace tg::test::check;
using tg::test::check_op_laws;
using tg::test::close;

TEST_CASE("exp_log: op laws for exp and expm1") {
  // rounding 1e-12: the passes evaluate the same partials; fd 1e-6 (relative to max(1, |g|))
  check_op_laws(tg::exp(x), {{-3.0}, {-0.5}, {0.0}, {0.7}, {2.0}, {5.0}});
  check_op_laws(tg::expm1(x), {{-2.0}, {-1e-3}, {0.0}, {1e-4}, {0.5}, {3.0}});
  check_op_laws(tg::exp(x * y), {{0.5, -1.0}, {-1.2, 0.3}, {0.0, 2.0}, {1.5, 1.1}, {-0.7, -0.8}});
  check_op_laws(tg::expm1(x) / x, {{-2.0}, {-0.1}, {0.3}, {1.0}, {4.0}});
}

TEST_CASE("exp_log: op laws for log and log1p") {
  check_op_laws(tg::log(x), {{0.05}, {0.5}, {1.0}, {2.5}, {10.0}, {1e3}});
  check_op_laws(tg::log1p(x), {{-0.9}, {-0.3}, {0.0}, {0.2}, {3.0}, {50.0}});
  // log of a sum of squares over all four quadrants; softplus as log1p(exp(x))
  check_op_laws(tg::log(x * x + y * y),
                {{1.0, 2.0}, {-1.5, 0.5}, {-0.3, -2.0}, {2.0, -0.1}, {0.0, 1.0}});
  check_op_laws(tg::log1p(tg::exp(x)), {{-20.0}, {-2.0}, {0.0}, {1.5}, {20.0}});
  check_op_laws(tg::log(tg::exp(x) + y),
                {{0.5, 1.0}, {-1.0, 0.5}, {2.0, 3.0}, {0.0, 0.1}, {-3.0, 2.0}});
}

TEST_CASE("exp_log: op laws for log2 and log10") {
  check_op_laws(tg::log2(x), {{0.1}, {0.75}, {1.0}, {4.0}, {100.0}});
  check_op_laws(tg::log10(x), {{0.1}, {0.75}, {1.0}, {4.0}, {1e5}});
  check_op_laws(tg::log2(x) * tg::log10(y),
                {{0.5, 2.0}, {3.0, 0.2}, {1.5, 1.5}, {8.0, 100.0}, {0.2, 7.0}});
}

TEST_CASE("exp_log: known values and derivatives") {
  // exp' is exp: the partial is the node's own value, so the equality is exact
  CHECK_BOTH(tg::eval(tg::exp(x), tg::at(x = 0.0)) == 1.0);
  CHECK_BOTH(tg::grad(tg::exp(x), tg::at(x = 1.0))[x] == tg::eval(tg::exp(x), tg::at(x = 1.0)));
  CHECK_BOTH(near(tg::eval(tg::exp(x), tg::at(x = 1.0)), 2.718281828459045));
  CHECK_BOTH(tg::grad(tg::exp(x), tg::at(x = -2.0))[x] == tg::eval(tg::exp(x), tg::at(x = -2.0)));
  CHECK_BOTH(tg::grad(tg::expm1(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(near(tg::eval(tg::expm1(x), tg::at(x = 1e-10)), 1.00000000005e-10, 4e-16 * 1e-10));
  CHECK_BOTH(near(tg::grad(tg::expm1(x), tg::at(x = 1.0))[x], 2.718281828459045));

  CHECK_BOTH(tg::eval(tg::log(x), tg::at(x = 1.0)) == 0.0);
  CHECK_BOTH(tg::grad(tg::log(x), tg::at(x = 2.0))[x] == 0.5);
  CHECK_BOTH(tg::grad(tg::log(x), tg::at(x = 0.25))[x] == 4.0);
  CHECK_BOTH(near(tg::eval(tg::log(x), tg::at(x = 10.0)), 2.302585092994046));
  CHECK_BOTH(tg::grad(tg::log1p(x), tg::at(x = 1.0))[x] == 0.5);
  CHECK_BOTH(near(tg::eval(tg::log1p(x), tg::at(x = 1e-12)), 9.999999999995e-13, 4e-16 * 1e-12));

  CHECK_BOTH(tg::eval(tg::log2(x), tg::at(x = 8.0)) == 3.0);
  CHECK_BOTH(near(tg::grad(tg::log2(x), tg::at(x = 1.0))[x], 1.4426950408889634));
  CHECK_BOTH(near(tg::grad(tg::log2(x), tg::at(x = 4.0))[x], 0.36067376022224085));
  CHECK_BOTH(tg::eval(tg::log10(x), tg::at(x = 1000.0)) == 3.0);
  CHECK_BOTH(near(tg::grad(tg::log10(x), tg::at(x = 1.0))[x], 0.43429448190325176));
  CHECK_BOTH(near(tg::grad(tg::log10(x), tg::at(x = 100.0))[x], 0.0043429448190325176));

  // the second derivative of log, from the same rule: -1/x^2
  CHECK_BOTH(tg::hessian(tg::log(x), tg::at(x = 2.0))(x, x) == -0.25);
  CHECK_BOTH(tg::hessian(tg::exp(x), tg::at(x = 1.0))(x, x)
             == tg::eval(tg::exp(x), tg::at(x = 1.0)));
}

TEST_CASE("exp_log: edge values follow IEEE") {
  // log(0) = -inf; log'(0) = +inf in every mode (run time only: constant evaluation
  // rejects 1/0); the value alone is also a constant expression
  static_assert(tg::eval(tg::log(x), tg::at(x = 0.0)) == -std::numeric_limits<double>::infinity());
  for (auto m : {at_point(tg::log(x), 0.0), at_point(tg::log2(x), 0.0), at_point(tg::log10(x), 0.0),
                 at_point(tg::log1p(x), -1.0)}) {
    CHECK(m.value == -inf);
    CHECK(m.rev == inf);
    CHECK(m.fwd == inf);
    CHECK(m.sym == inf);
  }
  // log of a negative number: NaN value; the derivative is the formula 1/a, as
  // PyTorch computes it, and all modes agree on it
  for (auto [m, expected] : {std::pair{at_point(tg::log(x), -1.0), -1.0},
                             std::pair{at_point(tg::log2(x), -1.0), -1.0 / std::log(2.0)},
                             std::pair{at_point(tg::log10(x), -1.0), -1.0 / std::log(10.0)},
                             std::pair{at_point(tg::log1p(x), -2.0), -1.0}}) {
    CHECK(std::isnan(m.value));
    CHECK(close(m.rev, expected, 1e-15));
    CHECK(close(m.fwd, expected, 1e-15));
    CHECK(close(m.sym, expected, 1e-15));
  }
  // the NaN value reaches the result, and the gradient is PyTorch's:
  // d/dx (x log y + y) = log y (NaN), d/dy = x/y + 1 (finite, 0 here)
  const auto r = tg::value_and_grad(x * tg::log(y) + y, tg::at(x = 1.0, y = -1.0));
  CHECK(std::isnan(r.value));
  CHECK(std::isnan(r.grad[x]));
  CHECK(r.grad[y] == 0.0);
  // exp overflows to +inf and underflows to 0, derivative alike
  const auto big = at_point(tg::exp(x), 1000.0);
  CHECK(big.value == inf);
  CHECK(big.rev == inf);
  CHECK(big.fwd == inf);
  const auto tiny = at_point(tg::exp(x), -inf);
  CHECK(tiny.value == 0.0);
  CHECK(tiny.rev == 0.0);
  CHECK(at_point(tg::expm1(x), -inf).value == -1.0);
  CHECK(at_point(tg::log(x), inf).value == inf);
  CHECK(at_point(tg::log(x), inf).rev == 0.0);
  // log(0)'s second derivative, symbolically: -1/0^2 = -inf
  CHECK(tg::eval(tg::d(tg::d(tg::log(x), x), x), tg::at(x = 0.0)) == -inf);
}

TEST_CASE("exp_log: float variables") {
  static_assert(std::is_same_v<decltype(tg::eval(tg::exp(xf), tg::at(xf = 1.0f))), float>);
  CHECK_BOTH(tg::grad(tg::log(xf), tg::at(xf = 2.0f))[xf] == 0.5f);
  CHECK_BOTH(tg::grad(tg::exp(xf), tg::at(xf = 1.0f))[xf]
             == tg::eval(tg::exp(xf), tg::at(xf = 1.0f)));
  check_float([](auto v) { return tg::exp(v); }, {-3.0, -0.5, 0.0, 0.7, 5.0});
  check_float([](auto v) { return tg::expm1(v); }, {-2.0, -1e-3, 0.0, 1e-4, 3.0});
  check_float([](auto v) { return tg::log(v); }, {0.05, 0.5, 1.0, 2.5, 1e3});
  check_float([](auto v) { return tg::log1p(v); }, {-0.9, -0.3, 0.0, 0.2, 50.0});
  check_float([](auto v) { return tg::log2(v); }, {0.1, 0.75, 1.0, 4.0, 100.0});
  check_float([](auto v) { return tg::log10(v); }, {0.1, 0.75, 1.0, 4.0, 1e5});
  check_float([](auto v) { return tg::log(2 * v + 1); }, {0.1, 0.75, 1.0, 4.0, 100.0});
}

TEST_CASE("exp_log: symbolic derivatives simplify") {
  // d(exp(x)) is the very node exp(x); d(expm1(x)) is expm1(x) + 1
  static_assert(std::is_same_v<decltype(tg::d(tg::exp(x), x)), decltype(tg::exp(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::d(tg::exp(x), x), x)), decltype(tg::exp(x))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::expm1(x), x)), decltype(tg::expm1(x) + tg::c<1>)>);
  // d(log(a)) is 1/a, and its own derivative comes from the division rule
  static_assert(std::is_same_v<decltype(tg::d(tg::log(x), x)), decltype(tg::c<1> / x)>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::log1p(x), x)), decltype(tg::c<1> / (tg::c<1> + x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::log2(x), x)),
                               decltype(tg::c<1> / (x * tg::constants::ln2))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::log10(x), x)),
                               decltype(tg::c<1> / x / tg::constants::ln10)>);
  // chain rule: d(exp(2x)) = exp(2x) * 2, constant folded, no 1* or 0+ left
  static_assert(std::is_same_v<decltype(tg::d(tg::exp(tg::c<2> * x), x)),
                               decltype(tg::c<2> * tg::exp(tg::c<2> * x))>);
  CHECK_BOTH(tg::eval(tg::d(tg::log(x), x), tg::at(x = 4.0)) == 0.25);
  CHECK_BOTH(tg::eval(tg::d(tg::exp(x * y), y), tg::at(x = 2.0, y = 0.0)) == 2.0);
}

}  // namespace
