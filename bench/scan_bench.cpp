// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Loops: the value and gradient of long sequential computations written with tg::scan /
// tg::trajectory, beside the adjoint written by hand, in one binary.
//
//   oscillator/*   x_N of 2,000 explicit Euler steps of x'' = -k x - c x' (state (x, v)),
//                  gradient in (k, c): hand-written adjoint; scan storing every state;
//                  scan with checkpoint<50> and checkpoint<10> (the reverse pass recomputes
//                  the states between checkpoints: memory for time).
//   stochastic_volatility/N   the stochastic-volatility log density (ADBenchmark's model)
//                  over N steps, gradient in (phi, sigma, mu, z_0 .. z_{N-1}).
// Each typegrad case is checked against the hand-written one before it is timed.
#include <typegrad/typegrad.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace tg = typegrad;

namespace {

bool close(double a, double b) { return std::fabs(a - b) <= 1e-10 * std::fmax(1.0, std::fabs(b)); }

void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "scan_bench: %s disagrees with the hand-written gradient\n", what);
    std::exit(1);
  }
}

// ---- damped oscillator -----------------------------------------------------------------------
namespace osc {
constexpr std::size_t n = 2000;
constexpr double dt = 0.005;
using vec2 = tg::vector<double, 2>;
using mat2 = tg::matrix<double, 2, 2>;
constexpr auto s = tg::var<"s", vec2>;
constexpr auto k = tg::var<"k">;
constexpr auto c = tg::var<"c">;
constexpr auto E = tg::input<"E", mat2>;
constexpr auto K = tg::input<"K", mat2>;
constexpr auto C = tg::input<"C", mat2>;
constexpr auto s0 = tg::input<"s0", vec2>;
constexpr auto e0 = tg::input<"e0", vec2>;
constexpr auto step = s + tg::c<1, 200> * tg::matmul(E + k * K + c * C, s);
template <class Storage>
constexpr auto loss = tg::dot(tg::scan<n, Storage>(s, step, s0), e0);

struct result {
  double value, dk, dc;
};

// Forward storing the states, then the adjoint l_t = (I + dt M)^T l_{t+1}.
result by_hand(double kv, double cv) {
  static std::array<double, n + 1> xs, vs;
  xs[0] = 1, vs[0] = 0;
  for (std::size_t t = 0; t < n; ++t) {
    xs[t + 1] = xs[t] + dt * vs[t];
    vs[t + 1] = vs[t] + dt * (-kv * xs[t] - cv * vs[t]);
  }
  double lx = 1, lv = 0, dk = 0, dc = 0;
  for (std::size_t t = n; t-- > 0;) {
    dk -= lv * dt * xs[t];
    dc -= lv * dt * vs[t];
    const double nx = lx - dt * kv * lv;
    lv = dt * lx + lv - dt * cv * lv;
    lx = nx;
  }
  return {xs[n], dk, dc};
}

template <class Storage>
result with_typegrad(double kv, double cv) {
  using L = std::remove_cvref_t<decltype(loss<Storage>)>;
  static const auto ws = std::make_unique<tg::workspace<L>>();
  const mat2 e{0, 1, 0, 0}, kk{0, 0, -1, 0}, cc{0, 0, 0, -1};
  const vec2 start{1, 0}, pick{1, 0};
  const auto [v, g] = tg::value_and_grad(loss<Storage>, tg::at(k = kv, c = cv, E = e, K = kk, C = cc, s0 = start, e0 = pick),
                                         tg::wrt(k, c), *ws);
  return {v, g[k], g[c]};
}

template <class Storage>
void check(const char* what) {
  const result want = by_hand(4.0, 0.3), got = with_typegrad<Storage>(4.0, 0.3);
  require(close(got.value, want.value) && close(got.dk, want.dk) && close(got.dc, want.dc), what);
}
}  // namespace osc

double stiffness = 4.0;  // globals: nothing folds at compile time

void BM_oscillator_hand(benchmark::State& state) {
  for (auto _ : state) {
    auto r = osc::by_hand(stiffness, 0.3);
    benchmark::DoNotOptimize(r);
  }
}
template <class Storage>
void BM_oscillator_typegrad(benchmark::State& state) {
  osc::check<Storage>("oscillator");
  for (auto _ : state) {
    auto r = osc::with_typegrad<Storage>(stiffness, 0.3);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_oscillator_hand)->Name("oscillator/hand");
BENCHMARK(BM_oscillator_typegrad<tg::store_states>)->Name("oscillator/typegrad_scan");
BENCHMARK(BM_oscillator_typegrad<tg::checkpoint<50>>)->Name("oscillator/typegrad_scan_checkpoint50");
BENCHMARK(BM_oscillator_typegrad<tg::checkpoint<10>>)->Name("oscillator/typegrad_scan_checkpoint10");

// ---- stochastic volatility -------------------------------------------------------------------
namespace sv {
template <std::size_t N>
struct data {
  std::array<double, N> y{}, z{};
  data() {
    tg::nn::rng gen(N);
    for (auto& e : y) e = gen.normal(0.0, 1.0);
    for (auto& e : z) e = gen.normal(0.0, 1.0);
  }
};

struct scalars {
  double value, dphi, dsigma, dmu;
};

// log p = sum_t (-h_t/2 - y_t^2 exp(-h_t)/2 - z_t^2/2), h from z as in the model; the
// adjoint l_t = a_t + phi l_{t+1}.
template <std::size_t N>
scalars by_hand(const data<N>& d, double phi, double sigma, double mu, std::array<double, N>& dz) {
  static std::array<double, N> h, l;
  const double root = std::sqrt(1 - phi * phi);
  h[0] = mu + sigma * d.z[0] / root;
  for (std::size_t t = 1; t < N; ++t) h[t] = mu + phi * (h[t - 1] - mu) + sigma * d.z[t];
  double value = 0;
  for (std::size_t t = 0; t < N; ++t) {
    const double e = d.y[t] * d.y[t] * std::exp(-h[t]);
    value += -h[t] / 2 - e / 2 - d.z[t] * d.z[t] / 2;
    l[t] = -0.5 + e / 2;
  }
  for (std::size_t t = N - 1; t-- > 0;) l[t] += phi * l[t + 1];
  scalars r{value, l[0] * sigma * d.z[0] * phi / (root * root * root), l[0] * d.z[0] / root, l[0]};
  dz[0] = l[0] * sigma / root - d.z[0];
  for (std::size_t t = 1; t < N; ++t) {
    r.dmu += l[t] * (1 - phi);
    r.dphi += l[t] * (h[t - 1] - mu);
    r.dsigma += l[t] * d.z[t];
    dz[t] = l[t] * sigma - d.z[t];
  }
  return r;
}

constexpr auto phi = tg::var<"phi">;
constexpr auto sigma = tg::var<"sigma">;
constexpr auto mu = tg::var<"mu">;
constexpr auto z0 = tg::var<"z0">;
constexpr auto h = tg::var<"h">;
constexpr auto z = tg::input<"z">;
constexpr auto y0 = tg::input<"y0">;
constexpr auto half = tg::c<1, 2>;

template <std::size_t N>
struct model {
  using vec = tg::vector<double, N - 1>;
  static constexpr auto zs = tg::var<"zs", vec>;
  static constexpr auto ys = tg::input<"ys", vec>;
  static constexpr auto first = mu + sigma * z0 / tg::sqrt(1 - phi * phi);
  static constexpr auto hs = tg::trajectory<N - 1>(h, mu + phi * (h - mu) + sigma * z, first, tg::each(z, zs));
  static constexpr auto logp = -half * (first + y0 * y0 * tg::exp(-first)) +
                               tg::sum(-half * hs - half * ys * ys * tg::exp(-hs)) - half * z0 * z0 -
                               half * tg::sum(zs * zs);
  using L = std::remove_cvref_t<decltype(logp)>;

  vec zrest{}, yrest{};
  std::unique_ptr<tg::workspace<L>> ws = std::make_unique<tg::workspace<L>>();
  explicit model(const data<N>& d) {
    for (std::size_t t = 1; t < N; ++t) zrest[t - 1] = d.z[t], yrest[t - 1] = d.y[t];
  }
  auto run(const data<N>& d, double p, double s, double m) {
    return tg::value_and_grad(logp, tg::at(phi = p, sigma = s, mu = m, z0 = d.z[0], zs = zrest, y0 = d.y[0], ys = yrest),
                              tg::wrt(phi, sigma, mu, z0, zs), *ws);
  }
};
}  // namespace sv

template <std::size_t N>
void BM_sv_hand(benchmark::State& state) {
  const sv::data<N> d;
  std::array<double, N> dz{};
  for (auto _ : state) {
    auto r = sv::by_hand(d, 0.8, 0.4, -0.3 * stiffness / 4, dz);
    benchmark::DoNotOptimize(r);
    benchmark::DoNotOptimize(dz);
  }
}
template <std::size_t N>
void BM_sv_typegrad(benchmark::State& state) {
  const sv::data<N> d;
  sv::model<N> m(d);
  {
    std::array<double, N> dz{};
    const auto want = sv::by_hand(d, 0.8, 0.4, -0.3, dz);
    const auto [v, g] = m.run(d, 0.8, 0.4, -0.3);
    bool ok = close(v, want.value) && close(g[sv::phi], want.dphi) && close(g[sv::sigma], want.dsigma) &&
              close(g[sv::mu], want.dmu) && close(g[sv::z0], dz[0]);
    for (std::size_t t = 1; t < N; ++t) ok = ok && close(g[sv::model<N>::zs][t - 1], dz[t]);
    require(ok, "stochastic_volatility");
  }
  for (auto _ : state) {
    auto r = m.run(d, 0.8, 0.4, -0.3 * stiffness / 4);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_sv_hand<64>)->Name("stochastic_volatility/64/hand");
BENCHMARK(BM_sv_typegrad<64>)->Name("stochastic_volatility/64/typegrad");
BENCHMARK(BM_sv_hand<1024>)->Name("stochastic_volatility/1024/hand");
BENCHMARK(BM_sv_typegrad<1024>)->Name("stochastic_volatility/1024/typegrad");

}  // namespace
