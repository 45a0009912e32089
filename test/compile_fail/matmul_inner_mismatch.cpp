// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: a matrix product whose inner dimensions differ, [2, 3]·[4, 5]. The condition shows
// both shapes: matmul_inner_dimensions_must_match<shape<2, 3>, shape<4, 5>, false>.
// expected-error: typegrad: matmul(a, b): a must be a matrix [M, K] and b a matrix [K, N] or a vector [K]
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;
#ifndef TYPEGRAD_COMPILE_FAIL_OK
using b_matrix = tg::matrix<double, 4, 5>;
#else
using b_matrix = tg::matrix<double, 3, 5>;
#endif
inline constexpr auto B = tg::var<"B", b_matrix>;

double sum_of_product() {
  const tg::matrix<double, 2, 3> a{};
  const b_matrix b{};
  return tg::eval(tg::sum(tg::matmul(A, B)), tg::at(A = a, B = b));
}
