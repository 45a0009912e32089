// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: value_and_grad of a tensor-valued expression (a gradient needs a scalar loss). The
// condition shows the shape: expression_must_be_scalar<shape<2, 3>, false>.
// expected-error: typegrad: value_and_grad/grad: the expression must be a scalar (a loss)
#include <typegrad/typegrad.hpp>

namespace tg = typegrad;

inline constexpr auto W = tg::var<"W", tg::matrix<double, 2, 3>>;

double gradient_entry() {
  const tg::matrix<double, 2, 3> w{};
#ifndef TYPEGRAD_COMPILE_FAIL_OK
  const auto r = tg::value_and_grad(tg::tanh(W) * 2.0, tg::at(W = w));
#else
  const auto r = tg::value_and_grad(tg::sum(tg::tanh(W) * 2.0), tg::at(W = w));
#endif
  return r.grad[W](1, 2);
}
