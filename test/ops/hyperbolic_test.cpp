// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/hyperbolic.hpp>
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

TEST_CASE("hyperbolic: op laws for sinh cosh and tanh") {
  // rounding 1e-12 (the passes evaluate the same partials); fd 1e-6 relative to max(1, |g|)
  check_op_laws(tg::sinh(x), {{-3.0}, {-0.5}, {0.0}, {0.7}, {2.0}, {5.0}});
  check_op_laws(tg::cosh(x), {{-3.0}, {-0.5}, {0.0}, {0.7}, {2.0}, {5.0}});
  check_op_laws(tg::tanh(x), {{-3.0}, {-0.5}, {0.0}, {0.7}, {2.0}, {5.0}});
  check_op_laws(tg::tanh(x * y), {{0.5, -1.0}, {-1.2, 0.3}, {0.0, 2.0}, {1.5, 1.1}, {-0.7, -0.8}});
  check_op_laws(tg::sinh(x) * tg::cosh(y),
                {{0.5, -1.0}, {-1.2, 0.3}, {0.0, 2.0}, {1.5, 1.1}, {-0.7, -0.8}});
}

TEST_CASE("hyperbolic: op laws for asinh acosh and atanh") {
  check_op_laws(tg::asinh(x), {{-10.0}, {-1.0}, {0.0}, {0.5}, {3.0}, {1e3}});
  check_op_laws(tg::acosh(x), {{1.1}, {1.5}, {2.0}, {5.0}, {100.0}});
  check_op_laws(tg::atanh(x), {{-0.9}, {-0.5}, {0.0}, {0.3}, {0.8}});
  check_op_laws(tg::asinh(x / y), {{1.0, 2.0}, {-1.0, 0.5}, {3.0, -1.0}, {-2.0, -2.0}, {0.0, 1.0}});
  check_op_laws(tg::acosh(x * x + y * y + 1.5),
                {{1.0, 2.0}, {-1.0, 0.5}, {0.0, 0.0}, {-2.0, -0.3}, {0.4, 1.0}});
  // the inverse pairs compose to the identity: derivative 1
  check_op_laws(tg::atanh(tg::tanh(x) * y),
                {{0.5, 0.5}, {-1.0, 0.9}, {2.0, -0.3}, {0.0, 1.0}, {-0.3, -0.7}});
}

TEST_CASE("hyperbolic: known values and derivatives") {
  CHECK_BOTH(tg::eval(tg::sinh(x), tg::at(x = 0.0)) == 0.0);
  CHECK_BOTH(tg::grad(tg::sinh(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(tg::eval(tg::cosh(x), tg::at(x = 0.0)) == 1.0);
  CHECK_BOTH(tg::grad(tg::cosh(x), tg::at(x = 0.0))[x] == 0.0);
  CHECK_BOTH(tg::grad(tg::sinh(x), tg::at(x = 1.5))[x] == tg::eval(tg::cosh(x), tg::at(x = 1.5)));
  CHECK_BOTH(tg::grad(tg::cosh(x), tg::at(x = 1.5))[x] == tg::eval(tg::sinh(x), tg::at(x = 1.5)));
  CHECK_BOTH(tg::hessian(tg::cosh(x), tg::at(x = 1.0))(x, x)
             == tg::eval(tg::cosh(x), tg::at(x = 1.0)));
  CHECK_BOTH(near(tg::eval(tg::sinh(x), tg::at(x = 1.0)), 1.1752011936438014));
  CHECK_BOTH(near(tg::eval(tg::cosh(x), tg::at(x = 1.0)), 1.5430806348152437));
  CHECK_BOTH(tg::grad(tg::tanh(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(near(tg::eval(tg::tanh(x), tg::at(x = 0.5)), 0.46211715726000974));
  CHECK_BOTH(near(tg::grad(tg::tanh(x), tg::at(x = 0.5))[x], 0.7864477329659274));
  CHECK_BOTH(tg::grad(tg::asinh(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(near(tg::grad(tg::asinh(x), tg::at(x = 1.0))[x], 0.7071067811865476));
  CHECK_BOTH(near(tg::eval(tg::asinh(x), tg::at(x = 1.0)), 0.881373587019543));
  CHECK_BOTH(tg::eval(tg::acosh(x), tg::at(x = 1.0)) == 0.0);
  CHECK_BOTH(near(tg::grad(tg::acosh(x), tg::at(x = 2.0))[x], 0.5773502691896258));
  CHECK_BOTH(near(tg::eval(tg::acosh(x), tg::at(x = 2.0)), 1.3169578969248166));
  CHECK_BOTH(tg::eval(tg::atanh(x), tg::at(x = 0.0)) == 0.0);
  CHECK_BOTH(tg::grad(tg::atanh(x), tg::at(x = 0.0))[x] == 1.0);
  CHECK_BOTH(near(tg::grad(tg::atanh(x), tg::at(x = 0.5))[x], 4.0 / 3));
  CHECK_BOTH(near(tg::eval(tg::atanh(x), tg::at(x = 0.5)), 0.5493061443340549));
}

TEST_CASE("hyperbolic: edge values follow IEEE") {
  // acosh'(1) = +inf; atanh(+-1) = +-inf with derivative +inf (run time: 1/0)
  for (auto m :
       {at_point(tg::acosh(x), 1.0), at_point(tg::atanh(x), 1.0), at_point(tg::atanh(x), -1.0)}) {
    CHECK(m.rev == inf);
    CHECK(m.fwd == inf);
    CHECK(m.sym == inf);
  }
  CHECK(at_point(tg::acosh(x), 1.0).value == 0.0);
  CHECK(at_point(tg::atanh(x), 1.0).value == inf);
  CHECK(at_point(tg::atanh(x), -1.0).value == -inf);
  // outside the domain: NaN value; acosh's derivative is NaN too (square roots
  // of negatives), atanh's is the formula 1/(1 - a*a), as PyTorch computes them
  for (auto m : {at_point(tg::acosh(x), 0.5), at_point(tg::acosh(x), -2.0)}) {
    CHECK(std::isnan(m.value));
    CHECK(std::isnan(m.rev));
    CHECK(std::isnan(m.fwd));
    CHECK(std::isnan(m.sym));
  }
  for (auto [m, expected] : {std::pair{at_point(tg::atanh(x), 2.0), -1.0 / 3.0},
                             std::pair{at_point(tg::atanh(x), -1.5), -1.0 / 1.25}}) {
    CHECK(std::isnan(m.value));
    CHECK(close(m.rev, expected, 1e-15));
    CHECK(close(m.fwd, expected, 1e-15));
    CHECK(close(m.sym, expected, 1e-15));
  }
  const auto r = tg::value_and_grad(y * tg::atanh(x) + x, tg::at(x = 2.0, y = 1.0));
  CHECK(std::isnan(r.value));
  CHECK(std::isnan(r.grad[y]));
  CHECK(close(r.grad[x], 1.0 - 1.0 / 3.0, 1e-15));
  // large arguments: no overflow in the asinh and acosh derivatives
  CHECK(close(at_point(tg::asinh(x), 1e200).rev, 1e-200, 1e-15));
  CHECK(close(at_point(tg::asinh(x), -1e200).rev, 1e-200, 1e-15));
  CHECK(close(at_point(tg::acosh(x), 1e200).rev, 1e-200, 1e-15));
  CHECK(at_point(tg::asinh(x), inf).value == inf);
  CHECK(at_point(tg::asinh(x), inf).rev == 0.0);
  // tanh saturates: derivative 0, never NaN
  for (double p : {30.0, -30.0, inf, -inf}) {
    const auto t = at_point(tg::tanh(x), p);
    CHECK(t.value == (p > 0 ? 1.0 : -1.0));
    CHECK(t.rev == 0.0);
    CHECK(t.fwd == 0.0);
  }
  // sinh and cosh overflow to infinity, derivatives alike
  CHECK(at_point(tg::sinh(x), 1000.0).rev == inf);
  CHECK(at_point(tg::cosh(x), -1000.0).value == inf);
  CHECK(at_point(tg::cosh(x), -1000.0).rev == -inf);
}

TEST_CASE("hyperbolic: float variables") {
  static_assert(std::is_same_v<decltype(tg::eval(tg::tanh(xf), tg::at(xf = 1.0f))), float>);
  CHECK_BOTH(tg::grad(tg::tanh(xf), tg::at(xf = 0.0f))[xf] == 1.0f);
  CHECK_BOTH(tg::grad(tg::atanh(xf), tg::at(xf = 0.5f))[xf] == 1.0f / 0.75f);
  check_float([](auto v) { return tg::sinh(v); }, {-3.0, -0.5, 0.0, 0.7, 5.0});
  check_float([](auto v) { return tg::cosh(v); }, {-3.0, -0.5, 0.0, 0.7, 5.0});
  check_float([](auto v) { return tg::tanh(v); }, {-3.0, -0.5, 0.0, 0.7, 5.0});
  check_float([](auto v) { return tg::asinh(v); }, {-10.0, -1.0, 0.0, 0.5, 1e3});
  check_float([](auto v) { return tg::acosh(v); }, {1.1, 1.5, 2.0, 5.0, 100.0});
  check_float([](auto v) { return tg::atanh(v); }, {-0.9, -0.5, 0.0, 0.3, 0.8});
}

TEST_CASE("hyperbolic: symbolic derivatives simplify") {
  static_assert(std::is_same_v<decltype(tg::d(tg::sinh(x), x)), decltype(tg::cosh(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::cosh(x), x)), decltype(tg::sinh(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::d(tg::sinh(x), x), x)), decltype(tg::sinh(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::tanh(x), x)),
                               decltype(tg::c<1> - tg::tanh(x) * tg::tanh(x))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::asinh(x), x)),
                               decltype(tg::c<1> / tg::hypot(x, tg::c<1>))>);
  static_assert(
      std::is_same_v<decltype(tg::d(tg::acosh(x), x)),
                     decltype(tg::c<1> / (tg::sqrt(x - tg::c<1>) * tg::sqrt(x + tg::c<1>)))>);
  static_assert(std::is_same_v<decltype(tg::d(tg::atanh(x), x)),
                               decltype(tg::c<1> / ((tg::c<1> - x) * (tg::c<1> + x)))>);
  // chain rule: d(tanh(3x)) = 3*(1 - tanh(3x)^2)
  static_assert(std::is_same_v<
                decltype(tg::d(tg::tanh(tg::c<3> * x), x)),
                decltype(tg::c<3> * (tg::c<1> - tg::tanh(tg::c<3> * x) * tg::tanh(tg::c<3> * x)))>);
  CHECK_BOTH(tg::eval(tg::d(tg::tanh(x), x), tg::at(x = 0.0)) == 1.0);
  CHECK_BOTH(tg::eval(tg::d(tg::d(tg::cosh(x), x), x), tg::at(x = 0.0)) == 1.0);
}

}  // namespace
