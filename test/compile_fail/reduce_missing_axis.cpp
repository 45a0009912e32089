// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: a reduction along axis 2 of a matrix (axes 0 and 1, or -1 and -2). The condition shows
// the shape and the axis: axis_must_exist<shape<2, 3>, 2, false>.
// expected-error: typegrad: reduction: the axis does not exist in the operand's shape
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;

double sum_of_row_sums() {
  const tg::matrix<double, 2, 3> a{};
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(tg::sum(tg::sum<2>(A)), tg::at(A = a));
#else
  return tg::eval(tg::sum(tg::sum<1>(A)), tg::at(A = a));
#endif
}
