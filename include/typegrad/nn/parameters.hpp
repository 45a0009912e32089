// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// parameters<Var...>: the values of a model's variables, one tensor (or number)
// per variable, stored inline and reached by the variable: `p[W]`. It binds them
// by reference for a pass (`p.bind()`), names the gradient's targets (`p.wrt()`),
// and is what optimizers update and checkpoints save.

#include <typegrad/core/binding.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace typegrad::nn {

namespace detail {
template <class T>
constexpr std::size_t numel() noexcept {
  return typegrad::detail::shape_of_t<T>::size;
}
}  // namespace detail

//! The values of variables Var... (each a tg::var_t), in the order given; see
//! nn::parameters, which accepts `decltype(W)` of a constexpr W.
template <class... Var>
struct parameter_set {
  static_assert((typegrad::detail::is_var_v<Var> && ...),
                "typegrad: nn::parameters<Var...>: every Var must be a tg::var");

  std::tuple<typename Var::value_type...> values{};

  //! The number of variables.
  static constexpr std::size_t count = sizeof...(Var);
  //! The number of scalars in all of them.
  static constexpr std::size_t total_size = (std::size_t{0} + ... + detail::numel<typename Var::value_type>());

  //! Whether v is one of the variables.
  template <Variable V>
  static constexpr bool contains(const V&) noexcept { return index_of<V>() < count; }

  //! The value of variable v.
  template <Variable V>
  constexpr auto& operator[](const V&) noexcept {
    static_assert(typegrad::detail::variable_is_in_wrt<typename V::name_chars, (index_of<V>() < count)>::value,
                  "typegrad: parameters[v]: v is not one of the parameters");
    return std::get<(index_of<V>() < count ? index_of<V>() : 0)>(values);
  }
  template <Variable V>
  constexpr const auto& operator[](const V&) const noexcept {
    static_assert(typegrad::detail::variable_is_in_wrt<typename V::name_chars, (index_of<V>() < count)>::value,
                  "typegrad: parameters[v]: v is not one of the parameters");
    return std::get<(index_of<V>() < count ? index_of<V>() : 0)>(values);
  }

  //! f(var, value) for each variable in order; var is the tg::var_t (var.name is its name).
  template <class F>
  constexpr void for_each(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(Var{}, std::get<I>(values)), ...); }(
        std::index_sequence_for<Var...>{});
  }
  template <class F>
  constexpr void for_each(F&& f) const {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(Var{}, std::get<I>(values)), ...); }(
        std::index_sequence_for<Var...>{});
  }

  //! Every value set to 0.
  constexpr void zero() noexcept {
    for_each([](auto, auto& v) { v = std::remove_cvref_t<decltype(v)>{}; });
  }

  //! Bindings of every variable to its value, by reference: `tg::join(p.bind(), tg::at(X = x))`.
  //! Valid while *this lives.
  constexpr auto bind() const {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return typegrad::at((Var{} = std::get<I>(values))...);
    }(std::index_sequence_for<Var...>{});
  }

  //! The gradient's targets: every variable. `tg::grad(loss, p.bind(), p.wrt())`
  static constexpr wrt_t<Var...> wrt() noexcept { return {}; }

  friend constexpr bool operator==(const parameter_set&, const parameter_set&) = default;

 private:
  template <class V>
  static constexpr std::size_t index_of() noexcept {
    constexpr bool match[] = {false, TYPEGRAD_IS_SAME(V, Var)...};
    std::size_t i = 1;
    while (i <= count && !match[i]) ++i;
    return i - 1;
  }
};

//! parameter_set of the variables' types, const dropped.
//! Example: `tg::nn::parameters<decltype(W), decltype(b)> p;  p[W](0, 0) = 1;`
template <class... Var>
using parameters = parameter_set<std::remove_cvref_t<Var>...>;

}  // namespace typegrad::nn
