// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: reading the gradient of a variable that was left out of wrt(...), although the
// expression contains it. The condition names it: variable_is_in_wrt<named<'y'>, false>.
// expected-error: typegrad: grad[v]: v is not among the differentiated variables; add it to wrt(...)
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;

double partial_of_product() {
  const auto g = tg::grad(x * y, tg::at(x = 1.0, y = 2.0), tg::wrt(x));
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return g[y];
#else
  return g[x];
#endif
}
