// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Symbolic differentiation: d(f, x) is another expression. Each op's partials are
// instantiated with the operands substituted for arg<I> and the node itself for
// result, then combined by the chain rule, simplifying as it builds.

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/dag.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/diff/simplify.hpp>

#include <cstddef>
#include <tuple>
#include <utility>

namespace typegrad {
namespace detail {

//! A rule expression P with arg<I> := a...[I] and result := r.
template <class P, class Res, class... A>
constexpr auto substitute(const Res& r, const A&... a) {
  if constexpr (is_arg_v<P>) return nth_arg<P::index>(a...);
  else if constexpr (TYPEGRAD_IS_SAME(P, result_t)) return r;
  else if constexpr (P::is_leaf) return P{};
  else
    return []<class Op, class... C>(node<Op, C...>*, const Res& rr, const A&... aa) {
      return detail::build<Op>(detail::substitute<C>(rr, aa...)...);
    }(static_cast<P*>(nullptr), r, a...);
}

//! Rule P of node e with e's operands and e itself substituted.
template <class P, class E>
constexpr auto substitute_in(const E& e) {
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return detail::substitute<P>(e, e.template child<K>()...);
  }(std::make_index_sequence<E::arity>{});
}

// Left to right, so that sums print as a + b + c; inner derivative first, so
// that d(x*x*y, x) prints 2*x*y.
template <class Acc>
constexpr auto sum_s(const Acc& acc) { return acc; }
template <class Acc, class T, class... Rest>
constexpr auto sum_s(const Acc& acc, const T& t, const Rest&... rest) {
  return detail::sum_s(detail::add_s(acc, t), rest...);
}

template <class E, class X>
constexpr auto derivative_impl(const E& e, const X& x);

template <class E, class X>
constexpr auto derivative(const E& e, const X& x) {
  if constexpr (TYPEGRAD_IS_SAME(E, X)) {
    return ct<1>{};
  } else if constexpr (!reaches<E, X>::value) {
    return ct<0>{};
  } else if constexpr (std::is_empty_v<E> && std::is_empty_v<X>) {
    // A stateless derivative is determined by its type: build it once, in an
    // unevaluated operand, instead of re-deriving every shared sub-tree at run time.
    return decltype(detail::derivative_impl(e, x)){};
  } else {
    return detail::derivative_impl(e, x);
  }
}

template <class E, class X>
constexpr auto derivative_impl(const E& e, const X& x) {
  static_assert(!runs_own_passes<typename E::op>(),
                "typegrad: d(f, x): f contains a loop (scan, trajectory or fold); symbolic derivatives of "
                "loops are not supported: use grad, value_and_grad or jvp");
  if constexpr (runs_own_passes<typename E::op>()) {
    return ct<0>{};
  } else {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return detail::sum_s(detail::mul_s(detail::derivative(e.template child<I>(), x), detail::substitute_in<partial_t<typename E::op, I>>(e))...);
    }(std::make_index_sequence<E::arity>{});
  }
}

}  // namespace detail

//! The derivative of f with respect to x, as an expression (simplified).
//! Rule: the chain rule over each op's partials. d(f, x) of an f without x is 0.
//! Example: `constexpr auto df = tg::d(x*x*y + y*y*y, x);  // 2*x*y`
template <Expression E, Expression X>
constexpr auto d(const E& f, const X& x) {
  static_assert(!detail::is_tensor_v<detail::value_t<X>>,
                "typegrad: d(f, x): symbolic derivatives are for scalar variables; for tensors use "
                "grad or jvp");
  return detail::derivative(f, x);
}

}  // namespace typegrad
