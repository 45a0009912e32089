// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Learning-rate schedules: the learning rate as a function of the step (or epoch)
// number, in the closed forms of torch.optim.lr_scheduler's StepLR, LinearLR and
// CosineAnnealingLR, with absolute rates instead of factors. Use with set_lr:
// `opt.set_lr(schedule(epoch));`

#include <typegrad/core/cmath.hpp>

#include <cstddef>
#include <numbers>

namespace typegrad::optim {

//! Decays by gamma every step_size steps (torch.optim.lr_scheduler.StepLR).
//! Rule: lr(t) = lr0 · gamma^⌊t / step_size⌋.
//! Edge: step_size 0 is taken as 1.
//! Example: `tg::optim::step_lr s{0.1, 30, 0.1};  s(29) == 0.1;  s(30) == 0.1 * 0.1`
struct step_lr {
  double lr0;
  std::size_t step_size;
  double gamma = 0.1;

  constexpr double operator()(std::size_t step) const {
    const std::size_t k = step / (step_size == 0 ? 1 : step_size);
    return lr0 * cmath::pow(gamma, static_cast<double>(k));
  }
};

//! Moves linearly from lr0 at step 0 to lr1 at step `steps`, then stays at lr1
//! (torch.optim.lr_scheduler.LinearLR with start_factor lr0/base, end_factor lr1/base).
//! Rule: lr(t) = lr0 + (lr1 − lr0) · min(t, steps) / steps.
//! Edge: steps 0 gives lr1 at every step.
//! Example: `tg::optim::linear_lr s{1.0, 0.1, 100};  s(50) == 0.55`
struct linear_lr {
  double lr0;
  double lr1;
  std::size_t steps;

  constexpr double operator()(std::size_t step) const {
    if (step >= steps) return lr1;
    return lr0 + (lr1 - lr0) * static_cast<double>(step) / static_cast<double>(steps);
  }
};

//! Follows half a cosine from lr0 at step 0 to lr_min at step `steps`, then stays
//! at lr_min (torch.optim.lr_scheduler.CosineAnnealingLR with T_max = steps, eta_min =
//! lr_min; torch's closed form rises again after T_max).
//! Rule: lr(t) = lr_min + (lr0 − lr_min) · (1 + cos(π · min(t, steps) / steps)) / 2.
//! Edge: steps 0 gives lr_min at every step.
//! Example: `tg::optim::cosine_lr s{0.1, 0.0, 100};  s(50) == 0.05`
struct cosine_lr {
  double lr0;
  double lr_min;
  std::size_t steps;

  constexpr double operator()(std::size_t step) const {
    if (step >= steps) return lr_min;
    const double angle = std::numbers::pi * static_cast<double>(step) / static_cast<double>(steps);
    return lr_min + (lr0 - lr_min) * (1 + cmath::cos(angle)) / 2;
  }
};

}  // namespace typegrad::optim
