// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// tg::scan, tg::trajectory and tg::fold against gradients derived by hand.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <memory>

#include "support/check.hpp"

namespace {

namespace tg = typegrad;
using tg::test::check::near;

constexpr auto h = tg::var<"h">;
constexpr auto a = tg::var<"a">;
constexpr auto b = tg::var<"b">;
constexpr auto h0 = tg::var<"h0">;

// h_{t+1} = a h_t + b: h_N = a^N h_0 + b (1 - a^N) / (1 - a).
TEST_CASE("scan linear recurrence against its closed form") {
  constexpr std::size_t n = 40;
  const double av = 0.9, bv = 0.3, hv = 2.0;
  const auto f = tg::scan<n>(h, a * h + b, h0);
  const auto [v, g] = tg::value_and_grad(f, tg::at(a = av, b = bv, h0 = hv));
  const double an = std::pow(av, n);
  CHECK(near(v, an * hv + bv * (1 - an) / (1 - av), 1e-14));
  CHECK(near(g[h0], an, 1e-14));
  CHECK(near(g[b], (1 - an) / (1 - av), 1e-14));
  // d/da [a^N h0 + b (1 - a^N)/(1 - a)]
  const double dan = n * std::pow(av, n - 1);
  CHECK(near(g[a], dan * hv + bv * (-dan * (1 - av) + (1 - an)) / ((1 - av) * (1 - av)), 1e-13));
  CHECK(tg::eval(f, tg::at(a = av, b = bv, h0 = hv)) == v);
  CHECK(tg::to_string(f) == "scan<40>(h -> a*h + b, h0)");
  // Forward mode along each variable gives the same partials.
  CHECK(near(tg::jvp(f, tg::at(a = av, b = bv, h0 = hv), tg::along(a = 1.0)).tangent, g[a], 1e-14));
  CHECK(near(tg::jvp(f, tg::at(a = av, b = bv, h0 = hv), tg::along(b = 1.0)).tangent, g[b], 1e-14));
}

TEST_CASE("scan in a constant expression") {
  // h_3 = a^3 + a^2 b + a b + b with h_0 = 1: d/da = 3a^2 + 2ab + b = 3*4 + 2*2*1 + 1.
  constexpr auto g = tg::grad(tg::scan<3>(h, a * h + b, 1.0), tg::at(a = 2.0, b = 1.0));
  static_assert(g[a] == 17.0);
  static_assert(g[b] == 7.0);
  static_assert(tg::eval(tg::scan<3>(h, a * h + b, 1.0), tg::at(a = 2.0, b = 1.0)) == 15.0);
  CHECK(g[a] == 17.0);
}

TEST_CASE("scan Hessian of the linear recurrence") {
  // h_2 = a^2 h_0 + a b + b: d2/da2 = 2 h_0, d2/dadb = 1, d2/db2 = 0, d2/dadh0 = 2a.
  const auto H = tg::hessian(tg::scan<2>(h, a * h + b, h0), tg::at(a = 1.5, b = 0.5, h0 = 3.0));
  CHECK(H(a, a) == 6.0);
  CHECK(H(a, b) == 1.0);
  CHECK(H(b, a) == 1.0);
  CHECK(H(b, b) == 0.0);
  CHECK(H(a, h0) == 3.0);
  CHECK(H(h0, a) == 3.0);
}

// The logistic map x_{t+1} = r x_t (1 - x_t); by hand, forward sensitivities
// s_{t+1} = x_t (1 - x_t) + r (1 - 2 x_t) s_t for r, q_{t+1} = r (1 - 2 x_t) q_t for x_0.
TEST_CASE("scan logistic map chain against forward sensitivities by hand") {
  constexpr auto r = tg::var<"r">;
  constexpr std::size_t n = 30;
  const double rv = 3.3, xv = 0.2;
  double x = xv, s = 0, q = 1;
  for (std::size_t t = 0; t < n; ++t) {
    s = x * (1 - x) + rv * (1 - 2 * x) * s;
    q = rv * (1 - 2 * x) * q;
    x = rv * x * (1 - x);
  }
  const auto [v, g] = tg::value_and_grad(tg::scan<n>(h, r * h * (1 - h), h0), tg::at(r = rv, h0 = xv));
  CHECK(near(v, x, 1e-12));
  CHECK(near(g[r], s, 1e-11));
  CHECK(near(g[h0], q, 1e-11));
}

// Explicit Euler for x'' = -k x - c x' over 2000 steps, state (x, v):
// h_{t+1} = h_t + dt M h_t, M = [[0, 1], [-k, -c]] = E + k K + c C.
// Loss x_N; adjoint by hand: l_t = (I + dt M)^T l_{t+1}, l_N = (1, 0),
// dL/dk = sum_t l_{t+1} . dt (-x_t) e_v, dL/dc = sum_t l_{t+1} . dt (-v_t) e_v.
TEST_CASE("scan damped oscillator over 2000 Euler steps against the adjoint by hand") {
  using vec2 = tg::vector<double, 2>;
  using mat2 = tg::matrix<double, 2, 2>;
  constexpr auto s = tg::var<"s", vec2>;
  constexpr auto k = tg::var<"k">;
  constexpr auto damp = tg::var<"c">;
  constexpr auto e0 = tg::input<"e0", vec2>;
  constexpr auto E = tg::input<"E", mat2>;
  constexpr auto K = tg::input<"K", mat2>;
  constexpr auto C = tg::input<"C", mat2>;
  constexpr auto s0 = tg::input<"s0", vec2>;
  constexpr std::size_t n = 2000;
  constexpr double dt = 0.01;
  const mat2 e{0, 1, 0, 0}, kk{0, 0, -1, 0}, cc{0, 0, 0, -1};
  const vec2 start{1.0, 0.0};
  const double kv = 4.0, cv = 0.3;

  std::array<vec2, n + 1> st{};
  st[0] = start;
  for (std::size_t t = 0; t < n; ++t) {
    const double x = st[t][0], v = st[t][1];
    st[t + 1] = vec2{x + dt * v, v + dt * (-kv * x - cv * v)};
  }
  double lx = 1, lv = 0, dk = 0, dc = 0;
  for (std::size_t t = n; t-- > 0;) {
    dk += lv * dt * -st[t][0];
    dc += lv * dt * -st[t][1];
    const double nx = lx + dt * -kv * lv, nv = dt * lx + lv + dt * -cv * lv;
    lx = nx, lv = nv;
  }

  const auto step = s + tg::c<1, 100> * tg::matmul(E + k * K + damp * C, s);
  const auto loss = tg::dot(tg::scan<n>(s, step, s0), e0);
  const auto at = tg::at(k = kv, damp = cv, E = e, K = kk, C = cc, s0 = start, e0 = vec2{1, 0});
  const auto [v, g] = tg::value_and_grad(loss, at);
  CHECK(near(v, st[n][0], 1e-12));
  CHECK(near(g[k], dk, 1e-11));
  CHECK(near(g[damp], dc, 1e-11));

  SUBCASE("checkpointed reverse pass gives identical gradients") {
    const auto loss50 = tg::dot(tg::scan<n, tg::checkpoint<50>>(s, step, s0), e0);
    const auto loss7 = tg::dot(tg::scan<n, tg::checkpoint<7>>(s, step, s0), e0);
    const auto g50 = tg::grad(loss50, at);
    const auto g7 = tg::grad(loss7, at);
    CHECK(g50[k] == g[k]);
    CHECK(g50[damp] == g[damp]);
    CHECK(g7[k] == g[k]);
    CHECK(g7[damp] == g[damp]);
    // Memory: states stored every 50 steps instead of every step.
    CHECK(sizeof(tg::workspace<decltype(loss50)>) * 20 < sizeof(tg::workspace<decltype(loss)>));
  }
  SUBCASE("forward mode through a tensor state") {
    CHECK(near(tg::jvp(loss, at, tg::along(k = 1.0)).tangent, g[k], 1e-12));
    CHECK(near(tg::jvp(loss, at, tg::along(damp = 1.0)).tangent, g[damp], 1e-12));
  }
}

// The stochastic-volatility log density (as in ADBenchmark), latent h_t from
// standardised z_t: h_0 = mu + sigma z_0 / sqrt(1 - phi^2), h_t = mu + phi (h_{t-1} - mu)
// + sigma z_t; log p = sum_t (-h_t/2 - y_t^2 exp(-h_t)/2) - sum_t z_t^2/2. The adjoint by
// hand: l_t = a_t + phi l_{t+1}, a_t = -1/2 + y_t^2 exp(-h_t)/2.
TEST_CASE("trajectory stochastic volatility log density against the adjoint by hand") {
  constexpr std::size_t n = 200;
  using vec = tg::vector<double, n - 1>;
  constexpr auto phi = tg::var<"phi">;
  constexpr auto sigma = tg::var<"sigma">;
  constexpr auto mu = tg::var<"mu">;
  constexpr auto z0 = tg::var<"z0">;
  constexpr auto zs = tg::var<"zs", vec>;
  constexpr auto z = tg::input<"z">;
  constexpr auto y0 = tg::input<"y0">;
  constexpr auto ys = tg::input<"ys", vec>;
  constexpr auto half = tg::c<1, 2>;

  const double pv = 0.8, sv = 0.4, mv = -0.3;
  tg::nn::rng gen(7);
  std::array<double, n> zv{}, yv{};
  for (auto& e : zv) e = gen.normal(0.0, 1.0);
  for (auto& e : yv) e = gen.normal(0.0, 1.0);
  vec zrest{}, yrest{};
  for (std::size_t t = 1; t < n; ++t) zrest[t - 1] = zv[t], yrest[t - 1] = yv[t];

  const auto first = mu + sigma * z0 / tg::sqrt(1 - phi * phi);
  const auto hs = tg::trajectory<n - 1>(h, mu + phi * (h - mu) + sigma * z, first, tg::each(z, zs));
  const auto logp = -half * (first + y0 * y0 * tg::exp(-first)) + tg::sum(-half * hs - half * ys * ys * tg::exp(-hs)) -
                    half * z0 * z0 - half * tg::sum(zs * zs);
  const auto [v, g] = tg::value_and_grad(logp, tg::at(phi = pv, sigma = sv, mu = mv, z0 = zv[0], zs = zrest,
                                                      y0 = yv[0], ys = yrest));

  std::array<double, n> hv{}, l{};
  const double root = std::sqrt(1 - pv * pv);
  hv[0] = mv + sv * zv[0] / root;
  for (std::size_t t = 1; t < n; ++t) hv[t] = mv + pv * (hv[t - 1] - mv) + sv * zv[t];
  double value = 0;
  for (std::size_t t = 0; t < n; ++t) value += -hv[t] / 2 - yv[t] * yv[t] * std::exp(-hv[t]) / 2 - zv[t] * zv[t] / 2;
  for (std::size_t t = n; t-- > 0;)
    l[t] = -0.5 + yv[t] * yv[t] * std::exp(-hv[t]) / 2 + (t + 1 < n ? pv * l[t + 1] : 0.0);
  double dmu = l[0], dphi = l[0] * sv * zv[0] * pv / (root * root * root), dsigma = l[0] * zv[0] / root;
  for (std::size_t t = 1; t < n; ++t) {
    dmu += l[t] * (1 - pv);
    dphi += l[t] * (hv[t - 1] - mv);
    dsigma += l[t] * zv[t];
  }
  CHECK(near(v, value, 1e-13));
  CHECK(near(g[mu], dmu, 1e-12));
  CHECK(near(g[phi], dphi, 1e-12));
  CHECK(near(g[sigma], dsigma, 1e-12));
  CHECK(near(g[z0], l[0] * sv / root - zv[0], 1e-12));
  double worst = 0;
  for (std::size_t t = 1; t < n; ++t) worst = std::max(worst, std::abs(g[zs][t - 1] - (l[t] * sv - zv[t])));
  CHECK(worst < 1e-12);
}

// A tanh RNN cell h_{t+1} = tanh(W h_t + U x_t + b) over a sequence of 50, loss
// |h_50|^2 / 2, against backpropagation through time written out by hand.
TEST_CASE("scan tanh RNN cell over 50 steps against BPTT by hand") {
  constexpr std::size_t T = 50, H = 4, D = 3;
  constexpr auto W = tg::var<"W", tg::matrix<double, H, H>>;
  constexpr auto U = tg::var<"U", tg::matrix<double, H, D>>;
  constexpr auto bias = tg::var<"b", tg::vector<double, H>>;
  constexpr auto X = tg::var<"X", tg::matrix<double, T, D>>;
  constexpr auto st = tg::var<"h", tg::vector<double, H>>;
  constexpr auto x = tg::input<"x", tg::vector<double, D>>;
  constexpr auto s0 = tg::input<"s0", tg::vector<double, H>>;
  tg::nn::rng gen(11);
  tg::matrix<double, H, H> w{};
  tg::matrix<double, H, D> u{};
  tg::vector<double, H> bv{}, start{};
  tg::matrix<double, T, D> xv{};
  for (auto& e : w) e = gen.normal(0.0, 0.5);
  for (auto& e : u) e = gen.normal(0.0, 0.5);
  for (auto& e : bv) e = gen.normal(0.0, 0.1);
  for (auto& e : xv) e = gen.normal(0.0, 1.0);
  for (auto& e : start) e = gen.normal(0.0, 0.1);

  const auto last = tg::scan<T>(st, tg::tanh(tg::matmul(W, st) + tg::matmul(U, x) + bias), s0, tg::each(x, X));
  const auto loss = tg::c<1, 2> * tg::sum(last * last);
  const auto [v, g] = tg::value_and_grad(loss, tg::at(W = w, U = u, bias = bv, X = xv, s0 = start));

  std::array<tg::vector<double, H>, T + 1> hs{};
  hs[0] = start;
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t i = 0; i < H; ++i) {
      double zi = bv[i];
      for (std::size_t j = 0; j < H; ++j) zi += w(i, j) * hs[t][j];
      for (std::size_t j = 0; j < D; ++j) zi += u(i, j) * xv(t, j);
      hs[t + 1][i] = std::tanh(zi);
    }
  tg::matrix<double, H, H> dw{};
  tg::matrix<double, H, D> du{};
  tg::vector<double, H> db{}, delta = hs[T];
  tg::matrix<double, T, D> dx{};
  double value = 0;
  for (std::size_t i = 0; i < H; ++i) value += hs[T][i] * hs[T][i] / 2;
  for (std::size_t t = T; t-- > 0;) {
    tg::vector<double, H> dz{}, prev{};
    for (std::size_t i = 0; i < H; ++i) dz[i] = delta[i] * (1 - hs[t + 1][i] * hs[t + 1][i]);
    for (std::size_t i = 0; i < H; ++i) {
      db[i] += dz[i];
      for (std::size_t j = 0; j < H; ++j) dw(i, j) += dz[i] * hs[t][j], prev[j] += w(i, j) * dz[i];
      for (std::size_t j = 0; j < D; ++j) du(i, j) += dz[i] * xv(t, j), dx(t, j) += u(i, j) * dz[i];
    }
    delta = prev;
  }
  auto worst = [](const auto& got, const auto& want) {
    double m = 0;
    for (std::size_t i = 0; i < want.size(); ++i) m = std::max(m, std::abs(got[i] - want[i]));
    return m;
  };
  CHECK(near(v, value, 1e-14));
  CHECK(worst(g[W], dw) < 1e-14);
  CHECK(worst(g[U], du) < 1e-14);
  CHECK(worst(g[bias], db) < 1e-14);
  CHECK(worst(g[X], dx) < 1e-14);
}

TEST_CASE("fold sums and products of a per-step term") {
  constexpr std::size_t n = 25;
  constexpr auto m = tg::var<"m">;
  constexpr auto y = tg::input<"y">;
  constexpr auto ys = tg::input<"ys", tg::vector<double, n>>;
  tg::vector<double, n> data{};
  for (std::size_t t = 0; t < n; ++t) data[t] = std::sin(static_cast<double>(t));
  double sq = 0, dm = 0, prod = 1, frac = 0;
  for (std::size_t t = 0; t < n; ++t) {
    sq += (data[t] - 0.5) * (data[t] - 0.5);
    dm += -2 * (data[t] - 0.5);
    prod *= 1 + 0.5 * data[t];
    frac += data[t] / (1 + 0.5 * data[t]);
  }
  const auto [v, g] = tg::value_and_grad(tg::fold<n>((y - m) * (y - m), tg::each(y, ys)), tg::at(m = 0.5, ys = data));
  CHECK(near(v, sq, 1e-14));
  CHECK(near(g[m], dm, 1e-14));
  const auto [pv, pg] = tg::value_and_grad(tg::fold<n, tg::product_fold>(1 + m * y, tg::each(y, ys)), tg::at(m = 0.5, ys = data));
  CHECK(near(pv, prod, 1e-14));
  CHECK(near(pg[m], prod * frac, 1e-13));
  // The step number: sum_t a t = a n (n - 1) / 2.
  static_assert(tg::grad(tg::fold<10>(a * tg::step_index), tg::at(a = 2.0))[a] == 45.0);
  CHECK(tg::eval(tg::fold<10>(a * tg::step_index), tg::at(a = 2.0)) == 90.0);
}

template <std::size_t N>
using decay = decltype(tg::scan<N>(h, a * h + b, h0));

TEST_CASE("scan type does not grow with the number of steps") {
  // The same distinct nodes and the same object for 10 and 100,000 steps: the
  // step's type appears once; only the number N in the type differs.
  static_assert(tg::detail::topo_order<decay<10>>::size == tg::detail::topo_order<decay<100000>>::size);
  static_assert(tg::detail::topo_order<decay<10>>::size == 5);  // the step, h0, a, b, the scan
  static_assert(sizeof(decay<10>) == sizeof(decay<100000>));
  // Only the stored states grow: one per step.
  CHECK(sizeof(tg::workspace<decay<100000>>) >= 100000 * sizeof(double));
  auto ws = std::make_unique<tg::workspace<decay<100000>>>();
  const auto [v, g] = tg::value_and_grad(decay<100000>{}, tg::at(a = 0.5, b = 1.0, h0 = 0.0), tg::wrt(a, b), *ws);
  CHECK(near(v, 2.0));
  CHECK(near(g[b], 2.0));
}
}  // namespace

namespace {
TEST_CASE("scan operand used as init and inside the step") {
  // h_0 = a, h_{t+1} = a h_t: h_5 = a^6, d/da = 6 a^5; one slot receives both shares.
  const auto [v, g] = tg::value_and_grad(tg::scan<5>(h, a * h, a), tg::at(a = 1.5));
  CHECK(near(v, std::pow(1.5, 6)));
  CHECK(near(g[a], 6 * std::pow(1.5, 5)));
  static_assert(tg::grad(tg::scan<5>(h, a * h, a), tg::at(a = 2.0))[a] == 192.0);
}

TEST_CASE("scan nested in a scan and inside a larger expression") {
  // Each outer step adds fold<4>(a t) = 6a: h_3 = 18a; then sin of it.
  const auto f = tg::sin(tg::scan<3>(h, h + tg::fold<4>(a * tg::step_index), 0.0)) + a * a;
  const auto [v, g] = tg::value_and_grad(f, tg::at(a = 0.1));
  CHECK(near(v, std::sin(1.8) + 0.01));
  CHECK(near(g[a], 18 * std::cos(1.8) + 0.2, 1e-14));
  CHECK(tg::check_gradient(f, tg::at(a = 0.1)).ok);
}
}  // namespace
