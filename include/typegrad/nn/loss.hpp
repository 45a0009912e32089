// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Losses as expression builders: each returns the scalar expression of the loss,
// the mean over all elements (as PyTorch's reduction='mean'), whose gradient the
// reverse pass computes with the rest of the network. Prediction and target must
// have the same shape: a silent broadcast ([B] against [B, 1] is [B, B]) would give a
// wrong loss, so it is a compile error showing both shapes.

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/operators.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/ops/abs_minmax.hpp>
#include <typegrad/ops/activation.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/compare.hpp>
#include <typegrad/ops/pow_sqrt.hpp>
#include <typegrad/tensor/index.hpp>
#include <typegrad/tensor/reduce.hpp>
#include <typegrad/tensor/softmax.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <type_traits>

namespace typegrad::nn {

namespace detail {

// Shown in the diagnostic: `loss_operands_must_have_the_same_shape<shape<4>, shape<4, 1>, false>`.
template <class Pred, class Target, bool Ok>
struct loss_operands_must_have_the_same_shape {
  static constexpr bool value = Ok;
};

template <class A, class B>
using same_shape_check = loss_operands_must_have_the_same_shape<
    typegrad::detail::shape_of_t<typegrad::detail::value_t<A>>,
    typegrad::detail::shape_of_t<typegrad::detail::value_t<B>>,
    std::is_same_v<typegrad::detail::shape_of_t<typegrad::detail::value_t<A>>,
                   typegrad::detail::shape_of_t<typegrad::detail::value_t<B>>>>;

// Shown in the diagnostic, e.g. for logits [4, 3] and labels [3]:
// `cross_entropy_wants_logits_batch_by_classes_and_labels_batch<shape<4, 3>, shape<3>, false>`.
template <class Logits, class Labels, bool Ok>
struct cross_entropy_wants_logits_batch_by_classes_and_labels_batch {
  static constexpr bool value = Ok;
};

template <class A, class L>
struct cross_entropy_operands {
  using SA = typegrad::detail::shape_of_t<typegrad::detail::value_t<A>>;
  using SL = typegrad::detail::shape_of_t<typegrad::detail::value_t<L>>;
  static constexpr bool shapes = [] {
    if constexpr (SA::rank == 2 && SL::rank == 1)
      return SA::dims[0] == SL::dims[0];
    else
      return false;
  }();
  using shape_check = cross_entropy_wants_logits_batch_by_classes_and_labels_batch<SA, SL, shapes>;
  static constexpr bool integer_labels =
      std::is_integral_v<typegrad::detail::scalar_of_t<typegrad::detail::value_t<L>>>;
};

// The mean of all elements; a scalar is its own mean.
template <class E>
constexpr auto mean_all(const E& e) {
  if constexpr (typegrad::detail::shape_of_t<typegrad::detail::value_t<E>>::rank == 0)
    return e;
  else
    return typegrad::mean(e);
}

}  // namespace detail

//! Mean squared error: mean((pred - target)²) over all elements (torch.nn.MSELoss).
//! Rule: d/dpred = 2 (pred - target) / n, n the number of elements.
//! Example: `tg::nn::mse(net::forward(X), T)`
template <Expression P, Expression T>
constexpr auto mse(const P& pred, const T& target) {
  static_assert(
      detail::same_shape_check<P, T>::value,
      "typegrad: nn::mse(pred, target): pred and target must have the same shape (both are "
      "shown in the condition)");
  return detail::mean_all(typegrad::square(pred - target));
}

//! Softmax cross-entropy from logits [Batch, Classes] and integer class labels [Batch]:
//! -mean over the batch of log_softmax(logits)[b, labels[b]] (torch.nn.CrossEntropyLoss).
//! Rule: d/dlogits = (softmax(logits) - onehot(labels)) / Batch.
//! Edge: finite for any finite logits (log_softmax subtracts each row's maximum): logits
//!   of ±1000 give losses such as 0 or 2000 and finite gradients. A label outside
//!   [0, Classes) throws std::out_of_range.
//! Example: `tg::nn::cross_entropy(net::forward(X), tg::input<"y", tg::vector<int, 32>>)`
template <Expression A, Expression L>
constexpr auto cross_entropy(const A& logits, const L& labels) {
  using check = detail::cross_entropy_operands<A, L>;
  static_assert(check::shape_check::value,
                "typegrad: nn::cross_entropy(logits, labels): logits must be a matrix [Batch, "
                "Classes] and labels a vector [Batch] (both shapes are shown in the condition)");
  static_assert(
      check::integer_labels,
      "typegrad: nn::cross_entropy(logits, labels): labels must be integer class indices");
  if constexpr (check::shapes && check::integer_labels)
    return -typegrad::mean(typegrad::pick(typegrad::log_softmax(logits), labels));
  else
    return logits;  // the mistake has been reported
}

//! Binary cross-entropy from logits z and targets t in [0, 1] (torch.nn.BCEWithLogitsLoss):
//! mean(max(z, 0) - z t + log(1 + exp(-|z|))) = mean(softplus(z) - z t), never overflowing.
//! Rule: d/dz = (sigmoid(z) - t) / n; d/dt = -z / n.
//! Edge: finite for any finite z: z = ±1000 give 1000 (for the wrong target) and
//!   gradients ±1/n.
//! Example: `tg::nn::binary_cross_entropy_with_logits(net::forward(X), T)`
template <Expression Z, Expression T>
constexpr auto binary_cross_entropy_with_logits(const Z& logits, const T& targets) {
  static_assert(
      detail::same_shape_check<Z, T>::value,
      "typegrad: nn::binary_cross_entropy_with_logits(logits, targets): logits and targets "
      "must have the same shape (both are shown in the condition)");
  return detail::mean_all(typegrad::softplus(logits) - logits * targets);
}

//! The Huber loss (torch.nn.HuberLoss): with d = pred - target, 0.5 d² where |d| < delta,
//! else delta (|d| - 0.5 delta); the mean over all elements. delta is a number, an
//! expression, or omitted (1, a compile-time constant).
//! Rule: d/dpred = clamp(d, -delta, delta) / n.
//! Edge: at |d| = delta both branches agree in value and derivative (delta · sign d).
//! Example: `tg::nn::huber(pred, T)`, `tg::nn::huber(pred, T, 0.5)`
template <Expression P, Expression T, class D = ct<1>>
  requires(Expression<D> || Arithmetic<D>)
constexpr auto huber(const P& pred, const T& target, const D& delta = D{}) {
  static_assert(
      detail::same_shape_check<P, T>::value,
      "typegrad: nn::huber(pred, target, delta): pred and target must have the same shape "
      "(both are shown in the condition)");
  const auto dl = typegrad::detail::as_operand<P>(delta);
  const auto d = pred - target;
  const auto ad = typegrad::abs(d);
  return detail::mean_all(
      typegrad::where(ad < dl, c<1, 2> * typegrad::square(d), dl * (ad - c<1, 2> * dl)));
}

//! The hinge (max-margin) loss of scores s and labels y in {-1, +1} (integers or
//! numbers of the scores' type): mean(relu(1 - y s)), as micrograd's classifier demo.
//! Rule: d/ds = -y / n where y s < 1, else 0.
//! Edge: at the margin (y s = 1) the derivative is 0 (relu'(0) = 0, as PyTorch).
//! Example: `tg::nn::hinge(tg::reshape<100>(net::forward(X)), y)`
template <Expression S, Expression Y>
constexpr auto hinge(const S& scores, const Y& labels) {
  static_assert(
      detail::same_shape_check<S, Y>::value,
      "typegrad: nn::hinge(scores, labels): scores and labels must have the same shape (both "
      "are shown in the condition)");
  return detail::mean_all(typegrad::relu(c<1> - labels * scores));
}

}  // namespace typegrad::nn
