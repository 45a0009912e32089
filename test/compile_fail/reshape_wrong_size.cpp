// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: reshaping 6 elements into 4. The condition shows both shapes:
// reshape_must_keep_size<shape<2, 3>, shape<2, 2>, false>.
// expected-error: typegrad: reshape<Dims...>(a): the new shape must have as many elements as a
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;

double sum_of_reshaped() {
  const tg::matrix<double, 2, 3> a{};
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  return tg::eval(tg::sum(tg::reshape<2, 2>(A)), tg::at(A = a));
#else
  return tg::eval(tg::sum(tg::reshape<3, 2>(A)), tg::at(A = a));
#endif
}
