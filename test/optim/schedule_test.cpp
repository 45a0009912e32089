// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/optim/schedule.hpp>

#include <typegrad/optim/adam.hpp>
#include <typegrad/optim/sgd.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <numbers>

// The schedules' values at chosen steps against their closed forms (torch.optim.lr_scheduler
// StepLR, LinearLR, CosineAnnealingLR), and set_lr driven by a schedule.

namespace tg = typegrad;

TEST_CASE("step_lr decays by gamma every step_size steps") {
  constexpr tg::optim::step_lr s{0.1, 30, 0.5};
  static_assert(s(0) == 0.1);
  static_assert(s(29) == 0.1);
  CHECK(s(30) == 0.1 * 0.5);
  CHECK(s(59) == 0.1 * 0.5);
  CHECK(s(60) == 0.1 * 0.25);
  for (std::size_t t : {0u, 1u, 29u, 30u, 31u, 89u, 90u, 300u, 1000u})
    CHECK(s(t) == doctest::Approx(0.1 * std::pow(0.5, std::floor(t / 30.0))).epsilon(1e-15));
  CHECK(tg::optim::step_lr{1.0, 10}(25) == doctest::Approx(0.01).epsilon(1e-15));  // gamma 0.1 by default
  CHECK(tg::optim::step_lr{1.0, 0, 0.5}(3) == 0.125);                              // step_size 0 as 1
}

TEST_CASE("linear_lr from 1.0 to 0.1 over 100 steps") {
  constexpr tg::optim::linear_lr s{1.0, 0.1, 100};
  static_assert(s(0) == 1.0);
  static_assert(s(100) == 0.1);
  static_assert(s(250) == 0.1);
  CHECK(s(50) == doctest::Approx(0.55).epsilon(1e-15));
  CHECK(s(10) == doctest::Approx(0.91).epsilon(1e-15));
  CHECK(s(99) == doctest::Approx(0.109).epsilon(1e-15));
  for (std::size_t t = 0; t <= 100; ++t) CHECK(s(t) == doctest::Approx(1.0 - 0.9 * t / 100.0).epsilon(1e-15));
  CHECK(tg::optim::linear_lr{0.5, 2.0, 0}(0) == 2.0);
}

TEST_CASE("cosine_lr follows half a cosine to lr_min") {
  constexpr tg::optim::cosine_lr s{0.1, 0.001, 100};
  static_assert(s(0) == 0.1);
  static_assert(s(100) == 0.001);
  static_assert(s(500) == 0.001);
  CHECK(s(50) == doctest::Approx((0.1 + 0.001) / 2).epsilon(1e-15));
  CHECK(s(25) == doctest::Approx(0.001 + 0.099 * (1 + std::sqrt(0.5)) / 2).epsilon(1e-15));
  for (std::size_t t : {1u, 10u, 33u, 75u, 99u})
    CHECK(s(t) ==
          doctest::Approx(0.001 + (0.1 - 0.001) * (1 + std::cos(std::numbers::pi * t / 100.0)) / 2).epsilon(1e-15));
  for (std::size_t t = 1; t <= 100; ++t) CHECK(s(t) < s(t - 1));
  static_assert(tg::optim::cosine_lr{0.1, 0.0, 100}(50) - 0.05 < 1e-17);
}

TEST_CASE("set_lr driven by a schedule") {
  constexpr auto x = tg::var<"x">;
  constexpr auto c = tg::input<"c">;
  tg::nn::parameters<decltype(x)> p;
  tg::optim::sgd opt(p, {.lr = 1.0});
  const tg::optim::linear_lr schedule{1.0, 0.1, 100};
  double expected = 0, sum_lr = 0;
  for (std::size_t k = 0; k < 100; ++k) {
    opt.set_lr(schedule(k));
    CHECK(opt.lr() == schedule(k));
    opt.step(p, tg::grad(x * c, tg::join(p.bind(), tg::at(c = 2.0)), tg::wrt(x)));  // g = 2
    expected = expected - schedule(k) * 2.0;
    sum_lr += 1.0 - 0.9 * k / 100.0;
  }
  CHECK(p[x] == expected);
  CHECK(p[x] == doctest::Approx(-2 * sum_lr).epsilon(1e-13));

  tg::nn::parameters<decltype(x)> q;
  q[x] = 1.0;
  tg::optim::adam adam(q, {.lr = 0.5});
  const tg::optim::cosine_lr cosine{0.5, 0.0, 2};
  adam.set_lr(cosine(1));  // 0.25: the first Adam step moves x by about lr
  adam.step(q, tg::grad(x * x, q.bind()));
  CHECK(q[x] == doctest::Approx(0.75).epsilon(1e-8));
}
