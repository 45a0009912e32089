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

}  // namespace typegrad::detail
