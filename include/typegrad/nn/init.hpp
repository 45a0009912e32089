// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Initialisation schemes, as torch.nn.init defines them, drawn from an nn::rng so
// that a seed fixes every value on every platform. Each scheme exists for one
// tensor and for a whole parameter set.
//
// Fans. A weight W of nn::dense has shape [In, Out] (the layer computes X·W + b), so
// fan_in = In = W's first dimension and fan_out = Out = its second: the same numbers
// that PyTorch takes from its [out_features, in_features] weight. The formulas:
//
//   xavier_uniform(gain)       U(-a, a),  a = gain * sqrt(6 / (fan_in + fan_out))
//   xavier_normal(gain)        N(0, s²),  s = gain * sqrt(2 / (fan_in + fan_out))
//   kaiming_uniform(a, mode)   U(-b, b),  b = gain * sqrt(3 / fan),  gain = sqrt(2 / (1 + a²))
//   kaiming_normal(a, mode)    N(0, s²),  s = gain / sqrt(fan)
//   uniform(lo, hi)            U(lo, hi)
//   normal(mean, stddev)       N(mean, stddev²)
//
// with fan = fan_in (mode fan::in, the default) or fan_out; a is the negative slope of
// the leaky relu that follows (0 for relu: He initialisation, gain sqrt 2).
//
// Order of draws: elements in row-major order; in a parameter set, the variables in
// their order. On a parameter set every weight (a matrix) gets the scheme and every
// other value (bias vectors, scalars) is set to zero, as nn::dense's biases start;
// to draw biases too, call the tensor form inside p.for_each(...). Values are drawn
// in double and rounded to the parameter's type, so a float model gets the rounded
// values of the double one.

#include <typegrad/core/cmath.hpp>
#include <typegrad/nn/parameters.hpp>
#include <typegrad/nn/random.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <type_traits>

namespace typegrad::nn::init {

//! Which fan kaiming_* scales by: fan::in keeps the forward pass's variance,
//! fan::out the backward pass's.
enum class fan { in, out };

// ---- one tensor ----------------------------------------------------------------------------

//! Every element uniform on [lo, hi). Any shape.
//! Example: `tg::nn::init::uniform(p[W], gen, -0.1, 0.1);`
template <class T, std::size_t... D>
constexpr void uniform(tensor<T, D...>& t, rng& gen, double lo, double hi);

//! Every element normal with the given mean and standard deviation. Any shape.
template <class T, std::size_t... D>
constexpr void normal(tensor<T, D...>& t, rng& gen, double mean, double stddev);

//! Glorot and Bengio (2010): U(-a, a), a = gain * sqrt(6 / (In + Out)), for W [In, Out].
//! Example: `tg::nn::init::xavier_uniform(p[W], gen);` (gain 5/3 suits tanh)
template <class T, std::size_t In, std::size_t Out>
constexpr void xavier_uniform(tensor<T, In, Out>& w, rng& gen, double gain = 1);

//! Glorot and Bengio (2010): N(0, s²), s = gain * sqrt(2 / (In + Out)), for W [In, Out].
template <class T, std::size_t In, std::size_t Out>
constexpr void xavier_normal(tensor<T, In, Out>& w, rng& gen, double gain = 1);

//! He et al. (2015): U(-b, b), b = sqrt(2 / (1 + a²)) * sqrt(3 / fan), fan = In (fan::in)
//! or Out (fan::out) for W [In, Out]; a = 0 suits relu.
template <class T, std::size_t In, std::size_t Out>
constexpr void kaiming_uniform(tensor<T, In, Out>& w, rng& gen, double a = 0, fan mode = fan::in);

//! He et al. (2015): N(0, s²), s = sqrt(2 / (1 + a²)) / sqrt(fan), fan as kaiming_uniform.
template <class T, std::size_t In, std::size_t Out>
constexpr void kaiming_normal(tensor<T, In, Out>& w, rng& gen, double a = 0, fan mode = fan::in);

//! The bounds and standard deviations above, for a weight [fan_in, fan_out].
constexpr double xavier_uniform_bound(std::size_t fan_in, std::size_t fan_out, double gain = 1);
constexpr double xavier_normal_std(std::size_t fan_in, std::size_t fan_out, double gain = 1);
constexpr double kaiming_uniform_bound(std::size_t fan, double a = 0);
constexpr double kaiming_normal_std(std::size_t fan, double a = 0);

// ---- a parameter set: weights get the scheme, biases zero ----------------------------------

//! Example: `tg::nn::rng gen(42);  tg::nn::init::xavier_uniform(p, gen);`
template <class... Var>
constexpr void xavier_uniform(parameter_set<Var...>& p, rng& gen, double gain = 1);
template <class... Var>
constexpr void xavier_normal(parameter_set<Var...>& p, rng& gen, double gain = 1);
template <class... Var>
constexpr void kaiming_uniform(parameter_set<Var...>& p, rng& gen, double a = 0,
                               fan mode = fan::in);
template <class... Var>
constexpr void kaiming_normal(parameter_set<Var...>& p, rng& gen, double a = 0, fan mode = fan::in);
template <class... Var>
constexpr void uniform(parameter_set<Var...>& p, rng& gen, double lo, double hi);
template <class... Var>
constexpr void normal(parameter_set<Var...>& p, rng& gen, double mean, double stddev);

// ---- definitions ---------------------------------------------------------------------------

constexpr double xavier_uniform_bound(std::size_t fan_in, std::size_t fan_out, double gain) {
  return gain * cmath::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
}
constexpr double xavier_normal_std(std::size_t fan_in, std::size_t fan_out, double gain) {
  return gain * cmath::sqrt(2.0 / static_cast<double>(fan_in + fan_out));
}
namespace detail {
// torch.nn.init.calculate_gain('leaky_relu', a). a² apart from the sum, so that no
// compiler fuses 1 + a*a into one rounding (see nn/random.hpp).
constexpr double leaky_relu_gain(double a) {
  const double a2 = a * a;
  return cmath::sqrt(2.0 / (1 + a2));
}
}  // namespace detail

constexpr double kaiming_uniform_bound(std::size_t fan, double a) {
  return detail::leaky_relu_gain(a) * cmath::sqrt(3.0 / static_cast<double>(fan));
}
constexpr double kaiming_normal_std(std::size_t fan, double a) {
  return detail::leaky_relu_gain(a) / cmath::sqrt(static_cast<double>(fan));
}

template <class T, std::size_t... D>
constexpr void uniform(tensor<T, D...>& t, rng& gen, double lo, double hi) {
  for (auto& e : t)
    e = static_cast<T>(gen.uniform(lo, hi));
}

template <class T, std::size_t... D>
constexpr void normal(tensor<T, D...>& t, rng& gen, double mean, double stddev) {
  for (auto& e : t)
    e = static_cast<T>(gen.normal(mean, stddev));
}

template <class T, std::size_t In, std::size_t Out>
constexpr void xavier_uniform(tensor<T, In, Out>& w, rng& gen, double gain) {
  const double a = xavier_uniform_bound(In, Out, gain);
  init::uniform(w, gen, -a, a);
}

template <class T, std::size_t In, std::size_t Out>
constexpr void xavier_normal(tensor<T, In, Out>& w, rng& gen, double gain) {
  init::normal(w, gen, 0.0, xavier_normal_std(In, Out, gain));
}

template <class T, std::size_t In, std::size_t Out>
constexpr void kaiming_uniform(tensor<T, In, Out>& w, rng& gen, double a, fan mode) {
  const double b = kaiming_uniform_bound(mode == fan::in ? In : Out, a);
  init::uniform(w, gen, -b, b);
}

template <class T, std::size_t In, std::size_t Out>
constexpr void kaiming_normal(tensor<T, In, Out>& w, rng& gen, double a, fan mode) {
  init::normal(w, gen, 0.0, kaiming_normal_std(mode == fan::in ? In : Out, a));
}

namespace detail {

template <class V>
inline constexpr bool is_weight_v = false;
template <class T, std::size_t In, std::size_t Out>
inline constexpr bool is_weight_v<tensor<T, In, Out>> = true;

// scheme(w) on every matrix, zero on everything else.
template <class... Var, class Scheme>
constexpr void weights_then_zero_biases(parameter_set<Var...>& p, const Scheme& scheme) {
  static_assert(
      ((typegrad::detail::shape_of_t<typename Var::value_type>::rank <= 2) && ...),
      "typegrad: nn::init on a parameter set: every parameter must be a matrix (a weight) "
      "or a vector or number (a bias); initialise others with the tensor forms");
  p.for_each([&](auto, auto& v) {
    if constexpr (is_weight_v<std::remove_cvref_t<decltype(v)>>)
      scheme(v);
    else
      v = std::remove_cvref_t<decltype(v)>{};
  });
}

}  // namespace detail

template <class... Var>
constexpr void xavier_uniform(parameter_set<Var...>& p, rng& gen, double gain) {
  detail::weights_then_zero_biases(p, [&](auto& w) { init::xavier_uniform(w, gen, gain); });
}
template <class... Var>
constexpr void xavier_normal(parameter_set<Var...>& p, rng& gen, double gain) {
  detail::weights_then_zero_biases(p, [&](auto& w) { init::xavier_normal(w, gen, gain); });
}
template <class... Var>
constexpr void kaiming_uniform(parameter_set<Var...>& p, rng& gen, double a, fan mode) {
  detail::weights_then_zero_biases(p, [&](auto& w) { init::kaiming_uniform(w, gen, a, mode); });
}
template <class... Var>
constexpr void kaiming_normal(parameter_set<Var...>& p, rng& gen, double a, fan mode) {
  detail::weights_then_zero_biases(p, [&](auto& w) { init::kaiming_normal(w, gen, a, mode); });
}
template <class... Var>
constexpr void uniform(parameter_set<Var...>& p, rng& gen, double lo, double hi) {
  detail::weights_then_zero_biases(p, [&](auto& w) { init::uniform(w, gen, lo, hi); });
}
template <class... Var>
constexpr void normal(parameter_set<Var...>& p, rng& gen, double mean, double stddev) {
  detail::weights_then_zero_biases(p, [&](auto& w) { init::normal(w, gen, mean, stddev); });
}

}  // namespace typegrad::nn::init
