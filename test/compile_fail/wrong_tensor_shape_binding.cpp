// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: binding a [3, 2] tensor to a [2, 3] tensor variable. The condition names the variable
// and both types: binding_has_right_type<named<'W'>, tensor<double, 3, 2>, tensor<double, 2, 3>, false>.
// expected-error: typegrad: at(...): the value bound to this tensor has the wrong type
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto W = tg::var<"W", tg::matrix<double, 2, 3>>;

double sum_of_squares() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  const tg::matrix<double, 3, 2> w{};
#else
  const tg::matrix<double, 2, 3> w{};
#endif
  return tg::eval(tg::sum(W * W), tg::at(W = w));
}
