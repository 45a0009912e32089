// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>

#include <type_traits>

namespace typegrad::detail {

// The floating type an expression computes in: the common type of its leaves.
template <class T> struct leaf_real { using type = void; };
// Integer data (labels, indices) does not decide the arithmetic type.
template <class T>
using floating_or_void = std::conditional_t<std::is_floating_point_v<scalar_of_t<T>>, scalar_of_t<T>, void>;
template <fixed_string N, class T> struct leaf_real<var_t<N, T>> { using type = scalar_of_t<T>; };
template <fixed_string N, class T> struct leaf_real<input_t<N, T>> { using type = floating_or_void<T>; };
template <class T> struct leaf_real<constant<T>> { using type = floating_or_void<T>; };

template <class A, class B>
struct common_real { using type = std::common_type_t<A, B>; };
template <class A> struct common_real<A, void> { using type = A; };
template <class B> struct common_real<void, B> { using type = B; };
template <> struct common_real<void, void> { using type = void; };

template <class... T>
struct fold_real { using type = void; };
template <class T, class... Rest>
struct fold_real<T, Rest...> : common_real<T, typename fold_real<Rest...>::type> {};

template <class E>
struct expr_real : leaf_real<E> {};
template <class Op, class... C>
struct expr_real<node<Op, C...>> : fold_real<typename expr_real<C>::type...> {};

//! The scalar type of E's arithmetic (double when E has no typed leaf).
template <class E>
using real_type_t = std::conditional_t<std::is_void_v<typename expr_real<E>::type>, double,
                                       typename expr_real<E>::type>;

}  // namespace typegrad::detail
