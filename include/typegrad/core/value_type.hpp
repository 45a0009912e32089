// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The type of each node's value in a pass: a number, a dual number, a tensor of
// either, a reference to a bound tensor. value_t<E> is what eval(E) returns;
// tensor ops read their operands' shapes from it.

#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/real_type.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <type_traits>
#include <utility>

namespace typegrad::detail {

// What a pass of number type V holds for a leaf: V for a floating scalar; a
// reference to the bound tensor when V is the plain real type (no copy of data or
// parameters); a tensor of V when V carries derivatives (dual numbers); integer
// data as it is.
template <class Leaf, class V>
struct leaf_value {
  using T = typename Leaf::value_type;
  using type = std::conditional_t<
      !std::is_floating_point_v<scalar_of_t<T>>, std::conditional_t<is_tensor_v<T>, ref<T>, T>,
      std::conditional_t<!is_tensor_v<T>, V,
                         std::conditional_t<is_dual_v<V>, tensor_of_t<V, shape_of_t<T>>, ref<T>>>>;
};
template <class Leaf, class V>
using leaf_value_t = typename leaf_value<Leaf, V>::type;

// The type of a node's value when leaves hold V and constants R.
template <class N, class V, class R>
struct slot_type {
  using type = R;
};
template <fixed_string Name, class T, class V, class R>
struct slot_type<var_t<Name, T>, V, R> {
  using type = leaf_value_t<var_t<Name, T>, V>;
};
template <fixed_string Name, class T, class V, class R>
struct slot_type<input_t<Name, T>, V, R> {
  using type = leaf_value_t<input_t<Name, T>, V>;
};
template <class T, class V, class R>
struct slot_type<constant<T>, V, R> {
  using type = std::conditional_t<std::is_integral_v<T>, T, R>;
};
template <class Op, class V, class R, class... C>
constexpr auto node_slot() {
  if constexpr (runs_own_passes<Op>())
    return std::type_identity<typename Op::template record<V, R>>{};
  else
    return std::type_identity<std::remove_cvref_t<decltype(apply<Op>(std::declval<deref_t<typename slot_type<C, V, R>::type>>()...))>>{};
}
template <class Op, class... C, class V, class R>
struct slot_type<node<Op, C...>, V, R> {
  using type = typename decltype(node_slot<Op, V, R, C...>())::type;
};

//! The value type of expression E (a number or a tensor).
template <class E>
using value_t = deref_t<typename slot_type<std::remove_cvref_t<E>, real_type_t<std::remove_cvref_t<E>>,
                                           real_type_t<std::remove_cvref_t<E>>>::type>;

}  // namespace typegrad::detail
