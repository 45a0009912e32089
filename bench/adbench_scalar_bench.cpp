// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Two scalar functions of (x, y), value and gradient, each call at the next of bench/common.hpp's
// 64 fixed points (harness and check: bench/adbench.hpp; peers: bench/adbench_peers.hpp):
//
//   BM_nested10  a 10-level nested composition of sin, cos, exp, tanh and sqrt, with three
//                intermediates used twice (u1, u3, u4); points in [0.25, 1.25)^2:
//                  u1 = x y                 u6  = sqrt(u5 u5 + x)
//                  u2 = sin(u1) + y         u7  = sin(u6 y) + u3
//                  u3 = cos(u2 x)           u8  = exp(u7 / 2)
//                  u4 = exp(u3 - y)         u9  = cos(u8 + x)
//                  u5 = tanh(u4 u1)         f   = tanh(u9 u4) y
//   BM_chain40   a 40-level chain in which every level uses one shared intermediate t = x y
//                twice; points in [0.25, 1.25)^2:
//                  u0 = x,  u(k+1) = s_k(u_k + t) / 2 + t,  s_k = sin for even k, tanh for odd k,
//                  f = u40
//                (|du(k+1)/du_k| <= 1/2: rounding errors are damped along the chain, so every
//                tool agrees with the hand-written values to 1e-12, and the value and both
//                partial derivatives stay of order 1.)
//
// Contestants: hand (the forward values kept, then the chain rule backwards, as a careful person
// writes it), typegrad (tg::value_and_grad of one expression; compile-time constants tg::c, so
// that every level is one node however often it is used; the chain is written with qualified
// operator calls, as README's "Deep chains on Clang 14" advises), and every peer found, running
// the function templates below. Values and gradients must agree with the hand-written ones to
// 1e-12 (relative, absolute below 1) at all 64 points.

#include <typegrad/typegrad.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstddef>

#include "adbench.hpp"
#include "adbench_peers.hpp"
#include "common.hpp"

namespace tg = typegrad;
namespace adb = typegrad_bench::adb;
using typegrad_bench::points_unit;
using typegrad_bench::value_grad2;

namespace {

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;

// ---- nested10 ----------------------------------------------------------------------------------
namespace nested10 {

//! For the peers: the function over any AD scalar S (std:: functions for double).
struct function {
  template <class S>
  S operator()(const S* xy, const double*) const {
    using std::cos;
    using std::exp;
    using std::sin;
    using std::sqrt;
    using std::tanh;
    const S& px = xy[0];
    const S& py = xy[1];
    const S u1 = px * py;
    const S u2 = sin(u1) + py;
    const S u3 = cos(u2 * px);
    const S u4 = exp(u3 - py);
    const S u5 = tanh(u4 * u1);
    const S u6 = sqrt(u5 * u5 + px);
    const S u7 = sin(u6 * py) + u3;
    const S u8 = exp(0.5 * u7);
    const S u9 = cos(u8 + px);
    return tanh(u9 * u4) * py;
  }
};

struct by_hand {
  value_grad2 operator()(double px, double py) const {
    // forward
    const double u1 = px * py;
    const double s1 = std::sin(u1);
    const double u2 = s1 + py;
    const double a3 = u2 * px;
    const double u3 = std::cos(a3);
    const double u4 = std::exp(u3 - py);
    const double a5 = u4 * u1;
    const double u5 = std::tanh(a5);
    const double u6 = std::sqrt(u5 * u5 + px);
    const double a7 = u6 * py;
    const double u7 = std::sin(a7) + u3;
    const double u8 = std::exp(0.5 * u7);
    const double a9 = u8 + px;
    const double u9 = std::cos(a9);
    const double a10 = u9 * u4;
    const double t10 = std::tanh(a10);
    const double f = t10 * py;
    // backward: g_v is df/dv
    double gy = t10;
    const double ga10 = py * (1 - t10 * t10);
    const double g9 = ga10 * u4;
    double g4 = ga10 * u9;
    const double ga9 = -std::sin(a9) * g9;  // = g8
    double gx = ga9;
    const double g7 = ga9 * 0.5 * u8;
    const double ga7 = g7 * std::cos(a7);
    double g3 = g7;
    const double g6 = ga7 * py;
    gy += ga7 * u6;
    const double ga6 = g6 * 0.5 / u6;  // d sqrt(s) / ds
    gx += ga6;
    const double g5 = ga6 * 2 * u5;
    const double ga5 = g5 * (1 - u5 * u5);
    g4 += ga5 * u1;
    double g1 = ga5 * u4;
    const double ge4 = g4 * u4;  // through exp(u3 - y)
    g3 += ge4;
    gy -= ge4;
    const double ga3 = -std::sin(a3) * g3;
    const double g2 = ga3 * px;
    gx += ga3 * u2;
    gy += g2;
    g1 += g2 * std::cos(u1);
    gx += g1 * py;
    gy += g1 * px;
    return {f, gx, gy};
  }
};

constexpr auto u1 = x * y;
constexpr auto u2 = tg::sin(u1) + y;
constexpr auto u3 = tg::cos(u2 * x);
constexpr auto u4 = tg::exp(u3 - y);
constexpr auto u5 = tg::tanh(u4 * u1);
constexpr auto u6 = tg::sqrt(u5 * u5 + x);
constexpr auto u7 = tg::sin(u6 * y) + u3;
constexpr auto u8 = tg::exp(tg::c<1, 2> * u7);
constexpr auto u9 = tg::cos(u8 + x);
constexpr auto f = tg::tanh(u9 * u4) * y;

struct with_typegrad {
  value_grad2 operator()(double px, double py) const {
    const auto [v, g] = tg::value_and_grad(f, tg::at(x = px, y = py));
    return {v, g[x], g[y]};
  }
};

}  // namespace nested10

// ---- chain40 -----------------------------------------------------------------------------------
namespace chain40 {

constexpr int levels = 40;

struct function {
  template <class S>
  S operator()(const S* xy, const double*) const {
    using std::sin;
    using std::tanh;
    const S t = xy[0] * xy[1];
    S u = xy[0];
    for (int k = 0; k < levels; k += 2) {
      u = 0.5 * sin(u + t) + t;
      u = 0.5 * tanh(u + t) + t;
    }
    return u;
  }
};

struct by_hand {
  value_grad2 operator()(double px, double py) const {
    const double t = px * py;
    double d[levels];  // s_k'(u_k + t)
    double u = px;
    for (int k = 0; k < levels; k += 2) {
      const double a0 = u + t;
      d[k] = std::cos(a0);
      u = 0.5 * std::sin(a0) + t;
      const double s1 = std::tanh(u + t);
      d[k + 1] = 1 - s1 * s1;
      u = 0.5 * s1 + t;
    }
    double gu = 1.0;  // df/du_k, from k = 40 down
    double gt = 0.0;  // df/dt
    for (int k = levels; k-- > 0;) {
      gt += gu;  // through "+ t"
      const double ga = gu * 0.5 * d[k];
      gt += ga;  // through s_k(u_k + t)
      gu = ga;
    }
    return {u, gu + gt * py, gt * px};
  }
};

constexpr auto t = x * y;

//! Level K of the chain. Qualified operator calls: an unqualified one on a deep shared DAG
//! costs 2^depth in Clang 14's argument-dependent lookup (README, "Deep chains on Clang 14").
template <int K>
constexpr auto level() {
  if constexpr (K == 0) {
    return x;
  } else {
    constexpr auto u = level<K - 1>();
    if constexpr ((K - 1) % 2 == 0)
      return tg::operator+(tg::operator*(tg::c<1, 2>, tg::sin(tg::operator+(u, t))), t);
    else
      return tg::operator+(tg::operator*(tg::c<1, 2>, tg::tanh(tg::operator+(u, t))), t);
  }
}
constexpr auto f = level<levels>();

struct with_typegrad {
  value_grad2 operator()(double px, double py) const {
    const auto [v, g] = tg::value_and_grad(f, tg::at(x = px, y = py));
    return {v, g[x], g[y]};
  }
};

}  // namespace chain40

constexpr double tolerance = 1e-12;

const bool registered = [] {
  adb::add_scalar<nested10::by_hand, nested10::by_hand>("BM_nested10", "hand", points_unit, tolerance);
  adb::add_scalar<nested10::by_hand, nested10::with_typegrad>("BM_nested10", "typegrad", points_unit, tolerance);
  adb::add_scalar_peers<nested10::by_hand, nested10::function>("BM_nested10", points_unit, tolerance);
  adb::add_scalar<chain40::by_hand, chain40::by_hand>("BM_chain40", "hand", points_unit, tolerance);
  adb::add_scalar<chain40::by_hand, chain40::with_typegrad>("BM_chain40", "typegrad", points_unit, tolerance);
  adb::add_scalar_peers<chain40::by_hand, chain40::function>("BM_chain40", points_unit, tolerance);
  return true;
}();

}  // namespace

int main(int argc, char** argv) { return adb::run_main(argc, argv, adb::peer_notes()); }
