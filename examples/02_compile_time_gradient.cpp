// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 02: gradients at compile time. Every pass of typegrad is constexpr, so values, gradients,
// Hessians and symbolic derivatives can be checked by static_assert: if this file compiles,
// every claim below holds. The program itself only says so.
#include <typegrad/typegrad.hpp>

#include <cstdio>
#include <type_traits>

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;

// d/dx (x^2 + 2x + 1) = 2x + 2 = 8 at x = 3.
static_assert(tg::eval(x * x + 2 * x + 1, tg::at(x = 3.0)) == 16.0);
static_assert(tg::grad(x * x + 2 * x + 1, tg::at(x = 3.0))[x] == 8.0);

// Through a named intermediate: h = x^2 + 3, y = 5h + 1, dy/dx = 5 * 2x = 20 at x = 2, dy/dh = 5.
constexpr auto h = tg::let<"h">(x * x + 3);
static_assert(tg::grad(5 * h + 1, tg::at(x = 2.0))[x] == 20.0);
static_assert(tg::grad(5 * h + 1, tg::at(x = 2.0), tg::wrt(h))[h] == 5.0);

// f = x^2 y + y^3: df/dx = 2xy, df/dy = x^2 + 3y^2, at (2, 3) and at (-1, 0.5).
constexpr auto f = x * x * y + y * y * y;
constexpr auto g23 = tg::grad(f, tg::at(x = 2.0, y = 3.0));
static_assert(g23[x] == 2 * 2.0 * 3.0 && g23[y] == 2.0 * 2.0 + 3 * 3.0 * 3.0);  // 12 and 31
constexpr auto g = tg::grad(f, tg::at(x = -1.0, y = 0.5));
static_assert(g[x] == -1.0 && g[y] == 1.75);

// The derivative is an expression, and its type is known: d(f, x) simplifies to 2*x*y.
constexpr auto dfdx = tg::d(f, x);
static_assert(std::is_same_v<std::remove_const_t<decltype(dfdx)>, decltype(tg::c<2> * x * y)>);
static_assert(tg::eval(dfdx, tg::at(x = 2.0, y = 3.0)) == 12.0);
static_assert(tg::eval(tg::d(f, y), tg::at(x = 2.0, y = 3.0)) == 31.0);

// y = x1^2 + x2^2: the gradient (2 x1, 2 x2) is (4, 6) at (2, 3).
constexpr auto x1 = tg::var<"x1">;
constexpr auto x2 = tg::var<"x2">;
constexpr auto g2 = tg::grad(x1 * x1 + x2 * x2, tg::at(x1 = 2.0, x2 = 3.0));
static_assert(g2[x1] == 4.0 && g2[x2] == 6.0);

// Second derivatives and forward mode: H(f) = [[2y, 2x], [2x, 6y]]; the derivative of f along
// (1, 1) is df/dx + df/dy.
constexpr auto H = tg::hessian(f, tg::at(x = 2.0, y = 3.0));
static_assert(H(x, x) == 6.0 && H(x, y) == 4.0 && H(y, x) == 4.0 && H(y, y) == 18.0);
static_assert(tg::jvp(f, tg::at(x = 2.0, y = 3.0), tg::along(x = 1.0, y = 1.0)).tangent == 43.0);

// relu(x) = max(x, 0): relu'(x) is 1 for x > 0 and 0 for x < 0; at the kink, 0 (as PyTorch).
static_assert(tg::grad(tg::relu(x), tg::at(x = 2.0))[x] == 1.0);
static_assert(tg::grad(tg::relu(x), tg::at(x = -2.0))[x] == 0.0);
static_assert(tg::grad(tg::relu(x), tg::at(x = 0.0))[x] == 0.0);
static_assert(tg::grad(tg::relu(x * y - 1), tg::at(x = 2.0, y = 3.0))[y] == 2.0);

// The gradient check itself runs at compile time.
static_assert(tg::check_gradient(f, tg::at(x = 2.0, y = 3.0)).ok);

int main() { std::puts("all static_asserts passed"); }

// expect: ^all static_asserts passed

// Output:
// all static_asserts passed
