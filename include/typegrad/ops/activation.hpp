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
#include <typegrad/ops/compare.hpp>
#include <typegrad/ops/exp_log.hpp>

#include <string_view>

namespace typegrad {

struct sigmoid_op;
struct softplus_op;
struct relu_op;
struct leaky_relu_op;
struct elu_op;

//! The logistic function 1 / (1 + e^-x), computed so that it never overflows.
//! Rule: d/dx = sigmoid(x) * (1 - sigmoid(x)).
//! Edge: finite for every finite x: sigmoid(800) = 1 and sigmoid(-800) = 0, both with
//!   derivative 0; sigmoid(+-inf) = 1, 0. NaN gives NaN.
//! Example: `tg::grad(tg::sigmoid(x), tg::at(x = 0.0))[x] == 0.25`
template <Expression X>
constexpr auto sigmoid(const X& x) { return typegrad::make_node<sigmoid_op>(x); }

//! log(1 + e^x), computed as max(x, 0) + log1p(e^-|x|) so that it never overflows.
//! Rule: d/dx = sigmoid(x).
//! Edge: softplus(800) = 800 with derivative 1; softplus(-800) = 0 with derivative 0.
//!   NaN gives NaN.
//! Example: `tg::eval(tg::softplus(x), tg::at(x = 0.0))  // log 2 = 0.6931...`
template <Expression X>
constexpr auto softplus(const X& x) { return typegrad::make_node<softplus_op>(x); }

//! max(x, 0).
//! Rule: d/dx = 1 where x > 0, else 0.
//! Edge: relu'(0) = 0 (as PyTorch). relu(NaN) = NaN, and at NaN the adjoint passes
//!   (derivative 1, as PyTorch's rule x <= 0 ? 0 : 1), never a silent zero.
//! Example: `tg::grad(tg::relu(x), tg::at(x = 0.0))[x] == 0`
template <Expression X>
constexpr auto relu(const X& x) { return typegrad::make_node<relu_op>(x); }

//! x for x > 0, slope * x otherwise. slope is an operand (a number, or an expression
//! to make it learnable), so the expression's type does not depend on its value.
//! Rule: d/dx = 1 where x > 0, else slope; d/dslope = 0 where x > 0, else x.
//! Edge: the derivative at 0 is slope (as PyTorch). NaN gives NaN (d/dx = slope).
//! Example: `tg::grad(tg::leaky_relu(x, 0.1), tg::at(x = -1.0))[x] == 0.1`
template <class X, class S> requires ExpressionOperands<X, S>
constexpr auto leaky_relu(const X& x, const S& slope) { return detail::binary<leaky_relu_op>(x, slope); }

//! leaky_relu(x) is leaky_relu(x, 0.01); the default slope is a compile-time constant,
//! so leaky_relu(x) is stateless.
//! Rule, Edge: as above. Example: `tg::relu(x) + tg::leaky_relu(y)`
template <Expression X>
constexpr auto leaky_relu(const X& x) { return leaky_relu(x, c<1, 100>); }

//! x for x > 0, alpha * (e^x - 1) otherwise; alpha is an operand, 1 by default.
//! Rule: d/dx = 1 where x > 0, else elu(x) + alpha; d/dalpha = 0 where x > 0, else
//!   e^x - 1.
//! Edge: the derivative at 0 is alpha (continuous for alpha = 1; PyTorch's convention).
//!   elu(-inf) = -alpha. NaN gives NaN, also as derivative.
//! Example: `tg::grad(tg::elu(x), tg::at(x = 0.0))[x] == 1`
template <class X, class A> requires ExpressionOperands<X, A>
constexpr auto elu(const X& x, const A& alpha) { return detail::binary<elu_op>(x, alpha); }

//! elu(x) is elu(x, 1), with alpha a compile-time constant (so elu(x) is stateless).
//! Rule, Edge: as above. Example: `tg::grad(tg::elu(x), tg::at(x = -1.0))[x]  // e^-1`
template <Expression X>
constexpr auto elu(const X& x) { return elu(x, c<1>); }

struct sigmoid_op {
  static constexpr std::string_view name = "sigmoid";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) {
    // e^-|x| <= 1: neither branch can overflow.
    if (x >= A(0)) return A(1) / (A(1) + cmath::exp(-x));
    const A e = cmath::exp(x);
    return e / (A(1) + e);
  }
  static constexpr auto partials() { return rule(rules::result * (c<1> - rules::result)); }
};

struct softplus_op {
  static constexpr std::string_view name = "softplus";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) {
    const A positive_part = x > A(0) ? x : A(0);
    return positive_part + cmath::log1p(cmath::exp(-cmath::abs(x)));  // NaN stays NaN
  }
  static constexpr auto partials() { return rule(sigmoid(rules::a0)); }
};

struct relu_op {
  static constexpr std::string_view name = "relu";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) {
    return x > A(0) ? x : (cmath::isnan(x) ? x : A(0));
  }
  // x <= 0 rather than x > 0 so that a NaN x passes the adjoint (as PyTorch).
  static constexpr auto partials() { return rule(where(rules::a0 <= c<0>, c<0>, c<1>)); }
};

struct leaky_relu_op {
  static constexpr std::string_view name = "leaky_relu";
  static constexpr notation form = notation::function;
  template <class A, class S>
  static constexpr auto value(const A& x, const S& slope) {
    return x > A(0) ? x : slope * x;
  }
  static constexpr auto partials() {
    using rules::a0, rules::a1;
    return rule(where(a0 > c<0>, c<1>, a1), where(a0 > c<0>, c<0>, a0));
  }
};

struct elu_op {
  static constexpr std::string_view name = "elu";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& x, const B& alpha) {
    return x > A(0) ? x : alpha * cmath::expm1(x);
  }
  static constexpr auto partials() {
    using rules::a0, rules::a1;
    return rule(where(a0 > c<0>, c<1>, rules::result + a1), where(a0 > c<0>, c<0>, expm1(a0)));
  }
};

}  // namespace typegrad
