// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: binding something that is not a number to a variable. The condition names the
// variable and both types: binding_has_right_type<named<'x'>, char [4], double, false>.
// expected-error: typegrad: at(...): the value bound to this variable has the wrong type
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;

double value_of_square() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(x * x, tg::at(x = "one"));
#else
  return tg::eval(x * x, tg::at(x = 1.0));
#endif
}
