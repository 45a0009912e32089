// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Flat storage for one value per distinct node, sized at compile time.

#include <cstddef>
#include <utility>

namespace typegrad::detail {

template <std::size_t I, class T>
struct slot {
  T value{};
};

template <class Seq, class... T>
struct slots_impl;
template <std::size_t... I, class... T>
struct slots_impl<std::index_sequence<I...>, T...> : slot<I, T>... {
  constexpr slots_impl() = default;
  // (Not for no nodes, where it would be a second default constructor.)
  constexpr explicit slots_impl(const T&... v)
    requires(sizeof...(T) > 0)
      : slot<I, T>{v}... {}
};

//! One value of type T_i per node i; `get<I>(ws)` reaches it.
template <class... T>
struct slots : slots_impl<std::index_sequence_for<T...>, T...> {
  using slots_impl<std::index_sequence_for<T...>, T...>::slots_impl;
};

template <std::size_t I, class T>
constexpr T& get(slot<I, T>& s) noexcept { return s.value; }
template <std::size_t I, class T>
constexpr const T& get(const slot<I, T>& s) noexcept { return s.value; }

}  // namespace typegrad::detail
