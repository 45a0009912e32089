// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/operators.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/ops/compare.hpp>

#include <string_view>
#include <type_traits>

namespace typegrad {

struct sign_op;
struct abs_op;
struct max_op;
struct min_op;
struct clamp_op;

//! The sign of x: 1 for x > 0, -1 for x < 0, x itself for 0, -0 and NaN.
//! Rule: d/dx = 0 (everywhere, also at 0, like PyTorch).
//! Edge: sign(0) = 0, sign(-0) = -0, sign(NaN) = NaN.
//! Example: `tg::eval(tg::sign(x), tg::at(x = -2.5)) == -1`
template <Expression X>
constexpr auto sign(const X& x) { return typegrad::make_node<sign_op>(x); }

//! |x|.
//! Rule: d/dx = sign(x).
//! Edge: abs'(0) = 0 (as PyTorch); at NaN value and derivative are NaN.
//! Example: `tg::grad(tg::abs(x), tg::at(x = -2.0))[x] == -1`
template <Expression X>
constexpr auto abs(const X& x) { return typegrad::make_node<abs_op>(x); }

//! The larger of a and b; either may be a number.
//! Rule: d/da = 1 where a > b, 0 where a < b, 1/2 at a tie (and d/db mirrored).
//! Edge: ties split the adjoint evenly (as PyTorch), so max(x, x) has derivative 1.
//!   A NaN operand gives NaN; the comparisons are then false and each side gets 1/2.
//! Example: `tg::grad(tg::max(x, 2), tg::at(x = 2.0))[x] == 0.5`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto max(const A& a, const B& b) { return detail::binary<max_op>(a, b); }

//! The smaller of a and b; either may be a number.
//! Rule: d/da = 1 where a < b, 0 where a > b, 1/2 at a tie (and d/db mirrored).
//! Edge: ties split the adjoint evenly (as PyTorch). A NaN operand gives NaN, and
//!   each side then gets 1/2.
//! Example: `tg::grad(tg::min(x, y), tg::at(x = 1.0, y = 2.0))[y] == 0`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto min(const A& a, const B& b) { return detail::binary<min_op>(a, b); }

//! x limited to [lo, hi], i.e. min(max(x, lo), hi); any operand may be a number.
//! Rule: d/dx = 1 where lo <= x <= hi, else 0; d/dlo = 1 where x < lo; d/dhi = 1 where
//!   x > hi.
//! Edge: at a boundary (x == lo or x == hi) the adjoint goes to x, none to the bound
//!   (as PyTorch). A NaN operand gives NaN; at x = NaN the adjoint goes to x. With
//!   lo > hi the value is hi, the gradient that of PyTorch's rule (not meaningful).
//! Example: `tg::grad(tg::clamp(x, 0, 1), tg::at(x = 1.0))[x] == 1`
template <class X, class L, class H>
  requires(Expression<X> || Expression<L> || Expression<H>) &&
          (Expression<X> || Arithmetic<X>) && (Expression<L> || Arithmetic<L>) &&
          (Expression<H> || Arithmetic<H>)
constexpr auto clamp(const X& x, const L& lo, const H& hi) {
  // A number takes the scalar type of the first expression among the operands.
  using E = std::conditional_t<Expression<X>, X, std::conditional_t<Expression<L>, L, H>>;
  return typegrad::make_node<clamp_op>(detail::as_operand<E>(x), detail::as_operand<E>(lo), detail::as_operand<E>(hi));
}

struct sign_op {
  static constexpr std::string_view name = "sign";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) {
    return x > A(0) ? A(1) : (x < A(0) ? A(-1) : x);
  }
  static constexpr auto partials() { return rule(c<0>); }
};

struct abs_op {
  static constexpr std::string_view name = "abs";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) { return cmath::abs(x); }
  static constexpr auto partials() { return rule(sign(rules::a0)); }
};

struct max_op {
  static constexpr std::string_view name = "max";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using T = std::common_type_t<A, B>;
    // Ordered: the larger; tie: a; unordered: the NaN (std::max would return a).
    return a > b ? T(a) : (a < b ? T(b) : (cmath::isnan(T(b)) ? T(b) : T(a)));
  }
  static constexpr auto partials() {
    using rules::a0, rules::a1;
    return rule(where(a0 > a1, c<1>, where(a0 < a1, c<0>, c<1, 2>)),
                where(a0 < a1, c<1>, where(a0 > a1, c<0>, c<1, 2>)));
  }
};

struct min_op {
  static constexpr std::string_view name = "min";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using T = std::common_type_t<A, B>;
    return a < b ? T(a) : (a > b ? T(b) : (cmath::isnan(T(b)) ? T(b) : T(a)));
  }
  static constexpr auto partials() {
    using rules::a0, rules::a1;
    return rule(where(a0 < a1, c<1>, where(a0 > a1, c<0>, c<1, 2>)),
                where(a0 > a1, c<1>, where(a0 < a1, c<0>, c<1, 2>)));
  }
};

struct clamp_op {
  static constexpr std::string_view name = "clamp";
  static constexpr notation form = notation::function;
  template <class X, class L, class H>
  static constexpr auto value(const X& x, const L& lo, const H& hi) {
    using T = std::common_type_t<X, L, H>;
    if (cmath::isnan(T(lo))) return T(lo);
    if (cmath::isnan(T(hi))) return T(hi);
    const T t = x < lo ? T(lo) : T(x);  // NaN x stays NaN
    return t > hi ? T(hi) : t;
  }
  static constexpr auto partials() {
    using rules::a0, rules::a1, rules::a2;
    // Written so that a NaN x, for which every comparison is false, passes the adjoint.
    return rule(where(a0 < a1, c<0>, where(a0 > a2, c<0>, c<1>)), where(a0 < a1, c<1>, c<0>),
                where(a0 > a2, c<1>, c<0>));
  }
};

}  // namespace typegrad
