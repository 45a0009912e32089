// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/operators.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>

#include <string_view>
#include <type_traits>

namespace typegrad {

struct less_op;
struct greater_op;
struct less_equal_op;
struct greater_equal_op;
struct equal_op;
struct not_equal_op;
struct where_op;

// Comparisons are bool-valued and not differentiable: no adjoint flows through
// them, and d(a < b, x) is 0. They exist to build conditions for where(...).
// == and != are deliberately not operators: C++20 rewrites a != b and b == a into
// calls of a user operator==, which would turn every comparison of two
// expression objects into a node. Use equal(a, b) and not_equal(a, b).

//! a < b, a bool-valued expression (IEEE: false when either side is NaN).
//! Rule: not differentiable; no adjoint flows through a comparison.
//! Edge: NaN on either side gives false.
//! Example: `tg::eval(x < 2, tg::at(x = 1.0)) == true`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator<(const A& a, const B& b) { return detail::binary<less_op>(a, b); }

//! a > b, a bool-valued expression.
//! Rule: not differentiable. Edge: NaN on either side gives false.
//! Example: `tg::where(x > 0, x, 0)`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator>(const A& a, const B& b) { return detail::binary<greater_op>(a, b); }

//! a <= b, a bool-valued expression.
//! Rule: not differentiable. Edge: NaN on either side gives false.
//! Example: `tg::eval(x <= 1, tg::at(x = 1.0)) == true`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator<=(const A& a, const B& b) { return detail::binary<less_equal_op>(a, b); }

//! a >= b, a bool-valued expression.
//! Rule: not differentiable. Edge: NaN on either side gives false.
//! Example: `tg::eval(x >= 1, tg::at(x = 0.5)) == false`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator>=(const A& a, const B& b) { return detail::binary<greater_equal_op>(a, b); }

//! a == b as a bool-valued expression (a named function: see the note above).
//! Rule: not differentiable. Edge: NaN on either side gives false; 0 == -0.
//! Example: `tg::eval(tg::equal(x, 1), tg::at(x = 1.0)) == true`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto equal(const A& a, const B& b) { return detail::binary<equal_op>(a, b); }

//! a != b as a bool-valued expression.
//! Rule: not differentiable. Edge: NaN on either side gives true.
//! Example: `tg::where(tg::not_equal(x, 0), 1 / x, 0)`
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto not_equal(const A& a, const B& b) { return detail::binary<not_equal_op>(a, b); }

//! cond ? a : b, elementwise selection (torch.where). a and b may be numbers.
//! Rule: d/da = where(cond, 1, 0), d/db = where(cond, 0, 1); cond gets no adjoint.
//! Edge: both branches are always evaluated, in every mode, as in torch.where. The
//!   unselected branch receives a zero adjoint, and IEEE 0 * inf and 0 * NaN are NaN:
//!   at x = 0, where(x > 0, log(x), 0) has value 0 but gradient NaN (as PyTorch),
//!   because log'(0) = inf is multiplied by the zero adjoint. Keep the unselected
//!   branch finite to avoid it: where(x > 0, log(where(x > 0, x, 1)), 0).
//! Example: `tg::grad(tg::where(x > 0, x * x, -x), tg::at(x = 3.0))[x] == 6`
template <Expression C, class A, class B>
  requires(Expression<A> || Arithmetic<A>) && (Expression<B> || Arithmetic<B>)
constexpr auto where(const C& cond, const A& a, const B& b) {
  // A number branch takes the scalar type of the other branch, else of cond.
  return typegrad::make_node<where_op>(cond, detail::as_operand<std::conditional_t<Expression<B>, B, C>>(a),
                             detail::as_operand<std::conditional_t<Expression<A>, A, C>>(b));
}

//! select(cond, a, b) is where(cond, a, b), under the name some libraries use.
//! Rule: as where: d/da = where(cond, 1, 0), d/db = where(cond, 0, 1).
//! Edge: as where: both branches are evaluated.
//! Example: `tg::select(x < y, x, y)  // min(x, y) without the tie rule`
template <Expression C, class A, class B>
  requires(Expression<A> || Arithmetic<A>) && (Expression<B> || Arithmetic<B>)
constexpr auto select(const C& cond, const A& a, const B& b) {
  return where(cond, a, b);
}

struct less_op {
  static constexpr std::string_view name = "<";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 0;
  static constexpr bool differentiable = false;
  template <class A, class B>
  static constexpr bool value(const A& a, const B& b) { return a < b; }
};

struct greater_op {
  static constexpr std::string_view name = ">";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 0;
  static constexpr bool differentiable = false;
  template <class A, class B>
  static constexpr bool value(const A& a, const B& b) { return a > b; }
};

struct less_equal_op {
  static constexpr std::string_view name = "<=";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 0;
  static constexpr bool differentiable = false;
  template <class A, class B>
  static constexpr bool value(const A& a, const B& b) { return a <= b; }
};

struct greater_equal_op {
  static constexpr std::string_view name = ">=";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 0;
  static constexpr bool differentiable = false;
  template <class A, class B>
  static constexpr bool value(const A& a, const B& b) { return a >= b; }
};

struct equal_op {
  static constexpr std::string_view name = "==";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 0;
  static constexpr bool differentiable = false;
  template <class A, class B>
  static constexpr bool value(const A& a, const B& b) { return a == b; }
};

struct not_equal_op {
  static constexpr std::string_view name = "!=";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 0;
  static constexpr bool differentiable = false;
  template <class A, class B>
  static constexpr bool value(const A& a, const B& b) { return a != b; }
};

struct where_op {
  static constexpr std::string_view name = "where";
  static constexpr notation form = notation::function;
  template <class C, class A, class B>
  static constexpr auto value(const C& cond, const A& a, const B& b) {
    using T = std::common_type_t<A, B>;
    return cond ? static_cast<T>(a) : static_cast<T>(b);
  }
  static constexpr auto partials() {
    return rule(c<0>, where(rules::a0, c<1>, c<0>), where(rules::a0, c<0>, c<1>));
  }
};

}  // namespace typegrad
