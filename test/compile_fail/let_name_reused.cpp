// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: one let name given to two different expressions in the same expression. The
// condition names it and shows both: let_name_is_unique<named<'h'>, <first>, <second>, false>.
// expected-error: typegrad: let<name>: two different expressions are given the same name
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;

double value_of_sum() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(tg::let<"h">(x * x) + tg::let<"h">(x * y), tg::at(x = 1.0, y = 2.0));
#else
  return tg::eval(tg::let<"h">(x * x) + tg::let<"k">(x * y), tg::at(x = 1.0, y = 2.0));
#endif
}
