// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Compile-only: the worked examples, their derivative types and the shape of the
// DAG, as static_asserts. This translation unit passes by compiling.
#include <typegrad/typegrad.hpp>

#include <type_traits>

namespace typegrad_static_worked_examples {

namespace tg = typegrad;

inline constexpr auto x = tg::var<"x">;
inline constexpr auto y = tg::var<"y">;
inline constexpr auto x1 = tg::var<"x1">;
inline constexpr auto x2 = tg::var<"x2">;
inline constexpr auto w1 = tg::var<"w1">;
inline constexpr auto w2 = tg::var<"w2">;
inline constexpr auto xf = tg::var<"xf", float>;
using x_t = std::remove_cvref_t<decltype(x)>;
using y_t = std::remove_cvref_t<decltype(y)>;

template <class A, class B>
inline constexpr bool is_of_type = std::is_same_v<std::remove_cvref_t<A>, B>;

// y = x^2 + 2x + 1 at x = 3: dy/dx = 8.
static_assert(tg::grad(x * x + 2 * x + 1, tg::at(x = 3.0))[x] == 8.0);
static_assert(tg::value_and_grad(x * x + 2 * x + 1, tg::at(x = 3.0)).value == 16.0);
static_assert(tg::jvp(x * x + 2 * x + 1, tg::at(x = 3.0), tg::along(x = 1.0)).tangent == 8.0);
static_assert(tg::eval(tg::d(x * x + 2 * x + 1, x), tg::at(x = 3.0)) == 8.0);

// h = let<"h">(x^2 + 3), y = 5h + 1 at x = 2: dy/dx = 20, dy/dh = 5.
inline constexpr auto h = tg::let<"h">(x * x + 3);
static_assert(tg::grad(5 * h + 1, tg::at(x = 2.0), tg::wrt(x, h))[x] == 20.0);
static_assert(tg::grad(5 * h + 1, tg::at(x = 2.0), tg::wrt(x, h))[h] == 5.0);

// f = x^2 y + y^3: df/dx = 2xy, df/dy = x^2 + 3y^2.
inline constexpr auto f = x * x * y + y * y * y;
static_assert(tg::grad(f, tg::at(x = 1.5, y = -2.0))[x] == -6.0);
static_assert(tg::grad(f, tg::at(x = 1.5, y = -2.0))[y] == 14.25);
static_assert(tg::grad(f, tg::at(x = -3.0, y = 0.5))[x] == -3.0);
static_assert(tg::grad(f, tg::at(x = -3.0, y = 0.5))[y] == 9.75);
static_assert(tg::grad(f, tg::at(x = 0.0, y = 1.0))[y] == 3.0);
static_assert(is_of_type<decltype(tg::d(f, x)),
                         tg::node<tg::mul_op, tg::node<tg::mul_op, tg::ct<2>, x_t>, y_t>>);

// y = x1^2 + x2^2 at (2, 3): (4, 6).
static_assert(tg::grad(x1 * x1 + x2 * x2, tg::at(x1 = 2.0, x2 = 3.0))[x1] == 4.0);
static_assert(tg::grad(x1 * x1 + x2 * x2, tg::at(x1 = 2.0, x2 = 3.0))[x2] == 6.0);

// Z = w1 x1 + w2 x2 at X = [2, 3], W = [0.5, 1.0]: dZ/dW = X, dZ/dX = W.
inline constexpr auto Z = w1 * x1 + w2 * x2;
inline constexpr auto ZW = tg::at(x1 = 2.0, x2 = 3.0, w1 = 0.5, w2 = 1.0);
static_assert(tg::grad(Z, ZW)[w1] == 2.0 && tg::grad(Z, ZW)[w2] == 3.0);
static_assert(tg::grad(Z, ZW)[x1] == 0.5 && tg::grad(Z, ZW)[x2] == 1.0);
static_assert(tg::grad(Z, ZW, tg::wrt(w1, w2)).size() == 2);
static_assert(tg::grad(Z, ZW, tg::wrt(w2))[w2] == 3.0);

// The Hessian of x^3 y^2 + xy + y^4 at (2, 3).
inline constexpr auto p = x * x * x * y * y + x * y + y * y * y * y;
static_assert(tg::hessian(p, tg::at(x = 2.0, y = 3.0))(x, x) == 108.0);
static_assert(tg::hessian(p, tg::at(x = 2.0, y = 3.0))(x, y) == 73.0);
static_assert(tg::hessian(p, tg::at(x = 2.0, y = 3.0))(y, x) == 73.0);
static_assert(tg::hessian(p, tg::at(x = 2.0, y = 3.0))(y, y) == 124.0);

// Derivative types after simplification.
static_assert(is_of_type<decltype(tg::d(x * y, x)), y_t>);
static_assert(is_of_type<decltype(tg::d(x, x)), tg::ct<1>>);
static_assert(is_of_type<decltype(tg::d(y, x)), tg::ct<0>>);
static_assert(is_of_type<decltype(tg::d(tg::c<3> * x, x)), tg::ct<3>>);
static_assert(is_of_type<decltype(tg::d(3 * x, x)), tg::constant<double>>);
static_assert(is_of_type<decltype(tg::d(x * x, x)), tg::node<tg::mul_op, tg::ct<2>, x_t>>);
static_assert(tg::eval(tg::d(tg::d(x * x * x * x, x), x), tg::at(x = 0.5)) == 3.0);  // 12x^2
static_assert(std::is_empty_v<decltype(tg::d(tg::d(x * x * x * x, x), x))>);
static_assert(
    is_of_type<decltype(tg::d(tg::d(tg::d(tg::d(x * x * x * x, x), x), x), x)), tg::ct<24>>);

// Scalar types: int constants beside a float variable are float.
static_assert(std::is_same_v<decltype(tg::eval(2 * xf + 1, tg::at(xf = 1.0f))), float>);
static_assert(tg::eval(2 * xf + 1, tg::at(xf = 1.5f)) == 4.0f);
static_assert(std::is_same_v<decltype(tg::eval(xf * x, tg::at(xf = 1.0f, x = 1.0))), double>);

// Shared sub-expressions are one node; the DAG of a stateless expression is empty.
inline constexpr auto s = x * x + tg::c<3>;
static_assert(tg::detail::topo_order<std::remove_cvref_t<decltype(s * s + s)>>::size == 6);
static_assert(sizeof(s * s + s) == 1);
static_assert(tg::detail::topo_order<std::remove_cvref_t<decltype(h * h + h)>>::size == 7);

// A gradient check at compile time.
static_assert(tg::check_gradient(f, tg::at(x = 1.5, y = -2.0)).ok);
static_assert(tg::check_gradient(Z, ZW).max_abs_error < 1e-9);

}  // namespace typegrad_static_worked_examples
