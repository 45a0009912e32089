// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: a forward-mode direction along a variable that the expression does not contain. The
// condition names it: variable_is_in_expression<named<'y'>, false>.
// expected-error: typegrad: along(...) names a variable that the expression does not contain
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;

double tangent_of_square() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::jvp(x * x, tg::at(x = 1.0), tg::along(y = 1.0)).tangent;
#else
  return tg::jvp(x * x, tg::at(x = 1.0), tg::along(x = 1.0)).tangent;
#endif
}
