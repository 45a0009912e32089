// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Activations of nn::dense as tag types: `nn::dense<16, 16, nn::tanh>`. Each tag's
// apply(e) returns the expression of the activation applied elementwise to e; its
// derivative is that of the ops it is built from (ops/activation.hpp and friends).
// The tags are types, not functions, so that a layer's type names its activation.

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/ops/activation.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/ops/hyperbolic.hpp>
#include <typegrad/ops/special.hpp>

#include <string_view>

namespace typegrad::nn {

//! No activation: apply(e) is e. The default of nn::dense (a linear layer).
struct identity {
  static constexpr std::string_view name = "identity";
  template <Expression E>
  static constexpr E apply(const E& e) {
    return e;
  }
};

//! max(e, 0), elementwise.
//! Rule: d/de = 1 where e > 0, else 0. Edge: relu'(0) = 0 (as PyTorch).
struct relu {
  static constexpr std::string_view name = "relu";
  template <Expression E>
  static constexpr auto apply(const E& e) {
    return typegrad::relu(e);
  }
};

//! e for e > 0, 0.01 e otherwise (torch.nn.LeakyReLU's default slope).
//! Rule: d/de = 1 where e > 0, else 0.01. Edge: the derivative at 0 is 0.01 (as PyTorch).
struct leaky_relu {
  static constexpr std::string_view name = "leaky_relu";
  template <Expression E>
  static constexpr auto apply(const E& e) {
    return typegrad::leaky_relu(e);
  }
};

//! tanh(e), elementwise.
//! Rule: d/de = 1 - tanh(e)².
struct tanh {
  static constexpr std::string_view name = "tanh";
  template <Expression E>
  static constexpr auto apply(const E& e) {
    return typegrad::tanh(e);
  }
};

//! 1 / (1 + exp(-e)), elementwise, computed without overflow.
//! Rule: d/de = sigmoid(e) (1 - sigmoid(e)).
struct sigmoid {
  static constexpr std::string_view name = "sigmoid";
  template <Expression E>
  static constexpr auto apply(const E& e) {
    return typegrad::sigmoid(e);
  }
};

namespace detail {
// 1/sqrt(2) (M_SQRT1_2) as a compile-time constant. Here rather than in nn::constants,
// which would hide typegrad::constants from code in namespace nn.
struct inv_sqrt2_tag {
  static constexpr std::string_view name = "1/sqrt(2)";
  static constexpr long double value = 0.707106781186547524400844362104849039L;
};
inline constexpr named_constant<inv_sqrt2_tag> inv_sqrt2{};
}  // namespace detail

//! The Gaussian error linear unit in its exact form, e Φ(e) with Φ the standard
//! normal distribution function, written as PyTorch's default (approximate='none')
//! computes it: e * 0.5 * (1 + erf(e * 1/sqrt(2))).
//! Rule: d/de = Φ(e) + e φ(e), from the ops the expression is built of.
//! Edge: 1 + erf(...) loses its relative precision for e below about -5 and rounds to 0
//!   below about -8.4 (double), giving gelu = -0 there: as PyTorch's formula does.
struct gelu {
  static constexpr std::string_view name = "gelu";
  template <Expression E>
  static constexpr auto apply(const E& e) {
    return e * c<1, 2> * (c<1> + typegrad::erf(e * detail::inv_sqrt2));
  }
};

}  // namespace typegrad::nn
