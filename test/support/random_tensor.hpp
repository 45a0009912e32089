// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Random tensor expressions built by template metaprogramming from a compile-time seed,
// as random_expr.hpp builds scalar ones: random_tensor::make<T, Index, Seed>() is a
// scalar loss over tensor variables of small shapes ([2], [3], [2, 3], [3, 2], ...),
// made of elementwise ops, broadcasting, matmul (and its transposed forms, matrix·vector,
// dot), transpose, reshape, row, reductions along an axis (sum, mean, logsumexp),
// softmax and log_softmax, `let`, and a final loss (a weighted sum, a mean of squares,
// logsumexp of everything, or the cross-entropy of integer labels).
//
// The expression is shaped top-down: a sub-expression of shape S is asked for, and the
// generator picks an op that yields S and asks for its operands' shapes. Values stay
// moderate by construction (exp only of a bounded argument, sums scaled down, log of
// 1 + square, division by 2 + square); kinks (relu, abs, max) are left to the scalar
// tests, whose points can keep away from them.

#include <typegrad/typegrad.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "support/random_expr.hpp"

namespace typegrad::test::random_tensor {

namespace tg = typegrad;
using random_expr::mix;
using random_expr::pick;

//! A generated tensor sub-expression and its size in nodes.
template <class E>
struct gen {
  E e;
  int nodes;
};

template <class E, class... C>
constexpr auto make_gen(const E& e, const C&... ch) {
  return gen<E>{e, (1 + ... + ch.nodes)};
}

//! The name of a tensor variable: a prefix letter and the dimensions ("a23" for [2, 3]).
template <char P, class S>
struct var_name;
template <char P, std::size_t... D>
struct var_name<P, tg::shape<D...>> {
  static constexpr char value[] = {P, static_cast<char>('0' + D)..., 0};
};

//! One of two variables of shape S ("a..." or "b..."): expressions reuse variables.
template <class T, std::uint64_t S, class Shape>
constexpr auto leaf() {
  if constexpr (pick(S, 0, 2) == 0) {
    constexpr auto v = tg::var<tg::fixed_string(var_name<'a', Shape>::value), tg::detail::tensor_of_t<T, Shape>>;
    return gen<std::remove_const_t<decltype(v)>>{v, 1};
  } else {
    constexpr auto v = tg::var<tg::fixed_string(var_name<'b', Shape>::value), tg::detail::tensor_of_t<T, Shape>>;
    return gen<std::remove_const_t<decltype(v)>>{v, 1};
  }
}

template <std::size_t... D>
using shape = tg::shape<D...>;

//! A dimension for an operand's new axis: 2 or 3.
constexpr std::size_t dim(std::uint64_t s, std::uint64_t k) { return 2 + static_cast<std::size_t>(pick(s, k, 2)); }

template <class T, std::uint64_t S, class Shape, int D>
constexpr auto any();

//! An elementwise unary op that keeps values moderate.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto unary() {
  constexpr auto a = any<T, mix(S, 1), Shape, D - 1>();
  constexpr int kind = pick(S, 2, 12);
  if constexpr (kind == 0) return make_gen(tg::tanh(a.e), a);
  else if constexpr (kind == 1) return make_gen(tg::sigmoid(a.e), a);
  else if constexpr (kind == 2) return make_gen(tg::sin(a.e), a);
  else if constexpr (kind == 3) return make_gen(tg::softplus(a.e) - tg::c<1, 2>, a);
  else if constexpr (kind == 4) return make_gen(tg::exp(tg::tanh(a.e)), a);
  else if constexpr (kind == 5) return make_gen(tg::log(tg::c<1> + tg::square(a.e)), a);
  else if constexpr (kind == 6) return make_gen(tg::sqrt(tg::c<1> + tg::square(a.e)), a);
  else if constexpr (kind == 7) return make_gen(tg::atan(a.e) * tg::cos(a.e), a);
  else if constexpr (kind == 8) return make_gen(tg::erf(a.e), a);
  else if constexpr (kind == 9) return make_gen(-tg::square(tg::tanh(a.e)), a);
  else if constexpr (kind == 10) return make_gen(tg::asinh(a.e) * tg::c<1, 2>, a);
  else return make_gen(tg::cosh(tg::sin(a.e)), a);
}

//! An elementwise binary op between two operands of Shape.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto binary() {
  constexpr auto a = any<T, mix(S, 1), Shape, D - 1>();
  constexpr auto b = any<T, mix(S, 2), Shape, pick(S, 3, D)>();
  constexpr int kind = pick(S, 4, 4);
  if constexpr (kind == 0) return make_gen((a.e + b.e) * tg::c<1, 2>, a, b);
  else if constexpr (kind == 1) return make_gen(a.e - b.e, a, b);
  else if constexpr (kind == 2) return make_gen(tg::tanh(a.e) * b.e, a, b);
  else return make_gen(a.e / (tg::c<2> + tg::square(b.e)), a, b);
}

//! A matrix [M, N] (or a vector) combined with a vector broadcast along its rows.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto broadcast() {
  constexpr auto a = any<T, mix(S, 1), Shape, D - 1>();
  constexpr auto b = any<T, mix(S, 2), shape<Shape::dims[Shape::rank - 1]>, pick(S, 3, D)>();
  if constexpr (pick(S, 4, 2) == 0) return make_gen(a.e * tg::sigmoid(b.e), a, b);
  else return make_gen(b.e - a.e, a, b);
}

//! matmul and its transposed forms giving Shape ([M, N] or [M]).
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto product() {
  constexpr std::size_t K = dim(S, 5);
  constexpr std::size_t M = Shape::dims[0];
  constexpr int kind = pick(S, 4, 3);
  if constexpr (Shape::rank == 1) {
    constexpr auto a = any<T, mix(S, 1), shape<M, K>, D - 1>();
    constexpr auto v = any<T, mix(S, 2), shape<K>, pick(S, 3, D)>();
    if constexpr (kind == 0) {
      return make_gen(tg::matmul(a.e, v.e) * tg::c<1, 3>, a, v);
    } else {
      constexpr auto at = any<T, mix(S, 6), shape<K, M>, D - 1>();
      return make_gen(tg::matmul_tn(at.e, v.e) * tg::c<1, 3>, at, v);
    }
  } else {
    constexpr std::size_t N = Shape::dims[1];
    if constexpr (kind == 0) {
      constexpr auto a = any<T, mix(S, 1), shape<M, K>, D - 1>();
      constexpr auto b = any<T, mix(S, 2), shape<K, N>, pick(S, 3, D)>();
      return make_gen(tg::matmul(a.e, b.e) * tg::c<1, 3>, a, b);
    } else if constexpr (kind == 1) {
      constexpr auto a = any<T, mix(S, 1), shape<M, K>, D - 1>();
      constexpr auto b = any<T, mix(S, 2), shape<N, K>, pick(S, 3, D)>();
      return make_gen(tg::matmul_nt(a.e, b.e) * tg::c<1, 3>, a, b);
    } else {
      constexpr auto a = any<T, mix(S, 1), shape<K, M>, D - 1>();
      constexpr auto b = any<T, mix(S, 2), shape<K, N>, pick(S, 3, D)>();
      return make_gen(tg::matmul_tn(a.e, b.e) * tg::c<1, 3>, a, b);
    }
  }
}

//! Shape from an operand with one more axis, reduced along it (sum, mean, logsumexp).
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto reduction() {
  constexpr std::size_t K = dim(S, 5);
  constexpr int kind = pick(S, 4, 3);
  constexpr bool first = pick(S, 6, 2) == 0;  // the new axis in front or at the end
  auto reduce = []<int Axis>(const auto& x) {
    if constexpr (kind == 0) return tg::sum<Axis>(x) * tg::c<1, 3>;
    else if constexpr (kind == 1) return tg::mean<Axis>(x);
    else return tg::logsumexp<Axis>(x);
  };
  if constexpr (Shape::rank == 1) {
    constexpr std::size_t M = Shape::dims[0];
    if constexpr (first) {
      constexpr auto a = any<T, mix(S, 1), shape<K, M>, D - 1>();
      return make_gen(reduce.template operator()<0>(a.e), a);
    } else {
      constexpr auto a = any<T, mix(S, 1), shape<M, K>, D - 1>();
      return make_gen(reduce.template operator()<-1>(a.e), a);
    }
  } else {
    constexpr std::size_t M = Shape::dims[0], N = Shape::dims[1];
    constexpr auto a = any<T, mix(S, 1), shape<M, N, K>, D - 1>();
    return make_gen(reduce.template operator()<2>(a.e), a);
  }
}

//! softmax or log_softmax along an axis of an operand of Shape.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto softmax_of() {
  constexpr auto a = any<T, mix(S, 1), Shape, D - 1>();
  constexpr int kind = pick(S, 4, 3);
  if constexpr (kind == 0) return make_gen(tg::softmax(a.e), a);
  else if constexpr (kind == 1) return make_gen(tg::log_softmax(a.e) * tg::c<1, 2>, a);
  else return make_gen(tg::softmax<0>(a.e) * tg::c<2>, a);
}

//! transpose (a matrix), reshape, or a row of a matrix with one more row.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto rearrange() {
  if constexpr (Shape::rank == 2 && pick(S, 4, 2) == 0) {
    constexpr auto a = any<T, mix(S, 1), shape<Shape::dims[1], Shape::dims[0]>, D - 1>();
    return make_gen(tg::transpose(a.e), a);
  } else if constexpr (Shape::rank == 2) {
    constexpr auto a = any<T, mix(S, 1), shape<Shape::dims[0] * Shape::dims[1]>, D - 1>();
    return make_gen(tg::reshape<Shape::dims[0], Shape::dims[1]>(a.e), a);
  } else {
    constexpr auto a = any<T, mix(S, 1), shape<3, Shape::dims[0]>, D - 1>();
    return make_gen(tg::row(a.e, pick(S, 5, 3)), a);
  }
}

//! A named intermediate used three times.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto shared() {
  constexpr auto a = any<T, mix(S, 1), Shape, D - 1>();
  constexpr auto h = tg::let<tg::fixed_string(random_expr::let_name<S>::value)>(a.e);
  return make_gen(h * tg::tanh(h) - h * tg::c<1, 4>, a);
}

//! A tensor expression of shape Shape (rank 1 or 2) and depth D.
template <class T, std::uint64_t S, class Shape, int D>
constexpr auto any() {
  if constexpr (D <= 0) {
    return leaf<T, S, Shape>();
  } else {
    constexpr int kind = pick(S, 0, 8);
    if constexpr (kind == 0) return unary<T, S, Shape, D>();
    else if constexpr (kind == 1) return binary<T, S, Shape, D>();
    else if constexpr (kind == 2 && Shape::rank == 2) return broadcast<T, S, Shape, D>();
    else if constexpr (kind == 3 && Shape::rank <= 2) return product<T, S, Shape, D>();
    else if constexpr (kind == 4 && Shape::rank <= 2) return reduction<T, S, Shape, D>();
    else if constexpr (kind == 5) return softmax_of<T, S, Shape, D>();
    else if constexpr (kind == 6 && Shape::rank <= 2) return rearrange<T, S, Shape, D>();
    else if constexpr (kind == 7) return shared<T, S, Shape, D>();
    else return unary<T, S, Shape, D>();
  }
}

//! Inputs of the losses: weights of a weighted sum, integer labels of a cross-entropy.
template <class T, class Shape>
inline constexpr auto weights = tg::input<"C", tg::detail::tensor_of_t<T, Shape>>;
template <std::size_t Rows>
inline constexpr auto labels = tg::input<"y", tg::vector<int, Rows>>;

//! Loss number Index of family Seed over T: a scalar built on a random tensor expression
//! of a random shape; the loss kind goes round with Index.
template <class T, int Index, std::uint64_t Seed>
constexpr auto make() {
  constexpr std::uint64_t s = mix(Seed, static_cast<std::uint64_t>(Index));
  constexpr int depth = 2 + pick(s, 1, 3);
  constexpr int which = pick(s, 2, 4);
  using Shape = std::conditional_t<which == 0, shape<3>, std::conditional_t<which == 1, shape<2, 3>,
                                   std::conditional_t<which == 2, shape<3, 2>, shape<2, 2>>>>;
  constexpr auto a = any<T, mix(s, 3), Shape, depth>();
  constexpr int kind = Index % 4;
  if constexpr (kind == 0) return make_gen(tg::sum(a.e * weights<T, Shape>), a);
  else if constexpr (kind == 1) return make_gen(tg::mean(tg::square(a.e)), a);
  else if constexpr (kind == 2) return make_gen(tg::logsumexp(a.e), a);
  else if constexpr (Shape::rank == 2) return make_gen(-tg::mean(tg::pick(tg::log_softmax(a.e), labels<Shape::dims[0]>)), a);
  else return make_gen(tg::sum(tg::softmax(a.e) * weights<T, Shape>), a);
}

}  // namespace typegrad::test::random_tensor
