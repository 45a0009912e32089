// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// A debugging aid: compiled with TYPEGRAD_CHECK_FINITE defined (for the whole program,
// e.g. -DTYPEGRAD_CHECK_FINITE), every pass that runs at run time checks its values and
// adjoints, and the first node that produced a NaN or an infinity is reported by
// throwing typegrad::nonfinite_error, naming the node by its printed expression:
//
//   typegrad: TYPEGRAD_CHECK_FINITE: the value of log(x - 1) is -inf (the first
//   non-finite value of the forward pass)
//
// "First" is in the order values arise: children before parents in the forward pass,
// the root down to the leaves for adjoints. Elementwise chains are not fused in this
// mode, so that every node has its value. Constant expressions are not checked.

#include <typegrad/core/dag.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/workspace.hpp>
#include <typegrad/io/print.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace typegrad {

//! What TYPEGRAD_CHECK_FINITE throws: the message names the node and the pass.
struct nonfinite_error : std::domain_error {
  using std::domain_error::domain_error;
};

namespace detail {

// The first non-finite number in v: its flat index, or -1 when all are finite.
template <class T>
constexpr long first_nonfinite(const T& v) {
  if constexpr (is_tensor_v<T>) {
    for (std::size_t i = 0; i < v.size(); ++i)
      if (first_nonfinite(v[i]) >= 0) return static_cast<long>(i);
    return -1;
  } else if constexpr (is_dual_v<T>) {
    return first_nonfinite(v.v) >= 0 || first_nonfinite(v.d) >= 0 ? 0 : -1;
  } else if constexpr (std::is_floating_point_v<T>) {
    return v - v == v - v ? -1 : 0;  // x - x is NaN exactly when x is NaN or infinite
  } else {
    return -1;  // integer data, nothing stored
  }
}

template <class T>
std::string describe_nonfinite(const T& v, long at) {
  if constexpr (is_tensor_v<T>) {
    return describe_nonfinite(v[static_cast<std::size_t>(at)], 0) + " at element " + std::to_string(at);
  } else if constexpr (is_dual_v<T>) {
    return "(" + describe_nonfinite(v.v, 0) + ", tangent " + describe_nonfinite(v.d, 0) + ")";
  } else {
    return v != v ? "nan" : v > 0 ? "inf" : v < 0 ? "-inf" : std::to_string(v);
  }
}

template <class En, class Root>
std::string node_text(const Root& root) {
  using N = typename En::node_type;
  if constexpr (std::is_empty_v<N>) return typegrad::to_string(N{});
  else return typegrad::to_string(detail::at_path(root, typename En::path{}));
}

//! Throws for the first slot of ws (in Order, or from the root down with Reverse) that
//! holds a non-finite number.
template <bool Reverse, class... E, class WS, class Root>
void check_finite(type_list<E...>, const WS& ws, const Root& root, const char* what) {
  constexpr std::size_t n = sizeof...(E);
  bool found = false;
  auto one = [&]<std::size_t K>() {
    if (found) return;
    const auto& v = detail::deref(get<K>(ws));
    const long at = detail::first_nonfinite(v);
    if (at < 0) return;
    found = true;
    throw nonfinite_error("typegrad: TYPEGRAD_CHECK_FINITE: the " + std::string(what) + " of " +
                          detail::node_text<std::tuple_element_t<K, std::tuple<E...>>>(root) + " is " + detail::describe_nonfinite(v, at) +
                          " (the first non-finite " + what + " of the " + (Reverse ? "reverse" : "forward") +
                          " pass)");
  };
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    (one.template operator()<(Reverse ? n - 1 - I : I)>(), ...);
  }(std::make_index_sequence<n>{});
}

}  // namespace detail
}  // namespace typegrad
