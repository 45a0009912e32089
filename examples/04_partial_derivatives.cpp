// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 04: partial derivatives. A gradient holds one partial derivative per variable, each taken with
// the other variables held constant; one reverse pass computes them all.
//
//   f  = x^2 y + y^3        df/dx = 2xy,  df/dy = x^2 + 3y^2
//   y  = x1^2 + x2^2        dy/dx1 = 2 x1, dy/dx2 = 2 x2
//   Z  = w1 x1 + w2 x2      dZ/dw1 = x1,  dZ/dw2 = x2   (a neuron without bias)
#include <typegrad/typegrad.hpp>

#include <cstdio>

namespace tg = typegrad;

int main() {
  {
    constexpr auto x = tg::var<"x">;
    constexpr auto y = tg::var<"y">;
    constexpr auto f = x * x * y + y * y * y;
    const auto [value, g] = tg::value_and_grad(f, tg::at(x = 2.0, y = 3.0));
    std::printf("f = x^2 y + y^3 at (2, 3): f = %g, df/dx = 2xy = %g, df/dy = x^2 + 3y^2 = %g\n",
                value, g[x], g[y]);
  }
  {
    constexpr auto x1 = tg::var<"x1">;
    constexpr auto x2 = tg::var<"x2">;
    constexpr auto y = x1 * x1 + x2 * x2;
    const auto g = tg::grad(y, tg::at(x1 = 2.0, x2 = 3.0));
    std::printf("y = x1^2 + x2^2 at (2, 3): gradient (%g, %g)\n", g[x1], g[x2]);
  }
  {
    constexpr auto w1 = tg::var<"w1">;
    constexpr auto w2 = tg::var<"w2">;
    constexpr auto x1 = tg::var<"x1">;
    constexpr auto x2 = tg::var<"x2">;
    constexpr auto Z = w1 * x1 + w2 * x2;
    const auto at = tg::at(w1 = 0.5, w2 = -1.0, x1 = 2.0, x2 = 3.0);
    // Every variable by default...
    const auto g = tg::grad(Z, at);
    std::printf("Z = w1 x1 + w2 x2 at w = (0.5, -1), x = (2, 3): Z = %g\n", tg::eval(Z, at));
    std::printf("  dZ/dw1 = x1 = %g, dZ/dw2 = x2 = %g, dZ/dx1 = w1 = %g, dZ/dx2 = w2 = %g\n",
                g[w1], g[w2], g[x1], g[x2]);
    // ...or only those named in wrt(...); the others are held constant.
    const auto gw = tg::grad(Z, at, tg::wrt(w1, w2));
    std::printf("  wrt(w1, w2) only: %zu partials, (%g, %g)\n", gw.size(), gw[w1], gw[w2]);
  }
}

// expect: df/dx = 2xy = 12, df/dy = x\^2 \+ 3y\^2 = 31
// expect: y = x1\^2 \+ x2\^2 at \(2, 3\): gradient \(4, 6\)
// expect: dZ/dw1 = x1 = 2, dZ/dw2 = x2 = 3, dZ/dx1 = w1 = 0.5, dZ/dx2 = w2 = -1
// expect: wrt\(w1, w2\) only: 2 partials, \(2, 3\)

// Output:
// f = x^2 y + y^3 at (2, 3): f = 39, df/dx = 2xy = 12, df/dy = x^2 + 3y^2 = 31
// y = x1^2 + x2^2 at (2, 3): gradient (4, 6)
// Z = w1 x1 + w2 x2 at w = (0.5, -1), x = (2, 3): Z = -2
//   dZ/dw1 = x1 = 2, dZ/dw2 = x2 = 3, dZ/dx1 = w1 = 0.5, dZ/dx2 = w2 = -1
//   wrt(w1, w2) only: 2 partials, (2, 3)
