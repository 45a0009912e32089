// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Scalar functions: typegrad's value_and_grad beside the value and derivative a careful
// person writes by hand with the chain rule. Each function f has a namespace with
//   by_hand        the hand-written value and gradient (std:: math),
//   with_typegrad  tg::value_and_grad of the same function written as an expression,
// and one benchmark function BM_f<Impl>, registered as BM_f/hand and BM_f/typegrad
// (nested10 has a third case, typegrad_plain_numbers, see there). Every case first checks
// typegrad against the hand-written gradient (relative 1e-12) and aborts on a mismatch, so
// a wrong derivative is never timed. BM_f<Impl> is kept out of line only so that its loop
// can be found by name in the disassembly (objdump -d -C); the compiler decides whether
// the function under test is inlined into the loop, as it would in a user's code.

#include <typegrad/typegrad.hpp>

#include <benchmark/benchmark.h>

#include <cmath>

#include "common.hpp"

namespace tg = typegrad;
using typegrad_bench::check_against;
using typegrad_bench::points_unit;
using typegrad_bench::points_wide;
using typegrad_bench::time_over;
using typegrad_bench::value_grad2;

namespace {

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;

// ---- (a) f = x^2 + 2x + 1 -------------------------------------------------------------------
namespace poly1 {

constexpr auto f = x * x + 2 * x + 1;

struct by_hand {
  value_grad2 operator()(double px, double) const {
    return {px * px + 2 * px + 1, 2 * px + 2, 0.0};
  }
};

struct with_typegrad {
  value_grad2 operator()(double px, double) const {
    const auto [v, g] = tg::value_and_grad(f, tg::at(x = px));
    return {v, g[x], 0.0};
  }
};

}  // namespace poly1

template <class Impl>
[[gnu::noinline]] void BM_poly1(benchmark::State& state, Impl impl) {
  check_against("poly1 (typegrad)", points_wide, poly1::by_hand{}, poly1::with_typegrad{});
  time_over(state, points_wide, impl);
}
BENCHMARK_CAPTURE(BM_poly1, hand, poly1::by_hand{});
BENCHMARK_CAPTURE(BM_poly1, typegrad, poly1::with_typegrad{});

// ---- (b) f = x^2 y + y^3 --------------------------------------------------------------------
namespace poly2 {

constexpr auto f = x * x * y + y * y * y;

struct by_hand {
  value_grad2 operator()(double px, double py) const {
    const double xx = px * px;
    const double yy = py * py;
    return {xx * py + yy * py, 2 * px * py, xx + 3 * yy};
  }
};

struct with_typegrad {
  value_grad2 operator()(double px, double py) const {
    const auto [v, g] = tg::value_and_grad(f, tg::at(x = px, y = py));
    return {v, g[x], g[y]};
  }
};

}  // namespace poly2

template <class Impl>
[[gnu::noinline]] void BM_poly2(benchmark::State& state, Impl impl) {
  check_against("poly2 (typegrad)", points_wide, poly2::by_hand{}, poly2::with_typegrad{});
  time_over(state, points_wide, impl);
}
BENCHMARK_CAPTURE(BM_poly2, hand, poly2::by_hand{});
BENCHMARK_CAPTURE(BM_poly2, typegrad, poly2::with_typegrad{});

// ---- (c) a 10-level nested composition of tanh, exp, sin and sqrt ----------------------------
namespace nested10 {

// u1 = x*y                 u6  = tanh(u5*x)
// u2 = tanh(u1) + y        u7  = exp(u6 - y)
// u3 = exp(u2/2)           u8  = sin(u7*x + y)
// u4 = sin(u3) + x         u9  = sqrt(u8*u8 + y*y)
// u5 = sqrt(u4*u4 + 1)     u10 = tanh(u9)*x = f
struct by_hand {
  value_grad2 operator()(double px, double py) const {
    // forward
    const double u1 = px * py;
    const double t1 = std::tanh(u1);
    const double u2 = t1 + py;
    const double u3 = std::exp(0.5 * u2);
    const double u4 = std::sin(u3) + px;
    const double u5 = std::sqrt(u4 * u4 + 1);
    const double u6 = std::tanh(u5 * px);
    const double u7 = std::exp(u6 - py);
    const double a8 = u7 * px + py;
    const double u8 = std::sin(a8);
    const double u9 = std::sqrt(u8 * u8 + py * py);
    const double t9 = std::tanh(u9);
    const double f = t9 * px;
    // backward: g_k is df/du_k
    double gx = t9;
    const double g9 = px * (1 - t9 * t9);
    const double g9s = g9 / u9;  // d sqrt(s)/ds = 1/(2 sqrt(s)), times ds/du = 2u
    double gy = g9s * py;
    const double ga8 = g9s * u8 * std::cos(a8);
    gx += ga8 * u7;
    gy += ga8;
    const double g6 = ga8 * px * u7;
    gy -= g6;
    const double gm5 = g6 * (1 - u6 * u6);
    gx += gm5 * u5;
    const double g4 = gm5 * px * u4 / u5;
    gx += g4;
    const double g2 = g4 * std::cos(u3) * u3 * 0.5;
    gy += g2;
    const double g1 = g2 * (1 - t1 * t1);
    gx += g1 * py;
    gy += g1 * px;
    return {f, gx, gy};
  }
};

// The same function as one typegrad expression. The constants are compile-time
// (tg::c<N, D>), so every level is stateless and `u4 * u4` is one node used twice.
constexpr auto u1 = x * y;
constexpr auto u2 = tg::tanh(u1) + y;
constexpr auto u3 = tg::exp(tg::c<1, 2> * u2);
constexpr auto u4 = tg::sin(u3) + x;
constexpr auto u5 = tg::sqrt(u4 * u4 + tg::c<1>);
constexpr auto u6 = tg::tanh(u5 * x);
constexpr auto u7 = tg::exp(u6 - y);
constexpr auto u8 = tg::sin(u7 * x + y);
constexpr auto u9 = tg::sqrt(u8 * u8 + y * y);
constexpr auto f = tg::tanh(u9) * x;

struct with_typegrad {
  value_grad2 operator()(double px, double py) const {
    const auto [v, g] = tg::value_and_grad(f, tg::at(x = px, y = py));
    return {v, g[x], g[y]};
  }
};

// The same again with plain numbers (`0.5 * u2`, `+ 1`), as a newcomer writes it. A
// number is a run-time constant, so every level above it is stateful, and stateful
// sub-trees are told apart by position: `u4 * u4` and `u8 * u8` then hold two copies
// each, and the expression has 53 distinct nodes instead of 27 (see DESIGN.md; tg::let
// is the remedy). Kept as a case of its own so that the price stays visible.
namespace plain {
constexpr auto u3 = tg::exp(0.5 * u2);
constexpr auto u4 = tg::sin(u3) + x;
constexpr auto u5 = tg::sqrt(u4 * u4 + 1);
constexpr auto u6 = tg::tanh(u5 * x);
constexpr auto u7 = tg::exp(u6 - y);
constexpr auto u8 = tg::sin(u7 * x + y);
constexpr auto u9 = tg::sqrt(u8 * u8 + y * y);
constexpr auto f = tg::tanh(u9) * x;
}  // namespace plain

struct with_typegrad_plain_numbers {
  value_grad2 operator()(double px, double py) const {
    const auto [v, g] = tg::value_and_grad(plain::f, tg::at(x = px, y = py));
    return {v, g[x], g[y]};
  }
};

}  // namespace nested10

template <class Impl>
[[gnu::noinline]] void BM_nested10(benchmark::State& state, Impl impl) {
  check_against("nested10 (typegrad)", points_unit, nested10::by_hand{}, nested10::with_typegrad{});
  check_against("nested10 (typegrad, plain numbers)", points_unit, nested10::by_hand{},
                nested10::with_typegrad_plain_numbers{});
  time_over(state, points_unit, impl);
}
BENCHMARK_CAPTURE(BM_nested10, hand, nested10::by_hand{});
BENCHMARK_CAPTURE(BM_nested10, typegrad, nested10::with_typegrad{});
BENCHMARK_CAPTURE(BM_nested10, typegrad_plain_numbers, nested10::with_typegrad_plain_numbers{});

}  // namespace
