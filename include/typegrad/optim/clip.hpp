// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Gradient clipping, as torch.nn.utils.clip_grad_norm_ and clip_grad_value_:
// by the total L2 norm of all the gradients together, or element by element.
// Both change the gradient object in place (one that owns its values: tg::grad
// and value_and_grad without a caller's workspace).

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/workspace.hpp>
#include <typegrad/diff/reverse.hpp>
#include <typegrad/optim/common.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <type_traits>

namespace typegrad::optim {

namespace detail {

template <class Values> struct gradient_scalar;
template <class... V>
struct gradient_scalar<typegrad::detail::slots<V...>> {
  using type = std::common_type_t<double, typegrad::detail::scalar_of_t<typegrad::detail::deref_t<V>>...>;
};
template <class... V>
  requires(sizeof...(V) > 0)
struct gradient_scalar<typegrad::detail::slots<V...>>
    : std::common_type<typegrad::detail::scalar_of_t<typegrad::detail::deref_t<V>>...> {};

}  // namespace detail

//! Scales all of g together so that their total L2 norm is at most max_norm, and
//! returns the total norm before clipping (in the gradients' scalar type: float
//! if all are float).
//! Rule: n = √(Σ over every element of every gradient of g²); if n > max_norm,
//! every element is multiplied by max_norm / (n + 1e-6).
//! Edge: a gradient within the limit is unchanged, bit for bit; n = +inf scales by 0
//! (inf elements become NaN); a NaN n leaves g unchanged. (torch scales by
//! min(1, max_norm / (n + 1e-6)), which differs only for max_norm − 1e-6 < n ≤ max_norm,
//! and fills g with NaN for a NaN n.)
//! Example: `auto g = tg::grad(loss, p.bind());  double n = tg::optim::clip_grad_norm(g, 1.0);`
template <class Targets, class Values>
constexpr auto clip_grad_norm(gradient<Targets, Values>& g, double max_norm) {
  using R = typename detail::gradient_scalar<Values>::type;
  {
    R sum = 0;
    g.for_each([&](auto, auto& value) {
      using Value = std::remove_cvref_t<decltype(value)>;
      for (std::size_t i = 0; i < detail::numel<Value>; ++i) {
        const R e = detail::element(value, i);
        sum += e * e;
      }
    });
    const R norm = cmath::sqrt(sum);
    if (norm > static_cast<R>(max_norm)) {
      const R coef = static_cast<R>(max_norm) / (norm + static_cast<R>(1e-6));
      g.for_each([&](auto, auto& value) {
        using Value = std::remove_cvref_t<decltype(value)>;
        using T = typegrad::detail::scalar_of_t<Value>;
        for (std::size_t i = 0; i < detail::numel<Value>; ++i) {
          T& e = detail::element(value, i);
          e = static_cast<T>(e * coef);
        }
      });
    }
    return norm;
  }
}

//! Clamps every element of every gradient in g to [−clip, clip].
//! Edge: NaN elements stay NaN.
//! Example: `tg::optim::clip_grad_value(g, 0.5);`
template <class Targets, class Values>
constexpr void clip_grad_value(gradient<Targets, Values>& g, double clip) {
  {
    g.for_each([&](auto, auto& value) {
      using Value = std::remove_cvref_t<decltype(value)>;
      using T = typegrad::detail::scalar_of_t<Value>;
      const T hi = static_cast<T>(clip), lo = -hi;
      for (std::size_t i = 0; i < detail::numel<Value>; ++i) {
        T& e = detail::element(value, i);
        if (e < lo) e = lo;
        else if (e > hi) e = hi;
      }
    });
  }
}

}  // namespace typegrad::optim
