// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Reverse mode: the forward pass, then one sweep over the distinct nodes in
// reverse topological order that adds adjoint * partial into each operand. The
// first contribution to an adjoint is a store, later ones add (known at compile
// time), so the sweep does what a hand-written backward pass does.

#include <typegrad/config.hpp>
#include <typegrad/core/binding.hpp>
#include <typegrad/core/dag.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/workspace.hpp>
#include <typegrad/diff/eval.hpp>

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace typegrad {
namespace detail {

template <class Order>
struct all_variables;
template <class... E>
struct all_variables<type_list<E...>> {
  template <class Acc, class... T>
  struct collect { using type = Acc; };
  template <class... Acc, class T, class... Rest>
  struct collect<wrt_t<Acc...>, T, Rest...>
      : collect<std::conditional_t<is_var_v<T>, wrt_t<Acc..., T>, wrt_t<Acc...>>, Rest...> {};
  using type = typename collect<wrt_t<>, typename E::node_type...>::type;
};

//! The variables of E, in the order the walk meets them.
template <class E>
using variables_of = typename all_variables<topo_order<E>>::type;

template <class T>
struct target_key { using type = T; };
template <fixed_string N, class E>
struct target_key<node<let_op<N>, E>> { using type = let_key<let_op<N>>; };

template <class T>
struct target_name { using type = typename T::name_chars; };
template <fixed_string N, class E>
struct target_name<node<let_op<N>, E>> { using type = typename let_op<N>::name_chars; };

// Whether node N passes its adjoint on, for targets T.... (Here and below: variable and
// class templates, not function templates, for what is computed per node: a function
// template instantiated with a node type gets a mangled name of the node's size.)
template <class N, class... T>
inline constexpr bool propagates = false;
template <class Op, class... C, class... T>
inline constexpr bool propagates<node<Op, C...>, T...> = is_differentiable<Op>() && reaches_any<node<Op, C...>, T...>;

// Whether node N sends an adjoint to each of its operands, for targets T....
template <class N, class... T>
struct flows_to_operands {
  static constexpr std::array<bool, 0> value{};
};
template <class Op, class... C, class... T>
struct flows_to_operands<node<Op, C...>, T...> {
  static constexpr std::array<bool, sizeof...(C)> value{
      (propagates<node<Op, C...>, T...> && reaches_any<C, T...>)...};
};

template <std::size_t N, std::size_t... Ch, std::size_t A>
constexpr void note_parent(std::array<std::size_t, N>& last, [[maybe_unused]] std::size_t i,
                           std::index_sequence<Ch...>, [[maybe_unused]] const std::array<bool, A>& flows) {
  [[maybe_unused]] std::size_t j = 0;
  ((flows[j++] ? void(last[Ch] = i) : void()), ...);
}

// For each slot, the index of the last entry in topological order that sends it
// an adjoint: the first contribution in the reverse sweep, which stores.
template <class Order, class... T>
struct last_parents_of;
template <class... E, class... T>
struct last_parents_of<type_list<E...>, T...> {
  static constexpr auto value = [] {
    std::array<std::size_t, sizeof...(E) + 1> last{};
    for (auto& l : last) l = sizeof...(E);
    std::size_t i = 0;
    [[maybe_unused]] const bool noted[] = {
        true, (detail::note_parent(last, i++, typename E::children{},
                                   flows_to_operands<typename E::node_type, T...>::value),
               true)...};
    return last;
  }();
};

template <std::size_t Slot, std::size_t Pos, std::size_t... Ch>
constexpr bool first_position() {
  constexpr std::size_t slots[] = {Ch...};
  for (std::size_t j = 0; j < Pos; ++j)
    if (slots[j] == Slot) return false;
  return true;
}

template <class V>
constexpr V one_of() {
  if constexpr (is_dual_v<V>) return V{one_of<decltype(V{}.v)>(), {}}; else return V(1);
}

// An elementwise op's contribution to one operand's adjoint dst: adjoint * partial
// element by element in one loop, summed into the element that was broadcast (if
// the operand was). First: dst holds nothing yet.
template <class P, class R, bool First, class G, class A, class Res, class... X>
constexpr void send_elementwise(const G& g, A& dst, const Res& r, const X&... x) {
  using S = shape_of_t<G>;
  using SA = shape_of_t<A>;
  if constexpr (First && SA::size != S::size) dst = A{};
  for (std::size_t i = 0; i < S::size; ++i) {
    auto c = detail::scale_by_partial<P, R>(g[i], r[i], detail::element(x, detail::source_index<shape_of_t<X>, S>(i))...);
    if constexpr (First && SA::size == S::size) detail::element_ref(dst, i) = c;
    else detail::element_ref(dst, detail::source_index<SA, S>(i)) += c;
  }
}

// Operand P's share of adjoint g, into its adjoint dst (First: dst holds nothing yet).
// A vector-Jacobian rule whose root is an op with value_into (matmul_tn(a0, adjoint),
// expand(...), ...) and whose value has dst's shape is evaluated straight into dst
// (stored or added), its operands bound by reference: no temporary tensor, no copy.
template <class Op, std::size_t P, class R, bool First, class G, class A, class Res, class... X>
constexpr void send(const G& g, A& dst, const Res& r, const X&... x) {
  if constexpr (!has_vjp<Op>() && is_tensor_v<G>) {
    detail::send_elementwise<partial_t<Op, P>, R, First>(g, dst, r, x...);
  } else if constexpr (has_vjp<Op>()) {
    using V = vjp_t<Op, P>;
    using C = std::remove_cvref_t<decltype(detail::eval_vjp<V, R>(g, r, x...))>;
    constexpr bool direct = [] {
      if constexpr (is_node_v<V> && std::is_same_v<C, A>)
        return []<class O, class... Ch>(node<O, Ch...>*) {
          return requires(A& d, const G& gg, const Res& rr, const X&... xx) {
            O::template value_into<false>(d, detail::eval_vjp<Ch, R>(gg, rr, xx...)...);
          };
        }(static_cast<V*>(nullptr));
      else
        return false;
    }();
    if constexpr (direct) {
      [&]<class O, class... Ch>(node<O, Ch...>*) {
        O::template value_into<!First>(dst, detail::eval_vjp<Ch, R>(g, r, x...)...);
      }(static_cast<V*>(nullptr));
    } else {
      decltype(auto) c = detail::eval_vjp<V, R>(g, r, x...);
      if constexpr (First && std::is_same_v<C, A>) dst = c;
      else if constexpr (First) dst = detail::fit_to<A>(c);
      else if constexpr (std::is_same_v<C, A>) dst += c;
      else dst += detail::fit_to<A>(c);
    }
  } else {
    const auto c = detail::scale_by_partial<partial_t<Op, P>, R>(g, r, x...);
    if constexpr (First) dst = detail::fit_to<A>(c);
    else dst += detail::fit_to<A>(c);
  }
}

// Where an op that runs its own passes adds operand P's adjoint: the slot (zeroed if
// nothing was sent to it yet), or nullptr when no target lies below the operand.
template <bool Reaches, bool First, class A>
constexpr auto adjoint_target(A& a) {
  if constexpr (!Reaches) {
    return nullptr;
  } else {
    if constexpr (First) a = A{};
    return &a;
  }
}

// ---- one node of the reverse sweep ---------------------------------------------------------
// As for the forward pass (eval.hpp): node K's step is a function of a small type that
// describes that node only, never of the whole order, so that no symbol's name contains
// the whole expression.

//! Node K sends its adjoint to its operands: Op, the operands' slots, whether a target
//! lies below each operand (Reach), and whether each is the first contribution to that
//! operand's adjoint in the sweep, which stores rather than adds (First). Own: the op runs
//! its own backward pass (tg::scan).
template <bool Own, class Op, std::size_t K, class Children, class Reach, class First>
struct reverse_step {};
//! Node K sends nothing.
struct no_reverse_step {};

template <bool... B>
using bools = std::integer_sequence<bool, B...>;

template <std::size_t K, class Order, class... T>
struct reverse_step_of {
  template <class N, class Ch, class Pos>
  struct make;
  template <class Op, class... C, std::size_t... Ch, std::size_t... Pos>
  struct make<node<Op, C...>, std::index_sequence<Ch...>, std::index_sequence<Pos...>> {
    static constexpr const auto& last = last_parents_of<Order, T...>::value;
    using type = reverse_step<runs_own_passes<Op>(), Op, K, std::index_sequence<Ch...>, bools<reaches_any<C, T...>...>,
                              bools<(last[Ch] == K && first_position<Ch, Pos, Ch...>())...>>;
  };
  template <class L> struct nth;
  template <class... E> struct nth<type_list<E...>> { using type = nth_t<K, E...>; };
  using En = typename nth<Order>::type;
  template <bool Propagates, class N>
  struct pick { using type = no_reverse_step; };
  template <class N>
  struct pick<true, N> {
    using type = typename make<N, typename En::children, std::make_index_sequence<N::arity>>::type;
  };
  using type = typename pick<propagates<typename En::node_type, T...>, typename En::node_type>::type;
};

template <class R, class Val, class Adj>
constexpr void run_reverse_step(no_reverse_step, const Val&, Adj&) {}

template <bool Reach, class Op, std::size_t P, class R, bool First, class G, class A, class Res, class... X>
constexpr void send_if(const G& g, A& dst, const Res& r, const X&... x) {
  if constexpr (Reach) detail::send<Op, P, R, First>(g, dst, r, x...);
}

template <class R, class Op, std::size_t K, std::size_t... Ch, bool... Reach, bool... First, std::size_t... P,
          class Adj, class G, class Res, class... X>
constexpr void send_all(std::index_sequence<Ch...>, bools<Reach...>, bools<First...>, std::index_sequence<P...>,
                        Adj& adj, const G& g, const Res& r, const X&... x) {
  (detail::send_if<Reach, Op, P, R, First>(g, get<Ch>(adj), r, x...), ...);
}

template <class R, bool Own, class Op, std::size_t K, std::size_t... Ch, bool... Reach, bool... First, class Val,
          class Adj>
constexpr void run_reverse_step(reverse_step<Own, Op, K, std::index_sequence<Ch...>, bools<Reach...>, bools<First...>>,
                                const Val& val, Adj& adj) {
  if constexpr (Own) {
    Op::backward(get<K>(val), get<K>(adj), detail::adjoint_target<Reach, First>(get<Ch>(adj))...,
                 detail::deref(get<Ch>(val))...);
  } else {
    detail::send_all<R, Op, K>(std::index_sequence<Ch...>{}, bools<Reach...>{}, bools<First...>{},
                               std::make_index_sequence<sizeof...(Ch)>{}, adj, get<K>(adj),
                               detail::deref(get<K>(val)), detail::deref(get<Ch>(val))...);
  }
}

//! The reverse sweep over values `val` into adjoints `adj`, for targets T..., from
//! the root's adjoint (set by the caller) down.
//! An elementwise op sends adjoint * partial, a tensor op its vector-Jacobian
//! rule; either is brought to the operand's shape (summed over broadcast dimensions).
template <class R, class... T, class... E, std::size_t... I, class Val, class Adj>
constexpr void reverse_sweep(type_list<E...>, std::index_sequence<I...>, const Val& val, Adj& adj) {
  constexpr std::size_t n = sizeof...(E);
  // (A braced list rather than a fold: see forward_pass.)
  [[maybe_unused]] const bool done[] = {
      true,
      (detail::run_reverse_step<R>(typename reverse_step_of<n - 1 - I, type_list<E...>, T...>::type{}, val, adj),
       true)...};
}

//! The reverse sweep for a scalar root: its adjoint is 1.
template <class R, class... T, class... E, std::size_t... I, class Val, class Adj>
constexpr void reverse_pass(type_list<E...> order, std::index_sequence<I...> seq, const Val& val, Adj& adj) {
  constexpr std::size_t n = sizeof...(E);
  get<n - 1>(adj) = one_of<std::remove_cvref_t<decltype(get<n - 1>(adj))>>();
  detail::reverse_sweep<R, T...>(order, seq, val, adj);
}

//! Adjoint storage beside value storage: the same types, with references to bound
//! tensors replaced by tensors.
template <class S> struct adjoint_slots;
template <class... V> struct adjoint_slots<slots<V...>> { using type = slots<deref_t<V>...>; };

template <class T, class Order>
constexpr std::size_t target_slot() {
  return find_key_in<typename target_key<T>::type, Order>::value;
}

template <class T, class Order>
constexpr std::size_t clamped_slot() {
  return target_slot<T, Order>() < Order::size ? target_slot<T, Order>() : 0;
}

template <class T, class Order>
constexpr void check_target() {
  constexpr bool ok = target_slot<T, Order>() < Order::size;
  static_assert(variable_is_in_expression<typename target_name<T>::type, ok>::value,
                "typegrad: wrt(...) names a variable that the expression does not contain");
  static_assert(is_differentiable_leaf<typename target_name<T>::type, !is_input_v<T>>::value,
                "typegrad: wrt(...) names an input; inputs are data and are never differentiated");
}

}  // namespace detail

//! Gradient values indexed by their variables: `g[x]`, `g[h]`.
template <class Targets, class Values>
struct gradient;
template <class... T, class... V>
struct gradient<wrt_t<T...>, detail::slots<V...>> {
  using values_type = detail::slots<V...>;
  values_type values;

  static constexpr std::size_t size() noexcept { return sizeof...(T); }

  //! f(target, value) for each target in order, value modifiable (also when the
  //! gradient refers into a workspace): clipping, norms.
  template <class F>
  constexpr void for_each(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(T{}, access(detail::get<I>(values))), ...); }(
        std::index_sequence_for<T...>{});
  }
  template <class F>
  constexpr void for_each(F&& f) const {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(T{}, detail::deref(detail::get<I>(values))), ...); }(
        std::index_sequence_for<T...>{});
  }

  //! Whether x is among the differentiated targets (a frozen parameter is not).
  template <Expression X>
  static constexpr bool contains(const X&) noexcept { return index_of<X>() < sizeof...(T); }

  template <Expression X>
  constexpr const auto& operator[](const X&) const {
    constexpr std::size_t i = index_of<X>();
    static_assert(detail::variable_is_in_wrt<typename detail::target_name<X>::type, (i < sizeof...(T))>::value,
                  "typegrad: grad[v]: v is not among the differentiated variables; add it to wrt(...)");
    return detail::deref(detail::get<(i < sizeof...(T) ? i : 0)>(values));
  }

 private:
  template <class U>
  static constexpr U& access(U& v) noexcept { return v; }
  template <class U>
  static constexpr U& access(detail::mut_ref<U>& r) noexcept { return *r.p; }

  template <class X>
  static constexpr std::size_t index_of() {
    constexpr bool match[] = {false, TYPEGRAD_IS_SAME(X, T)...};
    for (std::size_t j = 1; j <= sizeof...(T); ++j)
      if (match[j]) return j - 1;
    return sizeof...(T);
  }
};

//! What value_and_grad returns: `auto [value, grad] = ...` works.
template <class V, class G>
struct value_and_gradient {
  V value;
  G grad;
};

//! Memory for the reverse pass of E: one value and one adjoint per distinct node,
//! its size (`sizeof`) known at compile time. A pass keeps it on the stack; for a
//! large network allocate one once and pass it to value_and_grad.
//! Example: `auto ws = std::make_unique<tg::workspace<decltype(loss)>>();`
template <Expression E>
struct basic_workspace {
  using plan = detail::forward_plan<E, detail::real_type_t<E>>;
  typename plan::values values;
  typename detail::adjoint_slots<typename plan::values>::type adjoints;
};
template <class E>
using workspace = basic_workspace<std::remove_cvref_t<E>>;

namespace detail {

template <class V, class E, class Load, class... T, class Val, class Adj>
constexpr void reverse_in(const E& f, const Load& load, wrt_t<T...>, Val& val, Adj& adj) {
  using plan = forward_plan<E, V>;
  using order = typename plan::order;
  (detail::check_target<T, order>(), ...);
  using Root = std::remove_cvref_t<decltype(get<plan::size - 1>(adj))>;
  static_assert(expression_must_be_scalar<shape_of_t<Root>, !is_tensor_v<Root>>::value,
                "typegrad: value_and_grad/grad: the expression must be a scalar (a loss); reduce a "
                "tensor with sum(...) or mean(...)");
  detail::forward_pass<typename plan::R>(order{}, std::make_index_sequence<plan::size>{}, val, f, load);
#ifdef TYPEGRAD_CHECK_FINITE
  if (!std::is_constant_evaluated()) detail::check_finite<false>(order{}, val, f, "value");
#endif
  if constexpr (!is_tensor_v<Root>)
    detail::reverse_pass<typename plan::R, T...>(order{}, std::make_index_sequence<plan::size>{}, val, adj);
#ifdef TYPEGRAD_CHECK_FINITE
  if (!std::is_constant_evaluated()) detail::check_finite<true>(order{}, adj, f, "adjoint");
#endif
}

// The gradient entries: copies (Ref = false) or references into adj.
template <bool Ref, class Order, class Adj, class... T>
constexpr auto gradient_of(Adj& adj, wrt_t<T...>) {
  // A missing target has been reported by check_target; clamp its index so that
  // no second, unrelated error follows the message.
  if constexpr (Ref) {
    using G = gradient<wrt_t<T...>, slots<mut_ref<std::remove_cvref_t<decltype(get<clamped_slot<T, Order>()>(adj))>>...>>;
    return G{typename G::values_type(mut_ref<std::remove_cvref_t<decltype(get<clamped_slot<T, Order>()>(adj))>>{
        &get<clamped_slot<T, Order>()>(adj)}...)};
  } else {
    using G = gradient<wrt_t<T...>, slots<std::remove_cvref_t<decltype(get<clamped_slot<T, Order>()>(adj))>...>>;
    return G{typename G::values_type(get<clamped_slot<T, Order>()>(adj)...)};
  }
}

template <class V, class E, class Load, class... T>
TYPEGRAD_FLATTEN constexpr auto run_reverse(const E& f, const Load& load, wrt_t<T...> targets) {
  using plan = forward_plan<E, V>;
  typename plan::values val{};
  typename adjoint_slots<typename plan::values>::type adj{};
  detail::reverse_in<V>(f, load, targets, val, adj);
  auto g = detail::gradient_of<false, typename plan::order>(adj, targets);
  using Value = deref_t<std::remove_cvref_t<decltype(get<plan::size - 1>(val))>>;
  return value_and_gradient<Value, decltype(g)>{Value(detail::deref(get<plan::size - 1>(val))), g};
}

template <class E, class Load, class... T>
TYPEGRAD_FLATTEN constexpr auto run_reverse_in(const E& f, const Load& load, wrt_t<T...> targets,
                                               basic_workspace<E>& ws) {
  using plan = typename basic_workspace<E>::plan;
  detail::reverse_in<typename plan::R>(f, load, targets, ws.values, ws.adjoints);
  auto g = detail::gradient_of<true, typename plan::order>(ws.adjoints, targets);
  using Value = deref_t<std::remove_cvref_t<decltype(get<plan::size - 1>(ws.values))>>;
  return value_and_gradient<Value, decltype(g)>{Value(detail::deref(get<plan::size - 1>(ws.values))), g};
}

}  // namespace detail

//! The value of f and its gradient with respect to the targets (default: every
//! variable of f), in one forward and one reverse pass. constexpr.
//! Example: `auto [v, g] = tg::value_and_grad(x*x*y, tg::at(x = 2.0, y = 3.0));  g[x] == 12`
template <Expression E, class... B, class... T>
constexpr auto value_and_grad(const E& f, const bindings<B...>& at, wrt_t<T...> targets) {
  using R = detail::real_type_t<E>;
  return detail::run_reverse<R>(f, detail::bound_values<bindings<B...>, R>{at}, targets);
}

//! The same in a caller's workspace (see tg::workspace): nothing on the stack but
//! scalars; the gradient refers into ws and is valid until ws is reused.
template <Expression E, class... B, class... T>
constexpr auto value_and_grad(const E& f, const bindings<B...>& at, wrt_t<T...> targets, basic_workspace<E>& ws) {
  using R = detail::real_type_t<E>;
  return detail::run_reverse_in(f, detail::bound_values<bindings<B...>, R>{at}, targets, ws);
}

template <Expression E, class... B>
constexpr auto value_and_grad(const E& f, const bindings<B...>& at) {
  return typegrad::value_and_grad(f, at, detail::variables_of<E>{});
}

//! The gradient alone: `tg::grad(f, tg::at(x = 3.0))[x]`.
template <Expression E, class... B, class... T>
constexpr auto grad(const E& f, const bindings<B...>& at, wrt_t<T...> targets) {
  return typegrad::value_and_grad(f, at, targets).grad;
}

template <Expression E, class... B>
constexpr auto grad(const E& f, const bindings<B...>& at) {
  return typegrad::value_and_grad(f, at).grad;
}

}  // namespace typegrad
