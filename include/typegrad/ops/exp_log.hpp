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

#include <string_view>

namespace typegrad {

struct exp_op;
struct expm1_op;
struct log_op;
struct log1p_op;
struct log2_op;
struct log10_op;

//! e raised to a.
//! Rule: d/da = exp(a) (the node's own value).
//! Edge: overflows to +inf for a > ~709.78 (double); exp(-inf) = 0.
//! Example: `tg::grad(tg::exp(x), tg::at(x = 1.0))[x] == tg::eval(tg::exp(x), tg::at(x = 1.0))`
template <Expression A>
constexpr auto exp(const A& a) { return typegrad::make_node<exp_op>(a); }

//! exp(a) - 1, accurate for small a.
//! Rule: d/da = exp(a) = expm1(a) + 1.
//! Edge: expm1(-inf) = -1; overflows to +inf like exp.
//! Example: `tg::eval(tg::expm1(x), tg::at(x = 1e-10))  // 1.00000000005e-10`
template <Expression A>
constexpr auto expm1(const A& a) { return typegrad::make_node<expm1_op>(a); }

//! The natural logarithm of a.
//! Rule: d/da = 1/a.
//! Edge: log(0) = -inf with derivative +inf; a < 0 gives a NaN value and, as in
//! PyTorch, the derivative 1/a (the NaN value propagates to the result).
//! Example: `tg::grad(tg::log(x), tg::at(x = 2.0))[x] == 0.5`
template <Expression A>
constexpr auto log(const A& a) { return typegrad::make_node<log_op>(a); }

//! log(1 + a), accurate for small a.
//! Rule: d/da = 1/(1 + a).
//! Edge: log1p(-1) = -inf with derivative +inf; a < -1 gives a NaN value; the derivative is 1/(1 + a) as in PyTorch.
//! Example: `tg::grad(tg::log1p(x), tg::at(x = 1.0))[x] == 0.5`
template <Expression A>
constexpr auto log1p(const A& a) { return typegrad::make_node<log1p_op>(a); }

//! The base-2 logarithm of a.
//! Rule: d/da = 1/(a ln 2).
//! Edge: log2(0) = -inf with derivative +inf; a < 0 gives a NaN value; the derivative is the formula, as in PyTorch.
//! Example: `tg::eval(tg::log2(x), tg::at(x = 8.0)) == 3`
template <Expression A>
constexpr auto log2(const A& a) { return typegrad::make_node<log2_op>(a); }

//! The base-10 logarithm of a.
//! Rule: d/da = 1/(a ln 10).
//! Edge: log10(0) = -inf with derivative +inf; a < 0 gives a NaN value; the derivative is the formula, as in PyTorch.
//! Example: `tg::eval(tg::log10(x), tg::at(x = 1000.0)) == 3`
template <Expression A>
constexpr auto log10(const A& a) { return typegrad::make_node<log10_op>(a); }

struct exp_op {
  static constexpr std::string_view name = "exp";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::exp(a); }
  static constexpr auto partials() { return rule(rules::result); }
};

struct expm1_op {
  static constexpr std::string_view name = "expm1";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::expm1(a); }
  static constexpr auto partials() { return rule(rules::result + c<1>); }
};

struct log_op {
  static constexpr std::string_view name = "log";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::log(a); }
  static constexpr auto partials() { return rule(c<1> / rules::a0); }
};

struct log1p_op {
  static constexpr std::string_view name = "log1p";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::log1p(a); }
  static constexpr auto partials() { return rule(c<1> / (c<1> + rules::a0)); }
};

struct log2_op {
  static constexpr std::string_view name = "log2";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::log2(a); }
  static constexpr auto partials() { return rule(c<1> / (rules::a0 * constants::ln2)); }
};

struct log10_op {
  static constexpr std::string_view name = "log10";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return cmath::log10(a); }
  // 1/a first: a ln 10 overflows for a > DBL_MAX / ln 10, where 1/(a ln 10) is still a
  // (subnormal) number.
  static constexpr auto partials() { return rule(c<1> / rules::a0 / constants::ln10); }
};

}  // namespace typegrad
