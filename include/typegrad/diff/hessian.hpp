// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Hessians by forward-over-reverse: the reverse pass run over dual numbers, once
// per variable, each time seeding that variable's tangent. Column j of H is the
// tangent of the gradient.

#include <typegrad/core/binding.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/diff/eval.hpp>
#include <typegrad/diff/reverse.hpp>

#include <array>
#include <cstddef>
#include <utility>

namespace typegrad {
namespace detail {

template <class B, class Seed, class R>
struct seeded_values {
  const B& b;
  template <class Leaf>
  constexpr dual<R> load() const {
    return {bound_values<B, R>{b}.template load<Leaf>(), TYPEGRAD_IS_SAME(Leaf, Seed) ? R(1) : R(0)};
  }
};

}  // namespace detail

//! Second derivatives of f with respect to variables T...: `h(x, y)`, `h.matrix[i][j]`.
template <class R, class... T>
struct hessian_result {
  static constexpr std::size_t n = sizeof...(T);
  R value{};
  std::array<R, n> gradient{};
  std::array<std::array<R, n>, n> matrix{};

  template <Variable A, Variable B>
  constexpr R operator()(const A&, const B&) const {
    constexpr std::size_t i = index_of<A>(), j = index_of<B>();
    static_assert(detail::variable_is_in_wrt<typename A::name_chars, (i < n)>::value &&
                      detail::variable_is_in_wrt<typename B::name_chars, (j < n)>::value,
                  "typegrad: hessian(...)(a, b): a variable is not among the Hessian's variables");
    return matrix[i < n ? i : 0][j < n ? j : 0];
  }
  template <class A>
  static constexpr std::size_t index_of() {
    constexpr bool match[] = {false, TYPEGRAD_IS_SAME(A, T)...};
    std::size_t i = 1;
    while (i <= n && !match[i]) ++i;
    return i - 1;
  }
};

//! The Hessian of f at the bound point, with respect to the targets (default:
//! every variable of f); also its value and gradient. n reverse passes over dual
//! numbers; constexpr.
//! Example: `tg::hessian(x*x*y, tg::at(x = 1.0, y = 2.0))(x, y) == 2`
template <Expression E, class... B, class... T>
constexpr auto hessian(const E& f, const bindings<B...>& at, wrt_t<T...> targets) {
  static_assert((detail::is_differentiable_leaf<typename T::name_chars, detail::is_var_v<T>>::value && ...),
                "typegrad: hessian(...): wrt(...) may name only variables");
  static_assert(!(detail::is_tensor_v<typename T::value_type> || ...),
                "typegrad: hessian(...): Hessians are for scalar variables; tensor variables are not "
                "supported yet");
  using R = detail::real_type_t<E>;
  hessian_result<R, T...> h{};
  [&]<std::size_t... J>(std::index_sequence<J...>) {
    auto column = [&]<std::size_t Jc, class Seed>() {
      auto r = detail::run_reverse<dual<R>>(f, detail::seeded_values<bindings<B...>, Seed, R>{at}, targets);
      h.value = r.value.v;
      std::size_t i = 0;
      ((h.gradient[i] = r.grad[T{}].v, h.matrix[i][Jc] = r.grad[T{}].d, ++i), ...);
    };
    (column.template operator()<J, T>(), ...);
  }(std::index_sequence_for<T...>{});
  return h;
}

template <Expression E, class... B>
constexpr auto hessian(const E& f, const bindings<B...>& at) {
  return typegrad::hessian(f, at, detail::variables_of<E>{});
}

}  // namespace typegrad
