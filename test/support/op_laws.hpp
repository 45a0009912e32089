// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The battery every op passes (the "op laws"): at each point, reverse mode,
// forward mode, the symbolic derivative and central finite differences agree,
// and the Hessian is symmetric and equals the symbolic second derivatives.
// Expressions are over tg::var<"x"> and optionally tg::var<"y">.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <initializer_list>
#include <type_traits>
#include <utility>

namespace typegrad::test {

inline constexpr auto lx = var<"x">;
inline constexpr auto ly = var<"y">;

struct point {
  double x;
  double y = 0.0;
};

// |a - b| <= tol * max(1, |a|, |b|)
inline bool close(double a, double b, double tol) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b)) return a == b;
  const double scale = std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
  return std::fabs(a - b) <= tol * scale;
}

template <class E>
inline constexpr bool has_y = detail::contains<E, std::remove_cvref_t<decltype(ly)>>::value;

template <class E, class At>
double central_difference(const E& f, double px, double py, bool along_x, double h) {
  auto at_ = [&](double dx, double dy) {
    if constexpr (has_y<E>) return eval(f, at(lx = px + dx, ly = py + dy));
    else return eval(f, at(lx = px + dx));
  };
  // 4th-order central difference
  auto s = [&](double k) { return along_x ? at_(k * h, 0.0) : at_(0.0, k * h); };
  return (-s(2) + 8 * s(1) - 8 * s(-1) + s(-2)) / (12 * h);
}

//! Check the laws for f at every point. `rounding` bounds reverse/forward/
//! symbolic disagreement (they differ only by rounding); `fd` bounds the
//! distance to finite differences.
template <class E>
void check_op_laws(const E& f, std::initializer_list<point> points, double rounding = 1e-12,
                   double fd = 1e-6) {
  for (const point& p : points) {
    CAPTURE(p.x);
    CAPTURE(p.y);
    auto bound = [&] {
      if constexpr (has_y<E>) return at(lx = p.x, ly = p.y); else return at(lx = p.x);
    }();
    const auto r = value_and_grad(f, bound);
    CHECK(close(r.value, eval(f, bound), rounding));

    auto one_direction = [&](auto v, bool along_x) {
      const double rev = r.grad[v];
      const double fwd = jvp(f, bound, along(v = 1.0)).tangent;
      const double sym = eval(d(f, v), bound);
      const double h = 1e-3 * std::fmax(1.0, std::fabs(along_x ? p.x : p.y));
      const double num = central_difference<E, void>(f, p.x, p.y, along_x, h);
      CHECK(close(rev, fwd, rounding));
      CHECK(close(rev, sym, rounding));
      CHECK(close(rev, num, fd));
    };
    one_direction(lx, true);
    if constexpr (has_y<E>) one_direction(ly, false);

    const auto H = hessian(f, bound);
    CHECK(close(H(lx, lx), eval(d(d(f, lx), lx), bound), rounding * 10));
    if constexpr (has_y<E>) {
      CHECK(close(H(lx, ly), H(ly, lx), rounding * 10));
      CHECK(close(H(lx, ly), eval(d(d(f, lx), ly), bound), rounding * 10));
      CHECK(close(H(ly, ly), eval(d(d(f, ly), ly), bound), rounding * 10));
    }
  }
}

}  // namespace typegrad::test
