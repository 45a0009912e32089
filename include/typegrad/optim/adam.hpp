// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Adam and AdamW, as torch.optim.Adam and torch.optim.AdamW
// (https://pytorch.org/docs/stable/generated/torch.optim.Adam.html, .../torch.optim.AdamW.html).
// Their algorithm, for each parameter θ with gradient g at its t-th update (t = 1, 2, ...):
//
//   Adam, L2 weight decay (coupled):  if λ ≠ 0: g ← g + λ θ
//   AdamW (decoupled weight decay):   θ ← θ − γ λ θ       (as torch: θ · (1 − γλ))
//   m ← β1 m + (1 − β1) g
//   v ← β2 v + (1 − β2) g²
//   m̂ ← m / (1 − β1^t),   v̂ ← v / (1 − β2^t)
//   θ ← θ − γ m̂ / (√v̂ + ε)
//
// computed element by element in the parameter's own scalar type in the order
// written, the hyperparameters and the bias corrections 1 − β^t (computed in
// double, as torch computes them in Python floats) converted to it. torch's kernels
// arrange the same arithmetic differently (m by lerp, the step as lr/(1 − β1^t) times
// m/(√v/√(1 − β2^t) + ε)), so results agree with torch to rounding. amsgrad and
// maximize are not offered. The moments m, v live in the optimizer, one parameter
// set of the same type each; t counts each parameter's own updates (torch's
// per-parameter state["step"]), so a frozen parameter starts at t = 1 when it first
// receives a gradient.

#include <typegrad/core/cmath.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/diff/reverse.hpp>
#include <typegrad/optim/common.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace typegrad::optim {

//! Adam's hyperparameters; the defaults are torch.optim.Adam's. decoupled = true
//! makes the weight decay AdamW's.
struct adam_options {
  double lr = 1e-3;          //!< γ
  double beta1 = 0.9;        //!< β1, in [0, 1)
  double beta2 = 0.999;      //!< β2, in [0, 1)
  double eps = 1e-8;         //!< ε
  double weight_decay = 0;   //!< λ
  bool decoupled = false;    //!< false: g += λθ (Adam); true: θ −= γλθ (AdamW)
  friend constexpr bool operator==(const adam_options&, const adam_options&) = default;
};

//! AdamW's hyperparameters; the defaults are torch.optim.AdamW's (weight decay 0.01).
struct adamw_options {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weight_decay = 1e-2;
  friend constexpr bool operator==(const adamw_options&, const adamw_options&) = default;
};

//! Adam over the parameters of type Params (a tg::nn::parameters<...>).
//! Rule: g += λθ (or θ −= γλθ if decoupled); m = β1m + (1−β1)g; v = β2v + (1−β2)g²;
//! θ −= γ (m/(1−β1^t)) / (√(v/(1−β2^t)) + ε).
//! Edge: parameters absent from the gradient (frozen) and their state are left untouched.
//! Example: `tg::optim::adam opt(p, {.lr = 1e-2});  opt.step(p, tg::grad(loss, join(p.bind(), data)));`
template <class Params>
class adam {
  static_assert(detail::is_parameter_set_v<Params>,
                "typegrad: optim::adam<Params>: Params must be a tg::nn::parameters<...>");

 public:
  using params_type = Params;
  using options_type = adam_options;

  //! An optimizer for parameters like p (p only gives the type); throws
  //! std::invalid_argument for hyperparameters torch rejects.
  constexpr explicit adam(const Params&, adam_options options = {}) : adam(options) {}
  constexpr explicit adam(adam_options options = {}) : options_(options) {
    detail::require(options.lr >= 0, "optim::adam", "the learning rate must be >= 0");
    detail::require(options.eps >= 0, "optim::adam", "eps must be >= 0");
    detail::require(options.beta1 >= 0 && options.beta1 < 1, "optim::adam", "beta1 must be in [0, 1)");
    detail::require(options.beta2 >= 0 && options.beta2 < 1, "optim::adam", "beta2 must be in [0, 1)");
    detail::require(options.weight_decay >= 0, "optim::adam", "the weight decay must be >= 0");
  }

  //! One update of every parameter that g holds a gradient for.
  template <class Targets, class Values>
  constexpr void step(Params& p, const gradient<Targets, Values>& g);

  //! The learning rate γ; set_lr for schedules (throws std::invalid_argument if < 0).
  constexpr double lr() const noexcept { return options_.lr; }
  constexpr void set_lr(double lr) {
    detail::require(lr >= 0, "optim::adam", "the learning rate must be >= 0");
    options_.lr = lr;
  }
  constexpr const adam_options& options() const noexcept { return options_; }

  //! The number of calls to step().
  constexpr std::uint64_t steps() const noexcept { return step_; }
  //! The number of updates parameter v has received (its t).
  template <Variable V>
  constexpr std::uint64_t steps(const V&) const noexcept {
    static_assert(Params::contains(V{}), "typegrad: optim::adam::steps(v): v is not one of the parameters");
    constexpr std::size_t i = detail::param_index_v<Params, V>;
    return param_steps_[i < Params::count ? i : 0];
  }
  //! The first and second moments m and v.
  constexpr const Params& m() const noexcept { return m_; }
  constexpr const Params& v() const noexcept { return v_; }

  //! f(name, value&) for each state entry, for checkpoints: "step" (std::uint64_t),
  //! then per parameter W "step.W" (std::uint64_t), "m.W" and "v.W" (W's type).
  template <class F>
  constexpr void for_each_state(F&& f) { for_each_state_of(*this, f); }
  template <class F>
  constexpr void for_each_state(F&& f) const { for_each_state_of(*this, f); }

  friend constexpr bool operator==(const adam&, const adam&) = default;

 private:
  template <class Self, class F>
  static constexpr void for_each_state_of(Self& self, F& f) {
    f(std::string_view("step"), self.step_);
    detail::for_each_indexed(self.m_, [&](auto var, auto& m, std::size_t k) {
      f(detail::state_name<"step", decltype(var)>(), self.param_steps_[k]);
      f(detail::state_name<"m", decltype(var)>(), m);
      f(detail::state_name<"v", decltype(var)>(), self.v_[var]);
    });
  }

  adam_options options_;
  std::uint64_t step_ = 0;
  std::array<std::uint64_t, Params::count> param_steps_{};
  Params m_{};
  Params v_{};
};

//! AdamW: Adam with decoupled weight decay (θ −= γλθ before the Adam step), as
//! torch.optim.AdamW; options() reports it as adam_options with decoupled = true.
//! Example: `tg::optim::adamw opt(p, {.lr = 1e-3, .weight_decay = 0.01});`
template <class Params>
class adamw : public adam<Params> {
 public:
  constexpr explicit adamw(const Params&, adamw_options options = {}) : adamw(options) {}
  constexpr explicit adamw(adamw_options o = {})
      : adam<Params>(adam_options{o.lr, o.beta1, o.beta2, o.eps, o.weight_decay, true}) {}
};

template <class Params>
template <class Targets, class Values>
constexpr void adam<Params>::step(Params& p, const gradient<Targets, Values>& g) {
  ++step_;
  detail::for_each_indexed(p, [&](auto var, auto& theta, std::size_t k) {
    using Var = decltype(var);
    if constexpr (detail::has_gradient<decltype(g), Var>) {
      using Value = std::remove_cvref_t<decltype(theta)>;
      using T = typegrad::detail::scalar_of_t<Value>;
      const auto& grad = g[var];
      detail::check_gradient_type<decltype(grad), Value>();
      auto& m = m_[var];
      auto& v = v_[var];
      const std::uint64_t t = ++param_steps_[k];
      const auto& o = options_;
      const T lr = static_cast<T>(o.lr), eps = static_cast<T>(o.eps), wd = static_cast<T>(o.weight_decay);
      const T b1 = static_cast<T>(o.beta1), one_minus_b1 = static_cast<T>(1 - o.beta1);
      const T b2 = static_cast<T>(o.beta2), one_minus_b2 = static_cast<T>(1 - o.beta2);
      const T decay = static_cast<T>(1 - o.lr * o.weight_decay);
      const T bc1 = static_cast<T>(1 - cmath::pow(o.beta1, static_cast<double>(t)));
      const T bc2 = static_cast<T>(1 - cmath::pow(o.beta2, static_cast<double>(t)));
      for (std::size_t i = 0; i < detail::numel<Value>; ++i) {
        T& th = detail::element(theta, i);
        T& mi = detail::element(m, i);
        T& vi = detail::element(v, i);
        T gi = detail::element(grad, i);
        if (o.weight_decay != 0) {
          if (o.decoupled) th = th * decay;
          else gi = gi + wd * th;
        }
        mi = b1 * mi + one_minus_b1 * gi;
        vi = b2 * vi + one_minus_b2 * gi * gi;
        const T m_hat = mi / bc1;
        const T v_hat = vi / bc2;
        th = th - lr * m_hat / (cmath::sqrt(v_hat) + eps);
      }
    }
  });
}

}  // namespace typegrad::optim
