// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Building blocks of the symbolic pass that simplify as they build: constants
// fold (as exact rationals), 0*e and e*0 vanish, 1*e and e+0 are e, and a
// stateless e + e becomes 2*e. Everything else is an ordinary node.

#include <typegrad/config.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/ops/arithmetic.hpp>

#include <cstdint>
#include <numeric>
#include <type_traits>

namespace typegrad::detail {

template <std::intmax_t N, std::intmax_t D>
constexpr auto make_ct() {
  constexpr std::intmax_t g = std::gcd(N, D) == 0 ? 1 : std::gcd(N, D);
  constexpr std::intmax_t s = D < 0 ? -1 : 1;
  return ct<s * N / g, s * D / g>{};
}

template <class T> constexpr bool is_zero() { if constexpr (is_ct_v<T>) return T::num == 0; else return false; }
template <class T> constexpr bool is_one() { if constexpr (is_ct_v<T>) return T::num == T::den; else return false; }
template <class T> constexpr bool is_minus_one() { if constexpr (is_ct_v<T>) return T::num == -T::den; else return false; }
template <class T> inline constexpr bool is_neg_v = false;
template <class A> inline constexpr bool is_neg_v<node<neg_op, A>> = true;
template <class T> inline constexpr bool is_add_v = false;
template <class A, class B> inline constexpr bool is_add_v<node<add_op, A, B>> = true;

template <class A>
constexpr auto neg_s(const A& a) {
  if constexpr (is_ct_v<A>) return make_ct<-A::num, A::den>();
  else if constexpr (is_neg_v<A>) return a.template child<0>();
  else return typegrad::make_node<neg_op>(a);
}

template <class A, class B>
constexpr auto mul_s(const A& a, const B& b) {
  if constexpr (is_zero<A>() || is_zero<B>()) return ct<0>{};
  else if constexpr (is_ct_v<A> && is_ct_v<B>) return make_ct<A::num * B::num, A::den * B::den>();
  else if constexpr (is_one<A>()) return b;
  else if constexpr (is_one<B>()) return a;
  else if constexpr (is_minus_one<A>()) return detail::neg_s(b);
  else if constexpr (is_minus_one<B>()) return detail::neg_s(a);
  else if constexpr (is_ct_v<B>) return detail::mul_s(b, a);  // constants first: 2*x
  else if constexpr (is_neg_v<A>) return detail::neg_s(detail::mul_s(a.template child<0>(), b));
  else if constexpr (is_neg_v<B>) return detail::neg_s(detail::mul_s(a, b.template child<0>()));
  else return typegrad::make_node<mul_op>(a, b);
}

template <class A, class B>
constexpr auto sub_s(const A& a, const B& b);

template <class A, class B>
constexpr auto add_s(const A& a, const B& b) {
  if constexpr (is_zero<A>()) return b;
  else if constexpr (is_zero<B>()) return a;
  else if constexpr (is_ct_v<A> && is_ct_v<B>) return make_ct<A::num * B::den + B::num * A::den, A::den * B::den>();
  else if constexpr (std::is_empty_v<A> && TYPEGRAD_IS_SAME(A, B)) return detail::mul_s(ct<2>{}, a);
  else if constexpr (is_neg_v<B>) return detail::sub_s(a, b.template child<0>());
  else if constexpr (is_add_v<B>) return detail::add_s(detail::add_s(a, b.template child<0>()), b.template child<1>());
  else return typegrad::make_node<add_op>(a, b);
}

template <class A, class B>
constexpr auto sub_s(const A& a, const B& b) {
  if constexpr (is_zero<B>()) return a;
  else if constexpr (is_zero<A>()) return detail::neg_s(b);
  else if constexpr (is_ct_v<A> && is_ct_v<B>) return make_ct<A::num * B::den - B::num * A::den, A::den * B::den>();
  else if constexpr (std::is_empty_v<A> && TYPEGRAD_IS_SAME(A, B)) return ct<0>{};
  else if constexpr (is_neg_v<B>) return detail::add_s(a, b.template child<0>());
  else return typegrad::make_node<sub_op>(a, b);
}

template <class A, class B>
constexpr auto div_s(const A& a, const B& b) {
  if constexpr (is_zero<A>()) return ct<0>{};
  else if constexpr (is_one<B>()) return a;
  else if constexpr (is_ct_v<A> && is_ct_v<B>) {
    if constexpr (B::num != 0) return make_ct<A::num * B::den, A::den * B::num>();
    else return typegrad::make_node<div_op>(a, b);  // c/0 stays for IEEE to evaluate
  }
  else if constexpr (is_neg_v<A>) return detail::neg_s(detail::div_s(a.template child<0>(), b));
  else return typegrad::make_node<div_op>(a, b);
}

//! node<Op, ...> built with the simplifications above where Op has them.
template <class Op, class... C>
constexpr auto build(const C&... c) {
  if constexpr (TYPEGRAD_IS_SAME(Op, add_op)) return detail::add_s(c...);
  else if constexpr (TYPEGRAD_IS_SAME(Op, sub_op)) return detail::sub_s(c...);
  else if constexpr (TYPEGRAD_IS_SAME(Op, mul_op)) return detail::mul_s(c...);
  else if constexpr (TYPEGRAD_IS_SAME(Op, div_op)) return detail::div_s(c...);
  else if constexpr (TYPEGRAD_IS_SAME(Op, neg_op)) return detail::neg_s(c...);
  else return typegrad::make_node<Op>(c...);
}

}  // namespace typegrad::detail
