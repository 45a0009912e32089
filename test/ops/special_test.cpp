// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/special.hpp>

#include <support/op_laws.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <type_traits>

// erf and erfc. Claims written with BOTH hold at compile time (our constexpr math)
// and at run time (std:: math); NaN results are checked at run time only (clang
// rejects constant evaluations that produce a NaN).

namespace {

namespace tg = typegrad;
using tg::test::check_op_laws;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto xf = tg::var<"x", float>;
constexpr double qnan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();
constexpr double two_over_sqrt_pi = tg::constants::two_over_sqrt_pi.as<double>();

#define BOTH(...)              \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

// The derivative of f along v by each pass: reverse, forward, symbolic, and the
// reverse pass over dual numbers that the Hessian runs.
template <class F, class B, class V>
constexpr auto modes(const F& f, const B& at, const V& v) {
  using R = typename V::value_type;
  struct result {
    R reverse, forward, symbolic, hessian_pass;
  };
  const auto h = tg::hessian(f, at);
  return result{tg::grad(f, at)[v], tg::jvp(f, at, tg::along(v = R(1))).tangent, tg::eval(tg::d(f, v), at),
                h.gradient[decltype(h)::template index_of<V>()]};
}

//! Every pass gives exactly `expected` (a NaN expects NaN).
template <class F, class B, class V, class T>
constexpr bool all_modes_are(const F& f, const B& at, const V& v, T expected) {
  const auto m = modes(f, at, v);
  auto same = [&](auto got) { return tg::cmath::isnan(expected) ? tg::cmath::isnan(got) : got == expected; };
  return same(m.reverse) && same(m.forward) && same(m.symbolic) && same(m.hessian_pass);
}

//! Every pass agrees with `expected` to a relative tolerance.
template <class F, class B, class V, class T>
constexpr bool all_modes_near(const F& f, const B& at, const V& v, T expected, T rel) {
  const auto m = modes(f, at, v);
  auto near = [&](auto got) { return tg::cmath::abs(got - expected) <= rel * tg::cmath::abs(expected); };
  return near(m.reverse) && near(m.forward) && near(m.symbolic) && near(m.hessian_pass);
}

template <class T>
constexpr bool near(T got, T expected, T rel) {
  return tg::cmath::abs(got - expected) <= rel * tg::cmath::abs(expected);
}

constexpr double eps = 4e-16;  // two ulps of double, relative

TEST_CASE("special: erf known values and derivative") {
  BOTH(tg::eval(tg::erf(x), tg::at(x = 0.0)) == 0);
  BOTH(near(tg::eval(tg::erf(x), tg::at(x = 1.0)), 0.8427007929497149, eps));
  BOTH(near(tg::eval(tg::erf(x), tg::at(x = -0.5)), -0.5204998778130465, eps));
  BOTH(near(tg::eval(tg::erf(xf), tg::at(xf = 1.0f)), 0.84270079f, 2e-7f));
  BOTH(all_modes_are(tg::erf(x), tg::at(x = 0.0), x, two_over_sqrt_pi));
  BOTH(all_modes_near(tg::erf(x), tg::at(x = 1.0), x, 0.4151074974205947, eps));
  BOTH(all_modes_near(tg::erf(x), tg::at(x = -1.0), x, 0.4151074974205947, eps));
  BOTH(all_modes_near(tg::erf(xf), tg::at(xf = 0.0f), xf, 1.12837917f, 1e-7f));
  // erf'' = -2x erf'
  BOTH(near(tg::hessian(tg::erf(x), tg::at(x = 1.0))(x, x), -2 * 0.4151074974205947, eps));
  static_assert(std::is_same_v<decltype(tg::d(tg::erf(x), x)),
                               decltype(tg::constants::two_over_sqrt_pi * tg::exp(-(x * x)))>);
  check_op_laws(tg::erf(x), {{-2.5}, {-0.7}, {0.0}, {0.3}, {1.0}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::erf(x * y), {{-1.0, 0.5}, {0.5, 0.5}, {2.0, -0.75}}, 1e-12, 1e-6);
}

TEST_CASE("special: erf tails and infinities") {
  BOTH(tg::eval(tg::erf(x), tg::at(x = 30.0)) == 1);
  BOTH(tg::eval(tg::erf(x), tg::at(x = -inf)) == -1);
  BOTH(tg::eval(tg::erf(x), tg::at(x = inf)) == 1);
  BOTH(all_modes_are(tg::erf(x), tg::at(x = 30.0), x, 0.0));  // exp(-900) underflows
  // At +-inf the gradient is 0 in every pass, but the Hessian pass's second-order part
  // is -2x * erf'(x) = inf * 0 = NaN, which constant evaluation rejects: run time only.
  CHECK(all_modes_are(tg::erf(x), tg::at(x = inf), x, 0.0));
  CHECK(all_modes_are(tg::erf(x), tg::at(x = -inf), x, 0.0));
  CHECK(std::isnan(tg::hessian(tg::erf(x), tg::at(x = inf))(x, x)));
  BOTH(all_modes_are(tg::erf(xf), tg::at(xf = 12.0f), xf, 0.0f));
}

TEST_CASE("special: erfc known values derivative and accuracy in the tail") {
  BOTH(tg::eval(tg::erfc(x), tg::at(x = 0.0)) == 1);
  BOTH(near(tg::eval(tg::erfc(x), tg::at(x = 1.0)), 1 - 0.8427007929497149, 1e-15));
  // Where 1 - erf(x) is 0, erfc keeps its relative accuracy.
  BOTH(near(tg::eval(tg::erfc(x), tg::at(x = 10.0)), 2.088487583762545e-45, 1e-14));
  BOTH(tg::eval(1 - tg::erf(x), tg::at(x = 10.0)) == 0);
  BOTH(tg::eval(tg::erfc(x), tg::at(x = inf)) == 0);
  BOTH(tg::eval(tg::erfc(x), tg::at(x = -inf)) == 2);
  BOTH(all_modes_are(tg::erfc(x), tg::at(x = 0.0), x, -two_over_sqrt_pi));
  BOTH(all_modes_near(tg::erfc(x), tg::at(x = 1.0), x, -0.4151074974205947, eps));
  CHECK(all_modes_are(tg::erfc(x), tg::at(x = -inf), x, 0.0));  // run time: see erf at inf
  BOTH(all_modes_are(tg::erfc(xf), tg::at(xf = 0.0f), xf, -tg::constants::two_over_sqrt_pi.as<float>()));
  static_assert(std::is_same_v<decltype(tg::d(tg::erfc(x), x)),
                               decltype(-(tg::constants::two_over_sqrt_pi * tg::exp(-(x * x))))>);
  // erf + erfc = 1, and their derivatives cancel.
  BOTH(near(tg::eval(tg::erf(x) + tg::erfc(x), tg::at(x = 0.6)), 1.0, eps));
  BOTH(all_modes_are(tg::erf(x) + tg::erfc(x), tg::at(x = 0.6), x, 0.0));
  check_op_laws(tg::erfc(x), {{-2.5}, {-0.7}, {0.0}, {0.3}, {1.0}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::erfc(x - y * y), {{-1.0, 0.5}, {0.5, 0.5}, {2.0, -0.75}}, 1e-12, 1e-6);
}

TEST_CASE("special: erf and erfc propagate NaN") {
  CHECK(std::isnan(tg::eval(tg::erf(x), tg::at(x = qnan))));
  CHECK(std::isnan(tg::eval(tg::erfc(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::erf(x), tg::at(x = qnan), x, qnan));
  CHECK(all_modes_are(tg::erfc(x), tg::at(x = qnan), x, qnan));
}

}  // namespace
