// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 06: symbolic derivatives and the Hessian. d(f, x) is not a number but another expression,
// built at compile time from each op's derivative rule and simplified as it is built (0*e,
// 1*e, e + 0 and constant sub-trees go away). It can be printed, evaluated anywhere, and
// differentiated again. hessian(f, at) computes all second derivatives numerically (forward
// mode over reverse mode) and agrees with the symbolic ones.
//
//   f = y sin(x) + x^2 y
//   df/dx = y cos(x) + 2xy,  d2f/dx2 = -y sin(x) + 2y,  d2f/dxdy = cos(x) + 2x,  d2f/dy2 = 0
#include <typegrad/typegrad.hpp>

#include <iostream>

namespace tg = typegrad;

int main() {
  constexpr auto x = tg::var<"x">;
  constexpr auto y = tg::var<"y">;
  constexpr auto f = y * tg::sin(x) + x * x * y;

  constexpr auto fx = tg::d(f, x);    // an expression
  constexpr auto fxx = tg::d(fx, x);  // differentiate it again
  constexpr auto fxy = tg::d(fx, y);
  constexpr auto fyy = tg::d(tg::d(f, y), y);

  const auto at = tg::at(x = 1.0, y = 2.0);
  std::cout << "f         = " << f << "  (LaTeX: " << tg::to_latex(f) << ")\n";
  std::cout << "df/dx     = " << fx << "  (LaTeX: " << tg::to_latex(fx) << ")\n";
  std::cout << "d2f/dx2   = " << fxx << '\n';
  std::cout << "d2f/dxdy  = " << fxy << '\n';
  std::cout << "d2f/dy2   = " << fyy << '\n';

  std::cout << "at (x, y) = (1, 2):\n";
  std::cout << "  f = " << tg::eval(f, at) << ", df/dx = " << tg::eval(fx, at) << '\n';
  std::cout << "  symbolic: d2f/dx2 = " << tg::eval(fxx, at) << ", d2f/dxdy = " << tg::eval(fxy, at)
            << ", d2f/dy2 = " << tg::eval(fyy, at) << '\n';

  // wrt(x, y) fixes the order of H.gradient and H.matrix; without it the variables come in the
  // order the expression meets them (here y first). H(a, b) looks up by variable either way.
  const auto H = tg::hessian(f, at, tg::wrt(x, y));
  std::cout << "  hessian:  H(x, x) = " << H(x, x) << ", H(x, y) = " << H(x, y) << ", H(y, x) = " << H(y, x)
            << ", H(y, y) = " << H(y, y) << '\n';
  std::cout << "  hessian also gives f = " << H.value << " and the gradient (df/dx, df/dy) = (" << H.gradient[0] << ", "
            << H.gradient[1] << ")\n";

  // Symbolic derivatives are constexpr expressions: their values can be checked at compile time.
  static_assert(tg::eval(fxy, tg::at(x = 0.0, y = 5.0)) == 1.0);
  static_assert(tg::eval(fxx, tg::at(x = 0.0, y = 5.0)) == 10.0);
}

// expect: symbolic: d2f/dx2 = 2\.31706, d2f/dxdy = 2\.5403, d2f/dy2 = 0
// expect: the gradient \(df/dx, df/dy\) = \(5\.0806, 1\.84147\)
// expect: hessian:  H\(x, x\) = 2\.31706, H\(x, y\) = 2\.5403, H\(y, x\) = 2\.5403, H\(y, y\) = 0

// Output:
// f         = y*sin(x) + x*x*y  (LaTeX: y \cdot \sin\left(x\right) + x \cdot x \cdot y)
// df/dx     = cos(x)*y + 2*x*y  (LaTeX: \cos\left(x\right) \cdot y + 2 \cdot x \cdot y)
// d2f/dx2   = -(sin(x)*y) + 2*y
// d2f/dxdy  = cos(x) + 2*x
// d2f/dy2   = 0
// at (x, y) = (1, 2):
//   f = 3.68294, df/dx = 5.0806
//   symbolic: d2f/dx2 = 2.31706, d2f/dxdy = 2.5403, d2f/dy2 = 0
//   hessian:  H(x, x) = 2.31706, H(x, y) = 2.5403, H(y, x) = 2.5403, H(y, y) = 0
//   hessian also gives f = 3.68294 and the gradient (df/dx, df/dy) = (5.0806, 1.84147)
