// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <concepts>
#include <type_traits>

namespace typegrad {

//! Any typegrad expression: a leaf, a node, a `let`, a placeholder.
template <class T>
concept Expression = requires { requires std::remove_cvref_t<T>::is_typegrad_expression; };

//! A plain number that may appear beside an expression: `2*x + 1`.
template <class T>
concept Arithmetic = std::is_arithmetic_v<std::remove_cvref_t<T>>;

//! Either side of a binary operator: one of them must be an Expression.
template <class A, class B>
concept ExpressionOperands = (Expression<A> && (Expression<B> || Arithmetic<B>)) ||
                             (Arithmetic<A> && Expression<B>);

//! A differentiable leaf (`var<"x">`).
template <class T>
concept Variable = Expression<T> && requires { requires std::remove_cvref_t<T>::is_variable; };

}  // namespace typegrad
