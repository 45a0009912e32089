// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Every named compile-time check of the library. Each message starts with
// "typegrad:", names the call and the mistake, and hints at the fix; the data
// (which variable, which type) is carried by the condition, which both compilers
// print beside the message.

#include <typegrad/core/fixed_string.hpp>


namespace typegrad::detail {

// `variable_is_bound<named<'y'>, false>::value` reads well in a note. Each
// check declares its own `value` (no std::bool_constant base), or GCC prints the
// base class, `std::integral_constant<bool, false>::value`, without the name.
template <class Name, bool Ok>
struct variable_is_bound {
  static constexpr bool value = Ok;
};

template <class Name, bool Ok>
struct variable_is_in_expression {
  static constexpr bool value = Ok;
};

template <class Name, bool Ok>
struct variable_is_in_wrt {
  static constexpr bool value = Ok;
};

template <class Name, class Given, class Expected, bool Ok>
struct binding_has_right_type {
  static constexpr bool value = Ok;
};

template <class Name, class First, class Second, bool Ok>
struct let_name_is_unique {
  static constexpr bool value = Ok;
};

template <class Name, bool Ok>
struct is_differentiable_leaf {
  static constexpr bool value = Ok;
};

// Shape checks: both shapes appear in the condition, e.g.
// `shapes_must_broadcast<shape<2, 3>, shape<4>, false>`.
template <class A, class B, bool Ok>
struct shapes_must_broadcast {
  static constexpr bool value = Ok;
};

template <class Left, class Right, bool Ok>
struct matmul_inner_dimensions_must_match {
  static constexpr bool value = Ok;
};

template <class Shape, bool Ok>
struct expression_must_be_scalar {
  static constexpr bool value = Ok;
};

template <class From, class To, bool Ok>
struct reshape_must_keep_size {
  static constexpr bool value = Ok;
};

template <class Shape, int Axis, bool Ok>
struct axis_must_exist {
  static constexpr bool value = Ok;
};

}  // namespace typegrad::detail
