// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// softmax and log_softmax along one axis (the last by default), both computed
// after subtracting each slice's maximum, so that logits of any finite size give
// finite values and gradients.

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/exp_log.hpp>
#include <typegrad/tensor/reduce.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <string_view>

namespace typegrad {

template <int Axis> struct softmax_op;
template <int Axis> struct log_softmax_op;
template <int Axis> struct log_softmax_vjp_op;

//! exp(a) / Σ exp(a) along Axis (default: the last axis, each row of a matrix).
//! Rule: da = result * (adjoint - Σ(adjoint * result)) along the axis.
//! Edge: logits of ±1000 give finite values; a slice of -inf everywhere gives NaN (0/0).
//! Example: `tg::softmax(Z)` with Z [32, 10] gives 32 rows that each sum to 1
template <int Axis = -1, Expression A>
constexpr auto softmax(const A& a) {
  detail::check_axis<Axis, A>();
  return typegrad::make_node<softmax_op<Axis>>(a);
}

//! a - logsumexp(a) along Axis (default: the last axis): log-probabilities.
//! Rule: da = adjoint - softmax(a) * Σ adjoint along the axis, softmax(a) = exp(result).
//! Edge: logits of ±1000 give finite values (-2000 for the losing class).
template <int Axis = -1, Expression A>
constexpr auto log_softmax(const A& a) {
  detail::check_axis<Axis, A>();
  return typegrad::make_node<log_softmax_op<Axis>>(a);
}

namespace detail {
// shifted[o, j, i] = a[o, j, i] - m[o, i] and the slice sums of exp(shifted).
template <int Axis, class A>
constexpr auto shifted_exp_sums(const A& a, A& shifted) {
  using G = axis_geometry<shape_of_t<A>, Axis>;
  const auto m = detail::slice_max<Axis>(a);
  auto sums = m;
  for (std::size_t o = 0; o < G::outer; ++o)
    for (std::size_t i = 0; i < G::inner; ++i) {
      const auto mi = detail::element(m, o * G::inner + i);
      const std::size_t base = o * G::n * G::inner + i;
      auto s = decltype(mi){};
      for (std::size_t j = 0; j < G::n; ++j) {
        const std::size_t k = base + j * G::inner;
        shifted[k] = detail::apply<sub_op>(a[k], mi);
        s = s + detail::apply<exp_op>(shifted[k]);
      }
      detail::element_ref(sums, o * G::inner + i) = s;
    }
  return sums;
}
}  // namespace detail

template <int Axis>
struct softmax_op {
  static constexpr std::string_view name = detail::axis_name<"softmax", Axis == -1 ? detail::all_axes : Axis>::value;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& a) {
    using G = detail::axis_geometry<detail::shape_of_t<A>, Axis>;
    A r{};
    const auto sums = detail::shifted_exp_sums<Axis>(a, r);
    for (std::size_t o = 0; o < G::outer; ++o)
      for (std::size_t j = 0; j < G::n; ++j)
        for (std::size_t i = 0; i < G::inner; ++i) {
          const std::size_t k = (o * G::n + j) * G::inner + i;
          r[k] = detail::apply<div_op>(detail::apply<exp_op>(r[k]), detail::element(sums, o * G::inner + i));
        }
    return r;
  }
  static constexpr auto vjp() {
    return rule(rules::result *
                (rules::adjoint - rules::expand<Axis>(make_node<sum_op<Axis>>(rules::adjoint * rules::result), rules::a0)));
  }
};

template <int Axis>
struct log_softmax_op {
  static constexpr std::string_view name = detail::axis_name<"log_softmax", Axis == -1 ? detail::all_axes : Axis>::value;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr A value(const A& a) {
    using G = detail::axis_geometry<detail::shape_of_t<A>, Axis>;
    A r{};
    const auto sums = detail::shifted_exp_sums<Axis>(a, r);
    for (std::size_t o = 0; o < G::outer; ++o)
      for (std::size_t i = 0; i < G::inner; ++i) {
        const auto log_sum = detail::apply<log_op>(detail::element(sums, o * G::inner + i));
        for (std::size_t j = 0; j < G::n; ++j) {
          const std::size_t k = (o * G::n + j) * G::inner + i;
          r[k] = detail::apply<sub_op>(r[k], log_sum);
        }
      }
    return r;
  }
  // adjoint - exp(result) * expand<Axis>(sum<Axis>(adjoint), a0), as one node: one
  // loop per slice that writes straight into the operand's adjoint.
  static constexpr auto vjp() { return rule(make_node<log_softmax_vjp_op<Axis>>(rules::adjoint, rules::result)); }
};

//! log_softmax's vector-Jacobian product for adjoint g and result y (rules only):
//! g - exp(y) * Σ g along Axis, each slice's sum taken in order.
//! Rule: dg = u - Σ(u * exp(y)) along the axis, dy = -u * exp(y) * Σ g along the axis.
template <int Axis>
struct log_softmax_vjp_op {
  static constexpr std::string_view name = detail::axis_name<"log_softmax_vjp", Axis == -1 ? detail::all_axes : Axis>::value;
  static constexpr notation form = notation::function;
  template <class G, class Y>
  static constexpr G value(const G& g, const Y& y) {
    G r{};
    value_into<false>(r, g, y);
    return r;
  }
  //! out = the value (Add: out += it); out overlaps neither g nor y.
  template <bool Add, class Out, class G, class Y>
  static constexpr void value_into(Out& out, const G& g, const Y& y) {
    using Geo = detail::axis_geometry<detail::shape_of_t<G>, Axis>;
    for (std::size_t o = 0; o < Geo::outer; ++o)
      for (std::size_t i = 0; i < Geo::inner; ++i) {
        const std::size_t base = o * Geo::n * Geo::inner + i;
        auto s = g[base];
        for (std::size_t j = 1; j < Geo::n; ++j) s = s + g[base + j * Geo::inner];
        for (std::size_t j = 0; j < Geo::n; ++j) {
          const std::size_t k = base + j * Geo::inner;
          const auto d = detail::apply<sub_op>(g[k], detail::apply<mul_op>(detail::apply<exp_op>(y[k]), s));
          if constexpr (Add) out[k] += d; else out[k] = d;
        }
      }
  }
  static constexpr auto vjp() {
    using rules::adjoint, rules::a0, rules::a1;
    return rule(adjoint - rules::expand<Axis>(make_node<sum_op<Axis>>(adjoint * exp(a1)), a0),
                -(adjoint * exp(a1) * rules::expand<Axis>(make_node<sum_op<Axis>>(a0), a1)));
  }
};

}  // namespace typegrad
