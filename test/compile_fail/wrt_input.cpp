// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: asking for the gradient with respect to an input (data, never differentiated). The
// condition names it: is_differentiable_leaf<named<'X'>, false>.
// expected-error: typegrad: wrt(...) names an input; inputs are data and are never differentiated
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto w = tg::var<"w">;
inline constexpr auto X = tg::input<"X">;

double gradient_of_product() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::grad(w * X, tg::at(w = 1.0, X = 2.0), tg::wrt(X))[X];
#else
  return tg::grad(w * X, tg::at(w = 1.0, X = 2.0), tg::wrt(w))[w];
#endif
}
