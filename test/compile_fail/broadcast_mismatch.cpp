// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: an elementwise op on shapes that do not broadcast, [2, 3] + [2] (aligned on the
// right, 3 and 2 differ), evaluated. The condition shows both shapes:
// shapes_must_broadcast<shape<2, 3>, shape<2>, false>.
// expected-error: typegrad: elementwise op: the operands' shapes do not broadcast
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;
#ifndef TYPEGRAD_COMPILE_FAIL_OK
using v_vector = tg::vector<double, 2>;
#else
using v_vector = tg::vector<double, 3>;
#endif
inline constexpr auto v = tg::var<"v", v_vector>;

double sum_of_broadcast_sum() {
  const tg::matrix<double, 2, 3> a{};
  const v_vector b{};
  return tg::eval(tg::sum(A + v), tg::at(A = a, v = b));
}
