// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: a scan step whose value is not of the state's shape (a vector state, a step
// reduced to a number), so h_{t+1} cannot replace h_t.
// expected-error: typegrad: scan<N>(h, step, init): the step must give a value of the state's shape
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto h = tg::var<"h", tg::vector<double, 3>>;
inline constexpr auto h0 = tg::input<"h0", tg::vector<double, 3>>;

double final_state(const tg::vector<double, 3>& start) {
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(tg::sum(tg::scan<10>(h, tg::sum(h * h), h0)), tg::at(h0 = start));
#else
  return tg::eval(tg::sum(tg::scan<10>(h, h * h, h0)), tg::at(h0 = start));
#endif
}
