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
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/pow_sqrt.hpp>

#include <string_view>
#include <type_traits>

namespace typegrad {

struct sin_op;
struct cos_op;
struct tan_op;
struct asin_op;
struct acos_op;
struct atan_op;
struct atan2_op;

//! The sine of a (radians).
//! Rule: d/da = cos(a).
//! Edge: sin(+-inf) is NaN.
//! Example: `tg::grad(tg::sin(x), tg::at(x = 0.0))[x] == 1`
template <Expression A>
constexpr auto sin(const A& a) { return typegrad::make_node<sin_op>(a); }

//! The cosine of a (radians).
//! Rule: d/da = -sin(a).
//! Edge: cos(+-inf) is NaN.
//! Example: `tg::grad(tg::cos(x), tg::at(x = 0.0))[x] == 0`
template <Expression A>
constexpr auto cos(const A& a) { return typegrad::make_node<cos_op>(a); }

//! The tangent of a (radians).
//! Rule: d/da = 1 + tan(a)^2.
//! Edge: near odd multiples of pi/2 value and derivative grow without bound (no pole is
//! exactly representable, so the value stays finite); tan(+-inf) is NaN.
//! Example: `tg::grad(tg::tan(x), tg::at(x = 0.0))[x] == 1`
template <Expression A>
constexpr auto tan(const A& a) { return typegrad::make_node<tan_op>(a); }

//! The arc sine of a, in [-pi/2, pi/2].
//! Rule: d/da = 1/sqrt((1 - a)(1 + a)).
//! Edge: asin(+-1) = +-pi/2 with derivative +inf; |a| > 1 gives NaN value and derivative.
//! Example: `tg::grad(tg::asin(x), tg::at(x = 0.0))[x] == 1`
template <Expression A>
constexpr auto asin(const A& a) { return typegrad::make_node<asin_op>(a); }

//! The arc cosine of a, in [0, pi].
//! Rule: d/da = -1/sqrt((1 - a)(1 + a)).
//! Edge: acos(+-1) has derivative -inf; |a| > 1 gives NaN value and derivative.
//! Example: `tg::grad(tg::acos(x), tg::at(x = 0.0))[x] == -1`
template <Expression A>
constexpr auto acos(const A& a) { return typegrad::make_node<acos_op>(a); }

//! The arc tangent of a, in (-pi/2, pi/2).
//! Rule: d/da = 1/(1 + a^2).
//! Edge: atan(+-inf) = +-pi/2 with derivative 0.
//! Example: `tg::grad(tg::atan(x), tg::at(x = 1.0))[x] == 0.5`
template <Expression A>
constexpr auto atan(const A& a) { return typegrad::make_node<atan_op>(a); }

//! The angle of the point (x, y), in [-pi, pi]; either side may be a plain number.
//! Rule: d/dy = x/(x^2 + y^2), d/dx = -y/(x^2 + y^2).
//! Edge: the value jumps from pi to -pi across the negative x axis (its sign follows
//! the sign of y, also for y = -0); at x = y = 0 both derivatives are 0/0 = NaN.
//! Example: `tg::grad(tg::atan2(y, x), tg::at(x = 1.0, y = 1.0))[y] == 0.5`
template <class Y, class X> requires ExpressionOperands<Y, X>
constexpr auto atan2(const Y& y, const X& x) { return detail::binary<atan2_op>(y, x); }

struct sin_op {
  static constexpr std::string_view name = "sin";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::sin(a); }
  static constexpr auto partials() { return rule(cos(rules::a0)); }
};

struct cos_op {
  static constexpr std::string_view name = "cos";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::cos(a); }
  static constexpr auto partials() { return rule(-sin(rules::a0)); }
};

struct tan_op {
  static constexpr std::string_view name = "tan";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::tan(a); }
  static constexpr auto partials() { return rule(c<1> + rules::result * rules::result); }
};

// (1 - a)(1 + a) rather than 1 - a*a: 1 - a is exact near |a| = 1, where the
// derivative is large and 1 - a*a would lose most of its digits.
struct asin_op {
  static constexpr std::string_view name = "asin";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::asin(a); }
  static constexpr auto partials() {
    return rule(c<1> / sqrt((c<1> - rules::a0) * (c<1> + rules::a0)));
  }
};

struct acos_op {
  static constexpr std::string_view name = "acos";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::acos(a); }
  static constexpr auto partials() {
    return rule(c<-1> / sqrt((c<1> - rules::a0) * (c<1> + rules::a0)));
  }
};

struct atan_op {
  static constexpr std::string_view name = "atan";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::atan(a); }
  static constexpr auto partials() { return rule(c<1> / (c<1> + rules::a0 * rules::a0)); }
};

// Operands (y, x), as std::atan2.
struct atan2_op {
  static constexpr std::string_view name = "atan2";
  static constexpr notation form = notation::function;
  template <class Y, class X>
  static constexpr auto value(const Y& y, const X& x) {
    using T = std::common_type_t<Y, X>;
    return cmath::atan2(static_cast<T>(y), static_cast<T>(x));
  }
  static constexpr auto partials() {
    return rule(rules::a1 / (rules::a1 * rules::a1 + rules::a0 * rules::a0),
                -rules::a0 / (rules::a1 * rules::a1 + rules::a0 * rules::a0));
  }
};

}  // namespace typegrad
