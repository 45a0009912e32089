// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Forward mode: the forward pass over dual numbers. Each op's tangent comes from
// its partials through detail::apply; there is no separate forward rule.

#include <typegrad/core/binding.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/diff/eval.hpp>

#include <type_traits>

namespace typegrad {
namespace detail {

//! Leaves as dual numbers: value from at(...), tangent from along(...) or 0.
template <class B, class T, class R>
struct dual_values {
  const B& b;
  const T& t;
  template <class Leaf>
  constexpr dual<R> load() const {
    R v = bound_values<B, R>{b}.template load<Leaf>();
    if constexpr (T::template binds<Leaf>) return {v, static_cast<R>(t.template get<Leaf>())};
    else return {v, R(0)};
  }
};

template <class E, class Leaf>
constexpr void check_along() {
  using order = topo_order<E>;
  static_assert(variable_is_in_expression<typename Leaf::name_chars,
                                          (find_key_in<Leaf, order>::value < order::size)>::value,
                "typegrad: along(...) names a variable that the expression does not contain");
}

}  // namespace detail

//! A forward-mode result: f's value and its directional derivative.
template <class V>
struct value_and_tangent {
  V value;
  V tangent;
};

//! f and its derivative along a direction, in one forward pass. constexpr.
//! Example: `tg::jvp(x*y, tg::at(x = 2.0, y = 3.0), tg::along(x = 1.0)).tangent == 3`
template <Expression E, class... B, class... T>
constexpr auto jvp(const E& f, const bindings<B...>& at, const along_t<T...>& direction) {
  (detail::check_along<E, typename T::leaf_type>(), ...);
  using R = detail::real_type_t<E>;
  using plan = detail::forward_plan<E, dual<R>>;
  auto ws = detail::run_forward<dual<R>>(
      f, detail::dual_values<bindings<B...>, bindings<T...>, R>{at, direction.tangents});
  const auto& root = detail::get<plan::size - 1>(ws);
  return value_and_tangent<R>{root.v, root.d};
}

}  // namespace typegrad
