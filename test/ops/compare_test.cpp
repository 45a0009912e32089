// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/compare.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <concepts>
#include <type_traits>

#include "support/check.hpp"

// Comparisons and where(cond, a, b).

namespace {

namespace tg = typegrad;
using namespace tg::test::check;
using tg::test::check_op_laws;

template <class T>
concept Comparable = requires(T t) { t < t; };

TEST_CASE("compare: comparisons give bool values with numbers on either side") {
  CHECK_BOTH(tg::eval(x < 2, tg::at(x = 1.0)));
  CHECK_BOTH(!tg::eval(x < 1, tg::at(x = 1.0)));
  CHECK_BOTH(tg::eval(x <= 1, tg::at(x = 1.0)));
  CHECK_BOTH(tg::eval(x > -1, tg::at(x = 0.0)));
  CHECK_BOTH(!tg::eval(x >= 0.5, tg::at(x = 0.25)));
  CHECK_BOTH(tg::eval(2 < x, tg::at(x = 3.0)));
  CHECK_BOTH(tg::eval(x < y, tg::at(x = 1.0, y = 2.0)));
  CHECK_BOTH(!tg::eval(y <= x, tg::at(x = 1.0, y = 2.0)));
  CHECK_BOTH(tg::eval(tg::equal(x, 0), tg::at(x = -0.0)));
  CHECK_BOTH(!tg::eval(tg::equal(x, y), tg::at(x = 1.0, y = 2.0)));
  CHECK_BOTH(tg::eval(tg::not_equal(x, y), tg::at(x = 1.0, y = 2.0)));
  CHECK_BOTH(tg::eval(tg::equal(3, x * x - 1), tg::at(x = 2.0)));
  CHECK_BOTH(tg::eval(xf < 0.5, tg::at(xf = 0.25f)));
  static_assert(std::is_same_v<decltype(tg::eval(x < y, tg::at(x = 1.0, y = 2.0))), bool>);
  // A number beside a float expression becomes a float constant.
  static_assert(std::is_same_v<decltype(xf < 0.5), tg::node<tg::less_op, std::remove_cv_t<decltype(xf)>,
                                                           tg::constant<float>>>);
}

TEST_CASE("compare: comparisons are not differentiable and == != are named functions") {
  static_assert(!tg::detail::is_differentiable<tg::less_op>());
  static_assert(!tg::detail::is_differentiable<tg::greater_equal_op>());
  static_assert(!tg::detail::is_differentiable<tg::equal_op>());
  static_assert(!tg::detail::is_differentiable<tg::not_equal_op>());
  // d(comparison) is the constant 0: no adjoint flows through it.
  static_assert(std::is_same_v<decltype(tg::d(x < y, x)), tg::ct<0>>);
  static_assert(std::is_same_v<decltype(tg::d(tg::equal(x, y), y)), tg::ct<0>>);
  // No operator== or operator!= on expressions (C++20 rewritten candidates).
  static_assert(!std::equality_comparable<std::remove_cv_t<decltype(x)>>);
  static_assert(!std::equality_comparable_with<std::remove_cv_t<decltype(x)>, double>);
  static_assert(Comparable<std::remove_cv_t<decltype(x)>>);
}

TEST_CASE("compare: comparisons with NaN are false except not_equal") {
  CHECK(!tg::eval(x < 1, tg::at(x = qnan)));
  CHECK(!tg::eval(x > 1, tg::at(x = qnan)));
  CHECK(!tg::eval(x <= 1, tg::at(x = qnan)));
  CHECK(!tg::eval(x >= 1, tg::at(x = qnan)));
  CHECK(!tg::eval(tg::equal(x, x), tg::at(x = qnan)));
  CHECK(tg::eval(tg::not_equal(x, x), tg::at(x = qnan)));
}

TEST_CASE("compare: where selects and routes the adjoint to the selected branch") {
  constexpr auto f = tg::where(x > 0, x * x, -3 * x);
  CHECK_BOTH(tg::eval(f, tg::at(x = 2.0)) == 4);
  CHECK_BOTH(tg::eval(f, tg::at(x = -2.0)) == 6);
  CHECK_BOTH(all_modes_are(f, tg::at(x = 2.0), x, 4.0));
  CHECK_BOTH(all_modes_are(f, tg::at(x = -2.0), x, -3.0));
  CHECK_BOTH(all_modes_are(f, tg::at(x = 0.0), x, -3.0));  // cond false at 0
  // Number branches; a branch without x gets nothing.
  CHECK_BOTH(tg::eval(tg::where(x < 1, 1, 0), tg::at(x = 0.0)) == 1);
  CHECK_BOTH(tg::grad(tg::where(x < 1, 1, 0), tg::at(x = 0.0))[x] == 0);
  CHECK_BOTH(all_modes_are(tg::where(x < 1, 2.5, x), tg::at(x = 3.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::where(x < 1, 2.5, x), tg::at(x = 0.0), x, 0.0));
  // Both branches over y; cond over x.
  constexpr auto g = tg::where(x < y, x * y, y * y);
  CHECK_BOTH(tg::grad(g, tg::at(x = 1.0, y = 2.0))[x] == 2);
  CHECK_BOTH(tg::grad(g, tg::at(x = 1.0, y = 2.0))[y] == 1);
  CHECK_BOTH(tg::grad(g, tg::at(x = 3.0, y = 2.0))[x] == 0);
  CHECK_BOTH(tg::grad(g, tg::at(x = 3.0, y = 2.0))[y] == 4);
  // The same sub-expression in both branches gets the whole adjoint.
  CHECK_BOTH(all_modes_are(tg::where(x > 0, x, x), tg::at(x = 1.0), x, 1.0));
  // Second derivatives flow through the selected branch.
  CHECK_BOTH(tg::hessian(tg::where(x > 0, x * x * x, x * x), tg::at(x = 2.0))(x, x) == 12);
  CHECK_BOTH(tg::hessian(tg::where(x > 0, x * x * x, x * x), tg::at(x = -2.0))(x, x) == 2);
}

TEST_CASE("compare: where with float variables and select as its alias") {
  constexpr auto f = tg::where(xf > 0, xf * xf, 0.5);
  static_assert(std::is_same_v<decltype(tg::eval(f, tg::at(xf = 1.0f))), float>);
  static_assert(std::is_same_v<decltype(tg::grad(f, tg::at(xf = 1.0f))[xf]), const float&>);
  CHECK_BOTH(tg::eval(f, tg::at(xf = -1.0f)) == 0.5f);
  CHECK_BOTH(all_modes_are(f, tg::at(xf = 1.5f), xf, 3.0f));
  CHECK_BOTH(all_modes_are(f, tg::at(xf = -1.5f), xf, 0.0f));
  // Both branches numbers: they take the type of the condition.
  static_assert(std::is_same_v<decltype(tg::eval(tg::where(xf > 0, 1, 2), tg::at(xf = 1.0f))), float>);
  static_assert(std::is_same_v<decltype(tg::select(x < y, x, y)), decltype(tg::where(x < y, x, y))>);
  CHECK_BOTH(tg::eval(tg::select(x < y, x, y), tg::at(x = 1.0, y = 2.0)) == 1);
}

TEST_CASE("compare: where obeys the op laws away from the switching point") {
  check_op_laws(tg::where(x > 0, x * x * y, x * y - y * y), {{1.5, 2.0}, {-1.5, 2.0}, {0.25, -3.0}, {-4.0, 0.5}},
                1e-12, 1e-6);
  check_op_laws(tg::where(x < y, x * x, y * y * y), {{1.0, 2.0}, {3.0, -1.0}, {-2.0, 0.5}}, 1e-12, 1e-6);
  check_op_laws(tg::where(x * x < 4, 1 / (1 + x * x), x), {{0.5}, {-1.0}, {3.0}, {-2.5}}, 1e-12, 1e-6);
}

TEST_CASE("compare: where evaluates both branches and the unselected branch can poison the gradient") {
  // As torch.where: the unselected branch gets adjoint 0, and 0 * inf = NaN.
  constexpr auto inv = tg::where(tg::not_equal(x, 0), 1 / x, 0);
  CHECK(tg::eval(inv, tg::at(x = 0.0)) == 0);
  CHECK(all_modes_are(inv, tg::at(x = 0.0), x, qnan));
  CHECK(all_modes_are(inv, tg::at(x = 2.0), x, -0.25));

  // where(x > 0, log(x), 0): at 0, log'(0) = inf meets the zero adjoint: NaN.
  constexpr auto lg = tg::where(x > 0, tg::log(x), 0);
  CHECK(tg::eval(lg, tg::at(x = 0.0)) == 0);
  CHECK(all_modes_are(lg, tg::at(x = 0.0), x, qnan));
  // At x = -1 the unselected log(-1) is NaN, but its value does not leak; the
  // gradient is 0 * log'(-1): NaN exactly when log's rule gives NaN below its domain
  // (exp_log.hpp decides that; PyTorch's 1/x would give 0 * -1 = 0).
  CHECK(tg::eval(lg, tg::at(x = -1.0)) == 0);
  const double dlog = tg::grad(tg::log(x), tg::at(x = -1.0))[x];
  CHECK(all_modes_are(lg, tg::at(x = -1.0), x, 0.0 * dlog));

  // The remedy: keep the unselected branch finite.
  constexpr auto safe = tg::where(x > 0, tg::log(tg::where(x > 0, x, 1)), 0);
  CHECK_BOTH(all_modes_are(safe, tg::at(x = 0.0), x, 0.0));
  CHECK_BOTH(all_modes_are(safe, tg::at(x = 2.0), x, 0.5));
}

TEST_CASE("compare: where with a NaN condition operand takes the false branch") {
  CHECK(tg::eval(tg::where(x > 0, x, 7), tg::at(x = qnan)) == 7);
  CHECK(all_modes_are(tg::where(x > 0, 2 * x, 7), tg::at(x = qnan), x, 0.0));
  // A NaN in the selected branch propagates to the value and the gradient.
  constexpr auto f = tg::where(x > 0, x * y, y);
  CHECK(std::isnan(tg::eval(f, tg::at(x = 1.0, y = qnan))));
  CHECK(std::isnan(tg::grad(f, tg::at(x = 1.0, y = qnan))[x]));
  CHECK(tg::grad(f, tg::at(x = 1.0, y = qnan))[y] == 1);  // d(x*y)/dy = x
  // A NaN operand of the unselected branch leaves the value alone but, through
  // 0 * NaN, makes the gradient NaN (as torch.where).
  constexpr auto g = tg::where(x > 0, 2 * x, x * y);
  CHECK(tg::eval(g, tg::at(x = 1.0, y = qnan)) == 2);
  CHECK(std::isnan(tg::grad(g, tg::at(x = 1.0, y = qnan))[x]));
  CHECK(tg::grad(g, tg::at(x = 1.0, y = qnan))[y] == 0);  // 0 * x, x = 1
}

}  // namespace
