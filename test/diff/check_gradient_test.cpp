// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/check_gradient.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

// check_gradient: reverse mode against central differences, per variable; at
// compile time and at run time; printable.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;
constexpr auto xf = tg::var<"xf", float>;
constexpr auto X = tg::input<"X">;

constexpr double eps = std::numeric_limits<double>::epsilon();

constexpr auto f_xy = x * x * y + y * y * y;

// An op with a deliberately wrong rule (d/da a^2 = a instead of 2a): what a
// gradient check is for.
struct bad_square_op {
  [[maybe_unused]] static constexpr std::string_view name = "bad_square";
  [[maybe_unused]] static constexpr tg::notation form = tg::notation::function;
  template <class A>
  static constexpr A value(const A& a) {
    return a * a;
  }
  static constexpr auto partials() { return tg::rule(tg::rules::a0); }
};
template <tg::Expression E>
constexpr auto bad_square(const E& e) {
  return tg::make_node<bad_square_op>(e);
}

// ---- at compile time -----------------------------------------------------------------------
static_assert(tg::check_gradient(f_xy, tg::at(x = 1.5, y = -2.0)).ok);
static_assert(tg::check_gradient(f_xy, tg::at(x = 1.5, y = -2.0)).size() == 2);
static_assert(tg::check_gradient(f_xy, tg::at(x = 1.5, y = -2.0))[x].analytic == -6.0);
static_assert(tg::check_gradient(f_xy, tg::at(x = 1.5, y = -2.0))[y].name == "y");
static_assert(tg::check_gradient(f_xy, tg::at(x = 1.5, y = -2.0)).max_rel_error < 1e-9);
static_assert(tg::check_gradient(x * x + 2 * x + 1, tg::at(x = 3.0)).entries[0].analytic == 8.0);
static_assert(tg::check_gradient((x + y) / (x - y), tg::at(x = 3.0, y = 1.0), tg::wrt(y)).ok);
static_assert(!tg::check_gradient(bad_square(x) + y, tg::at(x = 3.0, y = 1.0)).ok);
static_assert(tg::check_gradient(bad_square(x) + y, tg::at(x = 3.0, y = 1.0))[y].ok);
static_assert(tg::check_gradient(tg::exp(x) * tg::sin(y), tg::at(x = 0.5, y = 1.0)).ok);

TEST_CASE("check_gradient: small errors for correct expressions") {
  for (double px : {-3.0, -0.5, 0.0, 1.0, 2.5, 100.0}) {
    for (double py : {-2.0, 0.25, 7.0}) {
      CAPTURE(px);
      CAPTURE(py);
      const auto r = tg::check_gradient(f_xy, tg::at(x = px, y = py));
      CHECK(r.ok);
      CHECK(r.max_rel_error < 1e-8);
      const auto q = tg::check_gradient((x + 2 * y) / (x * x + y * y + 1) - y / (x + 10),
                                        tg::at(x = px, y = py));
      CHECK(q.ok);
      CHECK(q.max_rel_error < 1e-7);
    }
  }
  const auto t = tg::check_gradient(tg::exp(x * y) + tg::log(x * x + y * y) * tg::cos(x),
                                    tg::at(x = 0.7, y = -1.2));
  CHECK(t.ok);
  CHECK(t.max_rel_error < 1e-8);
}

TEST_CASE("check_gradient: the fields are consistent") {
  const auto at = tg::at(x = 3.0, y = -2.0);
  const auto r = tg::check_gradient(f_xy, at);
  const auto g = tg::grad(f_xy, at);
  CHECK(r.value == tg::eval(f_xy, at));
  CHECK(r.tolerance == doctest::Approx(std::cbrt(eps)));
  CHECK(r.entries[0].name == "x");
  CHECK(r.entries[1].name == "y");
  CHECK(r[x].analytic == g[x]);  // reverse mode, unchanged
  CHECK(r[y].analytic == g[y]);
  double worst_abs = 0, worst_rel = 0;
  for (const auto& e : r.entries) {
    CAPTURE(e.name);
    CHECK(e.abs_error == std::fabs(e.analytic - e.numeric));
    CHECK(e.rel_error == e.abs_error / std::max(std::fabs(e.analytic), std::fabs(e.numeric)));
    CHECK(e.numeric == doctest::Approx(e.analytic).epsilon(1e-8));
    CHECK(e.ok);
    worst_abs = std::max(worst_abs, e.abs_error);
    worst_rel = std::max(worst_rel, e.rel_error);
  }
  CHECK(r.max_abs_error == worst_abs);
  CHECK(r.max_rel_error == worst_rel);
  // h = cbrt(eps) * max(1, |x|): 3 cbrt(eps) at x = 3, 2 cbrt(eps) at y = -2, cbrt(eps) at 0.25.
  CHECK(r[x].step == doctest::Approx(3 * std::cbrt(eps)).epsilon(1e-6));
  CHECK(r[y].step == doctest::Approx(2 * std::cbrt(eps)).epsilon(1e-6));
  CHECK(tg::check_gradient(x * x, tg::at(x = 0.25))[x].step
        == doctest::Approx(std::cbrt(eps)).epsilon(1e-6));
  // A linear function: central differences are exact up to rounding.
  const auto lin = tg::check_gradient(3 * x - 2 * y, tg::at(x = 1.0, y = 1.0));
  CHECK(lin.max_abs_error < 1e-9);
  // Zero gradient: relative error 0 when both are 0.
  const auto flat = tg::check_gradient(x * y, tg::at(x = 0.0, y = 0.0));
  CHECK(flat[x].analytic == 0.0);
  CHECK(flat[x].numeric == 0.0);
  CHECK(flat[x].rel_error == 0.0);
  CHECK(flat.ok);
}

TEST_CASE("check_gradient: wrt restricts the checked variables") {
  const auto r = tg::check_gradient(x * y * z, tg::at(x = 1.0, y = 2.0, z = 3.0), tg::wrt(z, x));
  static_assert(decltype(r)::size() == 2);
  CHECK(r.entries[0].name == "z");
  CHECK(r.entries[1].name == "x");
  CHECK(r[z].analytic == 2.0);
  CHECK(r[x].analytic == 6.0);
  CHECK(r.ok);
  // Inputs are never checked; lets are not perturbable, so the default is the variables.
  const auto s = tg::check_gradient(X * tg::let<"h">(x * x), tg::at(x = 2.0, X = 3.0));
  static_assert(decltype(s)::size() == 1);
  CHECK(s[x].analytic == 12.0);
  CHECK(s.ok);
}

TEST_CASE("check_gradient: a wrong derivative rule is reported") {
  const auto r = tg::check_gradient(bad_square(x) * y, tg::at(x = 3.0, y = 2.0));
  CHECK_FALSE(r.ok);
  CHECK_FALSE(r[x].ok);
  CHECK(r[y].ok);
  CHECK(r[x].analytic == 6.0);  // a * y: half the truth
  CHECK(r[x].numeric == doctest::Approx(12.0).epsilon(1e-8));
  CHECK(r[x].abs_error == doctest::Approx(6.0).epsilon(1e-8));
  CHECK(r[x].rel_error == doctest::Approx(0.5).epsilon(1e-8));
  CHECK(r.max_rel_error == r[x].rel_error);
  std::ostringstream os;
  os << r;
  CHECK(os.str().find("FAILED") != std::string::npos);
  CHECK(os.str().find("exceeds tolerance") != std::string::npos);
}

TEST_CASE("check_gradient: options set the step and the tolerance") {
  const auto at = tg::at(x = 1.5, y = -2.0);
  const auto strict = tg::check_gradient(f_xy, at, {.tolerance = 1e-14});
  CHECK(strict.tolerance == 1e-14);
  CHECK_FALSE(strict.ok);  // finite differences are not that accurate
  const auto coarse = tg::check_gradient(f_xy, at, {.step = 1e-2});
  CHECK(coarse[x].step == doctest::Approx(1.5e-2));
  CHECK(coarse.max_rel_error > tg::check_gradient(f_xy, at).max_rel_error);
  CHECK(coarse.max_rel_error < 1e-3);  // truncation error h^2 f'''/6
  const auto both = tg::check_gradient(f_xy, at, tg::wrt(y), {.step = 1e-4, .tolerance = 1e-6});
  CHECK(both.ok);
  CHECK(both.tolerance == 1e-6);
}

TEST_CASE("check_gradient: float expressions") {
  const auto r = tg::check_gradient(xf * xf * xf / (xf + 1), tg::at(xf = 2.0f));
  static_assert(std::is_same_v<decltype(r.max_abs_error), float>);
  CHECK(r.ok);
  CHECK(r.tolerance == doctest::Approx(std::cbrt(std::numeric_limits<float>::epsilon())));
  CHECK(r[xf].rel_error < 1e-3f);
  // Mixed float and double computes in double, and so does the check.
  const auto m = tg::check_gradient(xf * x * x, tg::at(xf = 0.5f, x = 3.0));
  static_assert(std::is_same_v<decltype(m.max_abs_error), double>);
  CHECK(m.ok);
  CHECK(m[xf].rel_error < 1e-8);
}

TEST_CASE("check_gradient: a NaN derivative fails") {
  double zero = 0.0;
  const auto r = tg::check_gradient(x / y, tg::at(x = zero, y = zero));
  CHECK_FALSE(r.ok);
  CHECK(std::isnan(r.max_abs_error));
}

TEST_CASE("check_gradient: prints one line per variable") {
  const auto r = tg::check_gradient(f_xy, tg::at(x = 1.5, y = -2.0));
  std::ostringstream os;
  os << r;
  const std::string s = os.str();
  CAPTURE(s);
  CHECK(s.rfind("check_gradient: ok", 0) == 0);
  CHECK(std::count(s.begin(), s.end(), '\n') == 2);  // a summary, then x and y
  CHECK(s.find("\n  x: analytic -6, numeric ") != std::string::npos);
  CHECK(s.find("\n  y: analytic 14.25, numeric ") != std::string::npos);
  CHECK(s.find("abs error") != std::string::npos);
  CHECK(s.find("rel error") != std::string::npos);
  CHECK(s.find("FAILED") == std::string::npos);
}

}  // namespace
