// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 01: the tour in one page. An expression is a value whose type is the expression tree;
// the library turns that type into a fused forward pass and a fused reverse pass.
//
//   f(x, y) = x^2 y + y^3,  at (x, y) = (2, 3):
//   f = 39,  gradient (2xy, x^2 + 3y^2) = (12, 31),  Hessian [[2y, 2x], [2x, 6y]] = [[6, 4], [4, 18]].
#include <typegrad/typegrad.hpp>

#include <iostream>

namespace tg = typegrad;

int main() {
  constexpr auto x = tg::var<"x">;  // a differentiable scalar leaf (double)
  constexpr auto y = tg::var<"y">;
  constexpr auto f = x * x * y + y * y * y;
  const auto at = tg::at(x = 2.0, y = 3.0);

  std::cout << "f(x, y) = " << f << '\n';  // operator<< prints tg::to_string(f)

  // Value and gradient: one forward pass and one reverse pass.
  const auto [value, grad] = tg::value_and_grad(f, at);
  std::cout << "f(2, 3) = " << value << '\n';
  std::cout << "gradient: df/dx = " << grad[x] << ", df/dy = " << grad[y] << '\n';

  // The derivative as an expression: d(f, x) is another expression type.
  constexpr auto dfdx = tg::d(f, x);
  std::cout << "df/dx = " << tg::to_string(dfdx) << " = " << tg::eval(dfdx, at) << '\n';
  std::cout << "df/dy = " << tg::to_string(tg::d(f, y)) << " = " << tg::eval(tg::d(f, y), at) << '\n';

  // Second derivatives: forward mode over reverse mode.
  const auto H = tg::hessian(f, at);
  std::cout << "Hessian: [[" << H(x, x) << ", " << H(x, y) << "], [" << H(y, x) << ", " << H(y, y) << "]]\n";

  // Forward mode: f and its derivative along the direction (1, 1), in one pass.
  const auto [v, tangent] = tg::jvp(f, at, tg::along(x = 1.0, y = 1.0));
  std::cout << "jvp along (1, 1): value " << v << ", tangent " << tangent << '\n';

  // Everything above is constexpr too.
  static_assert(tg::grad(f, tg::at(x = 2.0, y = 3.0))[y] == 31.0);
}

// expect: f\(2, 3\) = 39
// expect: gradient: df/dx = 12, df/dy = 31
// expect: df/dx = [^=\n]*x[^=\n]* = 12
// expect: Hessian: \[\[6, 4\], \[4, 18\]\]
// expect: jvp along \(1, 1\): value 39, tangent 43

// Output:
// f(x, y) = x*x*y + y*y*y
// f(2, 3) = 39
// gradient: df/dx = 12, df/dy = 31
// df/dx = 2*x*y = 12
// df/dy = x*x + 2*y*y + y*y = 31
// Hessian: [[6, 4], [4, 18]]
// jvp along (1, 1): value 39, tangent 43
