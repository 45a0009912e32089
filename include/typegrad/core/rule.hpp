// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The op protocol. An op is a tag type with
//   static constexpr auto value(args...)      its numeric value
//   static constexpr auto partials()          one expression per operand, over
//                                             rules::arg<I> and rules::result: the
//                                             local derivative d result / d arg<I>
//   (or) static constexpr auto vjp()          for ops on whole tensors (matmul, sum,
//                                             softmax, ...): one expression per operand
//                                             over rules::adjoint, arg<I>, result: the
//                                             operand's share of the adjoint
//   (or) static constexpr bool differentiable = false
//   optional, for ops that rules use: value_into<Add>(out, args...) writes (or adds)
//        the value into out, so the reverse pass needs no temporary
//   (or) static constexpr bool runs_own_passes = true, with a slot type
//        record<V, R>, forward(node, record, args...) and backward(record,
//        adjoint, targets..., args...): an op that is a loop over another
//        expression (tg::scan) and runs that expression's passes itself
//   static constexpr std::string_view name;   printing: see io/print.hpp
//   static constexpr notation form; int precedence (infix only)
//
// From the partials alone the passes derive every mode: reverse accumulates
// adjoint * partial, forward sums partial * tangent, symbolic substitutes the
// operands into the partial. apply<Op> below lifts an op to dual numbers through
// its partials, so that forward mode and forward-over-reverse (Hessians) need no
// second derivative for any op.
//
// An op with partials is elementwise: on tensors apply<Op> maps it over the
// elements (broadcasting), and its rule is the scalar one. An op with a vjp()
// sees whole tensors; its value() is written over any element type, so that it
// runs on tensors of dual numbers too (forward mode).

#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace typegrad {

struct where_op;  // ops/compare.hpp; scale_by_partial selects through it

enum class notation { function, infix, prefix };

//! The partial derivatives of an op, one expression per operand.
template <class... P>
struct partials {
  static_assert((std::is_empty_v<P> && ...),
                "typegrad: a derivative rule must be stateless (use tg::c<N, D> or a named constant)");
  static constexpr std::size_t size = sizeof...(P);
};

template <class... P>
constexpr partials<P...> rule(P...) { return {}; }

//! A dual number: value and one tangent. Nested duals give higher derivatives.
template <class T>
struct dual {
  T v{};
  T d{};
};

namespace detail {
template <class T> struct real_of { using type = T; };
template <class T> struct real_of<dual<T>> : real_of<T> {};
template <class T> using real_t = typename real_of<T>::type;
}  // namespace detail

// The algebra of dual numbers for the two operations the passes combine
// derivatives with (and tensor ops' sums of products); everything else goes
// through apply<Op> and the op's rule.
template <class T> constexpr dual<T> operator+(const dual<T>& a, const dual<T>& b) { return {a.v + b.v, a.d + b.d}; }
template <class T> constexpr dual<T> operator*(const dual<T>& a, const dual<T>& b) { return {a.v * b.v, a.v * b.d + a.d * b.v}; }
template <class T> constexpr dual<T> operator*(const dual<T>& a, const detail::real_t<T>& b) { return {a.v * b, a.d * b}; }
template <class T> constexpr dual<T> operator*(const detail::real_t<T>& a, const dual<T>& b) { return {a * b.v, a * b.d}; }
template <class T> constexpr dual<T>& operator+=(dual<T>& a, const dual<T>& b) { return a = a + b; }

namespace detail {

template <class T> inline constexpr bool is_dual_v = false;
template <class T> inline constexpr bool is_dual_v<dual<T>> = true;

template <class T>
constexpr const auto& primal(const T& x) noexcept {
  if constexpr (is_dual_v<T>) return x.v; else return x;
}

// The neutral element of a sum whose terms are known only at compile time.
struct zero_term {};
template <class T> constexpr const T& operator+(zero_term, const T& x) noexcept { return x; }
template <class T> constexpr const T& operator+(const T& x, zero_term) noexcept { return x; }
constexpr zero_term operator+(zero_term, zero_term) noexcept { return {}; }

template <std::size_t I, class First, class... Rest>
constexpr const auto& nth_arg(const First& first, const Rest&... rest) noexcept {
  if constexpr (I == 0) return first; else return nth_arg<I - 1>(rest...);
}

template <class Op>
constexpr bool is_differentiable() {
  if constexpr (requires { Op::differentiable; }) return Op::differentiable; else return true;
}

template <class Op>
constexpr bool has_vjp() { return requires { Op::vjp(); }; }

template <class Op>
constexpr bool runs_own_passes() { return requires { Op::runs_own_passes; }; }

template <class Partials> struct partials_tuple;
template <class... P> struct partials_tuple<partials<P...>> { using type = std::tuple<P...>; };
template <class Op, std::size_t I>
using partial_t = std::tuple_element_t<I, typename partials_tuple<decltype(Op::partials())>::type>;
template <class Op, std::size_t I>
using vjp_t = std::tuple_element_t<I, typename partials_tuple<decltype(Op::vjp())>::type>;

template <class Op, class... A> constexpr auto apply(const A&... a);

template <class T> constexpr bool is_ct_one() { if constexpr (requires { T::is_ct; }) return T::num == 1 && T::den == 1; else return false; }
template <class T> constexpr bool is_ct_minus_one() { if constexpr (requires { T::is_ct; }) return T::num == -1 && T::den == 1; else return false; }

struct no_adjoint {};

//! Evaluate a rule expression E with adjoint bound to g, arg<I> to a...[I] and
//! result to r; constants become numbers of type R. A placeholder gives a reference
//! to what it is bound to (no copy of a whole tensor), an op a new value.
template <class E, class R, class G, class Res, class... A>
constexpr decltype(auto) eval_vjp(const G& g, const Res& r, const A&... a) {
  if constexpr (is_arg_v<E>)
    return nth_arg<E::index>(a...);
  else if constexpr (std::is_same_v<E, result_t>)
    return (r);
  else if constexpr (std::is_same_v<E, adjoint_t>)
    return (g);
  else if constexpr (E::is_leaf)
    return E::template as<R>();
  else
    return []<class Op, class... C>(node<Op, C...>*, const G& gg, const Res& rr, const A&... aa) {
      return apply<Op>(eval_vjp<C, R>(gg, rr, aa...)...);
    }(static_cast<E*>(nullptr), g, r, a...);
}

//! Evaluate a partial E (no adjoint in it).
template <class E, class R, class Res, class... A>
constexpr auto eval_rule(const Res& r, const A&... a) {
  return eval_vjp<E, R>(no_adjoint{}, r, a...);
}

template <class G>
constexpr G apply_neg(const G& g) {
  if constexpr (is_dual_v<G>) return {apply_neg(g.v), apply_neg(g.d)}; else return -g;
}

template <class T> constexpr bool is_ct_zero() { if constexpr (requires { T::is_ct; }) return T::num == 0; else return false; }

// A partial where(cond, a, b) with a or b the constant 0.
template <class P> struct selection { static constexpr bool of_zero = false; };
template <class C, class A, class B> struct selection<node<where_op, C, A, B>> {
  static constexpr bool of_zero = is_ct_zero<A>() || is_ct_zero<B>();
  using cond = C;
  using if_true = A;
  using if_false = B;
};

// g * branch as a number of type S. A constant-0 branch gives g * 0 + 0: +0 for every
// finite g (g * 0 alone is -0 for a negative g), NaN for an infinite or NaN g (0 * inf,
// the convention of where: an unselected infinity still poisons the gradient).
template <class B, class S, class R, class G, class Res, class... A>
constexpr S scaled_branch(const G& g, const Res& r, const A&... a) {
  if constexpr (is_ct_zero<B>()) return S(g * R(0)) + S{};
  else if constexpr (is_ct_one<B>()) return S(g);
  else return g * eval_rule<B, R>(r, a...);
}

// g * partial, with the common constant partials folded away at compile time. A
// partial that selects a constant 0 in one branch (relu's where(x <= 0, 0, 1))
// selects between g * branch: the 0 branch gives +0, as PyTorch's threshold_backward
// and where do, not the -0 of g * 0 for a negative g.
template <class P, class R, class G, class Res, class... A>
constexpr auto scale_by_partial(const G& g, const Res& r, const A&... a) {
  if constexpr (is_ct_one<P>()) {
    return g;
  } else if constexpr (is_ct_minus_one<P>()) {
    return apply_neg(g);
  } else if constexpr (selection<P>::of_zero) {
    using Sel = selection<P>;
    using S = decltype(g * eval_rule<P, R>(r, a...));
    if (eval_rule<typename Sel::cond, R>(r, a...)) return scaled_branch<typename Sel::if_true, S, R>(g, r, a...);
    return scaled_branch<typename Sel::if_false, S, R>(g, r, a...);
  } else {
    return g * eval_rule<P, R>(r, a...);
  }
}

//! The value of Op at a..., lifted to dual numbers through Op's partials.
template <class Op, class... A>
constexpr auto apply(const A&... a) {
  if constexpr (has_vjp<Op>()) {
    return Op::value(a...);
  } else if constexpr ((is_tensor_v<A> || ...)) {
    return detail::map([](const auto&... e) { return detail::apply<Op>(e...); }, a...);
  } else if constexpr (!(is_dual_v<A> || ...)) {
    return Op::value(a...);
  } else {
    auto r = apply<Op>(primal(a)...);
    if constexpr (!is_differentiable<Op>()) {
      return r;
    } else {
      using R = real_t<decltype(r)>;
      auto tangent = [&]<std::size_t... I>(std::index_sequence<I...>) {
        auto term = [&]<std::size_t J>(std::integral_constant<std::size_t, J>) {
          const auto& aj = nth_arg<J>(a...);
          if constexpr (is_dual_v<std::remove_cvref_t<decltype(aj)>>)
            return scale_by_partial<partial_t<Op, J>, R>(aj.d, r, primal(a)...);
          else
            return zero_term{};
        };
        return (zero_term{} + ... + term(std::integral_constant<std::size_t, I>{}));
      }(std::index_sequence_for<A...>{});
      return dual<decltype(r)>{r, tangent};
    }
  }
}

}  // namespace detail
}  // namespace typegrad
