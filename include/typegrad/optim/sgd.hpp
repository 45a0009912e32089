// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Stochastic gradient descent with momentum, dampening, Nesterov momentum and L2
// weight decay, as torch.optim.SGD (https://pytorch.org/docs/stable/generated/torch.optim.SGD.html).
// Its algorithm, for each parameter θ with gradient g at its t-th update:
//
//   if λ ≠ 0:  g ← g + λ θ                           (weight_decay λ)
//   if μ ≠ 0:  b ← g                  at t = 1        (momentum μ, dampening τ)
//              b ← μ b + (1 − τ) g    at t > 1
//              g ← g + μ b  if nesterov, else g ← b
//   θ ← θ − γ g                                       (lr γ)
//
// computed element by element in the parameter's own scalar type (the
// hyperparameters converted to it once), in the order written. The momentum
// buffers b live in the optimizer, one parameter set of the same type; t counts
// each parameter's own updates, so a parameter that was frozen (absent from the
// gradient) starts its momentum afresh when it first receives a gradient, as in torch.

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

//! SGD's hyperparameters; the defaults are torch.optim.SGD's.
struct sgd_options {
  double lr = 1e-3;            //!< γ
  double momentum = 0;         //!< μ (0: no momentum)
  double dampening = 0;        //!< τ
  bool nesterov = false;       //!< needs momentum > 0 and dampening == 0
  double weight_decay = 0;     //!< λ, L2 penalty added to the gradient
  friend constexpr bool operator==(const sgd_options&, const sgd_options&) = default;
};

//! SGD over the parameters of type Params (a tg::nn::parameters<...>).
//! Rule: g += λθ; b = μb + (1−τ)g (b = g at a parameter's first update); g = g + μb (Nesterov) or b; θ −= γg.
//! Edge: parameters absent from the gradient (not in wrt: frozen) and their state are left untouched.
//! Example: `tg::optim::sgd opt(p, {.lr = 0.1, .momentum = 0.9});  opt.step(p, tg::grad(loss, p.bind()));`
template <class Params>
class sgd {
  static_assert(detail::is_parameter_set_v<Params>,
                "typegrad: optim::sgd<Params>: Params must be a tg::nn::parameters<...>");

 public:
  using params_type = Params;
  using options_type = sgd_options;

  //! An optimizer for parameters like p (p only gives the type); throws
  //! std::invalid_argument for hyperparameters torch rejects.
  constexpr explicit sgd(const Params&, sgd_options options = {}) : sgd(options) {}
  constexpr explicit sgd(sgd_options options = {}) : options_(options) {
    detail::require(options.lr >= 0, "optim::sgd", "the learning rate must be >= 0");
    detail::require(options.momentum >= 0, "optim::sgd", "the momentum must be >= 0");
    detail::require(options.weight_decay >= 0, "optim::sgd", "the weight decay must be >= 0");
    detail::require(!options.nesterov || (options.momentum > 0 && options.dampening == 0), "optim::sgd",
                    "Nesterov momentum needs a momentum > 0 and zero dampening");
  }

  //! One update of every parameter that g holds a gradient for (g from tg::grad or
  //! value_and_grad over p.bind(); its own workspace's or a caller's).
  template <class Targets, class Values>
  constexpr void step(Params& p, const gradient<Targets, Values>& g);

  //! The learning rate γ; set_lr for schedules (throws std::invalid_argument if < 0).
  constexpr double lr() const noexcept { return options_.lr; }
  constexpr void set_lr(double lr) {
    detail::require(lr >= 0, "optim::sgd", "the learning rate must be >= 0");
    options_.lr = lr;
  }
  constexpr const sgd_options& options() const noexcept { return options_; }

  //! The number of calls to step().
  constexpr std::uint64_t steps() const noexcept { return step_; }
  //! The number of updates parameter v has received (its t).
  template <Variable V>
  constexpr std::uint64_t steps(const V&) const noexcept {
    static_assert(Params::contains(V{}), "typegrad: optim::sgd::steps(v): v is not one of the parameters");
    constexpr std::size_t i = detail::param_index_v<Params, V>;
    return param_steps_[i < Params::count ? i : 0];
  }
  //! The momentum buffers b (zero before a parameter's first update).
  constexpr const Params& momentum_buffers() const noexcept { return buf_; }

  //! f(name, value&) for each state entry, for checkpoints: "step" (std::uint64_t),
  //! then per parameter W "step.W" (std::uint64_t) and "momentum.W" (W's type).
  template <class F>
  constexpr void for_each_state(F&& f) { for_each_state_of(*this, f); }
  template <class F>
  constexpr void for_each_state(F&& f) const { for_each_state_of(*this, f); }

  friend constexpr bool operator==(const sgd&, const sgd&) = default;

 private:
  template <class Self, class F>
  static constexpr void for_each_state_of(Self& self, F& f) {
    f(std::string_view("step"), self.step_);
    detail::for_each_indexed(self.buf_, [&](auto var, auto& b, std::size_t k) {
      f(detail::state_name<"step", decltype(var)>(), self.param_steps_[k]);
      f(detail::state_name<"momentum", decltype(var)>(), b);
    });
  }

  sgd_options options_;
  std::uint64_t step_ = 0;
  std::array<std::uint64_t, Params::count> param_steps_{};
  Params buf_{};
};

template <class Params>
template <class Targets, class Values>
constexpr void sgd<Params>::step(Params& p, const gradient<Targets, Values>& g) {
  ++step_;
  detail::for_each_indexed(p, [&](auto var, auto& theta, std::size_t k) {
    using Var = decltype(var);
    if constexpr (detail::has_gradient<decltype(g), Var>) {
      using Value = std::remove_cvref_t<decltype(theta)>;
      using T = typegrad::detail::scalar_of_t<Value>;
      const auto& grad = g[var];
      detail::check_gradient_type<decltype(grad), Value>();
      auto& b = buf_[var];
      const T lr = static_cast<T>(options_.lr), mu = static_cast<T>(options_.momentum);
      const T one_minus_tau = static_cast<T>(1 - options_.dampening);
      const T wd = static_cast<T>(options_.weight_decay);
      const bool first = param_steps_[k] == 0;
      ++param_steps_[k];
      if (options_.weight_decay == 0 && options_.momentum == 0) {  // plain SGD: one tight loop
        for (std::size_t i = 0; i < detail::numel<Value>; ++i)
          detail::element(theta, i) = detail::element(theta, i) - lr * detail::element(grad, i);
      } else {
        for (std::size_t i = 0; i < detail::numel<Value>; ++i) {
          T& th = detail::element(theta, i);
          T d = detail::element(grad, i);
          if (options_.weight_decay != 0) d = d + wd * th;
          if (options_.momentum != 0) {
            T& bi = detail::element(b, i);
            bi = first ? d : mu * bi + one_minus_tau * d;
            d = options_.nesterov ? d + mu * bi : bi;
          }
          th = th - lr * d;
        }
      }
    }
  });
}

}  // namespace typegrad::optim
