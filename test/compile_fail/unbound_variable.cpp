// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: evaluating an expression with one of its variables left out of at(...). The condition
// names it: variable_is_bound<named<'y'>, false>.
// expected-error: typegrad: a variable of the expression is not bound; give it a value in at(...)
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;

double value_of_product() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(x * y, tg::at(x = 1.0));
#else
  return tg::eval(x * y, tg::at(x = 1.0, y = 2.0));
#endif
}
