// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// check_gradient: reverse mode beside central finite differences, one variable
// at a time. The comparison itself is constexpr (a gradient check can be a
// static_assert); only operator<< needs a stream. Calls that take the expression
// are qualified: argument-dependent lookup over a deep DAG-shaped expression type
// costs Clang 14 time exponential in its depth.

#include <typegrad/core/binding.hpp>
#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/real_type.hpp>
#include <typegrad/diff/eval.hpp>
#include <typegrad/diff/reverse.hpp>

#include <array>
#include <cstddef>
#include <limits>
#include <ostream>
#include <string_view>
#include <tuple>
#include <utility>

namespace typegrad {

//! Settings of check_gradient; 0 selects the default. `step` is the relative step
//! factor s in h = s * max(1, |x|) (default cbrt(eps)); `tolerance` bounds the
//! error of each derivative: |analytic - numeric| <= tolerance * max(1, |analytic|, |numeric|)
//! (default cbrt(eps)). eps is the machine epsilon of the expression's scalar type.
//! Example: `tg::check_gradient(f, tg::at(x = 1.0), {.step = 1e-4, .tolerance = 1e-6})`
struct gradient_check_options {
  double step = 0;
  double tolerance = 0;
};

//! One variable's line of a gradient check.
template <class R>
struct gradient_check_entry {
  std::string_view name;  //!< the variable's name
  R analytic{};           //!< reverse mode
  R numeric{};            //!< central difference (f(x + h) - f(x - h)) / (2h)
  R abs_error{};          //!< |analytic - numeric|
  R rel_error{};          //!< abs_error / max(|analytic|, |numeric|); 0 when both are 0
  R step{};               //!< h actually used: half the distance between the two points
  std::size_t index = 0;  //!< for a tensor variable: the flat index of its worst element
  bool ok = false;        //!< abs_error <= tolerance * max(1, |analytic|, |numeric|)
};

//! What check_gradient returns: one entry per variable (`r[x]`, or iterate
//! `r.entries`), the worst errors and whether every entry is within tolerance.
template <class R, class... T>
struct gradient_check {
  using entry_type = gradient_check_entry<R>;
  static constexpr std::size_t n = sizeof...(T);

  R value{};  //!< f at the point
  std::array<entry_type, n> entries{};
  R max_abs_error{};  //!< worst abs_error (NaN when any is NaN)
  R max_rel_error{};  //!< worst rel_error (NaN when any is NaN)
  R tolerance{};
  bool ok = false;  //!< every entry ok

  static constexpr std::size_t size() noexcept { return n; }

  template <Variable X>
  constexpr const entry_type& operator[](const X&) const {
    constexpr std::size_t i = index_of<X>();
    static_assert(detail::variable_is_in_wrt<typename X::name_chars, (i < n)>::value,
                  "typegrad: check_gradient(...)[v]: v is not among the checked variables; add it "
                  "to wrt(...)");
    return entries[i < n ? i : 0];
  }

 private:
  template <class X>
  static constexpr std::size_t index_of() {
    constexpr bool match[] = {false, TYPEGRAD_IS_SAME(X, T)...};
    std::size_t i = 1;
    while (i <= n && !match[i])
      ++i;
    return i - 1;
  }
};

//! Compare reverse mode with central finite differences for each target (default:
//! every variable of f). A tensor variable is checked element by element; its
//! entry reports the worst element (`index`). Step: h = cbrt(eps) * max(1, |x|), eps of the expression's
//! scalar type; the two points x ± h are rounded to the variable's type and the
//! quotient divides by their actual distance. The error of the central difference
//! is then about eps^(2/3) relative, far below the default tolerance cbrt(eps)
//! (6e-6 for double, 5e-3 for float). constexpr: usable in static_assert.
//! Example: `static_assert(tg::check_gradient(x*x*y, tg::at(x = 1.0, y = 2.0)).ok);`
template <Expression E, class... B, class... T>
  requires(sizeof...(T) > 0)  // so that `{}` selects the options overload
constexpr auto check_gradient(const E& f, const bindings<B...>& at, wrt_t<T...> targets,
                              gradient_check_options options = {});

template <Expression E, class... B>
constexpr auto check_gradient(const E& f, const bindings<B...>& at,
                              gradient_check_options options = {}) {
  return typegrad::check_gradient(f, at, detail::variables_of<E>{}, options);
}

//! A summary line (ok or FAILED, tolerance, worst errors), then one line per
//! variable: name, analytic, numeric, absolute and relative error.
template <class R, class... T>
std::ostream& operator<<(std::ostream& os, const gradient_check<R, T...>& r);

// ---- definitions ---------------------------------------------------------------------------

namespace detail {

// The finite difference of f along one number x of Leaf at `at`; `set(bindings, v)`
// places v there.
template <class R, class V, class E, class Bs, class Set>
constexpr gradient_check_entry<R> check_number(const E& f, const Bs& plus0, const V x, R analytic, R step_factor,
                                               const Set& set) {
  gradient_check_entry<R> e{};
  e.analytic = analytic;
  const R h =
      step_factor * (cmath::abs(static_cast<R>(x)) > R(1) ? cmath::abs(static_cast<R>(x)) : R(1));
  Bs plus = plus0, minus = plus0;
  const V xp = static_cast<V>(static_cast<R>(x) + h);
  const V xm = static_cast<V>(static_cast<R>(x) - h);
  set(plus, xp);
  const R fp = static_cast<R>(typegrad::eval(f, plus));
  set(minus, xm);
  const R fm = static_cast<R>(typegrad::eval(f, minus));
  set(minus, x);
  const R dist = static_cast<R>(xp) - static_cast<R>(xm);
  e.step = dist / R(2);
  e.numeric = (fp - fm) / dist;
  e.abs_error = cmath::abs(e.analytic - e.numeric);
  const R mag = cmath::abs(e.analytic) > cmath::abs(e.numeric) ? cmath::abs(e.analytic)
                                                               : cmath::abs(e.numeric);
  e.rel_error = mag == R(0) && e.abs_error == R(0) ? R(0) : e.abs_error / mag;
  return e;
}

template <class R>
constexpr bool within(const gradient_check_entry<R>& e, R tolerance) {
  const R a = cmath::abs(e.analytic), nu = cmath::abs(e.numeric);
  const R scale = a > nu ? (a > R(1) ? a : R(1)) : (nu > R(1) ? nu : R(1));
  return e.abs_error <= tolerance * scale;
}

// at with binding I replaced by a reference to *p.
template <std::size_t I, class Leaf, class T, class... Bi>
constexpr auto with_ref(const bindings<Bi...>& b, const T* p) {
  return [&]<std::size_t... J>(std::index_sequence<J...>) {
    auto one = [&]<std::size_t K>() {
      if constexpr (K == I) return binding<Leaf, ref<T>>{ref<T>{p}}; else return std::get<K>(b.items);
    };
    return typegrad::at(one.template operator()<J>()...);
  }(std::index_sequence_for<Bi...>{});
}

// The entry of Leaf, bound at index I: a number, or the worst element of a tensor
// (perturbed in a copy, so the caller's tensor is never written).
template <class R, class Leaf, std::size_t I, class E, class Bs, class G>
constexpr gradient_check_entry<R> check_one(const E& f, const Bs& at, const G& analytic, R step_factor, R tolerance) {
  using T = typename Leaf::value_type;
  if constexpr (!is_tensor_v<T>) {
    auto e = detail::check_number<R>(f, at, std::get<I>(at.items).value, static_cast<R>(analytic), step_factor,
                                     [](Bs& b, const T& v) { std::get<I>(b.items).value = v; });
    e.name = Leaf::name;
    e.ok = detail::within(e, tolerance);
    return e;
  } else {
    T copy = detail::deref(std::get<I>(at.items).value);
    const auto b = detail::with_ref<I, Leaf>(at, &copy);
    gradient_check_entry<R> worst{};
    for (std::size_t k = 0; k < T::size(); ++k) {
      auto e = detail::check_number<R>(f, b, copy[k], static_cast<R>(analytic[k]), step_factor,
                                       [&](auto&, const auto& v) { copy[k] = v; });
      e.index = k;
      e.ok = detail::within(e, tolerance);
      if (k == 0 || (worst.ok && !e.ok) || (worst.ok == e.ok && !(e.abs_error <= worst.abs_error))) worst = e;
    }
    worst.name = Leaf::name;
    return worst;
  }
}

// max that keeps a NaN once seen.
template <class R>
constexpr R worse(R acc, R e) {
  if (cmath::isnan(acc))
    return acc;
  return e <= acc ? acc : e;  // a NaN e is not <= acc
}

}  // namespace detail

template <Expression E, class... B, class... T>
  requires(sizeof...(T) > 0)  // so that `{}` selects the options overload
constexpr auto check_gradient(const E& f, const bindings<B...>& at, wrt_t<T...> targets,
                              gradient_check_options options) {
  static_assert(
      (detail::is_differentiable_leaf<typename T::name_chars, detail::is_var_v<T>>::value && ...),
      "typegrad: check_gradient(...): wrt(...) may name only variables (a let cannot be "
      "perturbed)");
  using R = detail::real_type_t<E>;
  constexpr R eps = std::numeric_limits<R>::epsilon();
  const R step = options.step != 0 ? static_cast<R>(options.step) : cmath::cbrt(eps);
  gradient_check<R, T...> r{};
  r.tolerance = options.tolerance != 0 ? static_cast<R>(options.tolerance) : cmath::cbrt(eps);
  const auto vg = typegrad::value_and_grad(f, at, targets);
  r.value = vg.value;
  r.ok = true;
  std::size_t k = 0;
  auto one = [&]<class Leaf>() {
    constexpr std::size_t i = bindings<B...>::template index_of<Leaf>();
    if constexpr (i < sizeof...(B)) {  // unbound: value_and_grad has named the variable
      auto& e = r.entries[k];
      e = detail::check_one<R, Leaf, i>(f, at, vg.grad[Leaf{}], step, r.tolerance);
      r.ok = r.ok && e.ok;
      r.max_abs_error = k == 0 ? e.abs_error : detail::worse(r.max_abs_error, e.abs_error);
      r.max_rel_error = k == 0 ? e.rel_error : detail::worse(r.max_rel_error, e.rel_error);
    }
    ++k;
  };
  (one.template operator()<T>(), ...);
  return r;
}

template <class R, class... T>
std::ostream& operator<<(std::ostream& os, const gradient_check<R, T...>& r) {
  os << "check_gradient: " << (r.ok ? "ok" : "FAILED") << " (tolerance " << r.tolerance
     << ", max abs error " << r.max_abs_error << ", max rel error " << r.max_rel_error << ")";
  for (const auto& e : r.entries) {
    os << "\n  " << e.name << ": analytic " << e.analytic << ", numeric " << e.numeric
       << ", abs error " << e.abs_error << ", rel error " << e.rel_error
       << (e.ok ? "" : "  <-- exceeds tolerance");
  }
  return os;
}

}  // namespace typegrad
