// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 03: the chain rule. y depends on x through an intermediate h:
//
//   h = x^2 + 3,   y = 5h + 1,   dy/dx = dy/dh * dh/dx = 5 * 2x = 20 at x = 2.
//
// let<"h"> names the intermediate: it is computed once, however often it is used, and it is a
// valid target of wrt(...), so the gradient also gives dy/dh (its adjoint, like PyTorch's
// retain_grad). Reverse mode multiplies the factors for you; this example prints them too.
#include <typegrad/typegrad.hpp>

#include <cstdio>

namespace tg = typegrad;

int main() {
  constexpr auto x = tg::var<"x">;
  constexpr auto h = tg::let<"h">(x * x + 3);
  constexpr auto y = 5 * h + 1;

  const auto at = tg::at(x = 2.0);
  std::printf("at x = 2: h = %g, y = %g\n", tg::eval(h, at), tg::eval(y, at));

  // One reverse pass gives both dy/dx and dy/dh.
  const auto g = tg::grad(y, at, tg::wrt(x, h));
  const double dh_dx = tg::grad(h, at)[x];
  std::printf("dy/dh = %g\n", g[h]);
  std::printf("dh/dx = 2x = %g\n", dh_dx);
  std::printf("dy/dx = dy/dh * dh/dx = %g * %g = %g\n", g[h], dh_dx, g[h] * dh_dx);
  std::printf("dy/dx from reverse mode = %g\n", g[x]);

  // The same in forward mode: push the tangent dx = 1 through h and y.
  std::printf("dy/dx from forward mode = %g\n", tg::jvp(y, at, tg::along(x = 1.0)).tangent);

  // And at compile time.
  static_assert(tg::grad(y, tg::at(x = 2.0))[x] == 20.0);
  static_assert(tg::grad(y, tg::at(x = 2.0), tg::wrt(h))[h] == 5.0);
}

// expect: dy/dh = 5
// expect: dh/dx = 2x = 4
// expect: dy/dx = dy/dh \* dh/dx = 5 \* 4 = 20
// expect: dy/dx from reverse mode = 20
// expect: dy/dx from forward mode = 20

// Output:
// at x = 2: h = 7, y = 36
// dy/dh = 5
// dh/dx = 2x = 4
// dy/dx = dy/dh * dh/dx = 5 * 4 = 20
// dy/dx from reverse mode = 20
// dy/dx from forward mode = 20
