// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// at(x = 1.5, y = 2.0): the values of the leaves; wrt(x, h): the targets of a
// gradient; along(x = 1.0): the direction of a forward-mode derivative.

#include <typegrad/config.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>

namespace typegrad {

//! The values bound to leaves for one evaluation.
template <class... B>
struct bindings {
  std::tuple<B...> items;

  //! Index of the binding of Leaf, or sizeof...(B) when Leaf is unbound.
  template <class Leaf>
  static constexpr std::size_t index_of() {
    constexpr bool match[] = {false, TYPEGRAD_IS_SAME(Leaf, typename B::leaf_type)...};
    for (std::size_t i = 1; i <= sizeof...(B); ++i)
      if (match[i]) return i - 1;
    return sizeof...(B);
  }
  template <class Leaf>
  static constexpr bool binds = index_of<Leaf>() < sizeof...(B);

  template <class Leaf>
  constexpr const auto& get() const { return std::get<index_of<Leaf>()>(items).value; }
};

//! Bind leaves to values: `tg::at(x = 1.5, y = -2.0)`.
template <class... Leaf, class... V>
constexpr bindings<binding<Leaf, V>...> at(const binding<Leaf, V>&... b) {
  return {std::tuple<binding<Leaf, V>...>(b...)};
}

//! Both sets of bindings in one: `tg::join(params.bind(), tg::at(X = x))`.
template <class... A, class... B>
constexpr bindings<A..., B...> join(const bindings<A...>& a, const bindings<B...>& b) {
  return {std::tuple_cat(a.items, b.items)};
}

//! The targets of a gradient: variables and `let` intermediates.
template <class... T>
struct wrt_t {};

template <Expression... T>
constexpr wrt_t<T...> wrt(const T&...) { return {}; }

//! A forward-mode direction: `tg::along(x = 1.0)`; unnamed variables get 0.
template <class... B>
struct along_t {
  bindings<B...> tangents;
};

template <class... Leaf, class... V>
constexpr along_t<binding<Leaf, V>...> along(const binding<Leaf, V>&... b) {
  return {at(b...)};
}

}  // namespace typegrad
