// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What derivative rules are written in: arg<I> stands for an operand's value,
// result for the node's own value, adjoint for the incoming adjoint (tensor ops'
// vector-Jacobian rules). A rule is an ordinary expression over these.

#include <cstddef>

namespace typegrad {

template <std::size_t I>
struct arg_t {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_placeholder = true;
  static constexpr std::size_t index = I;
};

struct result_t {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_placeholder = true;
};

//! The incoming adjoint (the gradient of the loss with respect to the node's
//! value) in a vector-Jacobian rule.
struct adjoint_t {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_placeholder = true;
};

namespace rules {
template <std::size_t I>
inline constexpr arg_t<I> arg{};
inline constexpr arg_t<0> a0{};
inline constexpr arg_t<1> a1{};
inline constexpr arg_t<2> a2{};
inline constexpr result_t result{};
inline constexpr adjoint_t adjoint{};
}  // namespace rules

namespace detail {
template <class T> inline constexpr bool is_arg_v = false;
template <std::size_t I> inline constexpr bool is_arg_v<arg_t<I>> = true;
}  // namespace detail

}  // namespace typegrad
