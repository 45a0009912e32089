// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/exp_log.hpp>
#include <typegrad/ops/pow_sqrt.hpp>

#include <string_view>

namespace typegrad {

struct sinh_op;
struct cosh_op;
struct tanh_op;
struct asinh_op;
struct acosh_op;
struct atanh_op;

//! The hyperbolic sine of a.
//! Rule: d/da = cosh(a).
//! Edge: overflows to +-inf for |a| > ~710.48 (double).
//! Example: `tg::grad(tg::sinh(x), tg::at(x = 0.0))[x] == 1`
template <Expression A>
constexpr auto sinh(const A& a) { return typegrad::make_node<sinh_op>(a); }

//! The hyperbolic cosine of a.
//! Rule: d/da = sinh(a).
//! Edge: overflows to +inf for |a| > ~710.48 (double).
//! Example: `tg::grad(tg::cosh(x), tg::at(x = 0.0))[x] == 0`
template <Expression A>
constexpr auto cosh(const A& a) { return typegrad::make_node<cosh_op>(a); }

//! The hyperbolic tangent of a.
//! Rule: d/da = 1 - tanh(a)^2.
//! Edge: tanh(+-inf) = +-1 with derivative 0; for |a| > ~19 the derivative is 0 in
//! double (1 - tanh^2 rounds to 0).
//! Example: `tg::grad(tg::tanh(x), tg::at(x = 0.0))[x] == 1`
template <Expression A>
constexpr auto tanh(const A& a) { return typegrad::make_node<tanh_op>(a); }

//! The inverse hyperbolic sine of a.
//! Rule: d/da = 1/sqrt(a^2 + 1), computed as 1/hypot(a, 1) (no overflow for large a).
//! Edge: defined for all a; asinh(+-inf) = +-inf with derivative 0.
//! Example: `tg::grad(tg::asinh(x), tg::at(x = 0.0))[x] == 1`
template <Expression A>
constexpr auto asinh(const A& a) { return typegrad::make_node<asinh_op>(a); }

//! The inverse hyperbolic cosine of a, for a >= 1.
//! Rule: d/da = 1/sqrt(a^2 - 1), computed as 1/(sqrt(a - 1) sqrt(a + 1)).
//! Edge: acosh(1) = 0 with derivative +inf; a < 1 gives NaN value and derivative.
//! Example: `tg::grad(tg::acosh(x), tg::at(x = 2.0))[x]  // 1/sqrt(3)`
template <Expression A>
constexpr auto acosh(const A& a) { return typegrad::make_node<acosh_op>(a); }

//! The inverse hyperbolic tangent of a, for |a| <= 1.
//! Rule: d/da = 1/((1 - a)(1 + a)).
//! Edge: atanh(+-1) = +-inf with derivative +inf; |a| > 1 gives a NaN value and, as in PyTorch, the derivative 1/(1 - a*a).
//! Example: `tg::grad(tg::atanh(x), tg::at(x = 0.5))[x]  // 4/3`
template <Expression A>
constexpr auto atanh(const A& a) { return typegrad::make_node<atanh_op>(a); }

struct sinh_op {
  static constexpr std::string_view name = "sinh";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::sinh(a); }
  static constexpr auto partials() { return rule(cosh(rules::a0)); }
};

struct cosh_op {
  static constexpr std::string_view name = "cosh";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::cosh(a); }
  static constexpr auto partials() { return rule(sinh(rules::a0)); }
};

struct tanh_op {
  static constexpr std::string_view name = "tanh";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::tanh(a); }
  static constexpr auto partials() { return rule(c<1> - rules::result * rules::result); }
};

struct asinh_op {
  static constexpr std::string_view name = "asinh";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::asinh(a); }
  static constexpr auto partials() { return rule(c<1> / hypot(rules::a0, c<1>)); }
};

// sqrt(a - 1) sqrt(a + 1) rather than sqrt(a*a - 1): a - 1 is exact near a = 1, and
// a*a does not overflow for large a.
struct acosh_op {
  static constexpr std::string_view name = "acosh";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::acosh(a); }
  static constexpr auto partials() {
    return rule(c<1> / (sqrt(rules::a0 - c<1>) * sqrt(rules::a0 + c<1>)));
  }
};

struct atanh_op {
  static constexpr std::string_view name = "atanh";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::atanh(a); }
  static constexpr auto partials() {
    return rule(c<1> / ((c<1> - rules::a0) * (c<1> + rules::a0)));
  }
};

}  // namespace typegrad
