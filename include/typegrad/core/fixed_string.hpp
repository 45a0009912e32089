// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>

namespace typegrad {

//! A string usable as a template argument: the name in `var<"x">`.
template <std::size_t N>
struct fixed_string {
  char data[N]{};

  constexpr fixed_string(const char (&s)[N]) noexcept {
    for (std::size_t i = 0; i < N; ++i) data[i] = s[i];
  }
  [[nodiscard]] constexpr std::string_view view() const noexcept { return {data, N - 1}; }
  [[nodiscard]] static constexpr std::size_t size() noexcept { return N - 1; }
  constexpr bool operator==(const fixed_string&) const = default;
};

namespace detail {

// Clang 14 prints a class-type template argument as character codes; a pack of
// chars prints readably on both compilers, so diagnostics carry names this way.
template <char... C>
struct named {};

template <fixed_string S, class Seq = std::make_index_sequence<S.size()>>
struct to_named;
template <fixed_string S, std::size_t... I>
struct to_named<S, std::index_sequence<I...>> {
  using type = named<S.data[I]...>;
};

}  // namespace detail
}  // namespace typegrad
