// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: asking for the gradient with respect to a variable that the expression does not
// contain. The condition names it: variable_is_in_expression<named<'y'>, false>.
// expected-error: typegrad: wrt(...) names a variable that the expression does not contain
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;

double gradient_of_square() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::grad(x * x, tg::at(x = 1.0), tg::wrt(y))[y];
#else
  return tg::grad(x * x, tg::at(x = 1.0), tg::wrt(x))[x];
#endif
}
