// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Shape and selection: reshape, one row of a tensor, one entry per row chosen by
// integer labels (what cross-entropy needs). Indices are checked at run time: an
// index out of range throws std::out_of_range (in a constant expression it is a
// compile error).

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <stdexcept>
#include <string_view>
#include <type_traits>

namespace typegrad {

template <std::size_t... Dims> struct reshape_op;
struct reshape_as_op;
struct row_op;
struct unrow_op;
struct pick_op;
struct unpick_op;

//! The same elements in another shape of the same size (row-major order kept).
//! Rule: da = adjoint in a's shape.
//! Example: `tg::reshape<4>(M)` of a [2, 2] M is its four elements in a vector
template <std::size_t... Dims, Expression A>
constexpr auto reshape(const A& a) {
  using S = detail::shape_of_t<detail::value_t<A>>;
  static_assert(detail::reshape_must_keep_size<S, shape<Dims...>, (S::size == shape<Dims...>::size)>::value,
                "typegrad: reshape<Dims...>(a): the new shape must have as many elements as a");
  return typegrad::make_node<reshape_op<Dims...>>(a);
}

//! Row i of a (the first index fixed): a vector of a matrix, a matrix of a 3-tensor,
//! an element of a vector. i is a number or an integer input.
//! Rule: da = zeros of a's shape with row i = adjoint.
//! Edge: i outside [0, rows) throws std::out_of_range.
template <Expression A, class I>
  requires(std::is_integral_v<I> || Expression<I>)
constexpr auto row(const A& a, const I& i) {
  static_assert(detail::shape_of_t<detail::value_t<A>>::rank >= 1, "typegrad: row(a, i): a must be a tensor");
  if constexpr (Expression<I>)
    return typegrad::make_node<row_op>(a, i);
  else
    return typegrad::make_node<row_op>(a, constant<std::size_t>{static_cast<std::size_t>(i)});
}

//! One entry per row: r[b] = a[b, labels[b]] for a matrix a [B, C] and integer labels [B].
//! Rule: da = zeros with entry (b, labels[b]) = adjoint[b]; labels are not differentiated.
//! Edge: a label outside [0, C) throws std::out_of_range.
//! Example: `-tg::mean(tg::pick(tg::log_softmax(Z), y))` is the cross-entropy loss
template <Expression A, Expression L>
constexpr auto pick(const A& a, const L& labels) {
  using SA = detail::shape_of_t<detail::value_t<A>>;
  using SL = detail::shape_of_t<detail::value_t<L>>;
  static_assert(detail::shapes_must_broadcast<SA, SL, (SA::rank == 2 && SL::rank == 1 && SL::size == SA::dims[0])>::value,
                "typegrad: pick(a, labels): a must be a matrix [B, C] and labels a vector [B]");
  static_assert(std::is_integral_v<detail::scalar_of_t<detail::value_t<L>>>,
                "typegrad: pick(a, labels): labels must be integers");
  return typegrad::make_node<pick_op>(a, labels);
}

namespace detail {
template <class I>
constexpr std::size_t checked_index(const I& i, std::size_t n, const char* what) {
  if (i < 0 || static_cast<std::size_t>(i) >= n) throw std::out_of_range(what);
  return static_cast<std::size_t>(i);
}

// The shape of a without its first axis (shape<> for a vector).
template <class S, class Seq = std::make_index_sequence<S::rank - 1>>
struct row_shape;
template <class S, std::size_t... I>
struct row_shape<S, std::index_sequence<I...>> {
  using type = shape<S::dims[I + 1]...>;
};
}  // namespace detail

template <std::size_t... Dims>
struct reshape_op {
  static constexpr std::string_view name = "reshape";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) {
    tensor<detail::scalar_of_t<A>, Dims...> r{};
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = a[i];
    return r;
  }
  static constexpr auto vjp() { return rule(make_node<reshape_as_op>(rules::adjoint, rules::a0)); }
};

struct reshape_as_op {
  static constexpr std::string_view name = "reshape_as";
  static constexpr notation form = notation::function;
  template <class G, class L>
  static constexpr auto value(const G& g, const L&) {
    detail::tensor_of_t<detail::scalar_of_t<G>, detail::shape_of_t<L>> r{};
    for (std::size_t i = 0; i < r.size(); ++i) r[i] = g[i];
    return r;
  }
  static constexpr auto vjp() { return rule(make_node<reshape_as_op>(rules::adjoint, rules::a0), c<0>); }
};

struct row_op {
  static constexpr std::string_view name = "row";
  static constexpr notation form = notation::function;
  template <class A, class I>
  static constexpr auto value(const A& a, const I& i) {
    using S = detail::shape_of_t<A>;
    using RS = typename detail::row_shape<S>::type;
    const std::size_t r0 = detail::checked_index(i, S::dims[0], "typegrad: row(a, i): i is out of range");
    detail::tensor_of_t<detail::scalar_of_t<A>, RS> r{};
    for (std::size_t k = 0; k < RS::size; ++k) detail::element_ref(r, k) = a[r0 * RS::size + k];
    return r;
  }
  static constexpr auto vjp() { return rule(make_node<unrow_op>(rules::adjoint, rules::a1, rules::a0), c<0>); }
};

struct unrow_op {
  static constexpr std::string_view name = "unrow";
  static constexpr notation form = notation::function;
  template <class G, class I, class L>
  static constexpr auto value(const G& g, const I& i, const L&) {
    using S = detail::shape_of_t<L>;
    constexpr std::size_t n = S::size / S::dims[0];
    const std::size_t r0 = detail::checked_index(i, S::dims[0], "typegrad: row(a, i): i is out of range");
    detail::tensor_of_t<detail::scalar_of_t<G>, S> r{};
    for (std::size_t k = 0; k < n; ++k) r[r0 * n + k] = detail::element(g, k);
    return r;
  }
  static constexpr auto vjp() { return rule(make_node<row_op>(rules::adjoint, rules::a1), c<0>, c<0>); }
};

struct pick_op {
  static constexpr std::string_view name = "pick";
  static constexpr notation form = notation::function;
  template <class A, class L>
  static constexpr auto value(const A& a, const L& labels) {
    using S = detail::shape_of_t<A>;
    constexpr std::size_t B = S::dims[0], C = S::dims[1];
    tensor<detail::scalar_of_t<A>, B> r{};
    for (std::size_t b = 0; b < B; ++b)
      r[b] = a[b * C + detail::checked_index(labels[b], C, "typegrad: pick(a, labels): a label is out of range")];
    return r;
  }
  static constexpr auto vjp() { return rule(make_node<unpick_op>(rules::adjoint, rules::a1, rules::a0), c<0>); }
};

struct unpick_op {
  static constexpr std::string_view name = "unpick";
  static constexpr notation form = notation::function;
  template <class G, class L, class Like>
  static constexpr auto value(const G& g, const L& labels, const Like& like) {
    detail::tensor_of_t<detail::scalar_of_t<G>, detail::shape_of_t<Like>> r{};
    value_into<false>(r, g, labels, like);
    return r;
  }
  //! out = the value (Add: out += it, only the picked entries touched), out of like's shape.
  template <bool Add, class Out, class G, class L, class Like>
  static constexpr void value_into(Out& out, const G& g, const L& labels, const Like&) {
    using S = detail::shape_of_t<Like>;
    constexpr std::size_t B = S::dims[0], C = S::dims[1];
    if constexpr (!Add) out = Out{};
    for (std::size_t b = 0; b < B; ++b) {
      auto& e = out[b * C + detail::checked_index(labels[b], C, "typegrad: pick(a, labels): a label is out of range")];
      if constexpr (Add) e += g[b]; else e = g[b];
    }
  }
  static constexpr auto vjp() { return rule(make_node<pick_op>(rules::adjoint, rules::a1), c<0>, c<0>); }
};

}  // namespace typegrad
