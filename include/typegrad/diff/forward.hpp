// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Forward mode: the forward pass over dual numbers. Each op's tangent comes from
// its partials through detail::apply; there is no separate forward rule.

#include <typegrad/core/binding.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/diff/eval.hpp>

#include <cstddef>
#include <type_traits>

namespace typegrad {
namespace detail {

//! Leaves as dual numbers: value from at(...), tangent from along(...) or 0.
template <class B, class T, class R>
struct dual_values {
  const B& b;
  const T& t;
  template <class Leaf>
  constexpr leaf_value_t<Leaf, dual<R>> load() const {
    using L = leaf_value_t<Leaf, dual<R>>;
    auto v = bound_values<B, dual<R>>{b}.template load<Leaf>();
    if constexpr (is_tensor_v<L> && T::template binds<Leaf>) {
      const auto& tangent = detail::deref(t.template get<Leaf>());
      for (std::size_t i = 0; i < v.size(); ++i) v[i].d = static_cast<R>(tangent[i]);
    } else if constexpr (is_dual_v<L> && T::template binds<Leaf>) {
      v.d = static_cast<R>(t.template get<Leaf>());
    }
    return v;
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

//! A forward-mode result: f's value and its directional derivative (tensors of
//! f's shape when f is a tensor expression).
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
  auto ws = detail::run_forward_fused<dual<R>>(
      f, detail::dual_values<bindings<B...>, bindings<T...>, R>{at, direction.tangents});
  const auto& root = detail::deref(detail::get<plan::size - 1>(ws));
  using Root = std::remove_cvref_t<decltype(root)>;
  if constexpr (detail::is_tensor_v<Root>) {
    using V = detail::tensor_of_t<R, detail::shape_of_t<Root>>;
    value_and_tangent<V> r{};
    for (std::size_t i = 0; i < root.size(); ++i) r.value[i] = root[i].v, r.tangent[i] = root[i].d;
    return r;
  } else {
    return value_and_tangent<R>{root.v, root.d};
  }
}

}  // namespace typegrad
