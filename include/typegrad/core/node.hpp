// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// node<Op, Children...>: an operation applied to its children. Structure only:
// how a node is evaluated or differentiated lives in the passes (diff/).

#include <typegrad/core/concepts.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace typegrad {
namespace detail {

// A child is held by value, unless it is stateless (an empty type: variables,
// compile-time constants and everything built only from them); then nothing is
// stored and it is rebuilt on access. Distinct indices keep the boxes distinct
// types, so empty children add no size and `a*a` of an empty `a` stays empty:
// a 60-level squaring chain is an empty object, not 2^60 bytes.
template <std::size_t I, class C, bool Empty = std::is_empty_v<C>>
struct child_box {
  C value{};
  constexpr child_box() = default;
  constexpr explicit child_box(const C& c) : value(c) {}
  constexpr const C& get() const noexcept { return value; }
};
template <std::size_t I, class C>
struct child_box<I, C, true> {
  constexpr child_box() = default;
  constexpr explicit child_box(const C&) noexcept {}
  constexpr C get() const noexcept { return C{}; }
};

template <class Seq, class... C>
struct child_storage;
template <std::size_t... I, class... C>
struct child_storage<std::index_sequence<I...>, C...> : child_box<I, C>... {
  constexpr child_storage() = default;
  constexpr explicit child_storage(const C&... c) : child_box<I, C>(c)... {}
};

}  // namespace detail

template <class Op, class... C>
struct node : detail::child_storage<std::index_sequence_for<C...>, C...> {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = false;
  using op = Op;
  static constexpr std::size_t arity = sizeof...(C);

  constexpr node() = default;
  constexpr explicit node(const C&... c)
      : detail::child_storage<std::index_sequence_for<C...>, C...>(c...) {}

  template <std::size_t I>
  constexpr decltype(auto) child() const noexcept {
    using Ci = std::tuple_element_t<I, std::tuple<C...>>;
    return static_cast<const detail::child_box<I, Ci>&>(*this).get();
  }
};

//! Build a node from operand objects.
template <class Op, class... C>
constexpr node<Op, std::remove_cvref_t<C>...> make_node(const C&... c) {
  return node<Op, std::remove_cvref_t<C>...>(c...);
}

namespace detail {
template <class T> inline constexpr bool is_node_v = false;
template <class Op, class... C> inline constexpr bool is_node_v<node<Op, C...>> = true;

template <class T> inline constexpr bool is_leaf_v = T::is_leaf;
}  // namespace detail

}  // namespace typegrad
