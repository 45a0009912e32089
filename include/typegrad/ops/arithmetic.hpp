// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/operators.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>

#include <string_view>

namespace typegrad {

struct add_op;
struct sub_op;
struct mul_op;
struct div_op;
struct neg_op;

//! a + b. Rule: d/da = 1, d/db = 1.
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator+(const A& a, const B& b) { return detail::binary<add_op>(a, b); }

//! a - b. Rule: d/da = 1, d/db = -1.
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator-(const A& a, const B& b) { return detail::binary<sub_op>(a, b); }

//! a * b. Rule: d/da = b, d/db = a.
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator*(const A& a, const B& b) { return detail::binary<mul_op>(a, b); }

//! a / b. Rule: d/da = 1/b, d/db = -(a/b)/b. Edge: b = 0 gives IEEE infinities.
template <class A, class B> requires ExpressionOperands<A, B>
constexpr auto operator/(const A& a, const B& b) { return detail::binary<div_op>(a, b); }

//! -a. Rule: d/da = -1.
template <Expression A>
constexpr auto operator-(const A& a) { return typegrad::make_node<neg_op>(a); }

//! +a is a itself.
template <Expression A>
constexpr A operator+(const A& a) { return a; }

struct add_op {
  static constexpr std::string_view name = "+";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 1;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) { return a + b; }
  static constexpr auto partials() { return rule(c<1>, c<1>); }
};

struct sub_op {
  static constexpr std::string_view name = "-";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 1;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) { return a - b; }
  static constexpr auto partials() { return rule(c<1>, c<-1>); }
};

struct mul_op {
  static constexpr std::string_view name = "*";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 2;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) { return a * b; }
  static constexpr auto partials() { return rule(rules::a1, rules::a0); }
};

struct div_op {
  static constexpr std::string_view name = "/";
  static constexpr notation form = notation::infix;
  static constexpr int precedence = 2;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) { return a / b; }
  static constexpr auto partials() { return rule(c<1> / rules::a1, -rules::result / rules::a1); }
};

struct neg_op {
  static constexpr std::string_view name = "-";
  static constexpr notation form = notation::prefix;
  static constexpr int precedence = 3;
  template <class A>
  static constexpr auto value(const A& a) { return -a; }
  static constexpr auto partials() { return rule(c<-1>); }
};

}  // namespace typegrad
