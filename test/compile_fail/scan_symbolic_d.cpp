// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: a symbolic derivative of a loop. scan/fold are differentiated by the passes
// (grad, jvp), not by rewriting them into another expression.
// expected-error: typegrad: d(f, x): f contains a loop (scan, trajectory or fold)
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto h = tg::var<"h">;
inline constexpr auto a = tg::var<"a">;

double slope_of_recurrence() {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(tg::d(tg::scan<10>(h, a * h, 1.0), a), tg::at(a = 0.5));
#else
  return tg::grad(tg::scan<10>(h, a * h, 1.0), tg::at(a = 0.5))[a];
#endif
}
