// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Reductions over the whole tensor or along one axis (the axis disappears from the
// shape, as torch.sum(x, dim) without keepdim): sum, mean, max, logsumexp. Axis is
// a template argument; negative axes count from the end. The rules spread the
// adjoint back over the reduced axis with expand<Axis>(adjoint, like).

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/diagnostics.hpp>
#include <typegrad/core/fixed_string.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/compare.hpp>
#include <typegrad/ops/exp_log.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace typegrad {

template <int Axis> struct sum_op;
template <int Axis> struct mean_op;
template <int Axis> struct max_axis_op;
template <int Axis> struct logsumexp_op;
template <int Axis> struct expand_op;
template <int Axis> struct count_op;

namespace detail {

// "sum" for the whole tensor, "sum<1>" along axis 1: the name printing shows.
template <fixed_string Base, int Axis>
struct axis_name {
  static constexpr auto text = [] {
    std::array<char, Base.size() + 16> s{};
    std::size_t n = 0;
    for (char ch : Base.view()) s[n++] = ch;
    if (Axis != all_axes) {
      s[n++] = '<';
      int a = Axis < 0 ? -Axis : Axis;
      if (Axis < 0) s[n++] = '-';
      char digits[12]{};
      std::size_t d = 0;
      do { digits[d++] = static_cast<char>('0' + a % 10); a /= 10; } while (a > 0);
      while (d > 0) s[n++] = digits[--d];
      s[n++] = '>';
    }
    return std::pair{s, n};
  }();
  static constexpr std::string_view value{text.first.data(), text.second};
};

template <int Axis, class A>
constexpr void check_axis() {
  using S = shape_of_t<value_t<A>>;
  static_assert(axis_must_exist<S, Axis, (S::rank > 0 && axis_exists<S, Axis>())>::value,
                "typegrad: reduction: the axis does not exist in the operand's shape (or the operand "
                "is not a tensor)");
}

template <class T>
using sum_t = std::remove_cvref_t<decltype(std::declval<const T&>() + std::declval<const T&>())>;

// r[o, i] = f(acc over j of a[o, j, i]) for the reduction of A along Axis.
template <int Axis, class A, class Init, class Step, class Finish>
constexpr auto reduce_along(const A& a, Init init, Step step, Finish finish) {
  using S = shape_of_t<A>;
  using G = axis_geometry<S, Axis>;
  using E = std::remove_cvref_t<decltype(finish(init(a[0]), G::n))>;
  tensor_of_t<E, reduced_shape_t<S, Axis>> r{};
  for (std::size_t o = 0; o < G::outer; ++o)
    for (std::size_t i = 0; i < G::inner; ++i) {
      const std::size_t base = o * G::n * G::inner + i;
      auto acc = init(a[base]);
      for (std::size_t j = 1; j < G::n; ++j) acc = step(acc, a[base + j * G::inner]);
      detail::element_ref(r, o * G::inner + i) = finish(acc, G::n);
    }
  return r;
}

// The largest element of each slice, NaN if the slice holds one (as torch.max).
template <int Axis, class A>
constexpr auto slice_max(const A& a) {
  return detail::reduce_along<Axis>(
      a, [](const auto& x) { return x; },
      [](const auto& m, const auto& x) {
        return cmath::isnan(detail::primal(m)) || detail::primal(x) <= detail::primal(m) ? m : x;
      },
      [](const auto& m, std::size_t) { return m; });
}

template <class T>
constexpr auto real_value(const T& x) {
  if constexpr (is_dual_v<T>) return real_value(x.v); else return x;
}

template <class T>
constexpr T divide_by_count(const T& x, std::size_t n) {
  if constexpr (is_dual_v<T>) return {divide_by_count(x.v, n), divide_by_count(x.d, n)};
  else return x / static_cast<T>(n);
}

// The maximum of each slice as max_axis_op's value. Over dual numbers (forward mode) a tie
// gives the mean of the tied tangents, as the reverse rule splits the adjoint evenly among
// them (and the scalar max's partials of 1/2 do for two).
template <int Axis, class A>
constexpr auto slice_max_for_rule(const A& a) {
  using E = std::remove_cvref_t<decltype(a[0])>;
  if constexpr (!is_dual_v<E>) {
    return slice_max<Axis>(a);
  } else {
    struct acc { E m; decltype(E{}.d) tangents; std::size_t ties; };
    return detail::reduce_along<Axis>(
        a, [](const E& x) { return acc{x, x.d, 1}; },
        [](const acc& s, const E& x) {
          const auto m = real_value(s.m), v = real_value(x);
          if (cmath::isnan(m) || v < m) return s;
          if (v == m) return acc{s.m, s.tangents + x.d, s.ties + 1};
          return acc{x, x.d, 1};  // larger, or NaN
        },
        [](const acc& s, std::size_t) {
          return s.ties == 1 ? s.m : E{s.m.v, divide_by_count(s.tangents, s.ties)};
        });
  }
}

}  // namespace detail

//! The sum of all elements (Axis omitted) or along Axis.
//! Rule: da = adjoint repeated along the summed axis.
//! Example: `tg::sum(Y)` is a scalar; `tg::sum<0>(Y)` of a [2, 3] Y is [3]
template <int Axis = detail::all_axes, Expression A>
constexpr auto sum(const A& a) {
  detail::check_axis<Axis, A>();
  return typegrad::make_node<sum_op<Axis>>(a);
}

//! The mean of all elements or along Axis.
//! Rule: da = adjoint / n repeated along the axis (n elements per mean).
template <int Axis = detail::all_axes, Expression A>
constexpr auto mean(const A& a) {
  detail::check_axis<Axis, A>();
  return typegrad::make_node<mean_op<Axis>>(a);
}

//! The maximum along Axis (or of all elements with tg::max<tg::all>(a)).
//! Rule: the adjoint goes to the maximal elements; ties split it evenly (as the
//! scalar max). Edge: a NaN in a slice makes its maximum NaN.
//! Example: `tg::max<1>(Z)` is each row's largest entry
template <int Axis, Expression A>
constexpr auto max(const A& a) {
  detail::check_axis<Axis, A>();
  return typegrad::make_node<max_axis_op<Axis>>(a);
}

//! log Σ exp(a) over all elements or along Axis, computed as m + log Σ exp(a - m)
//! with m the maximum, so it never overflows for finite inputs.
//! Rule: da = adjoint * softmax(a) = adjoint * exp(a - result).
//! Edge: every element -inf gives -inf; an element +inf gives +inf.
//! Example: `tg::logsumexp(v)` of v = [1000, 1000] is 1000 + log 2
template <int Axis = detail::all_axes, Expression A>
constexpr auto logsumexp(const A& a) {
  detail::check_axis<Axis, A>();
  return typegrad::make_node<logsumexp_op<Axis>>(a);
}

//! Every axis at once, for tg::max<tg::all>(a).
inline constexpr int all = detail::all_axes;

namespace rules {
//! g repeated along Axis to the shape of `like` (rules only).
template <int Axis, class G, class L>
constexpr auto expand(const G& g, const L& like) { return typegrad::make_node<expand_op<Axis>>(g, like); }
//! The number of elements each reduction along Axis combines (rules only).
template <int Axis, class L>
constexpr auto count(const L& like) { return typegrad::make_node<count_op<Axis>>(like); }
}  // namespace rules

template <int Axis>
struct sum_op {
  static constexpr std::string_view name = detail::axis_name<"sum", Axis>::value;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) {
    return detail::reduce_along<Axis>(
        a, [](const auto& x) { return x; }, [](const auto& s, const auto& x) { return s + x; },
        [](const auto& s, std::size_t) { return s; });
  }
  static constexpr auto vjp() { return rule(rules::expand<Axis>(rules::adjoint, rules::a0)); }
};

template <int Axis>
struct mean_op {
  static constexpr std::string_view name = detail::axis_name<"mean", Axis>::value;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) {
    return detail::reduce_along<Axis>(
        a, [](const auto& x) { return x; }, [](const auto& s, const auto& x) { return s + x; },
        [](const auto& s, std::size_t n) {
          return detail::apply<div_op>(s, static_cast<detail::real_t<std::remove_cvref_t<decltype(s)>>>(n));
        });
  }
  static constexpr auto vjp() {
    return rule(rules::expand<Axis>(rules::adjoint / rules::count<Axis>(rules::a0), rules::a0));
  }
};

template <int Axis>
struct max_axis_op {
  static constexpr std::string_view name = detail::axis_name<"max", Axis>::value;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) { return detail::slice_max_for_rule<Axis>(a); }
  static constexpr auto vjp() {
    constexpr auto is_max = where(equal(rules::a0, rules::expand<Axis>(rules::result, rules::a0)), c<1>, c<0>);
    return rule(is_max * rules::expand<Axis>(rules::adjoint / make_node<sum_op<Axis>>(is_max), rules::a0));
  }
};

template <int Axis>
struct logsumexp_op {
  static constexpr std::string_view name = detail::axis_name<"logsumexp", Axis>::value;
  static constexpr notation form = notation::function;
  template <class A>
  static constexpr auto value(const A& a) {
    using S = detail::shape_of_t<A>;
    using G = detail::axis_geometry<S, Axis>;
    const auto m = detail::slice_max<Axis>(a);
    auto r = m;
    for (std::size_t o = 0; o < G::outer; ++o)
      for (std::size_t i = 0; i < G::inner; ++i) {
        const auto mi = detail::element(m, o * G::inner + i);
        // A slice whose maximum is infinite or NaN: the maximum is the answer.
        if (!cmath::isfinite(detail::primal(mi))) continue;
        const std::size_t base = o * G::n * G::inner + i;
        auto s = detail::apply<exp_op>(detail::apply<sub_op>(a[base], mi));
        for (std::size_t j = 1; j < G::n; ++j) s = s + detail::apply<exp_op>(detail::apply<sub_op>(a[base + j * G::inner], mi));
        detail::element_ref(r, o * G::inner + i) = detail::apply<add_op>(mi, detail::apply<log_op>(s));
      }
    return r;
  }
  static constexpr auto vjp() {
    return rule(rules::expand<Axis>(rules::adjoint, rules::a0) *
                exp(rules::a0 - rules::expand<Axis>(rules::result, rules::a0)));
  }
};

template <int Axis>
struct expand_op {
  static constexpr std::string_view name = detail::axis_name<"expand", Axis>::value;
  static constexpr notation form = notation::function;
  template <class G, class L>
  static constexpr auto value(const G& g, const L& like) {
    detail::tensor_of_t<detail::scalar_of_t<G>, detail::shape_of_t<L>> r{};
    value_into<false>(r, g, like);
    return r;
  }
  //! out = the value (Add: out += it), out of like's shape.
  template <bool Add, class Out, class G, class L>
  static constexpr void value_into(Out& out, const G& g, const L&) {
    using Geo = detail::axis_geometry<detail::shape_of_t<L>, Axis>;
    for (std::size_t o = 0; o < Geo::outer; ++o)
      for (std::size_t j = 0; j < Geo::n; ++j)
        for (std::size_t i = 0; i < Geo::inner; ++i) {
          auto& e = out[(o * Geo::n + j) * Geo::inner + i];
          if constexpr (Add) e += detail::element(g, o * Geo::inner + i);
          else e = detail::element(g, o * Geo::inner + i);
        }
  }
  static constexpr auto vjp() { return rule(make_node<sum_op<Axis>>(rules::adjoint), c<0>); }
};

template <int Axis>
struct count_op {
  static constexpr std::string_view name = detail::axis_name<"count", Axis>::value;
  static constexpr notation form = notation::function;
  static constexpr bool differentiable = false;
  template <class L>
  static constexpr auto value(const L&) {
    using R = detail::real_t<detail::scalar_of_t<L>>;
    return static_cast<R>(detail::axis_geometry<detail::shape_of_t<L>, Axis>::n);
  }
  static constexpr auto vjp() { return rule(c<0>); }
};

}  // namespace typegrad
