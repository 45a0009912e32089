// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What the optimizers share: the names of their state entries ("m.W"), built at
// compile time from the variables' names, element access that treats a scalar
// parameter as a tensor of one element, and the checks on their arguments.

#include <typegrad/core/fixed_string.hpp>
#include <typegrad/diff/reverse.hpp>
#include <typegrad/nn/parameters.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>

namespace typegrad::optim::detail {

template <class T> inline constexpr bool is_parameter_set_v = false;
template <class... V> inline constexpr bool is_parameter_set_v<nn::parameter_set<V...>> = true;

// The number of elements of a parameter's value (1 for a number).
template <class T>
inline constexpr std::size_t numel = typegrad::detail::shape_of_t<T>::size;

// Element i of a tensor, or the number itself.
template <class T>
constexpr auto& element(T& v, std::size_t i) noexcept {
  if constexpr (typegrad::detail::is_tensor_v<std::remove_const_t<T>>) return v[i];
  else return (static_cast<void>(i), v);
}

// "<prefix>.<name of Var>", stored once per (prefix, variable) pair.
template <fixed_string Prefix, class Var>
inline constexpr auto state_name_chars = [] {
  constexpr std::string_view p = Prefix.view(), n = Var::name;
  std::array<char, p.size() + 1 + n.size()> a{};
  std::size_t k = 0;
  for (char c : p) a[k++] = c;
  a[k++] = '.';
  for (char c : n) a[k++] = c;
  return a;
}();

// The name of a per-parameter state entry: state_name<"m", decltype(W)>() == "m.W".
template <fixed_string Prefix, class Var>
constexpr std::string_view state_name() noexcept {
  return {state_name_chars<Prefix, Var>.data(), state_name_chars<Prefix, Var>.size()};
}

// f(var, value, k) for each parameter, k its position.
template <class Params, class F>
constexpr void for_each_indexed(Params& p, F&& f) {
  std::size_t k = 0;
  p.for_each([&](auto var, auto& value) {
    f(var, value, k);
    ++k;
  });
}

template <class V, class Params>
struct param_index;
template <class V, class... Var>
struct param_index<V, nn::parameter_set<Var...>> {
  static constexpr std::size_t value = [] {
    constexpr bool match[] = {false, std::is_same_v<V, Var>...};
    std::size_t i = 1;
    while (i <= sizeof...(Var) && !match[i]) ++i;
    return i - 1;
  }();
};
// The position of variable V among the parameters (Params::count if absent).
template <class Params, class V>
inline constexpr std::size_t param_index_v = param_index<std::remove_cvref_t<V>, Params>::value;

// Whether gradient G holds the gradient of variable Var (false: Var is frozen).
template <class G, class Var>
inline constexpr bool has_gradient = std::remove_cvref_t<G>::contains(Var{});

template <class Gradient, class Value>
constexpr void check_gradient_type() {
  static_assert(std::is_same_v<std::remove_cvref_t<Gradient>, std::remove_cvref_t<Value>>,
                "typegrad: optimizer step(p, g): a parameter's gradient has another type than the "
                "parameter (were the values bound with another scalar type?)");
}

// Hyperparameters are checked as torch.optim checks them; NaN fails every check.
inline constexpr void require(bool ok, const char* optimizer, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("typegrad: ") + optimizer + ": " + what);
}

}  // namespace typegrad::optim::detail
