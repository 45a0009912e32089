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

#include <string_view>

namespace typegrad {

struct erf_op;
struct erfc_op;

//! The error function, 2/sqrt(pi) times the integral of e^(-t^2) from 0 to x.
//! Rule: d/dx = 2/sqrt(pi) * exp(-x^2).
//! Edge: erf(+-inf) = +-1 with derivative 0; the derivative underflows to 0 for
//!   |x| > ~27 (double). NaN gives NaN.
//! Example: `tg::grad(tg::erf(x), tg::at(x = 0.0))[x]  // 2/sqrt(pi) = 1.1283...`
template <Expression X>
constexpr auto erf(const X& x) { return typegrad::make_node<erf_op>(x); }

//! The complementary error function 1 - erf(x), accurate where erf(x) is near 1.
//! Rule: d/dx = -2/sqrt(pi) * exp(-x^2).
//! Edge: erfc(+inf) = 0, erfc(-inf) = 2, derivative 0 at both. NaN gives NaN.
//! Example: `tg::eval(tg::erfc(x), tg::at(x = 10.0))  // 2.088e-45, where 1 - erf(x) is 0`
template <Expression X>
constexpr auto erfc(const X& x) { return typegrad::make_node<erfc_op>(x); }

struct erf_op {
  static constexpr std::string_view name = "erf";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) { return cmath::erf(x); }
  static constexpr auto partials() {
    return rule(constants::two_over_sqrt_pi * exp(-(rules::a0 * rules::a0)));
  }
};

struct erfc_op {
  static constexpr std::string_view name = "erfc";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& x) { return cmath::erfc(x); }
  static constexpr auto partials() {
    return rule(-(constants::two_over_sqrt_pi * exp(-(rules::a0 * rules::a0))));
  }
};

}  // namespace typegrad
