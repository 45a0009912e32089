// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// How a plain number beside an expression becomes a leaf, and the helpers that
// op headers use to build their user functions.

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/real_type.hpp>

#include <type_traits>

namespace typegrad::detail {

//! An operand as an expression: numbers become constants of the scalar type of
//! the expression beside them (so `2*x` with a float x stays float).
template <class Other, class A>
constexpr auto as_operand(const A& a) {
  if constexpr (Expression<A>) {
    return a;
  } else {
    using R = std::conditional_t<Expression<Other>, real_type_t<std::remove_cvref_t<Other>>, double>;
    return constant<R>{static_cast<R>(a)};
  }
}

//! node<Op, ...> over two operands, one of which may be a number.
template <class Op, class A, class B>
constexpr auto binary(const A& a, const B& b) {
  return typegrad::make_node<Op>(detail::as_operand<B>(a), detail::as_operand<A>(b));
}

}  // namespace typegrad::detail
