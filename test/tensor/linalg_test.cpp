// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/tensor/linalg.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;

template <class T, std::size_t... D>
using tensor = tg::tensor<T, D...>;

// ---- values
// --------------------------------------------------------------------------------------

TEST_CASE("linalg: values of the products and the transpose") {
  constexpr auto A = tg::input<"A", tg::matrix<double, 2, 3>>;
  constexpr auto B = tg::input<"B", tg::matrix<double, 3, 2>>;
  constexpr auto v = tg::input<"v", tg::vector<double, 3>>;
  constexpr auto u = tg::input<"u", tg::vector<double, 2>>;
  constexpr tg::matrix<double, 2, 3> a{1, 2, 3, 4, 5, 6};
  constexpr tg::matrix<double, 3, 2> b{1, -1, 0, 2, 3, 1};
  constexpr tg::vector<double, 3> vv{1, 0, -1};
  constexpr tg::vector<double, 2> uv{2, -3};
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul(A, B), tg::at(A = a, B = b))
                    == tg::matrix<double, 2, 2>{10, 6, 22, 12});
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul(A, v), tg::at(A = a, v = vv))
                    == tg::vector<double, 2>{-2, -2});
  TENSOR_CHECK_BOTH(tg::eval(tg::transpose(A), tg::at(A = a))
                    == tg::matrix<double, 3, 2>{1, 4, 2, 5, 3, 6});
  // A·Aᵀ and Aᵀ·A without forming the transpose.
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul_nt(A, A), tg::at(A = a))
                    == tg::matrix<double, 2, 2>{14, 32, 32, 77});
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul_tn(A, A), tg::at(A = a))
                    == tg::matrix<double, 3, 3>{17, 22, 27, 22, 29, 36, 27, 36, 45});
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul_nt(A, A), tg::at(A = a))
                    == tg::eval(tg::matmul(A, tg::transpose(A)), tg::at(A = a)));
  // Aᵀ·u is [3]; two vectors under matmul_nt give their outer product.
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul_tn(A, u), tg::at(A = a, u = uv))
                    == tg::vector<double, 3>{-10, -11, -12});
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul_nt(u, v), tg::at(u = uv, v = vv))
                    == tg::matrix<double, 2, 3>{2, 0, -2, -3, 0, 3});
  TENSOR_CHECK_BOTH(tg::eval(tg::dot(A, A), tg::at(A = a)) == 91);
  TENSOR_CHECK_BOTH(tg::eval(tg::dot(v, v), tg::at(v = vv)) == 2);
}

// ---- gradients against finite differences
// --------------------------------------------------------

// shape<M, K, N>: the three extents of a product [M, K]·[K, N] (N = 0: [M, K]·[K]).
using product_shapes = fd::shapes<tg::shape<1, 1, 1>, tg::shape<2, 3, 4>, tg::shape<4, 5, 1>,
                                  tg::shape<3, 1, 2>, tg::shape<1, 7, 3>>;
using vector_product_shapes = fd::shapes<tg::shape<1, 1>, tg::shape<2, 3>, tg::shape<4, 5>,
                                         tg::shape<3, 1>, tg::shape<1, 7>, tg::shape<7, 1>>;

TEST_CASE("linalg: gradient of matmul of two matrices") {
  fd::for_each_shape(product_shapes{}, []<class T, class S>() {
    constexpr std::size_t M = S::dims[0], K = S::dims[1], N = S::dims[2];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, K>>;
    constexpr auto B = tg::var<"B", tensor<T, K, N>>;
    constexpr auto C = tg::input<"C", tensor<T, M, N>>;
    const auto a = fd::uniform<tensor<T, M, K>>(101);
    const auto b = fd::uniform<tensor<T, K, N>>(102);
    const auto c = fd::uniform<tensor<T, M, N>>(103);
    fd::check_fd<T>("matmul [M,K]x[K,N]", tg::sum(tg::matmul(A, B) * C),
                    tg::at(A = a, B = b, C = c));
  });
}

TEST_CASE("linalg: gradient of matmul of a matrix and a vector") {
  fd::for_each_shape(vector_product_shapes{}, []<class T, class S>() {
    constexpr std::size_t M = S::dims[0], K = S::dims[1];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, K>>;
    constexpr auto x = tg::var<"x", tensor<T, K>>;
    constexpr auto C = tg::input<"C", tensor<T, M>>;
    const auto a = fd::uniform<tensor<T, M, K>>(111);
    const auto xv = fd::uniform<tensor<T, K>>(112);
    const auto c = fd::uniform<tensor<T, M>>(113);
    fd::check_fd<T>("matmul [M,K]x[K]", tg::sum(tg::matmul(A, x) * C),
                    tg::at(A = a, x = xv, C = c));
  });
}

TEST_CASE("linalg: gradient of matmul_nt") {
  fd::for_each_shape(product_shapes{}, []<class T, class S>() {
    // [M, N]·[K, N]ᵀ is [M, K].
    constexpr std::size_t M = S::dims[0], K = S::dims[1], N = S::dims[2];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, N>>;
    constexpr auto B = tg::var<"B", tensor<T, K, N>>;
    constexpr auto C = tg::input<"C", tensor<T, M, K>>;
    const auto a = fd::uniform<tensor<T, M, N>>(121);
    const auto b = fd::uniform<tensor<T, K, N>>(122);
    const auto c = fd::uniform<tensor<T, M, K>>(123);
    fd::check_fd<T>("matmul_nt [M,N]x[K,N]", tg::sum(tg::matmul_nt(A, B) * C),
                    tg::at(A = a, B = b, C = c));
  });
}

TEST_CASE("linalg: gradient of matmul_nt of two vectors") {
  fd::for_each_shape(vector_product_shapes{}, []<class T, class S>() {
    // The outer product u vᵀ, [M]·[K]ᵀ = [M, K].
    constexpr std::size_t M = S::dims[0], K = S::dims[1];
    CAPTURE(fd::shape_name<S>());
    constexpr auto u = tg::var<"u", tensor<T, M>>;
    constexpr auto v = tg::var<"v", tensor<T, K>>;
    constexpr auto C = tg::input<"C", tensor<T, M, K>>;
    const auto u0 = fd::uniform<tensor<T, M>>(131);
    const auto v0 = fd::uniform<tensor<T, K>>(132);
    const auto c = fd::uniform<tensor<T, M, K>>(133);
    fd::check_fd<T>("matmul_nt [M]x[K] (outer)", tg::sum(tg::matmul_nt(u, v) * C),
                    tg::at(u = u0, v = v0, C = c));
  });
}

TEST_CASE("linalg: gradient of matmul_tn") {
  fd::for_each_shape(product_shapes{}, []<class T, class S>() {
    // [M, K]ᵀ·[M, N] is [K, N].
    constexpr std::size_t M = S::dims[0], K = S::dims[1], N = S::dims[2];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, K>>;
    constexpr auto B = tg::var<"B", tensor<T, M, N>>;
    constexpr auto C = tg::input<"C", tensor<T, K, N>>;
    const auto a = fd::uniform<tensor<T, M, K>>(141);
    const auto b = fd::uniform<tensor<T, M, N>>(142);
    const auto c = fd::uniform<tensor<T, K, N>>(143);
    fd::check_fd<T>("matmul_tn [M,K]x[M,N]", tg::sum(tg::matmul_tn(A, B) * C),
                    tg::at(A = a, B = b, C = c));
  });
}

TEST_CASE("linalg: gradient of matmul_tn with a vector") {
  fd::for_each_shape(vector_product_shapes{}, []<class T, class S>() {
    // [M, K]ᵀ·[M] is [K].
    constexpr std::size_t M = S::dims[0], K = S::dims[1];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, K>>;
    constexpr auto y = tg::var<"y", tensor<T, M>>;
    constexpr auto C = tg::input<"C", tensor<T, K>>;
    const auto a = fd::uniform<tensor<T, M, K>>(151);
    const auto y0 = fd::uniform<tensor<T, M>>(152);
    const auto c = fd::uniform<tensor<T, K>>(153);
    fd::check_fd<T>("matmul_tn [M,K]x[M]", tg::sum(tg::matmul_tn(A, y) * C),
                    tg::at(A = a, y = y0, C = c));
  });
}

TEST_CASE("linalg: gradient of products of a matrix with itself") {
  // Both operands are one variable: the two vector-Jacobian products add up.
  using self_shapes =
      fd::shapes<tg::shape<1, 1>, tg::shape<3, 3>, tg::shape<2, 3>, tg::shape<4, 1>>;
  fd::for_each_shape(self_shapes{}, []<class T, class S>() {
    constexpr std::size_t M = S::dims[0], N = S::dims[1];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, N>>;
    constexpr auto P = tg::input<"P", tensor<T, M, M>>;
    constexpr auto Q = tg::input<"Q", tensor<T, N, N>>;
    const auto a = fd::uniform<tensor<T, M, N>>(181);
    const auto p = fd::uniform<tensor<T, M, M>>(182);
    const auto q = fd::uniform<tensor<T, N, N>>(183);
    fd::check_fd<T>("matmul_nt(A, A)", tg::sum(tg::matmul_nt(A, A) * P), tg::at(A = a, P = p));
    fd::check_fd<T>("matmul_tn(A, A)", tg::sum(tg::matmul_tn(A, A) * Q), tg::at(A = a, Q = q));
    if constexpr (M == N)
      fd::check_fd<T>("matmul(A, A)", tg::sum(tg::matmul(A, A) * P), tg::at(A = a, P = p));
  });
}

TEST_CASE("linalg: gradient of transpose") {
  fd::for_each_shape(vector_product_shapes{}, []<class T, class S>() {
    constexpr std::size_t M = S::dims[0], N = S::dims[1];
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", tensor<T, M, N>>;
    constexpr auto C = tg::input<"C", tensor<T, N, M>>;
    const auto a = fd::uniform<tensor<T, M, N>>(161);
    const auto c = fd::uniform<tensor<T, N, M>>(162);
    fd::check_fd<T>("transpose", tg::sum(tg::tanh(tg::transpose(A)) * C), tg::at(A = a, C = c));
    // Aᵀ·A through transpose and matmul: A reaches the product twice.
    constexpr auto D = tg::input<"D", tensor<T, N, N>>;
    const auto d = fd::uniform<tensor<T, N, N>>(163);
    fd::check_fd<T>("transpose", tg::sum(tg::matmul(tg::transpose(A), A) * D),
                    tg::at(A = a, D = d));
  });
}

TEST_CASE("linalg: gradient of dot") {
  using dot_shapes = fd::shapes<tg::shape<1>, tg::shape<7>, tg::shape<1, 1>, tg::shape<2, 3>,
                                tg::shape<4, 5>, tg::shape<3, 1>, tg::shape<2, 3, 4>>;
  fd::for_each_shape(dot_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    using V = fd::tensor_t<T, S>;
    constexpr auto a = tg::var<"a", V>;
    constexpr auto b = tg::var<"b", V>;
    constexpr auto C = tg::input<"C", V>;
    const auto a0 = fd::uniform<V>(171);
    const auto b0 = fd::uniform<V>(172);
    const auto c = fd::uniform<V>(173);
    // A product of two dots: each dot's adjoint is the other dot, not 1.
    fd::check_fd<T>("dot", tg::dot(a, b) * tg::dot(a, C), tg::at(a = a0, b = b0, C = c));
    fd::check_fd<T>("dot", tg::dot(tg::tanh(a), a) + tg::dot(b, b), tg::at(a = a0, b = b0));
  });
}

// ---- exact hand-derived gradients
// ----------------------------------------------------------------

TEST_CASE("linalg: linear layer gradients by hand") {
  // Y = X W + b, L = sum(Y): dL/dW(k, j) = sum_i X(i, k) (every column [5, 7, 9]),
  // dL/db = [2, 2] (two rows), dL/dX(i, k) = sum_j W(k, j) (each row the row sums of W).
  constexpr auto X = tg::var<"X", tg::matrix<double, 2, 3>>;
  constexpr auto W = tg::var<"W", tg::matrix<double, 3, 2>>;
  constexpr auto b = tg::var<"b", tg::vector<double, 2>>;
  constexpr auto L = tg::sum(tg::matmul(X, W) + b);
  // static: a constexpr at(...) holds pointers to them.
  static constexpr tg::matrix<double, 2, 3> x{1, 2, 3, 4, 5, 6};
  static constexpr tg::matrix<double, 3, 2> w{0.5, -1, 2, 0.25, -3, 1.5};
  static constexpr tg::vector<double, 2> bv{0.125, -2};
  constexpr auto at = tg::at(X = x, W = w, b = bv);

  TENSOR_CHECK_BOTH(tg::grad(L, at)[W] == tg::matrix<double, 3, 2>{5, 5, 7, 7, 9, 9});
  TENSOR_CHECK_BOTH(tg::grad(L, at)[b] == tg::vector<double, 2>{2, 2});
  TENSOR_CHECK_BOTH(tg::grad(L, at)[X]
                    == tg::matrix<double, 2, 3>{-0.5, 2.25, -1.5, -0.5, 2.25, -1.5});
  // Y itself: [[1*0.5 + 2*2 - 3*3, -1 + 0.5 + 4.5], [2 + 10 - 18, -4 + 1.25 + 9]] + b.
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul(X, W) + b, at)
                    == tg::matrix<double, 2, 2>{-4.5 + 0.125, 4 - 2, -6 + 0.125, 6.25 - 2});
  TENSOR_CHECK_BOTH(tg::eval(L, at) == -4.375 + 2 - 5.875 + 4.25);

  // X as data (an input) leaves W's and b's gradients as they are.
  constexpr auto Xin = tg::input<"X", tg::matrix<double, 2, 3>>;
  constexpr auto Lin = tg::sum(tg::matmul(Xin, W) + b);
  TENSOR_CHECK_BOTH(tg::grad(Lin, tg::at(Xin = x, W = w, b = bv))[W]
                    == tg::matrix<double, 3, 2>{5, 5, 7, 7, 9, 9});
  TENSOR_CHECK_BOTH(tg::grad(Lin, tg::at(Xin = x, W = w, b = bv))[b]
                    == tg::vector<double, 2>{2, 2});

  // The same in float: every number involved is exact.
  constexpr auto Xf = tg::var<"X", tg::matrix<float, 2, 3>>;
  constexpr auto Wf = tg::var<"W", tg::matrix<float, 3, 2>>;
  constexpr auto bf = tg::var<"b", tg::vector<float, 2>>;
  constexpr auto atf = tg::at(Xf = tg::matrix<float, 2, 3>{1, 2, 3, 4, 5, 6},
                              Wf = tg::matrix<float, 3, 2>{0.5f, -1, 2, 0.25f, -3, 1.5f},
                              bf = tg::vector<float, 2>{0.125f, -2});
  constexpr auto Lf = tg::sum(tg::matmul(Xf, Wf) + bf);
  TENSOR_CHECK_BOTH(tg::grad(Lf, atf)[Wf] == tg::matrix<float, 3, 2>{5, 5, 7, 7, 9, 9});
  TENSOR_CHECK_BOTH(tg::grad(Lf, atf)[bf] == tg::vector<float, 2>{2, 2});
  TENSOR_CHECK_BOTH(tg::grad(Lf, atf)[Xf]
                    == tg::matrix<float, 2, 3>{-0.5f, 2.25f, -1.5f, -0.5f, 2.25f, -1.5f});
}

TEST_CASE("linalg: product gradients by hand") {
  // L = sum(A B ⊙ C): dA = C Bᵀ, dB = Aᵀ C.
  constexpr auto A = tg::var<"A", tg::matrix<double, 2, 2>>;
  constexpr auto B = tg::var<"B", tg::matrix<double, 2, 2>>;
  constexpr auto C = tg::input<"C", tg::matrix<double, 2, 2>>;
  constexpr auto at =
      tg::at(A = tg::matrix<double, 2, 2>{1, 2, 3, 4}, B = tg::matrix<double, 2, 2>{0, 1, -1, 2},
             C = tg::matrix<double, 2, 2>{1, 0, 2, -1});
  // C Bᵀ = [[1*0 + 0*1, 1*-1 + 0*2], [2*0 - 1*1, 2*-1 - 1*2]] = [[0, -1], [-1, -4]].
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::matmul(A, B) * C), at)[A]
                    == tg::matrix<double, 2, 2>{0, -1, -1, -4});
  // Aᵀ C = [[1*1 + 3*2, 1*0 + 3*-1], [2*1 + 4*2, 2*0 + 4*-1]] = [[7, -3], [10, -4]].
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::matmul(A, B) * C), at)[B]
                    == tg::matrix<double, 2, 2>{7, -3, 10, -4});
  // d dot(a, b) / da = b, and d dot(a, a) / da = 2a.
  constexpr auto a = tg::var<"a", tg::vector<double, 3>>;
  constexpr auto bvec = tg::var<"b", tg::vector<double, 3>>;
  constexpr auto atv =
      tg::at(a = tg::vector<double, 3>{1, -2, 3}, bvec = tg::vector<double, 3>{4, 5, -6});
  TENSOR_CHECK_BOTH(tg::grad(tg::dot(a, bvec), atv)[a] == tg::vector<double, 3>{4, 5, -6});
  TENSOR_CHECK_BOTH(tg::grad(tg::dot(a, bvec), atv)[bvec] == tg::vector<double, 3>{1, -2, 3});
  TENSOR_CHECK_BOTH(tg::grad(tg::dot(a, a), atv)[a] == tg::vector<double, 3>{2, -4, 6});
}

// ---- forward mode agrees with reverse mode ----------------------------------------------------

// sum(g ⊙ v) over every element, in double.
template <class G, class V>
double inner(const G& g, const V& v) {
  double s = 0;
  for (std::size_t k = 0; k < g.size(); ++k)
    s += static_cast<double>(g[k]) * static_cast<double>(v[k]);
  return s;
}

// sum(|g ⊙ v|): the scale of the rounding errors in either sum.
template <class G, class V>
double inner_abs(const G& g, const V& v) {
  double s = 0;
  for (std::size_t k = 0; k < g.size(); ++k)
    s += std::abs(static_cast<double>(g[k]) * static_cast<double>(v[k]));
  return s;
}

TEST_CASE("linalg: jvp of a scalar loss is the gradient along the direction") {
  fd::for_each_shape(product_shapes{}, []<class T, class S>() {
    constexpr std::size_t M = S::dims[0], K = S::dims[1], N = S::dims[2];
    CAPTURE(fd::shape_name<S>());
    CAPTURE(fd::type_name<T>());
    constexpr auto X = tg::input<"X", tensor<T, M, K>>;
    constexpr auto W = tg::var<"W", tensor<T, K, N>>;
    constexpr auto b = tg::var<"b", tensor<T, N>>;
    constexpr auto C = tg::input<"C", tensor<T, M, N>>;
    const auto x = fd::uniform<tensor<T, M, K>>(201);
    const auto w = fd::uniform<tensor<T, K, N>>(202);
    const auto bv = fd::uniform<tensor<T, N>>(203);
    const auto c = fd::uniform<tensor<T, M, N>>(204);
    const auto dw = fd::uniform<tensor<T, K, N>>(205);
    const auto db = fd::uniform<tensor<T, N>>(206);
    const auto L = tg::sum(tg::softmax(tg::tanh(tg::matmul(X, W) + b)) * C);
    const auto at = tg::at(X = x, W = w, b = bv, C = c);
    const auto r = tg::value_and_grad(L, at);
    const auto t = tg::jvp(L, at, tg::along(W = dw, b = db));
    // Both passes evaluate the same operations: the values agree bit for bit.
    CHECK(t.value == r.value);
    // The passes round differently (T arithmetic, other orders): a few ulps of the
    // terms' magnitudes Σ |g ⊙ v| (the tensor tests measure at most 1.3 eps of it).
    const double expected = inner(r.grad[W], dw) + inner(r.grad[b], db);
    const double eps = static_cast<double>(std::numeric_limits<T>::epsilon());
    const double tol = 16 * eps * (1 + inner_abs(r.grad[W], dw) + inner_abs(r.grad[b], db));
    CHECK(std::abs(static_cast<double>(t.tangent) - expected) <= tol);
    // Along one variable alone.
    const auto tw = tg::jvp(L, at, tg::along(W = dw));
    CHECK(std::abs(static_cast<double>(tw.tangent) - inner(r.grad[W], dw))
          <= 16 * eps * (1 + inner_abs(r.grad[W], dw)));
  });
}

TEST_CASE("linalg: jvp of a tensor expression agrees with central differences") {
  fd::for_each_shape(product_shapes{}, []<class T, class S>() {
    constexpr std::size_t M = S::dims[0], K = S::dims[1], N = S::dims[2];
    CAPTURE(fd::shape_name<S>());
    CAPTURE(fd::type_name<T>());
    constexpr auto X = tg::input<"X", tensor<T, M, K>>;
    constexpr auto W = tg::var<"W", tensor<T, K, N>>;
    const auto x = fd::uniform<tensor<T, M, K>>(211);
    const auto w = fd::uniform<tensor<T, K, N>>(212);
    const auto v = fd::uniform<tensor<T, K, N>>(213);
    const auto f = tg::softmax(tg::matmul(X, W));
    const auto t = tg::jvp(f, tg::at(X = x, W = w), tg::along(W = v));
    static_assert(std::is_same_v<std::remove_cvref_t<decltype(t.tangent)>, tensor<T, M, N>>);
    CHECK(t.value == tg::eval(f, tg::at(X = x, W = w)));
    // (f(W + hV) - f(W - hV)) / 2h with h = cbrt(eps): error about h² |f'''| / 6 +
    // eps |f| / h, and |f| <= 1. Measured: 1.3e-11 (double) and 1.7e-5 (float).
    const T h = std::cbrt(std::numeric_limits<T>::epsilon());
    const auto plus = tg::eval(f, tg::at(X = x, W = tensor<T, K, N>(w + v * h)));
    const auto minus = tg::eval(f, tg::at(X = x, W = tensor<T, K, N>(w - v * h)));
    const double tol = std::is_same_v<T, float> ? 1e-4 : 1e-9;
    for (std::size_t k = 0; k < t.tangent.size(); ++k) {
      CAPTURE(k);
      const double numeric =
          (static_cast<double>(plus[k]) - static_cast<double>(minus[k])) / (2.0 * h);
      CHECK(std::abs(static_cast<double>(t.tangent[k]) - numeric) <= tol);
    }
    // matmul is linear: its jvp along V is X V (the same sums in the same order: exact).
    const auto lin = tg::jvp(tg::matmul(X, W), tg::at(X = x, W = w), tg::along(W = v));
    CHECK(lin.tangent == tg::eval(tg::matmul(X, W), tg::at(X = x, W = v)));
  });
}

TEST_CASE("linalg: products in constant expressions") {
  constexpr auto X = tg::input<"X", tg::matrix<double, 2, 2>>;
  constexpr auto W = tg::var<"W", tg::matrix<double, 2, 2>>;
  constexpr auto at =
      tg::at(X = tg::matrix<double, 2, 2>{1, 2, 3, 4}, W = tg::matrix<double, 2, 2>{1, 0, 0, 2});
  TENSOR_CHECK_BOTH(tg::eval(tg::matmul(X, W), at) == tg::matrix<double, 2, 2>{1, 4, 3, 8});
  // d sum(X W) / dW = Xᵀ 1: the column sums of X in each column.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::matmul(X, W)), at)[W]
                    == tg::matrix<double, 2, 2>{4, 4, 6, 6});
  // d sum((W Wᵀ) ⊙ I) / dW = d tr(W Wᵀ) / dW = 2 W.
  constexpr auto I = tg::input<"I", tg::matrix<double, 2, 2>>;
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::matmul_nt(W, W) * I),
                             tg::at(W = tg::matrix<double, 2, 2>{1, 2, 3, 4},
                                    I = tg::matrix<double, 2, 2>{1, 0, 0, 1}))[W]
                    == tg::matrix<double, 2, 2>{2, 4, 6, 8});
  TENSOR_CHECK_BOTH(
      tg::jvp(tg::matmul(X, W), at, tg::along(W = tg::matrix<double, 2, 2>{0, 1, 0, 0})).tangent
      == tg::matrix<double, 2, 2>{0, 1, 0, 3});
}

}  // namespace
