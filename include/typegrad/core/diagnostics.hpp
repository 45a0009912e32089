// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Every named compile-time check of the library. Each message starts with
// "typegrad:", names the call and the mistake, and hints at the fix; the data
// (which variable, which type) is carried by the condition, which both compilers
// print beside the message.

#include <typegrad/core/fixed_string.hpp>

#include <type_traits>

namespace typegrad::detail {

// `variable_is_bound<named<'y'>, false>::value` reads well in a note.
template <class Name, bool Ok>
struct variable_is_bound : std::bool_constant<Ok> {};

template <class Name, bool Ok>
struct variable_is_in_expression : std::bool_constant<Ok> {};

template <class Name, bool Ok>
struct variable_is_in_wrt : std::bool_constant<Ok> {};

template <class Name, class Given, class Expected, bool Ok>
struct binding_has_right_type : std::bool_constant<Ok> {};

template <class Name, class First, class Second, bool Ok>
struct let_name_is_unique : std::bool_constant<Ok> {};

template <class Name, bool Ok>
struct is_differentiable_leaf : std::bool_constant<Ok> {};

}  // namespace typegrad::detail
