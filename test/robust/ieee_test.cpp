// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// NaN and infinity propagate as IEEE 754 says, in every pass and in double and float,
// and never turn into a silent zero: a NaN operand gives a NaN value and (where the
// derivative depends on the operand) a NaN derivative; a zero adjoint that meets an
// infinite or NaN partial gives NaN (0 * inf), as the chain rule evaluated in IEEE
// arithmetic does; the IEEE values at the edges of domains (log(0), sqrt'(0)) are kept.
//
// -ffast-math gives up exactly these guarantees (it assumes no NaN and no infinity), so
// this file is empty under it (see README, "-O3 and -ffast-math").

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>

#include "support/extreme.hpp"

#ifndef __FAST_MATH__

namespace {

namespace tg = typegrad;
namespace ex = typegrad::test::extreme;

TEST_CASE_TEMPLATE("ieee: a NaN operand gives NaN value and derivative in every pass", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  const T nan = ex::nan<T>;
  auto nan_everywhere = [&](const char* what, const auto& f) { ex::check_exact(what, f, x, nan, nan, nan); };
  nan_everywhere("exp", tg::exp(x));
  nan_everywhere("expm1", tg::expm1(x));
  nan_everywhere("log", tg::log(x));
  nan_everywhere("log1p", tg::log1p(x));
  nan_everywhere("log2", tg::log2(x));
  nan_everywhere("log10", tg::log10(x));
  nan_everywhere("sqrt", tg::sqrt(x));
  nan_everywhere("cbrt", tg::cbrt(x));
  nan_everywhere("square", tg::square(x));
  nan_everywhere("pow<3>", tg::pow<3>(x));
  nan_everywhere("pow(x, 2.5)", tg::pow(x, T(2.5)));
  nan_everywhere("sin", tg::sin(x));
  nan_everywhere("cos", tg::cos(x));
  nan_everywhere("tan", tg::tan(x));
  nan_everywhere("asin", tg::asin(x));
  nan_everywhere("acos", tg::acos(x));
  nan_everywhere("atan", tg::atan(x));
  nan_everywhere("sinh", tg::sinh(x));
  nan_everywhere("cosh", tg::cosh(x));
  nan_everywhere("tanh", tg::tanh(x));
  nan_everywhere("asinh", tg::asinh(x));
  nan_everywhere("acosh", tg::acosh(x));
  nan_everywhere("atanh", tg::atanh(x));
  nan_everywhere("abs", tg::abs(x));
  nan_everywhere("sigmoid", tg::sigmoid(x));
  nan_everywhere("softplus", tg::softplus(x));
  nan_everywhere("elu", tg::elu(x));
  nan_everywhere("erf", tg::erf(x));
  nan_everywhere("erfc", tg::erfc(x));
  nan_everywhere("x * x", x * x);
  nan_everywhere("1 / x", 1 / x);
  nan_everywhere("hypot(x, 1)", tg::hypot(x, 1));
  nan_everywhere("atan2(x, 1)", tg::atan2(x, 1));
  nan_everywhere("a chain", tg::tanh(tg::exp(x) * tg::sin(x)) + x);
  // Linear ops keep their constant derivative; the value is NaN.
  ex::check_exact("-x", -x, x, nan, nan, T(-1));
  ex::check_exact("x + 1", x + 1, x, nan, nan, T(1));
  // Documented exceptions (ops/*.hpp): at NaN, relu passes the adjoint (PyTorch's rule
  // x <= 0 ? 0 : 1), leaky_relu gives the slope, max and min give each side 1/2.
  ex::check_exact("relu", tg::relu(x), x, nan, nan, T(1));
  ex::check_exact("leaky_relu", tg::leaky_relu(x), x, nan, nan, T(1) / T(100));
  ex::check_exact("max(x, 1)", tg::max(x, 1), x, nan, nan, T(0.5));
}

TEST_CASE_TEMPLATE("ieee: values at the edges of domains", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  const T inf = ex::inf<T>, nan = ex::nan<T>;
  ex::check_exact("log at 0", tg::log(x), x, T(0), -inf, inf);
  ex::check_exact("log at -1", tg::log(x), x, T(-1), nan, T(-1));
  ex::check_exact("sqrt at 0", tg::sqrt(x), x, T(0), T(0), inf);
  ex::check_exact("cbrt at 0", tg::cbrt(x), x, T(0), T(0), inf);
  ex::check_exact("log1p at -1", tg::log1p(x), x, T(-1), -inf, inf);
  ex::check_exact("1 / x at 0", 1 / x, x, T(0), inf, -inf);
  ex::check_exact("atanh at 1", tg::atanh(x), x, T(1), inf, inf);
  ex::check_exact("exp at +inf", tg::exp(x), x, inf, inf, inf);
  ex::check_exact("exp at -inf", tg::exp(x), x, -inf, T(0), T(0));
  ex::check_exact("tanh at +inf", tg::tanh(x), x, inf, T(1), T(0));
  ex::check_exact("sigmoid at -inf", tg::sigmoid(x), x, -inf, T(0), T(0));
  ex::check_exact("atan at +inf", tg::atan(x), x, inf, static_cast<T>(std::atan(static_cast<long double>(inf))), T(0));
  ex::check_exact("sin at +inf", tg::sin(x), x, inf, nan, nan);
  // hypot and atan2 at the origin: 0/0.
  constexpr auto y = tg::var<"y", T>;
  const auto gh = tg::grad(tg::hypot(x, y), tg::at(x = T(0), y = T(0)));
  CHECK(std::isnan(gh[x]));
  CHECK(std::isnan(gh[y]));
  const auto ga = tg::grad(tg::atan2(y, x), tg::at(x = T(0), y = T(0)));
  CHECK(std::isnan(ga[x]));
  CHECK(std::isnan(ga[y]));
}

TEST_CASE_TEMPLATE("ieee: zero adjoints meeting infinite partials give NaN not 0", T, double, float) {
  constexpr auto x = tg::var<"x", T>;
  constexpr auto y = tg::var<"y", T>;
  const T inf = ex::inf<T>, nan = ex::nan<T>;
  // 0 * log(x) at x = 0 (a run-time 0): value 0 * -inf, derivative 0 * (1/0): NaN in every
  // pass; the zero adjoint of log(x) is not skipped.
  ex::check_exact("0 * log(x)", T(0) * tg::log(x), x, T(0), nan, nan);
  // One node used twice with opposite signs: its adjoint sums to 0, then meets exp'(x) = inf.
  // (The symbolic derivative folds exp(x) - exp(x) to 0: see the case on folding below.)
  const T over = std::is_same_v<T, float> ? T(100) : T(1000);
  ex::check_exact("exp(x) - exp(x)", tg::exp(x) - tg::exp(x), x, over, nan, nan, false);
  ex::check_exact("0 * log(x) with the constant c<0>", tg::c<0> * tg::log(x), x, T(0), nan, nan, false);
  // y * log(x) at x = 0, y = 0: d/dx = y / x = 0 * inf, d/dy = log(0).
  const auto at = tg::at(x = T(0), y = T(0));
  const auto r = tg::value_and_grad(y * tg::log(x), at);
  CHECK(std::isnan(r.value));
  CHECK(std::isnan(r.grad[x]));
  CHECK(r.grad[y] == -inf);
  CHECK(std::isnan(tg::jvp(y * tg::log(x), at, tg::along(x = T(1))).tangent));
  CHECK(std::isnan(tg::eval(tg::d(y * tg::log(x), x), at)));
  // x * y at 0 * inf: d/dx = inf, d/dy = 0 (exactly: the derivative does not involve y).
  const auto m = tg::value_and_grad(x * y, tg::at(x = T(0), y = inf));
  CHECK(std::isnan(m.value));
  CHECK(m.grad[x] == inf);
  CHECK(m.grad[y] == T(0));
  // where's unselected branch gets a zero adjoint: with log'(0) = inf, the gradient is NaN
  // (as PyTorch; documented in ops/compare.hpp) ...
  const auto w = tg::value_and_grad(tg::where(x > 0, tg::log(x), T(0)), tg::at(x = T(0)));
  CHECK(w.value == T(0));
  CHECK(std::isnan(w.grad[x]));
  // ... and with the documented guard, finite.
  const auto safe = tg::grad(tg::where(x > 0, tg::log(tg::where(x > 0, x, T(1))), T(0)), tg::at(x = T(0)));
  CHECK(safe[x] == T(0));
  // The Hessian pass: d2/dx2 (x * x * y) at y = NaN is 2y = NaN, d2/dy2 is exactly 0 (no y in
  // it). (d2/dxdy = 2x is NaN too: the dual numbers multiply y = NaN by a zero tangent.)
  const auto h = tg::hessian(x * x * y, tg::at(x = T(1), y = nan));
  CHECK(std::isnan(h(x, x)));
  CHECK(h(y, y) == T(0));
}

// The symbolic pass simplifies by algebra (DESIGN.md: 0*e and e - e fold to 0), so where the
// folded-away e is infinite or NaN, d(f, x) is 0 while reverse and forward mode give NaN (the
// IEEE value of the chain rule, 0 * inf). This is the one place where a non-finite value does
// not propagate; README ("Symbolic derivatives") says so.
TEST_CASE_TEMPLATE("ieee: the symbolic derivative folds 0*e and e - e even where e is not finite", T, double,
                   float) {
  constexpr auto x = tg::var<"x", T>;
  const T over = std::is_same_v<T, float> ? T(100) : T(1000);
  constexpr auto f = tg::exp(x) - tg::exp(x);
  CHECK(tg::eval(tg::d(f, x), tg::at(x = over)) == T(0));
  CHECK(std::isnan(tg::grad(f, tg::at(x = over))[x]));
  CHECK(std::isnan(tg::jvp(f, tg::at(x = over), tg::along(x = T(1))).tangent));
  constexpr auto g = tg::c<0> * tg::log(x);
  CHECK(tg::eval(tg::d(g, x), tg::at(x = T(0))) == T(0));
  CHECK(std::isnan(tg::grad(g, tg::at(x = T(0)))[x]));
}

TEST_CASE_TEMPLATE("ieee: NaN in a tensor reaches exactly the entries it should", T, double, float) {
  constexpr auto A = tg::var<"A", tg::matrix<T, 2, 3>>;
  constexpr auto B = tg::var<"B", tg::matrix<T, 3, 2>>;
  const T nan = ex::nan<T>, inf = ex::inf<T>;
  tg::matrix<T, 2, 3> a{T(1), nan, T(2), T(-1), T(0.5), T(3)};
  const tg::matrix<T, 3, 2> b{T(1), T(2), T(-1), T(0.5), T(3), T(1)};
  // loss = sum(A B): dA = 1 B^T (finite: A's NaN is not in it), dB = A^T 1: row 1 of dB
  // holds A(0, 1) = NaN, the other rows are finite.
  const auto r = tg::value_and_grad(tg::sum(tg::matmul(A, B)), tg::at(A = a, B = b));
  CHECK(std::isnan(r.value));
  for (std::size_t k = 0; k < 6; ++k) CHECK(std::isfinite(r.grad[A][k]));
  for (std::size_t j = 0; j < 2; ++j) {
    CHECK(std::isfinite(r.grad[B](0, j)));
    CHECK(std::isnan(r.grad[B](1, j)));
    CHECK(std::isfinite(r.grad[B](2, j)));
  }
  // Through softmax along rows: only row 0 is touched.
  const auto s = tg::grad(tg::sum(tg::softmax(A) * A), tg::at(A = a))[A];
  for (std::size_t j = 0; j < 3; ++j) {
    CHECK(std::isnan(s(0, j)));
    CHECK(std::isfinite(s(1, j)));
  }
  // +inf and -inf summed: value NaN, gradient of a sum is 1 everywhere.
  a = {inf, -inf, T(1), T(2), T(3), T(4)};
  const auto g = tg::value_and_grad(tg::sum(A), tg::at(A = a));
  CHECK(std::isnan(g.value));
  for (std::size_t k = 0; k < 6; ++k) CHECK(g.grad[A][k] == T(1));
}

TEST_CASE("ieee: check_gradient fails at a NaN point") {
  constexpr auto x = tg::var<"x">;
  const auto r = tg::check_gradient(tg::sqrt(x) * x, tg::at(x = std::numeric_limits<double>::quiet_NaN()));
  CHECK_FALSE(r.ok);
}

TEST_CASE("ieee: optimizers and clipping carry NaN gradients through") {
  constexpr auto w = tg::var<"w", tg::vector<double, 2>>;
  tg::nn::parameters<decltype(w)> p;
  p[w] = tg::vector<double, 2>{1, 2};
  const auto loss = tg::sum(tg::sqrt(w));
  p[w][0] = -1;  // sqrt(-1): NaN value and derivative
  auto [value, g] = tg::value_and_grad(loss, p.bind(), p.wrt());
  CHECK(std::isnan(value));
  CHECK(std::isnan(g[w][0]));
  tg::optim::clip_grad_norm(g, 1.0);
  CHECK(std::isnan(g[w][0]));  // not scaled to 0
  tg::optim::sgd opt(p, {.lr = 0.1});
  opt.step(p, g);
  CHECK(std::isnan(p[w][0]));  // the step is taken, NaN and all
}

}  // namespace

#endif  // __FAST_MATH__
