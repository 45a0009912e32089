// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Differential checks of scalar expressions in any number of variables (op_laws.hpp's
// battery, generalised from x and y to the variables an expression contains): at each
// point, every mode of differentiation agrees with the others to rounding, and with
// high-order central differences. For an expression with variables x_1 .. x_n, and x_k, x_m
// two of them that go round with the expression's index:
//
//   value:     value_and_grad's == jvp's (== hessian's)
//   gradient:  reverse (value_and_grad) == forward (jvp along each axis) == symbolic (eval
//              of d(f, x_k)) (== the gradient of the Hessian's pass); a jvp along a random
//              direction == gradient . direction
//   Hessian:   (every full_every-th type) the block over (x_k, x_m) by hessian(), that is
//              forward-over-reverse: symmetric, and equal to the gradient of d(f, x_k) by
//              reverse mode (reverse-over-symbolic)
//   numbers:   the gradient == central differences of f; (the Hessian block and the
//              gradient of d(f, x_k) == central differences of the gradient); 4th-order
//              differences at steps h and h/2, Richardson-extrapolated to 6th order
//
// One symbolic derivative and a 2x2 Hessian block per type (rather than n and n x n) keep
// the compile time in check: each is another instantiation of the passes, and over the
// 512 types every variable and pair is covered. The template part only computes numbers;
// the comparisons, the bookkeeping and doctest's assertions are ordinary functions,
// compiled once per translation unit.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cxxabi.h>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <typeinfo>
#include <utility>
#include <vector>

#include "support/random_expr.hpp"

namespace typegrad::test::differential {

namespace tg = typegrad;
namespace rx = typegrad::test::random_expr;

inline constexpr std::size_t max_vars = 6;

//! The bounds of a comparison, for scalar type T: `modes` for two passes that differ
//! only by rounding, `fd` for a gradient against central differences of f, `hessian_fd`
//! for the Hessian against central differences of the gradient. Each error is
//! |a - b| / max(1, |a|, |b|).
struct tolerance {
  double modes, fd, hessian_fd;
};

//! double: the passes against each other and against central differences (Richardson-
//! extrapolated, 6th order). float: the passes against each other (`modes`) and against the
//! same expression in double at the same point (`fd`, for value and gradient). Measured over
//! the 512 double and 24 float types of test/random/ (TYPEGRAD_RANDOM_REPORT=1 prints the
//! worst errors per op): double modes 8.9e-16, gradient 1.4e-8, Hessian 2.4e-6; float modes
//! 3.0e-7, against double 1.5e-5. The bounds leave a margin of 8 to 1000.
template <class T>
constexpr tolerance default_tolerance() {
  if constexpr (std::is_same_v<T, float>)
    return {2e-5, 2e-4, 0};
  else
    return {1e-11, 1e-6, 2e-5};
}

//! The distance from the nearest kink (random_expr's guard) that a point must keep: an
//! order of magnitude beyond the reach of the finite-difference stencil (2h, h ~ 1e-3).
inline constexpr double kink_margin = 0.05;

//! What one point gives: every pass's numbers, in double. k and m are the two variables
//! of the Hessian block and k the variable of the symbolic derivative.
struct point_result {
  std::size_t n = 0, k = 0, m = 0;
  bool full = false;      // the Hessian block (and reverse-over-symbolic) were computed
  bool symbolic = false;  // the symbolic derivative was computed
  std::array<double, max_vars> x{};
  double value = 0, forward_value = 0, hessian_value = 0;
  std::array<double, max_vars> reverse{}, forward{}, fd{};
  double symbolic_k = 0, hessian_gradient_k = 0, hessian_gradient_m = 0;
  double jvp_random = 0, dot_random = 0, dot_abs_random = 0;
  double hessian[2][2]{};                              // over (x_k, x_m)
  std::array<double, max_vars> symbolic_row{};         // the gradient of d(f, x_k)
  std::array<double, max_vars> fd_column_k{}, fd_column_m{};  // d gradient / d x_k, x_m
};

//! The same expression in double at the same point (for a float expression).
struct reference {
  double value = 0;
  std::array<double, max_vars> gradient{};
};

// ---- the worst errors, per op ---------------------------------------------------------------

struct worst {
  double modes = 0, fd = 0, hessian_fd = 0;
};

//! Totals over every expression checked by this process, and the worst errors per op
//! (over the expressions that contain the op); printed at exit when the environment
//! variable TYPEGRAD_RANDOM_REPORT is set.
class ledger {
 public:
  long types = 0, points = 0, redrawn = 0;
  std::array<long, max_vars + 1> by_vars{};
  // Index 0: double, 1: float (where `fd` is the distance to the double expression).
  std::array<std::array<long, rx::op_count>, 2> op_types{};
  std::array<std::array<worst, rx::op_count>, 2> per_op{};
  std::array<worst, 2> overall{};
  std::array<long, 2> family_types{};

  void note(std::uint64_t ops, const worst& w, bool is_float) {
    const std::size_t f = is_float ? 1 : 0;
    for (int k = 0; k < rx::op_count; ++k) {
      if ((ops & rx::bit(k)) == 0) continue;
      ++op_types[f][static_cast<std::size_t>(k)];
      keep(per_op[f][static_cast<std::size_t>(k)], w);
    }
    keep(overall[f], w);
    ++family_types[f];
  }
  ~ledger() {
    if (std::getenv("TYPEGRAD_RANDOM_REPORT") == nullptr || types == 0) return;
    std::cout << "random expressions: " << types << " types (" << family_types[0] << " double, " << family_types[1]
              << " float), " << points << " points (" << redrawn << " more drawn too near a kink)\n"
              << "  by number of variables:";
    for (std::size_t k = 2; k <= max_vars; ++k) std::cout << ' ' << k << ": " << by_vars[k];
    std::cout << "\n  worst error per op, |a - b| / max(1, |a|, |b|), over the types containing it;\n"
              << "  double: modes against each other, gradient and Hessian against central differences;\n"
              << "  float: modes against each other, value and gradient against double\n  " << std::left
              << std::setw(22) << "op" << std::setw(7) << "types" << std::setw(12) << "modes" << std::setw(12)
              << "grad-fd" << std::setw(12) << "hess-fd" << std::setw(7) << "float" << std::setw(12) << "modes"
              << "vs double\n";
    auto row = [](std::string_view name, long td, const worst& d, long tf, const worst& f) {
      std::cout << "  " << std::setw(22) << name << std::setw(7) << td << std::setw(12) << d.modes << std::setw(12)
                << d.fd << std::setw(12) << d.hessian_fd << std::setw(7) << tf << std::setw(12) << f.modes << f.fd
                << '\n';
    };
    for (std::size_t k = 0; k < rx::op_count; ++k)
      row(rx::op_names[k], op_types[0][k], per_op[0][k], op_types[1][k], per_op[1][k]);
    row("all", family_types[0], overall[0], family_types[1], overall[1]);
  }

 private:
  static void keep(worst& into, const worst& w) {
    if (!(w.modes <= into.modes)) into.modes = w.modes;
    if (!(w.fd <= into.fd)) into.fd = w.fd;
    if (!(w.hessian_fd <= into.hessian_fd)) into.hessian_fd = w.hessian_fd;
  }
};

inline ledger& totals() {
  static ledger l;
  return l;
}

//! |a - b| / max(1, |a|, |b|); a NaN anywhere is an infinite error.
inline double rel_error(double a, double b) {
  if (std::isnan(a) || std::isnan(b)) return std::numeric_limits<double>::infinity();
  if (a == b) return 0;
  return std::fabs(a - b) / std::fmax(1.0, std::fmax(std::fabs(a), std::fabs(b)));
}

//! The comparisons of one point; returns the worst errors and CHECKs them against tol.
inline worst judge(const point_result& p, const tolerance& tol, bool with_fd, std::string_view expression) {
  worst w;
  auto modes = [&](double a, double b) { w.modes = std::fmax(w.modes, rel_error(a, b)); };
  auto fd = [&](double a, double b) { w.fd = std::fmax(w.fd, rel_error(a, b)); };
  auto hfd = [&](double a, double b) { w.hessian_fd = std::fmax(w.hessian_fd, rel_error(a, b)); };
  const std::size_t k = p.k, m = p.m;
  modes(p.value, p.forward_value);
  for (std::size_t i = 0; i < p.n; ++i) modes(p.reverse[i], p.forward[i]);
  if (p.symbolic) modes(p.reverse[k], p.symbolic_k);
  if (p.full) {
    modes(p.value, p.hessian_value);
    modes(p.reverse[k], p.hessian_gradient_k);
    modes(p.reverse[m], p.hessian_gradient_m);
    modes(p.hessian[0][1], p.hessian[1][0]);
  }
  if (p.full && p.symbolic) {
    modes(p.hessian[0][0], p.symbolic_row[k]);
    modes(p.hessian[0][1], p.symbolic_row[m]);
  }
  // The directional derivative sums n products: relative to the sum of their sizes.
  w.modes = std::fmax(w.modes, std::fabs(p.jvp_random - p.dot_random) / std::fmax(1.0, p.dot_abs_random));
  if (with_fd) {
    for (std::size_t i = 0; i < p.n; ++i) fd(p.reverse[i], p.fd[i]);
  }
  if (with_fd && p.full) {
    if (p.symbolic)
      for (std::size_t i = 0; i < p.n; ++i) hfd(p.symbolic_row[i], p.fd_column_k[i]);
    hfd(p.hessian[0][0], p.fd_column_k[k]);
    hfd(p.hessian[1][0], p.fd_column_k[m]);
    hfd(p.hessian[0][1], p.fd_column_m[k]);
    hfd(p.hessian[1][1], p.fd_column_m[m]);
  }
  if (!(w.modes <= tol.modes) || !(w.fd <= tol.fd || !with_fd) || !(w.hessian_fd <= tol.hessian_fd || !with_fd)) {
    std::ostringstream s;
    s << std::setprecision(17) << expression << " at";
    for (std::size_t i = 0; i < p.n; ++i) s << (i ? ", " : " ") << "v" << i + 1 << " = " << p.x[i];
    s << "\n  value " << p.value << " (forward " << p.forward_value << ", hessian " << p.hessian_value << ")";
    for (std::size_t i = 0; i < p.n; ++i)
      s << "\n  d/dv" << i + 1 << ": reverse " << p.reverse[i] << ", forward " << p.forward[i]
        << ", central differences " << p.fd[i] << "; d(d/dv" << k + 1 << ")/dv" << i + 1 << ": reverse-over-symbolic "
        << p.symbolic_row[i] << ", central differences " << p.fd_column_k[i];
    s << "\n  d/dv" << k + 1 << ": symbolic " << p.symbolic_k << ", hessian pass " << p.hessian_gradient_k
      << "; d/dv" << m + 1 << ": hessian pass " << p.hessian_gradient_m;
    s << "\n  hessian over (v" << k + 1 << ", v" << m + 1 << "): [[" << p.hessian[0][0] << ", " << p.hessian[0][1]
      << "], [" << p.hessian[1][0] << ", " << p.hessian[1][1] << "]], central differences [[" << p.fd_column_k[k]
      << ", " << p.fd_column_m[k] << "], [" << p.fd_column_k[m] << ", " << p.fd_column_m[m] << "]]";
    s << "\n  jvp along a random direction " << p.jvp_random << ", gradient . direction " << p.dot_random;
    INFO(s.str());
    CHECK(w.modes <= tol.modes);
    if (with_fd) {
      CHECK(w.fd <= tol.fd);
      CHECK(w.hessian_fd <= tol.hessian_fd);
    }
  }
  return w;
}

//! A float expression's passes against each other (judge, without central differences)
//! and its value and gradient against the double expression's.
inline worst judge_float(const point_result& p, const reference& d, const tolerance& tol) {
  worst w = judge(p, tol, false, "the float expression");
  double e = rel_error(p.value, d.value);
  for (std::size_t i = 0; i < p.n; ++i) e = std::fmax(e, rel_error(p.reverse[i], d.gradient[i]));
  w.fd = e;
  if (!(e <= tol.fd)) {
    std::ostringstream s;
    s << std::setprecision(9) << "at";
    for (std::size_t i = 0; i < p.n; ++i) s << (i ? ", " : " ") << "v" << i + 1 << " = " << p.x[i];
    s << "\n  value: float " << p.value << ", double " << d.value;
    for (std::size_t i = 0; i < p.n; ++i) s << "\n  d/dv" << i + 1 << ": float " << p.reverse[i] << ", double " << d.gradient[i];
    INFO(s.str());
    CHECK(e <= tol.fd);
  }
  return w;
}

// ---- the passes, for one expression type ------------------------------------------------------

//! A uniform number in [lo, hi) from a splitmix64 state (the same on every platform).
inline double uniform(std::uint64_t& state, double lo, double hi) {
  const std::uint64_t z = rx::mix(state++, 0);
  return lo + (hi - lo) * static_cast<double>(z >> 11) * 0x1.0p-53;
}

template <class Vars>
struct count;
template <class... V>
struct count<tg::wrt_t<V...>> : std::integral_constant<std::size_t, sizeof...(V)> {};

template <class T, class E, std::size_t K, std::size_t M, bool Full, class Vars, bool Symbolic = true,
          class Extra = void>
struct passes;

//! The passes over expression type E in T, for the variables V... of E; the symbolic
//! derivative and the Hessian block are along variables K and M (indices into V...). Full:
//! with the Hessian block; Symbolic: with d(f, x_k) (loops have none); Extra::bindings(),
//! unless Extra is void, binds the expression's inputs.
template <class T, class E, std::size_t K, std::size_t M, bool Full, class... V, bool Symbolic, class Extra>
struct passes<T, E, K, M, Full, tg::wrt_t<V...>, Symbolic, Extra> {
  static constexpr std::size_t n = sizeof...(V);
  using point = std::array<T, n>;
  using index = std::index_sequence_for<V...>;
  using Vk = std::tuple_element_t<K, std::tuple<V...>>;
  using Vm = std::tuple_element_t<M, std::tuple<V...>>;

  template <std::size_t... I>
  static auto bind(const point& p, std::index_sequence<I...>) {
    if constexpr (std::is_void_v<Extra>) return tg::at((V{} = p[I])...);
    else return tg::join(tg::at((V{} = p[I])...), Extra::bindings());
  }
  template <std::size_t... I>
  static auto along(const point& t, std::index_sequence<I...>) { return tg::along((V{} = t[I])...); }

  // The partial derivative along Vj from a gradient of Di, 0 when Di lacks Vj.
  template <class Di, class Vj, class R>
  static double grad_or_zero(const R& r) {
    if constexpr (tg::detail::contains<Di, Vj>::value) return static_cast<double>(r.grad[Vj{}]);
    else return 0.0;
  }

  //! Every pass at p; central differences with step h when h > 0.
  static point_result at_point(const E& f, const point& p, double h, std::uint64_t& rng) {
    point_result out;
    out.n = n;
    out.k = K;
    out.m = M;
    out.full = Full;
    out.symbolic = Symbolic;
    for (std::size_t i = 0; i < n; ++i) out.x[i] = static_cast<double>(p[i]);
    const auto b = bind(p, index{});
    const auto r = tg::value_and_grad(f, b);
    out.value = static_cast<double>(r.value);
    {
      std::size_t i = 0;
      ((out.reverse[i++] = static_cast<double>(r.grad[V{}])), ...);
    }
    for (std::size_t j = 0; j < n; ++j) {
      point e{};
      e[j] = T(1);
      const auto t = tg::jvp(f, b, along(e, index{}));
      out.forward[j] = static_cast<double>(t.tangent);
      out.forward_value = static_cast<double>(t.value);
    }
    {
      point dir{};
      for (auto& t : dir) t = static_cast<T>(uniform(rng, -1, 1));
      out.jvp_random = static_cast<double>(tg::jvp(f, b, along(dir, index{})).tangent);
      for (std::size_t i = 0; i < n; ++i) {
        const double term = out.reverse[i] * static_cast<double>(dir[i]);
        out.dot_random += term;
        out.dot_abs_random += std::fabs(term);
      }
    }
    // Forward-over-reverse: the Hessian block over (x_k, x_m).
    if constexpr (Full) {
    const auto H = tg::hessian(f, b, tg::wrt(Vk{}, Vm{}));
    out.hessian_value = static_cast<double>(H.value);
    out.hessian_gradient_k = static_cast<double>(H.gradient[0]);
    out.hessian_gradient_m = static_cast<double>(H.gradient[1]);
    out.hessian[0][0] = static_cast<double>(H(Vk{}, Vk{}));
    out.hessian[0][1] = static_cast<double>(H(Vk{}, Vm{}));
    out.hessian[1][0] = static_cast<double>(H(Vm{}, Vk{}));
    out.hessian[1][1] = static_cast<double>(H(Vm{}, Vm{}));
    }
    // Symbolic: d(f, x_k) evaluated, and its gradient by reverse mode (reverse-over-symbolic).
    if constexpr (Symbolic) {
      const auto dk = tg::d(f, Vk{});
      using Dk = std::remove_const_t<decltype(dk)>;
      if constexpr (!Full || std::is_same_v<tg::detail::variables_of<Dk>, tg::wrt_t<>>) {
        out.symbolic_k = static_cast<double>(tg::eval(dk, b));  // a constant: its gradient is 0
      } else {
        const auto rk = tg::value_and_grad(dk, b);
        out.symbolic_k = static_cast<double>(rk.value);
        std::size_t j = 0;
        ((out.symbolic_row[j++] = grad_or_zero<Dk, V>(rk)), ...);
      }
    }
    if (h > 0) {
      // Central differences of f (the gradient) and of the gradient (columns k and m of
      // the Hessian): D(s) = (-f(x+2s) + 8 f(x+s) - 8 f(x-s) + f(x-2s)) / 12s, 4th order,
      // at s = h and h/2, then Richardson's extrapolation (16 D(h/2) - D(h)) / 15, 6th order.
      constexpr double w[4] = {-1, 8, -8, 1};
      constexpr double off[4] = {2, 1, -1, -2};
      for (std::size_t j = 0; j < n; ++j) {
        const bool column = Full && (j == K || j == M);
        double df[2] = {0, 0};
        std::array<double, n> dg[2]{};
        for (int half = 0; half < 2; ++half) {
          const double step = (half ? h / 2 : h) * std::fmax(1.0, std::fabs(out.x[j]));
          for (int s = 0; s < 4; ++s) {
            point q = p;
            q[j] = static_cast<T>(out.x[j] + off[s] * step);
            const auto rq = tg::value_and_grad(f, bind(q, index{}));
            df[half] += w[s] * static_cast<double>(rq.value);
            if (column) {
              std::size_t i = 0;
              ((dg[half][i++] += w[s] * static_cast<double>(rq.grad[V{}])), ...);
            }
          }
          df[half] /= 12 * step;
          for (auto& v : dg[half]) v /= 12 * step;
        }
        out.fd[j] = (16 * df[1] - df[0]) / 15;
        for (std::size_t i = 0; i < n; ++i) {
          const double e = (16 * dg[1][i] - dg[0][i]) / 15;
          if (j == K) out.fd_column_k[i] = e;
          if (j == M) out.fd_column_m[i] = e;
        }
      }
    }
    return out;
  }
};

//! How many points each expression is checked at, and how often a point near a kink may
//! be drawn again before the expression counts as failed.
inline constexpr int points_per_expression = 6;
inline constexpr int max_redraws = 200;

//! Every full_every-th expression also gets the Hessian block and reverse-over-symbolic
//! (the passes that cost the most to compile); the others get the rest.
inline constexpr int full_every = 3;

//! What the driver knows of an expression type, without templates.
struct expression_info {
  std::string_view family;  // "double", "float"
  int index;
  std::uint64_t seed;
  std::uint64_t ops;
  std::size_t n;
  const char* mangled;  // typeid(E).name()
};

using coordinates = std::array<double, max_vars>;
using at_point_fn = point_result (*)(const coordinates& x, double h, std::uint64_t& rng);
using guard_fn = double (*)(const coordinates& x);
using reference_fn = reference (*)(const coordinates& x);

//! The expression's type, readable: the type is the expression (reproduce it with
//! random_expr::make<T, index, seed>() and print it with tg::to_string).
inline std::string type_name(const char* mangled) {
  int status = 0;
  char* s = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string r = status == 0 && s != nullptr ? s : mangled;
  std::free(s);  // NOLINT(cppcoreguidelines-no-malloc): __cxa_demangle's buffer
  return r;
}

//! Draws points, skips those within kink_margin of a kink (guard), and judges each
//! (central differences with step h when h > 0). The bookkeeping goes to totals().
inline void run_expression(const expression_info& e, at_point_fn at_point, guard_fn guard, const tolerance& tol,
                           double h, reference_fn in_double = nullptr) {
  const std::string where = "random_expr::make<" + std::string(e.family) + ", " + std::to_string(e.index) + ", " +
                            std::to_string(e.seed) + ">(), of type " + type_name(e.mangled);
  INFO(where);
  std::uint64_t rng = rx::mix(e.seed, 1000 + static_cast<std::uint64_t>(e.index));
  worst w;
  int accepted = 0, redrawn = 0;
  while (accepted < points_per_expression && redrawn <= max_redraws) {
    coordinates x{};
    for (std::size_t i = 0; i < e.n; ++i) {
      x[i] = uniform(rng, rx::variable_range.lo, rx::variable_range.hi);
      if (in_double != nullptr) x[i] = static_cast<double>(static_cast<float>(x[i]));  // one point for both
    }
    if (guard != nullptr && !(guard(x) > kink_margin)) {
      ++redrawn;
      continue;
    }
    const point_result r = at_point(x, h, rng);
    const worst pw = in_double != nullptr ? judge_float(r, in_double(x), tol) : judge(r, tol, h > 0, "the expression");
    w.modes = std::fmax(w.modes, pw.modes);
    w.fd = std::fmax(w.fd, pw.fd);
    w.hessian_fd = std::fmax(w.hessian_fd, pw.hessian_fd);
    ++accepted;
  }
  CHECK(accepted == points_per_expression);
  ledger& l = totals();
  ++l.types;
  l.points += accepted;
  l.redrawn += redrawn;
  ++l.by_vars[e.n];
  l.note(e.ops, w, in_double != nullptr);
}

//! Expression number Index of family Seed over T (random_expr::make), its passes and guard
//! as plain functions over coordinates.
template <class T, int Index, std::uint64_t Seed>
struct expression {
  static constexpr auto g = rx::make<T, Index, Seed>();
  using E = std::remove_const_t<decltype(g.e)>;
  using G = std::remove_const_t<decltype(g.guard)>;
  using Vars = tg::detail::variables_of<E>;
  static_assert(std::is_same_v<tg::detail::real_type_t<E>, T>, "a constant widened the expression's type");
  static_assert(rx::popcount(g.vars) >= 2, "a generated expression has fewer than 2 variables");
  // The variables of the symbolic derivative and the Hessian block go round with Index.
  static constexpr std::size_t n = count<Vars>::value, k = Index % n, m = (k + 1 + Index / n % (n - 1)) % n;
  static constexpr bool full = Index % full_every == 0;
  using P = passes<T, E, k, m, full, Vars>;

  static typename P::point point_of(const coordinates& x) {
    typename P::point p{};
    for (std::size_t i = 0; i < n; ++i) p[i] = static_cast<T>(x[i]);
    return p;
  }
  static point_result at_point(const coordinates& x, double h, std::uint64_t& rng) {
    return P::at_point(g.e, point_of(x), h, rng);
  }
  static double guard(const coordinates& x) {
    return static_cast<double>(tg::eval(g.guard, P::bind(point_of(x), typename P::index{})));
  }
  template <class R, class... V>
  static void gradient_into(const R& r, coordinates& out, tg::wrt_t<V...>) {
    std::size_t i = 0;
    ((out[i++] = static_cast<double>(r.grad[V{}])), ...);
  }
  //! Value and gradient of the same expression over double (by reverse mode).
  static reference in_double(const coordinates& x) {
    using D = expression<double, Index, Seed>;
    const auto r = tg::value_and_grad(D::g.e, D::P::bind(D::point_of(x), typename D::P::index{}));
    reference out{static_cast<double>(r.value), {}};
    D::gradient_into(r, out.gradient, typename D::Vars{});
    return out;
  }
  static expression_info info(std::string_view family) {
    return {family, Index, Seed, g.ops, n, typeid(E).name()};
  }
};

//! Checks expression Index of family Seed in double: every mode against the others and
//! against central differences.
template <int Index, std::uint64_t Seed>
void check_double() {
  using X = expression<double, Index, Seed>;
  guard_fn guard = nullptr;
  if constexpr (!std::is_same_v<typename X::G, rx::no_guard>) guard = &X::guard;
  run_expression(X::info("double"), &X::at_point, guard, default_tolerance<double>(), 0x1.0p-10);
}

template <std::uint64_t Seed, int First, int... I>
void check_doubles(std::integer_sequence<int, I...>) {
  (check_double<First + I, Seed>(), ...);
}

//! Checks expression Index of family Seed in float: every mode against the others, value
//! and gradient against the same expression in double.
template <int Index, std::uint64_t Seed>
void check_float() {
  using X = expression<float, Index, Seed>;
  guard_fn guard = nullptr;
  if constexpr (!std::is_same_v<typename X::G, rx::no_guard>) guard = &X::guard;
  run_expression(X::info("float"), &X::at_point, guard, default_tolerance<float>(), 0, &X::in_double);
}

template <std::uint64_t Seed, int First, int... I>
void check_floats(std::integer_sequence<int, I...>) {
  (check_float<First + I, Seed>(), ...);
}

// ---- blocks: one translation unit each ---------------------------------------------------

//! The family (seed) of the random scalar expressions, and the size of a block of them.
inline constexpr std::uint64_t family = 2026;
inline constexpr int block_size = 32;
//! Blocks built by default; TYPEGRAD_RANDOM_BLOCKS (CMake) builds fewer.
inline constexpr int all_blocks = 16;

//! Expressions Block * block_size .. + block_size - 1 of `family` in double; CHECKs the
//! number of expression types and points checked.
template <int Block>
void check_double_block() {
  ledger& l = totals();
  const long types = l.types, points = l.points;
  check_doubles<family, Block * block_size>(std::make_integer_sequence<int, block_size>{});
  const long checked = l.types - types, at = l.points - points;
  CHECK(checked == block_size);
  CHECK(at == long{block_size} * points_per_expression);
  MESSAGE("block ", Block, ": ", checked, " expression types in double, ", at, " points");
}

//! The first Count expressions of `family` in float, against the same expressions in double.
template <int Count>
void check_float_block() {
  ledger& l = totals();
  const long types = l.types, points = l.points;
  check_floats<family, 0>(std::make_integer_sequence<int, Count>{});
  const long checked = l.types - types, at = l.points - points;
  CHECK(checked == Count);
  CHECK(at == long{Count} * points_per_expression);
  MESSAGE(checked, " expression types in float, ", at, " points");
}

//! The types of every expression built into this executable, registered at start-up by
//! each block (register_block), so that one test can count the distinct ones.
inline std::vector<std::string>& registry() {
  static std::vector<std::string> names;
  return names;
}

template <class T, int First, int... I>
bool register_types(std::integer_sequence<int, I...>) {
  (registry().emplace_back(typeid(typename expression<T, First + I, family>::E).name()), ...);
  return true;
}

template <int Block>
bool register_double_block() {
  return register_types<double, Block * block_size>(std::make_integer_sequence<int, block_size>{});
}

template <int Count>
bool register_float_block() {
  return register_types<float, 0>(std::make_integer_sequence<int, Count>{});
}

}  // namespace typegrad::test::differential
