// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The distinct nodes of an expression, in topological order, computed from its
// type alone.
//
// Identity: a stateless sub-tree (an empty type) is one node however often it
// occurs, since equal types mean equal values; a `let` is one node per name; any
// other (stateful) node is identified by its position below the nearest `let` or
// the root. The walk is post-order, so children precede parents, and every entry
// records the slot indices of its children.

#include <typegrad/config.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/core/node.hpp>

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

namespace typegrad::detail {

template <class... E>
struct type_list {
  static constexpr std::size_t size = sizeof...(E);
};

struct root_scope {};
template <class Scope, std::size_t... I>
struct path_key {};
template <class LetOp>
struct let_key {};

template <class Rel, std::size_t J>
struct append_path;
template <class Scope, std::size_t... I, std::size_t J>
struct append_path<path_key<Scope, I...>, J> {
  using type = path_key<Scope, I..., J>;
};

template <class Node, class Rel>
struct key_of {
  using type = std::conditional_t<std::is_empty_v<Node>, Node, Rel>;
};
template <fixed_string N, class E, class Rel>
struct key_of<node<let_op<N>, E>, Rel> {
  using type = let_key<let_op<N>>;
};

//! One distinct node: its identity, type, where it first occurs (child indices
//! from the root; empty for a stateless node, which is Node{}) and the slot indices of
//! its children.
template <class Key, class Node, class Path, class Children>
struct entry {
  using key = Key;
  using node_type = Node;
  using path = Path;
  using children = Children;
};

//! The position of the first true in m (m.size() when there is none). Not a template:
//! the lookups below run once per node, and a function template instantiated with the
//! entries seen so far would have them all in its name (quadratic work for compilers).
constexpr std::size_t first_true(std::initializer_list<bool> m) {
  std::size_t i = 0;
  for (bool b : m) {
    if (b) return i;
    ++i;
  }
  return i;
}

//! Index of the entry with key K in List, or its size when there is none.
template <class K, class List>
struct find_key_in;
template <class K, class... E>
struct find_key_in<K, type_list<E...>> {
  static constexpr std::size_t value = detail::first_true({TYPEGRAD_IS_SAME(K, typename E::key)...});
};

template <class List, class E>
struct push_back;
template <class... E, class N>
struct push_back<type_list<E...>, N> {
  using type = type_list<E..., N>;
};

template <class Node, class Path, class Rel, class List>
struct visit;

// Scope for the children of a node: below a `let`, positions restart.
template <class Node, class Rel>
struct child_scope {
  using type = Rel;
};
template <fixed_string N, class E, class Rel>
struct child_scope<node<let_op<N>, E>, Rel> {
  using type = path_key<let_key<let_op<N>>>;
};

template <class Parent, class Path, class Rel, class List, class Done, class Todo>
struct visit_children;
template <class Parent, class Path, class Rel, class List, std::size_t... Done>
struct visit_children<Parent, Path, Rel, List, std::index_sequence<Done...>, std::index_sequence<>> {
  using list = List;
  using indices = std::index_sequence<Done...>;
};
template <class Parent, std::size_t... P, class Rel, class List, std::size_t... Done, std::size_t J,
          std::size_t... Rest>
struct visit_children<Parent, std::index_sequence<P...>, Rel, List, std::index_sequence<Done...>,
                      std::index_sequence<J, Rest...>> {
  using child = std::remove_cvref_t<decltype(std::declval<const Parent&>().template child<J>())>;
  using v = visit<child, std::index_sequence<P..., J>, typename append_path<Rel, J>::type, List>;
  using next = visit_children<Parent, std::index_sequence<P...>, Rel, typename v::list,
                              std::index_sequence<Done..., v::index>, std::index_sequence<Rest...>>;
  using list = typename next::list;
  using indices = typename next::indices;
};

template <class Node, class Path, class Rel, class List, bool Seen>
struct visit_impl;

// Seen before: reuse the slot; a `let` name must always name the same expression.
template <class Node, class Path, class Rel, class List>
struct visit_impl<Node, Path, Rel, List, true> {
  static constexpr std::size_t index = find_key_in<typename key_of<Node, Rel>::type, List>::value;
  using list = List;
};

template <class Node, class Path, class Rel, class List>
struct visit_impl<Node, Path, Rel, List, false> {
  using key = typename key_of<Node, Rel>::type;
  template <class N>
  struct kids {
    using list = List;
    using indices = std::index_sequence<>;
  };
  template <class Op, class... C>
  struct kids<node<Op, C...>>
      : visit_children<node<Op, C...>, Path, typename child_scope<Node, Rel>::type, List,
                       std::index_sequence<>, std::index_sequence_for<C...>> {};
  using k = kids<Node>;
  static constexpr std::size_t index = k::list::size;
  // A stateless node's path is of no use (its object is Node{}) and would only lengthen
  // the names of what is instantiated with the order.
  using path = std::conditional_t<std::is_empty_v<Node>, std::index_sequence<>, Path>;
  using list = typename push_back<typename k::list, entry<key, Node, path, typename k::indices>>::type;
};

template <class Node, class Path, class Rel, class List>
struct visit {
  using key = typename key_of<Node, Rel>::type;
  static constexpr std::size_t found = find_key_in<key, List>::value;
  using impl = visit_impl<Node, Path, Rel, List, (found < List::size)>;
  static constexpr std::size_t index = impl::index;
  using list = typename impl::list;
};

// A `let` name met again must name the same expression type.
template <fixed_string N, class E, class Path, class Rel, class List>
struct visit<node<let_op<N>, E>, Path, Rel, List> {
  using Node = node<let_op<N>, E>;
  using key = let_key<let_op<N>>;
  static constexpr std::size_t found = find_key_in<key, List>::value;
  template <std::size_t F, class L, bool = (F < L::size)>
  struct seen_type { using type = Node; };
  template <std::size_t F, class... Es>
  struct seen_type<F, type_list<Es...>, true> {
    using type = typename std::tuple_element_t<F, std::tuple<Es...>>::node_type;
  };
  using first = typename seen_type<found, List>::type;
  static_assert(let_name_is_unique<typename let_op<N>::name_chars, first, Node,
                                   TYPEGRAD_IS_SAME(first, Node)>::value,
                "typegrad: let<name>: two different expressions are given the same name; "
                "use a distinct name for each intermediate");
  using impl = visit_impl<Node, Path, Rel, List, (found < List::size)>;
  static constexpr std::size_t index = impl::index;
  using list = typename impl::list;
};

//! The distinct nodes of E in topological order (children first, root last).
template <class E>
using topo_order = typename visit<E, std::index_sequence<>, path_key<root_scope>, type_list<>>::list;

//! The object of the node at Path below root (for a node with state: an entry's path).
template <std::size_t... P, class Root>
constexpr decltype(auto) at_path(const Root& root, std::index_sequence<P...>) {
  if constexpr (sizeof...(P) == 0) {
    return root;
  } else {
    return [&]<std::size_t First, std::size_t... Rest>(std::index_sequence<First, Rest...>) -> decltype(auto) {
      return detail::at_path(root.template child<First>(), std::index_sequence<Rest...>{});
    }(std::index_sequence<P...>{});
  }
}

//! Whether Target occurs in Node through differentiable ops only (so that an
//! adjoint can flow from Node to Target).
template <class Node, class Target>
struct reaches : std::bool_constant<TYPEGRAD_IS_SAME(Node, Target)> {};
template <class Op, class... C, class Target>
struct reaches<node<Op, C...>, Target>
    : std::bool_constant<TYPEGRAD_IS_SAME(node<Op, C...>, Target) ||
                         (is_differentiable<Op>() && (reaches<C, Target>::value || ...))> {};

template <class Node, class... Targets>
inline constexpr bool reaches_any = (reaches<Node, Targets>::value || ...);

//! Whether Target occurs anywhere in Node.
template <class Node, class Target>
struct contains : std::bool_constant<TYPEGRAD_IS_SAME(Node, Target)> {};
template <class Op, class... C, class Target>
struct contains<node<Op, C...>, Target>
    : std::bool_constant<TYPEGRAD_IS_SAME(node<Op, C...>, Target) || (contains<C, Target>::value || ...)> {};

}  // namespace typegrad::detail
