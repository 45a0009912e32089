// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/tensor/linalg.hpp>
#include <typegrad/tensor/softmax.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "support/tensor_fd.hpp"

// The kernels behind the tensor ops' values and rules: the blocked product (every
// block shape and remainder, stored and added, at run time where doubles take the
// vector path, against the plain triple loop summed in the same order, so equal to
// the bit) and the fused vector-Jacobian product of log_softmax, whose own rule is
// checked against central differences.

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;

template <class T, std::size_t R, std::size_t C>
tg::tensor<T, R, C> numbers(std::uint64_t seed) {
  fd::splitmix64 g{seed};
  tg::tensor<T, R, C> t{};
  for (auto& e : t)
    e = static_cast<T>(g.uniform(-2, 2));
  return t;
}

// c0 + Σ_k a(i, k) b(k, j), k in order, with a(i, k) = a[i * ra + k * ca] and
// b(k, j) = b[k * rb + j * cb].
template <class T, std::size_t M, std::size_t N, std::size_t K, class A, class B>
tg::tensor<T, M, N> reference(const tg::tensor<T, M, N>& c0, const A& a, std::size_t ra,
                              std::size_t ca, const B& b, std::size_t rb, std::size_t cb) {
  tg::tensor<T, M, N> c{};
  for (std::size_t i = 0; i < M; ++i)
    for (std::size_t j = 0; j < N; ++j) {
      T s{};
      for (std::size_t k = 0; k < K; ++k)
        s += a[i * ra + k * ca] * b[k * rb + j * cb];
      c(i, j) = c0(i, j) + s;
    }
  return c;
}

// matmul, matmul_nt and matmul_tn of [M, K]-shaped products, stored and added.
template <class T, std::size_t M, std::size_t K, std::size_t N>
void check_products() {
  CAPTURE(std::string(fd::type_name<T>()) + " M " + std::to_string(M) + " K " + std::to_string(K)
          + " N " + std::to_string(N));
  const tg::tensor<T, M, N> zero{};
  const auto c0 = numbers<T, M, N>(7);
  {
    const auto a = numbers<T, M, K>(1);
    const auto b = numbers<T, K, N>(2);
    CHECK(tg::matmul_op::value(a, b) == reference<T, M, N, K>(zero, a, K, 1, b, N, 1));
    auto c = c0;
    tg::matmul_op::value_into<true>(c, a, b);
    CHECK(c == reference<T, M, N, K>(c0, a, K, 1, b, N, 1));
  }
  {
    const auto a = numbers<T, M, K>(3);
    const auto b = numbers<T, N, K>(4);  // c = a·bᵀ
    CHECK(tg::matmul_nt_op::value(a, b) == reference<T, M, N, K>(zero, a, K, 1, b, 1, K));
    auto c = c0;
    tg::matmul_nt_op::value_into<true>(c, a, b);
    CHECK(c == reference<T, M, N, K>(c0, a, K, 1, b, 1, K));
  }
  {
    const auto a = numbers<T, K, M>(5);  // c = aᵀ·b
    const auto b = numbers<T, K, N>(6);
    CHECK(tg::matmul_tn_op::value(a, b) == reference<T, M, N, K>(zero, a, 1, M, b, N, 1));
    auto c = c0;
    tg::matmul_tn_op::value_into<true>(c, a, b);
    CHECK(c == reference<T, M, N, K>(c0, a, 1, M, b, N, 1));
  }
}

TEST_CASE("kernels: blocked products equal the plain loops") {
  // Rows: blocks of 4 and the remainders 1 to 3; columns: blocks of 4, 2, 1 and their mixes.
  check_products<double, 1, 1, 1>();
  check_products<double, 3, 2, 2>();
  check_products<double, 4, 5, 3>();
  check_products<double, 5, 1, 4>();
  check_products<double, 6, 7, 6>();
  check_products<double, 9, 3, 7>();
  check_products<double, 8, 16, 10>();
  check_products<double, 7, 4, 1>();
  check_products<float, 5, 3, 7>();
  // matmul_nt with more than 4096 elements in b: read as its transpose in place.
  check_products<double, 3, 65, 64>();
}

TEST_CASE("kernels: blocked products in constant expressions") {
  static constexpr tg::matrix<double, 5, 3> a{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  static constexpr tg::matrix<double, 3, 5> b{1, 0, -1, 2, 1, 0, 1, 1, -2, 3, 2, -1, 0, 1, 1};
  constexpr auto c = tg::matmul_op::value(a, b);
  static_assert(c(0, 0) == 7 && c(0, 4) == 10 && c(4, 0) == 43 && c(4, 4) == 70);
  CHECK(c == tg::matmul_op::value(a, b));  // the run-time (vector) path: the same bits
}

TEST_CASE("kernels: rule of log_softmax's fused vector-Jacobian product") {
  fd::for_each_real([]<class T>() {
    using V = tg::tensor<T, 3, 4>;
    constexpr auto G = tg::var<"G", V>;
    constexpr auto Y = tg::var<"Y", V>;
    constexpr auto C = tg::input<"C", V>;
    constexpr auto Z = tg::input<"Z", V>;
    const auto y = tg::eval(tg::log_softmax(Z), tg::at(Z = fd::uniform<V>(31)));
    fd::check_fd<T>("log_softmax_vjp<-1>",
                    tg::sum(tg::make_node<tg::log_softmax_vjp_op<-1>>(G, Y) * C),
                    tg::at(G = fd::uniform<V>(32), Y = y, C = fd::uniform<V>(33)));
    fd::check_fd<T>("log_softmax_vjp<0>",
                    tg::sum(tg::make_node<tg::log_softmax_vjp_op<0>>(G, Y) * C),
                    tg::at(G = fd::uniform<V>(34), Y = fd::uniform<V>(35, -3, 0), C = fd::uniform<V>(36)));
  });
}

}  // namespace
