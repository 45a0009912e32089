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

template <class Entry, class Root>
constexpr decltype(auto) node_object(const Root& root) {
  using N = typename Entry::node_type;
  if constexpr (std::is_empty_v<N>) return N{}; else return detail::at_path(root, typename Entry::path{});
}

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

//! Run the forward pass of Root into ws.
template <class R, class... E, std::size_t... I, class WS, class Root, class Load>
constexpr void forward_pass(type_list<E...>, std::index_sequence<I...>, WS& ws, const Root& root,
                            const Load& load) {
  auto one = [&]<class En, std::size_t K>() {
    using N = typename En::node_type;
    if constexpr (is_var_v<N> || is_input_v<N>) {
      get<K>(ws) = load.template load<N>();
    } else if constexpr (is_runtime_constant_v<N>) {
      using S = std::remove_cvref_t<decltype(get<K>(ws))>;
      get<K>(ws) = static_cast<S>(detail::node_object<En>(root).value);
    } else if constexpr (N::is_leaf) {
      get<K>(ws) = N::template as<R>();
    } else {
      [&]<class Op, class... C, std::size_t... Ch>(node<Op, C...>*, std::index_sequence<Ch...>) {
        detail::compute<Op>(get<K>(ws), detail::deref(get<Ch>(ws))...);
      }(static_cast<N*>(nullptr), typename En::children{});
    }
  };
  (one.template operator()<E, I>(), ...);
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
  return ws;
}

}  // namespace detail

//! The value of f at the bound point. Usable in constant expressions.
//! Example: `tg::eval(x*x + 1, tg::at(x = 2.0)) == 5`
template <Expression E, class... B>
constexpr auto eval(const E& f, const bindings<B...>& at) {
  using plan = detail::forward_plan<E, detail::real_type_t<E>>;
  auto ws = detail::run_forward<detail::real_type_t<E>>(
      f, detail::bound_values<bindings<B...>, detail::real_type_t<E>>{at});
  return detail::deref_t<std::remove_cvref_t<decltype(detail::get<plan::size - 1>(ws))>>(
      detail::deref(detail::get<plan::size - 1>(ws)));
}

}  // namespace typegrad
