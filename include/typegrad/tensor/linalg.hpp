// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Products and transposition. A vector right of a matrix is a column: matmul of
// [M, K] and [K] is [M]. The rules are vector-Jacobian products written with the
// two transposed products, so no transpose is ever materialised (rules build
// their nodes with make_node: the shape checks of the user functions need values):
//   C = A B    :  dA = dC Bᵀ = matmul_nt(dC, B),   dB = Aᵀ dC = matmul_tn(A, dC).

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <string_view>
#include <type_traits>

namespace typegrad {

struct matmul_op;
struct matmul_nt_op;
struct matmul_tn_op;
struct transpose_op;
struct dot_op;

namespace detail {
template <class A, class B>
constexpr bool matmul_shapes_fit() {
  using SA = shape_of_t<A>;
  using SB = shape_of_t<B>;
  if constexpr (SA::rank != 2 || (SB::rank != 1 && SB::rank != 2)) return false;
  else return SA::dims[1] == SB::dims[0];
}

template <class T>
using product_t = std::remove_cvref_t<decltype(std::declval<const T&>() * std::declval<const T&>())>;
}  // namespace detail

//! The matrix product a·b: [M, K]·[K, N] is [M, N]; [M, K]·[K] is [M].
//! Rule: da = adjoint·bᵀ, db = aᵀ·adjoint (for a vector b, da is the outer product adjoint·bᵀ).
//! Edge: shapes are checked at compile time; the message shows both shapes.
//! Example: `tg::matmul(X, W) + b` with X [32, 2], W [2, 16], b [16] is [32, 16]
template <Expression A, Expression B>
constexpr auto matmul(const A& a, const B& b) {
  using VA = detail::value_t<A>;
  using VB = detail::value_t<B>;
  static_assert(detail::matmul_inner_dimensions_must_match<detail::shape_of_t<VA>, detail::shape_of_t<VB>,
                                                           detail::matmul_shapes_fit<VA, VB>()>::value,
                "typegrad: matmul(a, b): a must be a matrix [M, K] and b a matrix [K, N] or a vector "
                "[K]; the shapes are shown in the condition");
  return typegrad::make_node<matmul_op>(a, b);
}

//! a·bᵀ without forming bᵀ: [M, N]·[K, N]ᵀ is [M, K]; two vectors give their outer product.
//! Rule: da = adjoint·b, db = adjointᵀ·a.
template <Expression A, Expression B>
constexpr auto matmul_nt(const A& a, const B& b) { return typegrad::make_node<matmul_nt_op>(a, b); }

//! aᵀ·b without forming aᵀ: [M, K]ᵀ·[M, N] is [K, N]; [M, K]ᵀ·[M] is [K].
//! Rule: da = b·adjointᵀ, db = a·adjoint.
template <Expression A, Expression B>
constexpr auto matmul_tn(const A& a, const B& b) { return typegrad::make_node<matmul_tn_op>(a, b); }

//! The transpose of a matrix.
//! Rule: da = adjointᵀ.
template <Expression A>
constexpr auto transpose(const A& a) {
  static_assert(detail::shape_of_t<detail::value_t<A>>::rank == 2, "typegrad: transpose(a): a must be a matrix");
  return typegrad::make_node<transpose_op>(a);
}

//! The inner product Σ a_i b_i of two tensors of the same shape.
//! Rule: da = adjoint * b, db = adjoint * a.
//! Example: `tg::dot(v, v)` is the squared norm of v
template <Expression A, Expression B>
constexpr auto dot(const A& a, const B& b) {
  using SA = detail::shape_of_t<detail::value_t<A>>;
  using SB = detail::shape_of_t<detail::value_t<B>>;
  static_assert(detail::shapes_must_broadcast<SA, SB, std::is_same_v<SA, SB>>::value,
                "typegrad: dot(a, b): a and b must have the same shape");
  return typegrad::make_node<dot_op>(a, b);
}

struct matmul_op {
  static constexpr std::string_view name = "matmul";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using SA = detail::shape_of_t<A>;
    using SB = detail::shape_of_t<B>;
    constexpr std::size_t M = SA::dims[0], K = SA::dims[1];
    constexpr std::size_t N = SB::rank == 2 ? SB::dims[1] : 1;
    using E = detail::product_t<detail::scalar_of_t<A>>;
    std::conditional_t<SB::rank == 2, tensor<E, M, N>, tensor<E, M>> c{};
    // i-k-j order: the inner loop runs along rows of b and c, contiguous and vectorisable.
    for (std::size_t i = 0; i < M; ++i)
      for (std::size_t k = 0; k < K; ++k) {
        const auto aik = a[i * K + k];
        for (std::size_t j = 0; j < N; ++j) c[i * N + j] += aik * b[k * N + j];
      }
    return c;
  }
  static constexpr auto vjp() {
    return rule(make_node<matmul_nt_op>(rules::adjoint, rules::a1), make_node<matmul_tn_op>(rules::a0, rules::adjoint));
  }
};

struct matmul_nt_op {
  static constexpr std::string_view name = "matmul_nt";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using SA = detail::shape_of_t<A>;
    using SB = detail::shape_of_t<B>;
    constexpr std::size_t M = SA::dims[0], N = SA::rank == 2 ? SA::dims[1] : 1, K = SB::dims[0];
    using E = detail::product_t<detail::scalar_of_t<A>>;
    tensor<E, M, K> c{};
    // Four partial sums (lanes j mod 4) so that the compilers vectorise the dot
    // products without reassociating a single sum (they may not without fast-math).
    constexpr std::size_t L = N >= 8 ? 4 : 1;
    for (std::size_t i = 0; i < M; ++i)
      for (std::size_t k = 0; k < K; ++k) {
        E s[L]{};
        std::size_t j = 0;
        for (; j + L <= N; j += L)
          for (std::size_t l = 0; l < L; ++l) s[l] += a[i * N + j + l] * b[k * N + j + l];
        for (; j < N; ++j) s[0] += a[i * N + j] * b[k * N + j];
        E total = s[0];
        for (std::size_t l = 1; l < L; ++l) total += s[l];
        c[i * K + k] = total;
      }
    return c;
  }
  static constexpr auto vjp() {
    return rule(make_node<matmul_op>(rules::adjoint, rules::a1), make_node<matmul_tn_op>(rules::adjoint, rules::a0));
  }
};

struct matmul_tn_op {
  static constexpr std::string_view name = "matmul_tn";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    using SA = detail::shape_of_t<A>;
    using SB = detail::shape_of_t<B>;
    constexpr std::size_t M = SA::dims[0], K = SA::dims[1];
    constexpr std::size_t N = SB::rank == 2 ? SB::dims[1] : 1;
    using E = detail::product_t<detail::scalar_of_t<A>>;
    std::conditional_t<SB::rank == 2, tensor<E, K, N>, tensor<E, K>> c{};
    for (std::size_t i = 0; i < M; ++i)
      for (std::size_t k = 0; k < K; ++k) {
        const auto aik = a[i * K + k];
        for (std::size_t j = 0; j < N; ++j) c[k * N + j] += aik * b[i * N + j];
      }
    return c;
  }
  static constexpr auto vjp() {
    return rule(make_node<matmul_nt_op>(rules::a1, rules::adjoint), make_node<matmul_op>(rules::a0, rules::adjoint));
  }
};

struct transpose_op {
  static constexpr std::string_view name = "transpose";
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) {
    using S = detail::shape_of_t<A>;
    constexpr std::size_t M = S::dims[0], N = S::dims[1];
    tensor<detail::scalar_of_t<A>, N, M> t{};
    for (std::size_t i = 0; i < M; ++i)
      for (std::size_t j = 0; j < N; ++j) t[j * M + i] = a[i * N + j];
    return t;
  }
  static constexpr auto vjp() { return rule(make_node<transpose_op>(rules::adjoint)); }
};

struct dot_op {
  static constexpr std::string_view name = "dot";
  static constexpr notation form = notation::function;
  template <class A, class B>
  static constexpr auto value(const A& a, const B& b) {
    detail::product_t<detail::scalar_of_t<A>> s{};
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
  }
  static constexpr auto vjp() { return rule(rules::adjoint * rules::a1, rules::adjoint * rules::a0); }
};

}  // namespace typegrad
