// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Products and transposition. A vector right of a matrix is a column: matmul of
// [M, K] and [K] is [M]. The rules are vector-Jacobian products written with the
// two transposed products, so no transpose is ever materialised (rules build
// their nodes with make_node: the shape checks of the user functions need values):
//   C = A B    :  dA = dC Bᵀ = matmul_nt(dC, B),   dB = Aᵀ dC = matmul_tn(A, dC).
// The three products share one kernel (detail::gemm) and also write straight into a
// destination: value_into<Add>(out, a, b) stores (or adds) the product into out,
// which the reverse pass uses to put a rule's product into an adjoint without a
// temporary.

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

// The product kernel: c(i, j) = Σ_k a(i, k) b(k, j) for i < M, j < N, stored (Add:
// added) into c, row-major [M, N], with a(i, k) = a[i*RA + k*CA] and b(k, j) =
// b[k*RB + j*CB], so that a transposed operand is read in place.
//
// c is computed in blocks of Rows × Cols entries whose sums stay in registers for
// the whole k loop: every element of a that is loaded feeds Cols products, every
// element of b Rows, and each entry of c is written once. (The i-k-j order keeps a
// whole row of c live, which Clang 14 spills; the k-i-j order reads and writes all of
// c K times.) Each sum still runs over k in order, as the plain loops do, so the
// result does not depend on the blocking.
//
// At run time, for double, the blocks are written with the vector extension of GCC
// and Clang (two doubles a vector, SSE2): written as scalar loops, the compilers'
// vectorisers pair the sums differently (GCC 12) or hoist every product before the
// sums and spill them (Clang 14), measured 1.3x to 2x slower. Constant evaluation and
// other element types (dual numbers) take the scalar loops.
template <bool Add, std::size_t Rows, std::size_t Cols, std::size_t N, std::size_t K, std::size_t RA,
          std::size_t CA, std::size_t RB, std::size_t CB, class C, class A, class B>
constexpr void gemm_block(C& c, const A& a, const B& b, std::size_t i0, std::size_t j0) {
  using E = std::remove_cvref_t<decltype(c[0])>;
  E acc[Rows][Cols]{};
  for (std::size_t k = 0; k < K; ++k)
    for (std::size_t r = 0; r < Rows; ++r) {
      const auto& ar = a[(i0 + r) * RA + k * CA];
      for (std::size_t s = 0; s < Cols; ++s) acc[r][s] += ar * b[k * RB + (j0 + s) * CB];
    }
  for (std::size_t r = 0; r < Rows; ++r)
    for (std::size_t s = 0; s < Cols; ++s) {
      if constexpr (Add) c[(i0 + r) * N + j0 + s] += acc[r][s];
      else c[(i0 + r) * N + j0 + s] = acc[r][s];
    }
}

template <bool Add, std::size_t M, std::size_t N, std::size_t K, std::size_t RA, std::size_t CA, std::size_t RB,
          std::size_t CB, class C, class A, class B>
constexpr void gemm_scalar(C& c, const A& a, const B& b) {
  constexpr std::size_t MR = M < 4 ? M : 4, NR = N < 2 ? N : 2;
  for (std::size_t i = 0; i + MR <= M; i += MR) {
    std::size_t j = 0;
    for (; j + NR <= N; j += NR) detail::gemm_block<Add, MR, NR, N, K, RA, CA, RB, CB>(c, a, b, i, j);
    if constexpr (N % NR != 0) detail::gemm_block<Add, MR, N % NR, N, K, RA, CA, RB, CB>(c, a, b, i, j);
  }
  if constexpr (M % MR != 0) {
    std::size_t j = 0;
    for (; j + NR <= N; j += NR) detail::gemm_block<Add, M % MR, NR, N, K, RA, CA, RB, CB>(c, a, b, M - M % MR, j);
    if constexpr (N % NR != 0) detail::gemm_block<Add, M % MR, N % NR, N, K, RA, CA, RB, CB>(c, a, b, M - M % MR, j);
  }
}

#if defined(__GNUC__)  // GCC and Clang
inline constexpr bool gemm_vectorised = true;
using double2 = double __attribute__((vector_size(2 * sizeof(double))));

// Rows × 2V entries of c from row i0, column j0: V vectors of two doubles per row.
template <bool Add, std::size_t Rows, std::size_t V, std::size_t N, std::size_t K, std::size_t RA, std::size_t CA,
          std::size_t RB>
inline void gemm_block_v(double* c, const double* a, const double* b, std::size_t i0, std::size_t j0) {
  double2 acc[Rows][V]{};
  for (std::size_t k = 0; k < K; ++k) {
    double2 bk[V];
    for (std::size_t v = 0; v < V; ++v) __builtin_memcpy(&bk[v], b + k * RB + j0 + 2 * v, sizeof(double2));
    for (std::size_t r = 0; r < Rows; ++r) {
      const double x = a[(i0 + r) * RA + k * CA];
      const double2 ar = {x, x};
      for (std::size_t v = 0; v < V; ++v) acc[r][v] += ar * bk[v];
    }
  }
  for (std::size_t r = 0; r < Rows; ++r)
    for (std::size_t v = 0; v < V; ++v) {
      double* out = c + (i0 + r) * N + j0 + 2 * v;
      if constexpr (Add) {
        double2 sum;
        __builtin_memcpy(&sum, out, sizeof(double2));
        sum += acc[r][v];
        __builtin_memcpy(out, &sum, sizeof(double2));
      } else {
        __builtin_memcpy(out, &acc[r][v], sizeof(double2));
      }
    }
}

// The rows i0 .. i0 + Rows of c: blocks of four columns, then two, then one.
template <bool Add, std::size_t Rows, std::size_t N, std::size_t K, std::size_t RA, std::size_t CA, std::size_t RB>
inline void gemm_rows_v(double* c, const double* a, const double* b, std::size_t i0) {
  std::size_t j = 0;
  for (; j + 4 <= N; j += 4) detail::gemm_block_v<Add, Rows, 2, N, K, RA, CA, RB>(c, a, b, i0, j);
  if constexpr (N % 4 >= 2) {
    detail::gemm_block_v<Add, Rows, 1, N, K, RA, CA, RB>(c, a, b, i0, j);
    j += 2;
  }
  if constexpr (N % 2 != 0) {
    double acc[Rows]{};
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t r = 0; r < Rows; ++r) acc[r] += a[(i0 + r) * RA + k * CA] * b[k * RB + j];
    for (std::size_t r = 0; r < Rows; ++r) {
      if constexpr (Add) c[(i0 + r) * N + j] += acc[r]; else c[(i0 + r) * N + j] = acc[r];
    }
  }
}

template <bool Add, std::size_t M, std::size_t N, std::size_t K, std::size_t RA, std::size_t CA, std::size_t RB>
inline void gemm_v(double* c, const double* a, const double* b) {
  constexpr std::size_t MR = M < 4 ? M : 4;
  for (std::size_t i = 0; i + MR <= M; i += MR) detail::gemm_rows_v<Add, MR, N, K, RA, CA, RB>(c, a, b, i);
  if constexpr (M % MR != 0) detail::gemm_rows_v<Add, M % MR, N, K, RA, CA, RB>(c, a, b, M - M % MR);
}
#else
inline constexpr bool gemm_vectorised = false;
#endif

template <bool Add, std::size_t M, std::size_t N, std::size_t K, std::size_t RA, std::size_t CA, std::size_t RB,
          std::size_t CB, class C, class A, class B>
constexpr void gemm(C& c, const A& a, const B& b) {
  constexpr bool doubles = std::is_same_v<scalar_of_t<C>, double> && std::is_same_v<scalar_of_t<A>, double> &&
                           std::is_same_v<scalar_of_t<B>, double>;
  if constexpr (gemm_vectorised && doubles && N >= 2) {
    if (!std::is_constant_evaluated()) {
      if constexpr (CB == 1) {
        detail::gemm_v<Add, M, N, K, RA, CA, RB>(c.data(), a.data(), b.data());
        return;
      } else if constexpr (RB == 1 && K * N <= 4096) {
        // b read as its transpose: copied once into rows of N (K * N loads).
        double bt[K * N];
        for (std::size_t j = 0; j < N; ++j)
          for (std::size_t k = 0; k < K; ++k) bt[k * N + j] = b[j * CB + k];
        detail::gemm_v<Add, M, N, K, RA, CA, N>(c.data(), a.data(), bt);
        return;
      }
    }
  }
  detail::gemm_scalar<Add, M, N, K, RA, CA, RB, CB>(c, a, b);
}

// The result type of a product: a matrix [M, N], or a vector [M] for N of a vector.
template <class A, std::size_t M, std::size_t N, bool Matrix>
using product_tensor_t = std::conditional_t<Matrix, tensor<product_t<scalar_of_t<A>>, M, N>, tensor<product_t<scalar_of_t<A>>, M>>;
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
    detail::product_tensor_t<A, SA::dims[0], (SB::rank == 2 ? SB::dims[1] : 1), SB::rank == 2> c{};
    value_into<false>(c, a, b);
    return c;
  }
  //! out = a·b (Add: out += a·b); out does not overlap a or b.
  template <bool Add, class Out, class A, class B>
  static constexpr void value_into(Out& out, const A& a, const B& b) {
    using SA = detail::shape_of_t<A>;
    using SB = detail::shape_of_t<B>;
    constexpr std::size_t M = SA::dims[0], K = SA::dims[1];
    constexpr std::size_t N = SB::rank == 2 ? SB::dims[1] : 1;
    detail::gemm<Add, M, N, K, K, 1, N, 1>(out, a, b);
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
    tensor<detail::product_t<detail::scalar_of_t<A>>, SA::dims[0], SB::dims[0]> c{};
    value_into<false>(c, a, b);
    return c;
  }
  //! out = a·bᵀ (Add: out += a·bᵀ); out does not overlap a or b.
  template <bool Add, class Out, class A, class B>
  static constexpr void value_into(Out& out, const A& a, const B& b) {
    using SA = detail::shape_of_t<A>;
    using SB = detail::shape_of_t<B>;
    constexpr std::size_t M = SA::dims[0], N = SA::rank == 2 ? SA::dims[1] : 1, K = SB::dims[0];
    // c[i, k] = Σ_j a[i, j] b[k, j]: b read as its transpose.
    detail::gemm<Add, M, K, N, N, 1, 1, N>(out, a, b);
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
    detail::product_tensor_t<A, SA::dims[1], (SB::rank == 2 ? SB::dims[1] : 1), SB::rank == 2> c{};
    value_into<false>(c, a, b);
    return c;
  }
  //! out = aᵀ·b (Add: out += aᵀ·b); out does not overlap a or b.
  template <bool Add, class Out, class A, class B>
  static constexpr void value_into(Out& out, const A& a, const B& b) {
    using SA = detail::shape_of_t<A>;
    using SB = detail::shape_of_t<B>;
    constexpr std::size_t M = SA::dims[0], K = SA::dims[1];
    constexpr std::size_t N = SB::rank == 2 ? SB::dims[1] : 1;
    // c[k, j] = Σ_i a[i, k] b[i, j]: a read as its transpose.
    detail::gemm<Add, K, N, M, 1, K, N, 1>(out, a, b);
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
