// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/fixed_string.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace typegrad {

//! A value bound to a leaf for one evaluation: what `x = 1.5` makes.
template <class Leaf, class V>
struct binding {
  using leaf_type = Leaf;
  V value;
};

namespace detail {
// A tensor is bound by reference when the caller keeps it (an lvalue: no copy of
// data or parameters), by value when it is a temporary.
template <class Leaf, class U>
constexpr auto bind(U&& v) {
  using T = typename Leaf::value_type;
  using Given = std::remove_cvref_t<U>;
  if constexpr (is_tensor_v<T>) {
    constexpr bool ok = std::is_same_v<Given, T>;
    static_assert(binding_has_right_type<typename Leaf::name_chars, Given, T, ok>::value,
                  "typegrad: at(...): the value bound to this tensor has the wrong type; bind a "
                  "tensor of the leaf's element type and shape");
    if constexpr (ok && std::is_lvalue_reference_v<U>)
      return binding<Leaf, ref<T>>{ref<T>{&v}};
    else if constexpr (ok)
      return binding<Leaf, T>{static_cast<U&&>(v)};
    else
      return binding<Leaf, T>{};
  } else {
    constexpr bool ok = std::is_arithmetic_v<Given> && std::is_convertible_v<Given, T>;
    static_assert(binding_has_right_type<typename Leaf::name_chars, Given, T, ok>::value,
                  "typegrad: at(...): the value bound to this variable has the wrong type; "
                  "bind a number of the variable's scalar type");
    if constexpr (ok)
      return binding<Leaf, T>{static_cast<T>(v)};
    else
      return binding<Leaf, T>{};
  }
}
}  // namespace detail

//! A differentiable leaf named `Name`, of floating type `T` or a tensor of one.
//! Example: `constexpr auto x = tg::var<"x">;  tg::grad(x*x, tg::at(x = 3.0))[x] == 6`
//! Example: `constexpr auto W = tg::var<"W", tg::matrix<double, 2, 3>>;`
template <fixed_string Name, class T = double>
struct var_t {
  static_assert(std::is_floating_point_v<detail::scalar_of_t<T>>,
                "typegrad: var<Name, T>: T must be a floating type or a tensor of one");
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_variable = true;
  using value_type = T;
  using name_chars = typename detail::to_named<Name>::type;
  static constexpr std::string_view name = Name.view();

  template <class U> requires(!Expression<U>)
  constexpr auto operator=(U&& v) const { return detail::bind<var_t>(static_cast<U&&>(v)); }
};

//! Data bound at evaluation and never differentiated: `input<"X", double>`,
//! `input<"X", tg::matrix<double, 32, 2>>`, integer labels `input<"y", tg::vector<int, 32>>`.
template <fixed_string Name, class T = double>
struct input_t {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_input = true;
  using value_type = T;
  using name_chars = typename detail::to_named<Name>::type;
  static constexpr std::string_view name = Name.view();

  template <class U> requires(!Expression<U>)
  constexpr auto operator=(U&& v) const { return detail::bind<input_t>(static_cast<U&&>(v)); }
};

template <fixed_string Name, class T = double>
inline constexpr var_t<Name, T> var{};

template <fixed_string Name, class T = double>
inline constexpr input_t<Name, T> input{};

//! A number held by the expression: the `2` in `2*x`. Its type follows the other operand.
template <class T>
struct constant {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_constant = true;
  using value_type = T;
  T value{};
};

//! A compile-time rational constant N/D; stateless, folded by the symbolic pass.
template <std::intmax_t N, std::intmax_t D = 1>
struct ct {
  static_assert(D > 0, "typegrad: ct<N, D>: the denominator must be positive");
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_constant = true;
  static constexpr bool is_ct = true;
  static constexpr std::intmax_t num = N;
  static constexpr std::intmax_t den = D;
  template <class T>
  static constexpr T as() { return static_cast<T>(N) / static_cast<T>(D); }
};

//! `tg::c<2>` is the compile-time constant 2, `tg::c<1, 2>` is one half.
template <std::intmax_t N, std::intmax_t D = 1>
inline constexpr ct<N, D> c{};

//! An irrational compile-time constant (pi, ln 2, ...), named for printing.
template <class Tag>
struct named_constant {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr bool is_constant = true;
  static constexpr std::string_view name = Tag::name;
  template <class T>
  static constexpr T as() { return static_cast<T>(Tag::value); }
};

namespace constants {
struct pi_tag {
  static constexpr std::string_view name = "pi";
  static constexpr long double value = 3.141592653589793238462643383279502884L;
};
struct ln2_tag {
  static constexpr std::string_view name = "ln2";
  static constexpr long double value = 0.693147180559945309417232121458176568L;
};
struct ln10_tag {
  static constexpr std::string_view name = "ln10";
  static constexpr long double value = 2.302585092994045684017991454684364208L;
};
struct two_over_sqrt_pi_tag {
  static constexpr std::string_view name = "2/sqrt(pi)";
  static constexpr long double value = 1.128379167095512573896158903121545172L;
};
inline constexpr named_constant<pi_tag> pi{};
inline constexpr named_constant<ln2_tag> ln2{};
inline constexpr named_constant<ln10_tag> ln10{};
inline constexpr named_constant<two_over_sqrt_pi_tag> two_over_sqrt_pi{};
}  // namespace constants

namespace detail {
template <class T> inline constexpr bool is_var_v = false;
template <fixed_string N, class T> inline constexpr bool is_var_v<var_t<N, T>> = true;
template <class T> inline constexpr bool is_input_v = false;
template <fixed_string N, class T> inline constexpr bool is_input_v<input_t<N, T>> = true;
template <class T> inline constexpr bool is_ct_v = false;
template <std::intmax_t N, std::intmax_t D> inline constexpr bool is_ct_v<ct<N, D>> = true;
template <class T> inline constexpr bool is_runtime_constant_v = false;
template <class T> inline constexpr bool is_runtime_constant_v<constant<T>> = true;
template <class T> inline constexpr bool is_named_constant_v = false;
template <class T> inline constexpr bool is_named_constant_v<named_constant<T>> = true;
}  // namespace detail

}  // namespace typegrad
