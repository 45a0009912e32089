// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: pick(a, labels) with floating-point labels; labels index columns and must be integers.
// expected-error: typegrad: pick(a, labels): labels must be integers
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto Z = tg::var<"Z", tg::matrix<double, 4, 3>>;
#ifndef TYPEGRAD_COMPILE_FAIL_OK
using label_vector = tg::vector<double, 4>;
#else
using label_vector = tg::vector<int, 4>;
#endif
inline constexpr auto y = tg::input<"y", label_vector>;

double cross_entropy() {
  const tg::matrix<double, 4, 3> z{};
  const label_vector labels{};
  return tg::eval(-tg::mean(tg::pick(tg::log_softmax(Z), y)), tg::at(Z = z, y = labels));
}
