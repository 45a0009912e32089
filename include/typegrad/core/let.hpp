// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/fixed_string.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/rule.hpp>

#include <string_view>

namespace typegrad {

//! The op of a named intermediate: identity, computed once, printed by name.
template <fixed_string Name>
struct let_op {
  static constexpr bool is_let = true;
  static constexpr std::string_view name = Name.view();
  using name_chars = typename detail::to_named<Name>::type;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& a) { return a; }
  static constexpr auto partials() { return rule(c<1>); }
};

//! A named intermediate: evaluated once however often it is used, and a valid
//! target of wrt(...) (its gradient is its adjoint, like PyTorch's retain_grad).
//! Example: `constexpr auto h = tg::let<"h">(x*x + 3);  auto y = 5*h + 1;`
template <fixed_string Name, Expression E>
constexpr node<let_op<Name>, E> let(const E& e) {
  return node<let_op<Name>, E>(e);
}

namespace detail {
template <class T> inline constexpr bool is_let_v = false;
template <fixed_string N, class E> inline constexpr bool is_let_v<node<let_op<N>, E>> = true;
}  // namespace detail

}  // namespace typegrad
