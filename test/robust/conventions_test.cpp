// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// DESIGN.md's conventions at non-differentiable points, exactly, in every pass (reverse,
// forward, symbolic, the Hessian's) and in double and float: relu'(0) = 0, abs'(0) = 0,
// ties of max and min split the adjoint evenly, clamp's bounds pass the adjoint to x,
// leaky_relu and elu take their slope at 0, where passes the adjoint to the selected
// branch; on tensors, max along an axis splits among tied maxima, the hinge loss has
// derivative 0 at the margin and the Huber loss is smooth at |d| = delta.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>

#include "support/extreme.hpp"

namespace {

namespace tg = typegrad;
namespace nn = typegrad::nn;
namespace ex = typegrad::test::extreme;

TEST_CASE_TEMPLATE("conventions: kinks of one-operand ops in every pass", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  ex::check_exact("abs", tg::abs(x), x, T(0), T(0), T(0));
  ex::check_exact("abs", tg::abs(x), x, T(-0.0), T(0), T(0));
  ex::check_exact("relu", tg::relu(x), x, T(0), T(0), T(0));
  ex::check_exact("relu", tg::relu(x), x, T(-0.0), T(0), T(0));
  ex::check_exact("sign", tg::sign(x), x, T(0), T(0), T(0));
  ex::check_exact("sign", tg::sign(x), x, T(-2), T(-1), T(0));
  ex::check_exact("leaky_relu", tg::leaky_relu(x), x, T(0), T(0), T(1) / T(100));
  ex::check_exact("leaky_relu with slope 0.2", tg::leaky_relu(x, T(0.2)), x, T(0), T(0), T(0.2));
  ex::check_exact("elu", tg::elu(x), x, T(0), T(0), T(1));
  ex::check_exact("elu with alpha 0.5", tg::elu(x, T(0.5)), x, T(0), T(0), T(0.5));
  ex::check_exact("clamp at its upper bound", tg::clamp(x, -1, 1), x, T(1), T(1), T(1));
  ex::check_exact("clamp at its lower bound", tg::clamp(x, -1, 1), x, T(-1), T(-1), T(1));
  ex::check_exact("clamp above", tg::clamp(x, -1, 1), x, T(3), T(1), T(0));
  ex::check_exact("where at its switch", tg::where(x > 0, x * x, -x), x, T(0), T(0), T(-1));
  // A kink composed with a smooth op: the chain rule keeps the convention.
  ex::check_exact("relu of sin", tg::relu(tg::sin(x)), x, T(0), T(0), T(0));
  ex::check_exact("abs of x*x - 1", tg::abs(x * x - 1), x, T(1), T(0), T(0));
  // Second derivatives at a kink: the Hessian of x*relu(x) at 0 is relu'(0)*2 = 0 ...
  CHECK(tg::hessian(x * tg::relu(x), tg::at(x = T(0)))(x, x) == T(0));
  // ... and of x*abs(x) (abs'(0) = 0, abs'' = 0).
  CHECK(tg::hessian(x * tg::abs(x), tg::at(x = T(0)))(x, x) == T(0));
}

TEST_CASE_TEMPLATE("conventions: ties of max and min split the adjoint evenly", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  constexpr auto y = tg::var<"y", T>;
  // One variable on both sides: 1/2 + 1/2.
  ex::check_exact("max(x, x)", tg::max(x, x), x, T(2), T(2), T(1));
  ex::check_exact("min(x, x)", tg::min(x, x), x, T(2), T(2), T(1));
  // Against a constant (compile-time or run-time): 1/2.
  ex::check_exact("max(x, 2)", tg::max(x, tg::c<2>), x, T(2), T(2), T(0.5));
  ex::check_exact("min(x, 2)", tg::min(x, T(2)), x, T(2), T(2), T(0.5));
  ex::check_exact("max(x*x, 4)", tg::max(x * x, tg::c<4>), x, T(-2), T(4), T(-2));  // 1/2 * 2x
  // Two variables at a tie: each gets 1/2 from every pass.
  const auto at = tg::at(x = T(3), y = T(3));
  const auto f = tg::max(x, y) + tg::min(x, y) * 2;
  const auto g = tg::grad(f, at);
  const auto h = tg::hessian(f, at);
  CHECK(g[x] == T(1.5));
  CHECK(g[y] == T(1.5));
  CHECK(tg::jvp(f, at, tg::along(x = T(1))).tangent == T(1.5));
  CHECK(tg::jvp(f, at, tg::along(y = T(1))).tangent == T(1.5));
  CHECK(tg::eval(tg::d(f, x), at) == T(1.5));
  CHECK(tg::eval(tg::d(f, y), at) == T(1.5));
  CHECK(h.gradient[0] == T(1.5));
  CHECK(h.gradient[1] == T(1.5));
  // clamp with learnable bounds: at x == lo the adjoint goes to x, none to the bound.
  constexpr auto lo = tg::var<"lo", T>;
  const auto c = tg::grad(tg::clamp(x, lo, 5), tg::at(x = T(1), lo = T(1)));
  CHECK(c[x] == T(1));
  CHECK(c[lo] == T(0));
  const auto below = tg::grad(tg::clamp(x, lo, 5), tg::at(x = T(0), lo = T(1)));
  CHECK(below[x] == T(0));
  CHECK(below[lo] == T(1));
}

TEST_CASE_TEMPLATE("conventions: tensor max ties relu hinge and huber", T, double, float) {
  constexpr auto A = tg::var<"A", tg::matrix<T, 2, 3>>;
  // Row 0: a three-way tie (1/3 each); row 1: a two-way tie (1/2 each).
  const tg::matrix<T, 2, 3> a{T(4), T(4), T(4), T(-1), T(7), T(7)};
  const auto g = tg::grad(tg::sum(tg::max<1>(A)), tg::at(A = a))[A];
  CHECK(g(0, 0) == T(1) / T(3));
  CHECK(g(0, 1) == T(1) / T(3));
  CHECK(g(0, 2) == T(1) / T(3));
  CHECK(g(1, 0) == T(0));
  CHECK(g(1, 1) == T(0.5));
  CHECK(g(1, 2) == T(0.5));
  // max over all elements: the two 7s.
  const auto gall = tg::grad(tg::max<tg::all>(A), tg::at(A = a))[A];
  CHECK(gall(1, 1) == T(0.5));
  CHECK(gall(1, 2) == T(0.5));
  CHECK(gall(0, 0) == T(0));
  // relu elementwise at 0 and -0.
  const tg::matrix<T, 2, 3> zeros{T(0), T(-0.0), T(1), T(-1), T(0), T(2)};
  const auto gr = tg::grad(tg::sum(tg::relu(A)), tg::at(A = zeros))[A];
  CHECK(gr(0, 0) == T(0));
  CHECK(gr(0, 1) == T(0));
  CHECK(gr(0, 2) == T(1));
  CHECK(gr(1, 1) == T(0));
  // hinge at the margin (y s = 1): derivative 0.
  constexpr auto s = tg::var<"s", tg::vector<T, 2>>;
  constexpr auto yl = tg::input<"y", tg::vector<T, 2>>;
  const auto gh = tg::grad(nn::hinge(s, yl), tg::at(s = tg::vector<T, 2>{T(1), T(-1)}, yl = tg::vector<T, 2>{T(1), T(-1)}))[s];
  CHECK(gh[0] == T(0));
  CHECK(gh[1] == T(0));
  // Huber at |d| = delta: both branches give delta * sign(d) / n.
  constexpr auto p = tg::var<"p", tg::vector<T, 2>>;
  constexpr auto q = tg::input<"q", tg::vector<T, 2>>;
  const auto gu = tg::grad(nn::huber(p, q), tg::at(p = tg::vector<T, 2>{T(1), T(-1)}, q = tg::vector<T, 2>{T(0), T(0)}))[p];
  CHECK(gu[0] == T(0.5));
  CHECK(gu[1] == T(-0.5));
}

// Forward mode through max along an axis takes the mean of the tied tangents, as reverse
// mode splits the adjoint evenly (it took the first maximal element's tangent before), so
// jvp equals the gradient's inner product with the direction, as for the scalar max(a, b).
TEST_CASE_TEMPLATE("conventions: forward mode through a tensor max tie agrees with reverse mode", T, double,
                   float) {
  constexpr auto A = tg::var<"A", tg::matrix<T, 2, 3>>;
  const tg::matrix<T, 2, 3> a{T(4), T(4), T(4), T(-1), T(7), T(7)};
  const tg::matrix<T, 2, 3> dir{T(3), T(0), T(0), T(5), T(2), T(4)};
  const auto t = tg::jvp(tg::max<1>(A), tg::at(A = a), tg::along(A = dir)).tangent;
  // grad(max<1>(A)[i]) . dir: the mean of the tied tangents.
  CHECK(t[0] == T(1));
  CHECK(t[1] == T(3));
  const auto all = tg::jvp(tg::max<tg::all>(A), tg::at(A = a), tg::along(A = dir)).tangent;
  CHECK(all == T(3));
}

}  // namespace
