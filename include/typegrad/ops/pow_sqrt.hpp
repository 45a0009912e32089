// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/operators.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/real_type.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/exp_log.hpp>

#include <concepts>
#include <string_view>
#include <type_traits>

namespace typegrad {

struct pow_op;
struct powi_op;
struct square_op;
struct sqrt_op;
struct cbrt_op;
struct hypot_op;

//! a raised to a real power b; either side may be a plain number.
//! Rule: d/da = b pow(a, b - 1), d/db = pow(a, b) log(a).
//! Edge: a < 0 with non-integer b gives NaN; pow(0, b < 0) = +inf. At a = 0, d/db is
//! 0 * -inf = NaN, and d/da at b = 0 is 0 * inf = NaN (PyTorch masks both to 0).
//! An integer exponent (`pow(x, 2)`) selects the exact integer power below instead.
//! Example: `tg::grad(tg::pow(x, y), tg::at(x = 2.0, y = 3.0))[y]  // 8 ln 2`
template <class A, class B>
  requires ExpressionOperands<A, B> && (!std::integral<std::remove_cvref_t<B>>)
constexpr auto pow(const A& a, const B& b) { return detail::binary<pow_op>(a, b); }

//! a raised to an integer power n, exactly (repeated squaring), for any sign of a.
//! n is held as a run-time constant, so the expression's type does not depend on it.
//! Rule: d/da = n pow(a, n - 1).
//! Edge: pow(0, n < 0) = inf; the derivative at a = 0, n = 0 is 0 * inf = NaN.
//! Example: `tg::eval(tg::pow(x, 3), tg::at(x = -2.0)) == -8`
template <Expression A, std::integral N>
constexpr auto pow(const A& a, N n) {
  using R = detail::real_type_t<A>;
  return typegrad::make_node<powi_op>(a, constant<R>{static_cast<R>(n)});
}

//! a raised to the compile-time integer power N; the symbolic derivative is clean:
//! `tg::d(tg::pow<3>(x), x)` is `3*pow(x, 2)`.
//! Rule: d/da = N pow(a, N - 1).
//! Edge: as pow(a, n) above.
//! Example: `tg::grad(tg::pow<3>(x), tg::at(x = 2.0))[x] == 12`
template <int N, Expression A>
constexpr auto pow(const A& a) { return typegrad::make_node<powi_op>(a, ct<N>{}); }

//! a * a.
//! Rule: d/da = 2a.
//! Edge: none; overflows to +inf for |a| beyond sqrt(max).
//! Example: `tg::grad(tg::square(x), tg::at(x = 3.0))[x] == 6`
template <Expression A>
constexpr auto square(const A& a) { return typegrad::make_node<square_op>(a); }

//! The square root of a.
//! Rule: d/da = 1/(2 sqrt(a)).
//! Edge: sqrt(0) = 0 with derivative +inf; a < 0 gives NaN value and NaN derivative.
//! Example: `tg::grad(tg::sqrt(x), tg::at(x = 4.0))[x] == 0.25`
template <Expression A>
constexpr auto sqrt(const A& a) { return typegrad::make_node<sqrt_op>(a); }

//! The real cube root of a (defined for negative a).
//! Rule: d/da = 1/(3 cbrt(a)^2).
//! Edge: cbrt(0) = 0 with derivative +inf.
//! Example: `tg::grad(tg::cbrt(x), tg::at(x = -8.0))[x] == 1.0 / 12`
template <Expression A>
constexpr auto cbrt(const A& a) { return typegrad::make_node<cbrt_op>(a); }

//! sqrt(a^2 + b^2) without overflow or underflow; either side may be a plain number.
//! Rule: d/da = a/hypot(a, b), d/db = b/hypot(a, b).
//! Edge: at a = b = 0 both derivatives are 0/0 = NaN (as PyTorch).
//! Example: `tg::grad(tg::hypot(x, y), tg::at(x = 3.0, y = 4.0))[x] == 0.6`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto hypot(const A& a, const B& b) { return detail::binary<hypot_op>(a, b); }

namespace detail {
// The integer exponent of powi_op, stored in the scalar type: exact for |n| < 2^24
// (float) or 2^53 (double); rounded, not truncated, so n - 1 computed in T is safe.
template <class T>
constexpr int integer_exponent(const T& n) {
  return static_cast<int>(cmath::floor(n + T(0.5)));
}
}  // namespace detail

struct pow_op {
  static constexpr std::string_view name = "pow";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using T = std::common_type_t<A, B>;
    return cmath::pow(static_cast<T>(a), static_cast<T>(b));
  }
  static constexpr auto partials() {
    return rule(rules::a1 * pow(rules::a0, rules::a1 - c<1>), rules::result * log(rules::a0));
  }
};

// The exponent operand is always a constant (never differentiated); its partial is 0.
struct powi_op {
  static constexpr std::string_view name = "pow";
  static constexpr notation form = notation::function;
  template <class A, class N>
  static constexpr auto value(const A& a, const N& n) {
    return cmath::powi(a, detail::integer_exponent(n));
  }
  static constexpr auto partials() {
    return rule(rules::a1 * typegrad::make_node<powi_op>(rules::a0, rules::a1 - c<1>), c<0>);
  }
};

struct square_op {
  static constexpr std::string_view name = "square";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return a * a; }
  static constexpr auto partials() { return rule(c<2> * rules::a0); }
};

struct sqrt_op {
  static constexpr std::string_view name = "sqrt";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::sqrt(a); }
  static constexpr auto partials() { return rule(c<1, 2> / rules::result); }
};

struct cbrt_op {
  static constexpr std::string_view name = "cbrt";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::cbrt(a); }
  static constexpr auto partials() { return rule(c<1, 3> / (rules::result * rules::result)); }
};

struct hypot_op {
  static constexpr std::string_view name = "hypot";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using T = std::common_type_t<A, B>;
    return cmath::hypot(static_cast<T>(a), static_cast<T>(b));
  }
  static constexpr auto partials() {
    return rule(rules::a0 / rules::result, rules::a1 / rules::result);
  }
};

}  // namespace typegrad
