// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The forward pass: one value per distinct node, in topological order, in a
// workspace whose layout is known at compile time. eval() is this pass alone;
// reverse and forward modes build on it.

#include <typegrad/config.hpp>
#include <typegrad/core/binding.hpp>
#include <typegrad/core/dag.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/real_type.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/core/workspace.hpp>

#ifdef TYPEGRAD_CHECK_FINITE
#include <typegrad/diff/finite_check.hpp>
#endif

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

namespace typegrad {
namespace detail {

// The I-th type of a list without recursive instantiation.
template <std::size_t I, class T>
struct indexed {};
template <class Seq, class... E>
struct indexed_list;
template <std::size_t... I, class... E>
struct indexed_list<std::index_sequence<I...>, E...> : indexed<I, E>... {};
template <std::size_t I, class T>
T pick(const indexed<I, T>*);
template <std::size_t I, class... E>
using nth_t = decltype(detail::pick<I>(static_cast<const indexed_list<std::index_sequence_for<E...>, E...>*>(nullptr)));

template <class List, class V, class R>
struct value_slots;
template <class... E, class V, class R>
struct value_slots<type_list<E...>, V, R> {
  using type = slots<typename slot_type<typename E::node_type, V, R>::type...>;
};

//! Leaf values from at(...), converted to the pass's number type V.
template <class B, class V>
struct bound_values {
  const B& b;
  template <class Leaf>
  constexpr leaf_value_t<Leaf, V> load() const {
    using L = leaf_value_t<Leaf, V>;
    constexpr bool ok = B::template binds<Leaf>;
    static_assert(variable_is_bound<typename Leaf::name_chars, ok>::value,
                  "typegrad: a variable of the expression is not bound; give it a value in at(...)");
    if constexpr (!ok) {
      return L{};
    } else {
      const auto& v = detail::deref(b.template get<Leaf>());
      if constexpr (is_ref_v<L>) return L{&v};
      else if constexpr (is_tensor_v<L>) return detail::map([](const auto& e) { return V{e}; }, v);
      else if constexpr (is_dual_v<L>) return L{static_cast<real_t<L>>(v)};
      else return static_cast<L>(v);
    }
  }
};

// out = Op(x...). An elementwise op on tensors: one loop straight into out, no temporary.
template <class Op, class Out, class... X>
constexpr void compute(Out& out, const X&... x) {
  if constexpr (!has_vjp<Op>() && is_tensor_v<Out>) {
    using S = shape_of_t<Out>;
    for (std::size_t i = 0; i < S::size; ++i)
      out[i] = apply<Op>(detail::element(x, detail::source_index<shape_of_t<X>, S>(i))...);
  } else {
    out = apply<Op>(x...);
  }
}

// ---- fusion of elementwise chains ----------------------------------------------------------
// In a pass that needs values only (eval, jvp), an elementwise tensor node whose one
// parent is an elementwise node of the same size is not stored: the parent's loop
// computes it element by element. A chain such as exp(tanh(2*X + 1)) is one loop
// with no intermediate tensor. (The reverse pass keeps every value: the rules read them.)

//! The slot of a node computed inside its parent's loop: nothing.
struct unstored {};

// (Variable templates and functions of small arguments: what runs once per node must not be
// a function template with the node type or the whole order among its arguments, see
// forward_step below.)
template <class N, class V>
inline constexpr bool elementwise_node = false;
template <class Op, class... C, class V>
inline constexpr bool elementwise_node<node<Op, C...>, V> = !has_vjp<Op>() && is_tensor_v<V>;

template <std::size_t N, std::size_t... Ch>
constexpr void note_children([[maybe_unused]] std::array<std::size_t, N>& parents,
                             [[maybe_unused]] std::array<std::size_t, N>& parent, [[maybe_unused]] std::size_t j,
                             std::index_sequence<Ch...>) {
  ((++parents[Ch], parent[Ch] = j), ...);
}

template <class Values, class... E>
struct fusion {
  static constexpr std::size_t n = sizeof...(E);
  template <std::size_t K>
  using value_type = std::remove_cvref_t<decltype(get<K>(std::declval<Values&>()))>;
  template <std::size_t K>
  using entry = nth_t<K, E...>;

  template <std::size_t K>
  static constexpr bool elementwise = elementwise_node<typename entry<K>::node_type, value_type<K>>;

  using counts = std::array<std::size_t, n + 1>;
  using flags = std::array<bool, n + 1>;

  template <std::size_t... K>
  static constexpr flags compute(std::index_sequence<K...>) {
    counts parents{}, parent{}, size{};
    flags ew{elementwise<K>...}, inl{};
    // (Braced lists, not folds, over every node: see forward_pass.)
    [[maybe_unused]] const bool sized[] = {true, ((size[K] = shape_of_t<deref_t<value_type<K>>>::size), true)...};
    [[maybe_unused]] const bool noted[] = {
        true, (detail::note_children(parents, parent, K, typename entry<K>::children{}), true)...};
    for (std::size_t k = 0; k + 1 < n; ++k)
      inl[k] = ew[k] && parents[k] == 1 && ew[parent[k]] && size[k] == size[parent[k]];
    return inl;
  }
  static constexpr flags inlined = compute(std::make_index_sequence<n>{});

  // A slot that stores more than the value for the reverse pass (a scan's states)
  // keeps only the value.
  template <class T> struct value_only { using type = T; };
  template <class T> requires requires { typename T::value_only; }
  struct value_only<T> { using type = typename T::value_only; };

  template <class Seq> struct slots_of;
  template <std::size_t... K> struct slots_of<std::index_sequence<K...>> {
    using type = slots<std::conditional_t<inlined[K], unstored, typename value_only<value_type<K>>::type>...>;
  };
  //! The value-only workspace: nothing for inlined nodes.
  using values = typename slots_of<std::make_index_sequence<n>>::type;
};

template <class Values, class Order> struct fusion_of;
template <class Values, class... E> struct fusion_of<Values, type_list<E...>> { using type = fusion<Values, E...>; };

// The value of entry K at flat index i of its own shape.
template <class F, std::size_t K, class WS>
constexpr auto element_of(const WS& ws, std::size_t i) {
  if constexpr (F::inlined[K]) {
    using N = typename F::template entry<K>::node_type;
    return [&]<class Op, class... C, std::size_t... Ch>(node<Op, C...>*, std::index_sequence<Ch...>) {
      using S = shape_of_t<typename F::template value_type<K>>;
      return apply<Op>(detail::element_of<F, Ch>(
          ws, detail::source_index<shape_of_t<deref_t<typename F::template value_type<Ch>>>, S>(i))...);
    }(static_cast<N*>(nullptr), typename F::template entry<K>::children{});
  } else {
    return detail::element(detail::deref(get<K>(ws)), i);
  }
}

// Node K of an elementwise chain: one loop over its elements, inlined operands
// computed in place.
template <class F, std::size_t K, class Op, std::size_t... Ch, class WS>
constexpr void compute_fused(WS& ws, std::index_sequence<Ch...>) {
  using S = shape_of_t<typename F::template value_type<K>>;
  auto& out = get<K>(ws);
  for (std::size_t i = 0; i < S::size; ++i)
    out[i] = apply<Op>(detail::element_of<F, Ch>(
        ws, detail::source_index<shape_of_t<deref_t<typename F::template value_type<Ch>>>, S>(i))...);
}

// Under fusion plan F (void: none), whether node K is computed inside its parent's
// loop, and whether it runs its own fused loop.
template <class F, std::size_t K>
struct fusion_at {
  static constexpr bool inlines = F::inlined[K], loops = F::template elementwise<K>;
};
template <std::size_t K>
struct fusion_at<void, K> {
  static constexpr bool inlines = false, loops = false;
};

// ---- one node of the forward pass --------------------------------------------------------------
// What forward_pass does for node K is a function whose template arguments describe that
// node only: its kind, its op or leaf, its slot and its children's slots. (A lambda in
// forward_pass, or a function given the whole order, has the whole expression in its
// mangled name; compilers spend time and memory quadratic in the expression's size on
// such names: 12 of 22 s of GCC's time on a 200-node expression went there.)

enum class forward_kind { load, constant, leaf, own, inlined, fused, compute };

//! Node K's step: Kind, X (the leaf for load and leaf, the node for own, the op for fused
//! and compute),
//! its children's slots, and for the nodes that hold state (constant, own) the path to
//! their object in the root; F is the fusion plan for fused nodes only.
template <forward_kind Kind, class X, std::size_t K, class Children, class Path = void, class F = void>
struct forward_step {
  static constexpr bool needs_root = Kind == forward_kind::constant || Kind == forward_kind::own;
};

template <class N>
inline constexpr bool own_passes = false;
template <class Op, class... C>
inline constexpr bool own_passes<node<Op, C...>> = runs_own_passes<Op>();

template <class N, class F, std::size_t K>
inline constexpr forward_kind kind_of = is_var_v<N> || is_input_v<N> ? forward_kind::load
                                        : is_runtime_constant_v<N>   ? forward_kind::constant
                                        : N::is_leaf                 ? forward_kind::leaf
                                        : own_passes<N>              ? forward_kind::own
                                        : fusion_at<F, K>::inlines   ? forward_kind::inlined
                                        : fusion_at<F, K>::loops     ? forward_kind::fused
                                                                     : forward_kind::compute;

template <forward_kind Kind, class N, class En, std::size_t K, class F>
struct forward_step_for {  // leaf, inlined
  using type = forward_step<Kind, std::conditional_t<Kind == forward_kind::leaf, N, void>, K, typename En::children>;
};
template <class N, class En, std::size_t K, class F>
struct forward_step_for<forward_kind::load, N, En, K, F> {
  using type = forward_step<forward_kind::load, N, K, typename En::children>;
};
template <class N, class En, std::size_t K, class F>
struct forward_step_for<forward_kind::constant, N, En, K, F> {
  using type = forward_step<forward_kind::constant, void, K, typename En::children, typename En::path>;
};
template <class N, class En, std::size_t K, class F>
struct forward_step_for<forward_kind::own, N, En, K, F> {
  using type = forward_step<forward_kind::own, N, K, typename En::children, typename En::path>;
};
template <class N, class En, std::size_t K, class F>
struct forward_step_for<forward_kind::fused, N, En, K, F> {
  using type = forward_step<forward_kind::fused, typename N::op, K, typename En::children, void, F>;
};
template <class N, class En, std::size_t K, class F>
struct forward_step_for<forward_kind::compute, N, En, K, F> {
  using type = forward_step<forward_kind::compute, typename N::op, K, typename En::children>;
};

template <class R, class F, class En, std::size_t K>
using forward_step_t =
    typename forward_step_for<kind_of<typename En::node_type, F, K>, typename En::node_type, En, K, F>::type;

//! What a step gets of the root: the root where it holds state, else nothing (so that
//! the root's type is not in the step's name).
struct no_root {};
template <bool Need, class Root>
constexpr decltype(auto) root_if(const Root& root) {
  if constexpr (Need) return (root); else return no_root{};
}

template <class R, forward_kind Kind, class X, std::size_t K, std::size_t... Ch, class Path, class F, class WS,
          class Load, class Root>
constexpr void run_forward_step(forward_step<Kind, X, K, std::index_sequence<Ch...>, Path, F>, WS& ws,
                                const Load& load, const Root& root) {
  if constexpr (Kind == forward_kind::load) {
    get<K>(ws) = load.template load<X>();
  } else if constexpr (Kind == forward_kind::constant) {
    using S = std::remove_cvref_t<decltype(get<K>(ws))>;
    get<K>(ws) = static_cast<S>(detail::at_path(root, Path{}).value);
  } else if constexpr (Kind == forward_kind::leaf) {
    get<K>(ws) = X::template as<R>();
  } else if constexpr (Kind == forward_kind::own) {
    if constexpr (std::is_empty_v<X>)
      X::op::forward(X{}, get<K>(ws), detail::deref(get<Ch>(ws))...);
    else
      X::op::forward(detail::at_path(root, Path{}), get<K>(ws), detail::deref(get<Ch>(ws))...);
  } else if constexpr (Kind == forward_kind::fused) {
    detail::compute_fused<F, K, X>(ws, std::index_sequence<Ch...>{});
  } else if constexpr (Kind == forward_kind::compute) {
    detail::compute<X>(get<K>(ws), detail::deref(get<Ch>(ws))...);
  }
  // inlined: computed by its parent
}

//! Run the forward pass of Root into ws. With a fusion plan F, inlined nodes are
//! computed inside their parent's loop.
template <class R, class F = void, class... E, std::size_t... I, class WS, class Root, class Load>
constexpr void forward_pass(type_list<E...>, std::index_sequence<I...>, WS& ws, const Root& root,
                            const Load& load) {
  // A braced list runs the steps in order; a fold over more than 256 nodes would exceed
  // Clang's nesting limit (-fbracket-depth).
  [[maybe_unused]] const bool done[] = {
      true, (detail::run_forward_step<R>(forward_step_t<R, F, E, I>{}, ws, load,
                                         detail::root_if<forward_step_t<R, F, E, I>::needs_root>(root)),
             true)...};
}

template <class E, class V>
struct forward_plan {
  using order = topo_order<E>;
  static constexpr std::size_t size = order::size;
  using R = real_type_t<E>;
  using values = typename value_slots<order, V, R>::type;
};

template <class V, class E, class Load>
TYPEGRAD_FLATTEN constexpr auto run_forward(const E& e, const Load& load) {
  using plan = forward_plan<E, V>;
  typename plan::values ws{};
  detail::forward_pass<typename plan::R>(typename plan::order{}, std::make_index_sequence<plan::size>{}, ws, e, load);
#ifdef TYPEGRAD_CHECK_FINITE
  if (!std::is_constant_evaluated()) detail::check_finite<false>(typename plan::order{}, ws, e, "value");
#endif
  return ws;
}

//! The forward pass for a value-only result: elementwise chains fused.
template <class V, class E, class Load>
TYPEGRAD_FLATTEN constexpr auto run_forward_fused(const E& e, const Load& load) {
#ifdef TYPEGRAD_CHECK_FINITE
  return detail::run_forward<V>(e, load);  // every node's value, to check
#else
  using plan = forward_plan<E, V>;
  using F = typename fusion_of<typename plan::values, typename plan::order>::type;
  typename F::values ws{};
  detail::forward_pass<typename plan::R, F>(typename plan::order{}, std::make_index_sequence<plan::size>{}, ws, e, load);
  return ws;
#endif
}

}  // namespace detail

//! The value of f at the bound point. Usable in constant expressions.
//! Example: `tg::eval(x*x + 1, tg::at(x = 2.0)) == 5`
template <Expression E, class... B>
constexpr auto eval(const E& f, const bindings<B...>& at) {
  using plan = detail::forward_plan<E, detail::real_type_t<E>>;
  auto ws = detail::run_forward_fused<detail::real_type_t<E>>(
      f, detail::bound_values<bindings<B...>, detail::real_type_t<E>>{at});
  return detail::deref_t<std::remove_cvref_t<decltype(detail::get<plan::size - 1>(ws))>>(
      detail::deref(detail::get<plan::size - 1>(ws)));
}

}  // namespace typegrad
