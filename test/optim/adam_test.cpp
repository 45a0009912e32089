// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/optim/adam.hpp>

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

// torch.optim.Adam and AdamW checked against their algorithm written out with plain
// arithmetic (hand_adam below, and the bias corrections 1 − β^t written as numbers for
// the scalar parameter). The loss sum(W ⊙ GW) + s·Gs + sum(F ⊙ GF) has the data as its
// gradient exactly, so each step's gradient is chosen by the test.

namespace {

namespace tg = typegrad;

template <class R>
struct model {
  static constexpr auto W = tg::var<"W", tg::matrix<R, 2, 2>>;
  static constexpr auto s = tg::var<"s", R>;
  static constexpr auto F = tg::var<"F", tg::vector<R, 2>>;
  static constexpr auto GW = tg::input<"GW", tg::matrix<R, 2, 2>>;
  static constexpr auto Gs = tg::input<"Gs", R>;
  static constexpr auto GF = tg::input<"GF", tg::vector<R, 2>>;
  static constexpr auto loss = tg::sum(W * GW) + s * Gs + tg::sum(F * GF);
  using params = tg::nn::parameters<decltype(W), decltype(s), decltype(F)>;

  static params initial() {
    params p;
    p[W] = {0.5, -1.5, 2.0, 0.25};
    p[s] = R(0.75);
    p[F] = {1.0, -2.0};
    return p;
  }

  struct grads {
    tg::matrix<R, 2, 2> gw;
    R gs;
    tg::vector<R, 2> gf;
  };
  static constexpr grads data[3] = {
      {{0.1, -0.2, 0.3, 0.4}, R(0.4), {0.2, -0.1}},
      {{-0.5, 0.6, 0.05, -0.7}, R(-0.3), {0.3, 0.5}},
      {{0.8, 0.9, -1.0, 0.2}, R(0.9), {-0.6, 0.7}},
  };

  template <class Targets>
  static auto gradient(const params& p, std::size_t t, Targets targets) {
    return tg::grad(loss, tg::join(p.bind(), tg::at(GW = data[t].gw, Gs = data[t].gs, GF = data[t].gf)), targets);
  }

  template <class Opt>
  static void run(Opt& opt, params& p, std::size_t steps) {
    for (std::size_t t = 0; t < steps; ++t) opt.step(p, gradient(p, t, p.wrt()));
  }
};

template <class P>
std::vector<double> flatten(const P& p) {
  std::vector<double> out;
  p.for_each([&](auto, const auto& v) {
    if constexpr (std::is_arithmetic_v<std::remove_cvref_t<decltype(v)>>) out.push_back(v);
    else
      for (auto e : v) out.push_back(e);
  });
  return out;
}
template <class R>
std::vector<double> flat_grad(std::size_t t) {
  const auto& d = model<R>::data[t];
  std::vector<double> out(d.gw.begin(), d.gw.end());
  out.push_back(d.gs);
  out.insert(out.end(), d.gf.begin(), d.gf.end());
  return out;
}

// The algorithm of torch.optim.Adam (decoupled = false) and torch.optim.AdamW
// (decoupled = true), on plain doubles.
struct hand_adam {
  double lr, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0;
  bool decoupled = false;
  std::vector<double> m{}, v{};
  int t = 0;

  void step(std::vector<double>& p, const std::vector<double>& g) {
    ++t;
    m.resize(p.size());
    v.resize(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      double gi = g[i];
      if (decoupled) p[i] = p[i] - lr * wd * p[i];
      else if (wd != 0) gi = gi + wd * p[i];
      m[i] = b1 * m[i] + (1 - b1) * gi;
      v[i] = b2 * v[i] + (1 - b2) * gi * gi;
      const double m_hat = m[i] / (1 - std::pow(b1, t));
      const double v_hat = v[i] / (1 - std::pow(b2, t));
      p[i] = p[i] - lr * m_hat / (std::sqrt(v_hat) + eps);
    }
  }
};

template <class R, class Opt>
void check_against_hand(Opt opt, hand_adam hand, std::size_t steps, double rel) {
  using M = model<R>;
  auto p = M::initial();
  auto expected = flatten(M::initial());
  for (std::size_t t = 0; t < steps; ++t) {
    opt.step(p, M::gradient(p, t, p.wrt()));
    hand.step(expected, flat_grad<R>(t));
    const auto got = flatten(p);
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(t);
      CAPTURE(i);
      CHECK(got[i] == doctest::Approx(expected[i]).epsilon(rel));
    }
    std::size_t i = 0;
    const auto mv = flatten(opt.m());
    for (double e : mv) CHECK(e == doctest::Approx(hand.m[i++]).epsilon(rel));
    i = 0;
    const auto vv = flatten(opt.v());
    for (double e : vv) CHECK(e == doctest::Approx(hand.v[i++]).epsilon(rel));
  }
}

constexpr double g1 = 0.4, g2 = -0.3, g3 = 0.9;  // the scalar parameter's gradients
constexpr double s0 = 0.75;

}  // namespace

TEST_CASE("adam bias correction at t = 1 2 3") {
  using M = model<double>;
  const double lr = 0.01, eps = 1e-8;
  auto p = M::initial();
  tg::optim::adam opt(p, {.lr = lr});
  static_assert(std::is_same_v<decltype(opt), tg::optim::adam<M::params>>);
  CHECK(opt.options() == tg::optim::adam_options{.lr = 0.01, .beta1 = 0.9, .beta2 = 0.999, .eps = 1e-8});

  // t = 1: m̂ = g, v̂ = g², so every element moves by lr·|g|/(|g| + ε), against its gradient.
  M::run(opt, p, 1);
  const double m1 = 0.1 * g1, v1 = 0.001 * g1 * g1;
  const double s1 = s0 - lr * (m1 / 0.1) / (std::sqrt(v1 / 0.001) + eps);
  CHECK(p[M::s] == doctest::Approx(s1).epsilon(1e-15));
  CHECK(p[M::s] == doctest::Approx(s0 - lr).epsilon(1e-9));
  CHECK(p[M::W](0, 1) == doctest::Approx(-1.5 + lr).epsilon(1e-9));
  CHECK(opt.m()[M::s] == doctest::Approx(m1).epsilon(1e-15));
  CHECK(opt.v()[M::s] == doctest::Approx(v1).epsilon(1e-15));
  CHECK(opt.steps(M::s) == 1);

  // t = 2: 1 − 0.9² = 0.19, 1 − 0.999² = 0.001999.
  opt.step(p, M::gradient(p, 1, p.wrt()));
  const double m2 = 0.9 * m1 + 0.1 * g2, v2 = 0.999 * v1 + 0.001 * g2 * g2;
  const double s2 = s1 - lr * (m2 / 0.19) / (std::sqrt(v2 / 0.001999) + eps);
  CHECK(p[M::s] == doctest::Approx(s2).epsilon(1e-14));

  // t = 3: 1 − 0.9³ = 0.271, 1 − 0.999³ = 0.002997001.
  opt.step(p, M::gradient(p, 2, p.wrt()));
  const double m3 = 0.9 * m2 + 0.1 * g3, v3 = 0.999 * v2 + 0.001 * g3 * g3;
  const double s3 = s2 - lr * (m3 / 0.271) / (std::sqrt(v3 / 0.002997001) + eps);
  CHECK(p[M::s] == doctest::Approx(s3).epsilon(1e-14));
  CHECK(opt.steps() == 3);

  check_against_hand<double>(tg::optim::adam(p, {.lr = lr}), {.lr = lr}, 3, 1e-15);
  check_against_hand<double>(tg::optim::adam(p, {.lr = 0.1, .beta1 = 0.5, .beta2 = 0.75, .eps = 1e-3}),
                             {.lr = 0.1, .b1 = 0.5, .b2 = 0.75, .eps = 1e-3}, 3, 1e-15);
}

TEST_CASE("adam with L2 weight decay added to the gradient") {
  using M = model<double>;
  const double lr = 0.01, wd = 0.1, eps = 1e-8;
  auto p = M::initial();
  tg::optim::adam opt(p, {.lr = lr, .weight_decay = wd});
  M::run(opt, p, 2);
  const double d1 = g1 + wd * s0;
  const double m1 = 0.1 * d1, v1 = 0.001 * d1 * d1;
  const double s1 = s0 - lr * (m1 / 0.1) / (std::sqrt(v1 / 0.001) + eps);
  const double d2 = g2 + wd * s1;
  const double m2 = 0.9 * m1 + 0.1 * d2, v2 = 0.999 * v1 + 0.001 * d2 * d2;
  const double s2 = s1 - lr * (m2 / 0.19) / (std::sqrt(v2 / 0.001999) + eps);
  CHECK(p[M::s] == doctest::Approx(s2).epsilon(1e-14));
  check_against_hand<double>(tg::optim::adam(p, {.lr = lr, .weight_decay = wd}), {.lr = lr, .wd = wd}, 3, 1e-15);
}

TEST_CASE("adamw decoupled weight decay") {
  using M = model<double>;
  const double lr = 0.01, wd = 0.1, eps = 1e-8;
  auto p = M::initial();
  tg::optim::adamw opt(p, {.lr = lr, .weight_decay = wd});
  static_assert(std::is_base_of_v<tg::optim::adam<M::params>, decltype(opt)>);
  CHECK(opt.options().decoupled);
  M::run(opt, p, 2);
  // θ shrinks by γλθ, and the gradient itself enters the moments unchanged.
  const double m1 = 0.1 * g1, v1 = 0.001 * g1 * g1;
  const double s1 = (s0 - lr * wd * s0) - lr * (m1 / 0.1) / (std::sqrt(v1 / 0.001) + eps);
  const double m2 = 0.9 * m1 + 0.1 * g2, v2 = 0.999 * v1 + 0.001 * g2 * g2;
  const double s2 = (s1 - lr * wd * s1) - lr * (m2 / 0.19) / (std::sqrt(v2 / 0.001999) + eps);
  CHECK(p[M::s] == doctest::Approx(s2).epsilon(1e-14));
  CHECK(opt.m()[M::s] == doctest::Approx(m2).epsilon(1e-15));

  const hand_adam hand{.lr = lr, .wd = wd, .decoupled = true};
  check_against_hand<double>(tg::optim::adamw(p, {.lr = lr, .weight_decay = wd}), hand, 3, 1e-14);
  check_against_hand<double>(tg::optim::adam(p, {.lr = lr, .weight_decay = wd, .decoupled = true}), hand, 3, 1e-14);
  // torch.optim.AdamW's default weight decay is 0.01.
  tg::optim::adamw def(p);
  CHECK(def.options() == tg::optim::adam_options{.weight_decay = 0.01, .decoupled = true});
  check_against_hand<double>(def, {.lr = 1e-3, .wd = 0.01, .decoupled = true}, 3, 1e-14);
}

TEST_CASE("adam float parameters") {
  using M = model<float>;
  check_against_hand<float>(tg::optim::adam(M::initial(), {.lr = 0.01}), {.lr = 0.01}, 3, 2e-6);
  check_against_hand<float>(tg::optim::adam(M::initial(), {.lr = 0.01, .weight_decay = 0.1}),
                            {.lr = 0.01, .wd = 0.1}, 3, 2e-6);
  check_against_hand<float>(tg::optim::adamw(M::initial(), {.lr = 0.01, .weight_decay = 0.1}),
                            {.lr = 0.01, .wd = 0.1, .decoupled = true}, 3, 2e-6);
}

TEST_CASE("adam frozen parameter and its state untouched") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::adamw opt(p, {.lr = 0.01, .weight_decay = 0.1});
  for (std::size_t t = 0; t < 2; ++t) opt.step(p, M::gradient(p, t, tg::wrt(M::W, M::s)));  // F frozen
  CHECK(p[M::F] == M::initial()[M::F]);  // not even decayed
  CHECK(opt.m()[M::F] == tg::vector<double, 2>{});
  CHECK(opt.v()[M::F] == tg::vector<double, 2>{});
  CHECK(opt.steps(M::F) == 0);
  CHECK(opt.steps(M::W) == 2);
  // Unfrozen, F's first update has t = 1 (its own count, as torch's per-parameter step).
  opt.step(p, M::gradient(p, 2, p.wrt()));
  CHECK(opt.steps(M::F) == 1);
  const auto& gf = M::data[2].gf;
  const auto f0 = M::initial()[M::F];
  for (std::size_t i = 0; i < 2; ++i) {
    const double m = 0.1 * gf[i], v = 0.001 * gf[i] * gf[i];
    CHECK(p[M::F][i] ==
          doctest::Approx((f0[i] - 0.01 * 0.1 * f0[i]) - 0.01 * (m / 0.1) / (std::sqrt(v / 0.001) + 1e-8))
              .epsilon(1e-15));
  }
}

TEST_CASE("adam state entries for checkpoints") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::adam opt(p, {.lr = 0.01});
  M::run(opt, p, 3);
  std::vector<std::string> names;
  opt.for_each_state([&](std::string_view name, auto& value) {
    names.emplace_back(name);
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, std::uint64_t>) CHECK(value == 3);
    else static_assert(std::is_floating_point_v<tg::detail::scalar_of_t<V>>);
  });
  CHECK(names == std::vector<std::string>{"step", "step.W", "m.W", "v.W", "step.s", "m.s", "v.s", "step.F", "m.F",
                                          "v.F"});
  // Copying every entry into a fresh optimizer (what a checkpoint does) makes it equal,
  // and the two then take identical steps.
  tg::optim::adam fresh(p, {.lr = 0.01});
  std::vector<double> values;
  std::vector<std::uint64_t> counts;
  std::as_const(opt).for_each_state([&](std::string_view, const auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, std::uint64_t>) counts.push_back(value);
    else if constexpr (std::is_same_v<V, double>) values.push_back(value);
    else values.insert(values.end(), value.begin(), value.end());
  });
  CHECK(values.size() == 2 * M::params::total_size);
  std::size_t iv = 0, ic = 0;
  fresh.for_each_state([&](std::string_view, auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, std::uint64_t>) value = counts[ic++];
    else if constexpr (std::is_same_v<V, double>) value = values[iv++];
    else
      for (auto& e : value) e = values[iv++];
  });
  CHECK(fresh == opt);
  auto q = p;
  opt.step(p, M::gradient(p, 0, p.wrt()));
  fresh.step(q, M::gradient(q, 0, q.wrt()));
  CHECK(p == q);
}

TEST_CASE("adam hyperparameters: set_lr and invalid values") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::adam opt(p, {.lr = 0.01});
  opt.set_lr(0.02);
  CHECK(opt.lr() == 0.02);
  M::run(opt, p, 1);
  CHECK(p[M::s] == doctest::Approx(s0 - 0.02).epsilon(1e-9));
  CHECK_THROWS_AS(opt.set_lr(-0.1), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::adam(p, {.lr = -1}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::adam(p, {.beta1 = 1.0}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::adam(p, {.beta2 = -0.1}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::adam(p, {.eps = -1e-8}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::adamw(p, {.weight_decay = -0.01}), std::invalid_argument);
  CHECK_THROWS_WITH(tg::optim::adam(p, {.beta1 = 1.0}), "typegrad: optim::adam: beta1 must be in [0, 1)");
}

namespace {
constexpr auto x = tg::var<"x">;
constexpr double adam_at_compile_time() {
  tg::nn::parameters<decltype(x)> p;
  p[x] = 3.0;
  tg::optim::adam opt(p, {.lr = 0.1});
  opt.step(p, tg::grad(x * x, p.bind()));  // g = 6: m̂ = 6, v̂ = 36
  return p[x];
}
}  // namespace

TEST_CASE("adam step at compile time") {
  constexpr double expected = 3.0 - 0.1 * 6.0 / (6.0 + 1e-8);
  static_assert(adam_at_compile_time() - expected < 1e-15 && expected - adam_at_compile_time() < 1e-15);
  CHECK(adam_at_compile_time() == doctest::Approx(expected).epsilon(1e-15));
}
