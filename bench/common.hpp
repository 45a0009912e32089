// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What every bench/*_bench.cpp shares: input points the compiler cannot see
// through, the check that an implementation agrees with the hand-written one
// before anything is timed, and the timing loop itself.
//
// An implementation is a function object `value_grad2 operator()(double x, double y) const`
// (one-variable functions ignore y and return dy = 0). Giving each implementation
// its own type keeps every call inlined into its own benchmark function, so the
// timed loop of `BM_f<f::by_hand>` and `BM_f<f::with_typegrad>` can be compared
// instruction by instruction (objdump -d -C build/bench/bench/scalar_bench).

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace typegrad_bench {

struct point2 {
  double x;
  double y;
};

//! A value and its gradient in (x, y): what every implementation returns.
struct value_grad2 {
  double value;
  double dx;
  double dy;
};

inline constexpr std::size_t n_points = 64;  // a power of two: the index wraps with a mask

//! n_points deterministic points spread over [lo, hi)^2 (a fixed linear congruential
//! sequence, so runs compare).
inline std::array<point2, n_points> make_points(double lo, double hi) {
  std::uint64_t state = 0x9e3779b97f4a7c15u;
  auto next = [&] {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1.0p-53;
  };
  std::array<point2, n_points> points{};
  for (point2& p : points) {
    p.x = next();
    p.y = next();
  }
  return points;
}

// Mutable globals filled at start-up: the compiler knows nothing about their
// contents, so nothing is folded at compile time.
inline std::array<point2, n_points> points_wide = make_points(-2.0, 2.0);
inline std::array<point2, n_points> points_unit = make_points(0.25, 1.25);

//! |a - b| <= tol * max(1, |a|, |b|): relative error, absolute near zero.
inline bool close(double a, double b, double tol) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b))
    return a == b;
  const double scale = std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
  return std::fabs(a - b) <= tol * scale;
}

//! Abort the whole binary (so the CTest smoke run fails) unless `impl` agrees with
//! `reference` to a relative 1e-12 in value and gradient at every point.
template <class Reference, class Impl>
void check_against(const char* what, const std::array<point2, n_points>& points,
                   Reference reference, Impl impl) {
  constexpr double tol = 1e-12;
  for (const point2& p : points) {
    const value_grad2 want = reference(p.x, p.y);
    const value_grad2 got = impl(p.x, p.y);
    if (!close(got.value, want.value, tol) || !close(got.dx, want.dx, tol)
        || !close(got.dy, want.dy, tol)) {
      std::fprintf(stderr,
                   "%s: disagrees with the hand-written derivative at (x, y) = (%.17g, %.17g):\n"
                   "  value %.17g, expected %.17g\n  d/dx  %.17g, expected %.17g\n"
                   "  d/dy  %.17g, expected %.17g\n",
                   what, p.x, p.y, got.value, want.value, got.dx, want.dx, got.dy, want.dy);
      std::abort();
    }
  }
}

//! Keep all three results alive without forcing them through memory twice.
inline void keep(value_grad2 r) {
  benchmark::DoNotOptimize(r.value);
  benchmark::DoNotOptimize(r.dx);
  benchmark::DoNotOptimize(r.dy);
}

//! The timed loop: one evaluation per iteration, at the next of the points.
template <class Impl>
void time_over(benchmark::State& state, const std::array<point2, n_points>& points, Impl impl) {
  std::size_t i = 0;
  for (auto _ : state) {
    const point2 p = points[i++ & (n_points - 1)];
    keep(impl(p.x, p.y));
  }
}

}  // namespace typegrad_bench
