// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 05: gradient descent on f(x) = x^4 - 3x^3 + 2. Each step takes the value and the derivative
// from one call of value_and_grad and moves against the derivative:
//
//   x <- x - rate * f'(x),   f'(x) = 4x^3 - 9x^2 = x^2 (4x - 9),
//
// until |f'(x)| < 1e-9. The minimum is at x = 9/4 = 2.25, where f = -6.54296875.
#include <typegrad/typegrad.hpp>

#include <cmath>
#include <cstdio>

namespace tg = typegrad;

int main() {
  constexpr auto x = tg::var<"x">;
  constexpr auto f = x * x * x * x - 3 * x * x * x + 2;

  const double rate = 0.05;
  double xk = 1.0;
  std::printf("step          x              f(x)           f'(x)\n");
  for (int step = 0; step < 100; ++step) {
    const auto [fx, g] = tg::value_and_grad(f, tg::at(x = xk));
    std::printf("%4d  %14.10f  %14.10f  %14.10f\n", step, xk, fx, g[x]);
    if (std::abs(g[x]) < 1e-9) {
      std::printf("converged after %d steps: minimum at x = %.6f, f(x) = %.6f\n", step, xk, fx);
      return 0;
    }
    xk -= rate * g[x];
  }
  std::printf("did not converge\n");
  return 1;
}

// expect: converged after [0-9]+ steps: minimum at x = 2\.250000, f\(x\) = -6\.542969

// Output:
// step          x              f(x)           f'(x)
//    0    1.0000000000    0.0000000000   -5.0000000000
//    1    1.2500000000   -1.4179687500   -6.2500000000
//    2    1.5625000000   -3.4836273193   -6.7138671875
//    3    1.8981933594   -5.5357543818   -5.0704315436
//    4    2.1517149366   -6.4507649791   -1.8201910849
//    5    2.2427244908   -6.5424351109   -0.1463778072
//    6    2.2500433812   -6.5429687309    0.0008785023
//    7    2.2499994560   -6.5429687500   -0.0000110151
//    8    2.2500000068   -6.5429687500    0.0000001377
//    9    2.2499999999   -6.5429687500   -0.0000000017
//   10    2.2500000000   -6.5429687500    0.0000000000
// converged after 10 steps: minimum at x = 2.250000, f(x) = -6.542969
