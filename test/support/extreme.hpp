// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// What the robustness tests (test/robust/) share: one scalar expression in one variable,
// differentiated by every pass (eval, reverse, forward, symbolic, the Hessian's
// forward-over-reverse), each result compared with a reference computed in long double
// (64-bit significand, exponent range to 1e4932) and then rounded to the expression's type:
// a reference beyond the type's range is an infinity there, one below its subnormals is 0.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <sstream>
#include <string_view>
#include <type_traits>

namespace typegrad::test::extreme {

namespace tg = typegrad;
using real = long double;

template <class T>
inline constexpr T eps = std::numeric_limits<T>::epsilon();
template <class T>
inline constexpr T tiny = std::numeric_limits<T>::denorm_min();
template <class T>
inline constexpr T inf = std::numeric_limits<T>::infinity();
template <class T>
inline constexpr T nan = std::numeric_limits<T>::quiet_NaN();

//! got equals the reference ref rounded to T: NaN for NaN, the same infinity for a ref
//! beyond T's range, else within rel * |ref| + abs (abs in units of T's smallest
//! subnormal at least, so that results that underflow compare sensibly).
template <class T>
bool matches(T got, real ref, T rel, T abs = 0) {
  if (std::isnan(ref)) return std::isnan(got);
  const T r = static_cast<T>(ref);
  if (std::isinf(r)) return got == r;
  if (!std::isfinite(got)) return false;
  const real bound = static_cast<real>(rel) * std::fabs(static_cast<real>(r)) + static_cast<real>(abs) +
                     2 * static_cast<real>(tiny<T>);
  return std::fabs(static_cast<real>(got) - static_cast<real>(r)) <= bound;
}

//! Value and first derivative of f (over the variable v of type T) at p, by every pass.
template <class T>
struct all_passes {
  T eval, reverse_value, forward_value, hessian_value;
  T reverse, forward, symbolic, hessian_gradient;
};

template <class F, class V, class T>
all_passes<T> passes_at(const F& f, const V& v, T p) {
  const auto at = tg::at(v = p);
  const auto r = tg::value_and_grad(f, at);
  const auto j = tg::jvp(f, at, tg::along(v = T(1)));
  const auto h = tg::hessian(f, at);
  return {tg::eval(f, at), r.value, j.value, h.value, r.grad[v], j.tangent, static_cast<T>(tg::eval(tg::d(f, v), at)),
          h.gradient[0]};
}

//! Every pass's value and derivative of f at p against the references (value, derivative)
//! in long double: value within rel_value (relative) and derivative within rel_derivative
//! relative plus abs_derivative absolute.
template <class F, class V, class T>
void check_passes(std::string_view what, const F& f, const V& v, T p, real value, real derivative, T rel_value,
                  T rel_derivative, T abs_derivative = 0) {
  const all_passes<T> a = extreme::passes_at(f, v, p);
  std::ostringstream s;
  s.precision(std::numeric_limits<real>::max_digits10);
  s << what << " at " << p << ": reference value " << value << ", derivative " << derivative << "\n  eval "
    << a.eval << ", reverse " << a.reverse_value << ", forward " << a.forward_value << ", hessian " << a.hessian_value
    << "\n  derivative: reverse " << a.reverse << ", forward " << a.forward << ", symbolic " << a.symbolic
    << ", hessian pass " << a.hessian_gradient;
  INFO(s.str());
  CHECK(extreme::matches(a.eval, value, rel_value));
  CHECK(extreme::matches(a.reverse_value, value, rel_value));
  CHECK(extreme::matches(a.forward_value, value, rel_value));
  CHECK(extreme::matches(a.hessian_value, value, rel_value));
  CHECK(extreme::matches(a.reverse, derivative, rel_derivative, abs_derivative));
  CHECK(extreme::matches(a.forward, derivative, rel_derivative, abs_derivative));
  CHECK(extreme::matches(a.symbolic, derivative, rel_derivative, abs_derivative));
  CHECK(extreme::matches(a.hessian_gradient, derivative, rel_derivative, abs_derivative));
}

//! Every pass gives exactly `value` and `derivative` (NaN matching NaN, -0 matching 0); with
//! symbolic = false, every pass but the symbolic derivative.
template <class F, class V, class T>
void check_exact(std::string_view what, const F& f, const V& v, T p, T value, T derivative, bool symbolic = true) {
  const all_passes<T> a = extreme::passes_at(f, v, p);
  auto same = [](T got, T want) { return std::isnan(want) ? std::isnan(got) : got == want; };
  INFO(what, " at ", p, ": eval ", a.eval, ", reverse ", a.reverse_value, ", forward ", a.forward_value,
       ", hessian ", a.hessian_value, "; derivative: reverse ", a.reverse, ", forward ", a.forward, ", symbolic ",
       a.symbolic, ", hessian pass ", a.hessian_gradient);
  CHECK(same(a.eval, value));
  CHECK(same(a.reverse_value, value));
  CHECK(same(a.forward_value, value));
  CHECK(same(a.hessian_value, value));
  CHECK(same(a.reverse, derivative));
  CHECK(same(a.forward, derivative));
  if (symbolic) CHECK(same(a.symbolic, derivative));
  CHECK(same(a.hessian_gradient, derivative));
}

}  // namespace typegrad::test::extreme
