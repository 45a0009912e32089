// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/optim/sgd.hpp>

#include <typegrad/optim/clip.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

// torch.optim.SGD checked against its algorithm written out with plain arithmetic
// (hand_sgd below, and closed forms over three steps for the scalar parameter).
// The loss sum(W ⊙ GW) + s·Gs + sum(F ⊙ GF) has the data as its gradient exactly
// (∂L/∂W = GW, ∂L/∂s = Gs, ∂L/∂F = GF), so each step's gradient is chosen by the test.

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

  // The gradients of steps 1, 2, 3.
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

  // The gradient of step t (0-based) with respect to `targets`.
  template <class Targets>
  static auto gradient(const params& p, std::size_t t, Targets targets) {
    return tg::grad(loss, tg::join(p.bind(), tg::at(GW = data[t].gw, Gs = data[t].gs, GF = data[t].gf)), targets);
  }

  template <class Opt>
  static void run(Opt& opt, params& p, std::size_t steps) {
    for (std::size_t t = 0; t < steps; ++t) opt.step(p, gradient(p, t, p.wrt()));
  }
};

// Every number of a parameter set (or a gradient step's data), in order.
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

// torch.optim.SGD's algorithm, on plain doubles.
struct hand_sgd {
  double lr, mu = 0, tau = 0, wd = 0;
  bool nesterov = false;
  std::vector<double> buf{};
  int t = 0;

  void step(std::vector<double>& p, const std::vector<double>& g) {
    ++t;
    buf.resize(p.size());
    for (std::size_t i = 0; i < p.size(); ++i) {
      double d = g[i];
      if (wd != 0) d = d + wd * p[i];
      if (mu != 0) {
        buf[i] = t == 1 ? d : mu * buf[i] + (1 - tau) * d;
        d = nesterov ? d + mu * buf[i] : buf[i];
      }
      p[i] = p[i] - lr * d;
    }
  }
};

// The optimizer over `steps` steps agrees with hand_sgd after each step.
template <class R>
void check_against_hand(tg::optim::sgd_options o, std::size_t steps, double rel) {
  using M = model<R>;
  auto p = M::initial();
  tg::optim::sgd opt(p, o);
  hand_sgd hand{o.lr, o.momentum, o.dampening, o.weight_decay, o.nesterov};
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
  }
}

constexpr double g1 = 0.4, g2 = -0.3, g3 = 0.9;  // the scalar parameter's gradients
constexpr double s0 = 0.75;

}  // namespace

TEST_CASE("sgd plain: one and several steps") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = 0.1});
  static_assert(std::is_same_v<decltype(opt), tg::optim::sgd<M::params>>);
  M::run(opt, p, 1);
  CHECK(p[M::s] == s0 - 0.1 * g1);
  CHECK(p[M::W](0, 1) == -1.5 - 0.1 * -0.2);
  CHECK(p[M::F][1] == -2.0 - 0.1 * -0.1);
  CHECK(opt.steps() == 1);
  CHECK(opt.steps(M::W) == 1);
  auto q = M::initial();
  tg::optim::sgd opt3(q, {.lr = 0.1});
  M::run(opt3, q, 3);
  CHECK(q[M::s] == doctest::Approx(s0 - 0.1 * g1 - 0.1 * g2 - 0.1 * g3).epsilon(1e-15));
  check_against_hand<double>({.lr = 0.1}, 3, 1e-15);
}

TEST_CASE("sgd momentum: the first step's buffer is the gradient") {
  using M = model<double>;
  const double lr = 0.1, mu = 0.9;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = lr, .momentum = mu});
  M::run(opt, p, 1);
  CHECK(p[M::s] == s0 - lr * g1);                  // b1 = g1, not (1 - τ) g1 or μ·0 + g1 by accident
  CHECK(opt.momentum_buffers()[M::s] == g1);
  CHECK(opt.momentum_buffers()[M::W](1, 0) == 0.3);
  auto q = M::initial();
  tg::optim::sgd opt3(q, {.lr = lr, .momentum = mu});
  M::run(opt3, q, 3);
  const double b1 = g1, b2 = mu * b1 + g2, b3 = mu * b2 + g3;
  CHECK(q[M::s] == doctest::Approx(s0 - lr * b1 - lr * b2 - lr * b3).epsilon(1e-15));
  CHECK(opt3.momentum_buffers()[M::s] == doctest::Approx(b3).epsilon(1e-15));
  check_against_hand<double>({.lr = lr, .momentum = mu}, 3, 1e-15);
}

TEST_CASE("sgd momentum with dampening") {
  using M = model<double>;
  const double lr = 0.05, mu = 0.8, tau = 0.3;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = lr, .momentum = mu, .dampening = tau});
  M::run(opt, p, 1);
  CHECK(p[M::s] == s0 - lr * g1);  // dampening does not apply at the first step
  auto q = M::initial();
  tg::optim::sgd opt3(q, {.lr = lr, .momentum = mu, .dampening = tau});
  M::run(opt3, q, 3);
  const double b1 = g1, b2 = mu * b1 + (1 - tau) * g2, b3 = mu * b2 + (1 - tau) * g3;
  CHECK(q[M::s] == doctest::Approx(s0 - lr * b1 - lr * b2 - lr * b3).epsilon(1e-15));
  check_against_hand<double>({.lr = lr, .momentum = mu, .dampening = tau}, 3, 1e-15);
}

TEST_CASE("sgd nesterov") {
  using M = model<double>;
  const double lr = 0.1, mu = 0.9;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = lr, .momentum = mu, .nesterov = true});
  M::run(opt, p, 3);
  const double b1 = g1, b2 = mu * b1 + g2, b3 = mu * b2 + g3;
  const double d1 = g1 + mu * b1, d2 = g2 + mu * b2, d3 = g3 + mu * b3;
  CHECK(p[M::s] == doctest::Approx(s0 - lr * d1 - lr * d2 - lr * d3).epsilon(1e-15));
  check_against_hand<double>({.lr = lr, .momentum = mu, .nesterov = true}, 3, 1e-15);
}

TEST_CASE("sgd weight decay with and without momentum") {
  using M = model<double>;
  const double lr = 0.1, wd = 0.01, mu = 0.9;
  {
    auto p = M::initial();
    tg::optim::sgd opt(p, {.lr = lr, .weight_decay = wd});
    M::run(opt, p, 2);
    const double s1 = s0 - lr * (g1 + wd * s0);
    const double s2 = s1 - lr * (g2 + wd * s1);
    CHECK(p[M::s] == doctest::Approx(s2).epsilon(1e-15));
  }
  {
    auto p = M::initial();
    tg::optim::sgd opt(p, {.lr = lr, .momentum = mu, .weight_decay = wd});
    M::run(opt, p, 2);
    const double b1 = g1 + wd * s0, s1 = s0 - lr * b1;
    const double b2 = mu * b1 + (g2 + wd * s1), s2 = s1 - lr * b2;
    CHECK(p[M::s] == doctest::Approx(s2).epsilon(1e-15));
  }
  check_against_hand<double>({.lr = lr, .weight_decay = wd}, 3, 1e-15);
  check_against_hand<double>({.lr = lr, .momentum = mu, .dampening = 0.1, .weight_decay = wd}, 3, 1e-15);
  check_against_hand<double>({.lr = lr, .momentum = mu, .nesterov = true, .weight_decay = wd}, 3, 1e-15);
}

TEST_CASE("sgd float parameters") {
  using M = model<float>;
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(M::initial()[M::W])>, tg::matrix<float, 2, 2>>);
  check_against_hand<float>({.lr = 0.1}, 3, 1e-6);
  check_against_hand<float>({.lr = 0.1, .momentum = 0.9, .dampening = 0.2, .weight_decay = 0.01}, 3, 1e-6);
  check_against_hand<float>({.lr = 0.1, .momentum = 0.9, .nesterov = true}, 3, 1e-6);
}

TEST_CASE("sgd frozen parameter and its state untouched") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = 0.1, .momentum = 0.9, .dampening = 0.5, .weight_decay = 0.1});
  for (std::size_t t = 0; t < 2; ++t) {
    const auto g = M::gradient(p, t, tg::wrt(M::W, M::s));  // F frozen
    static_assert(!decltype(g)::contains(M::F));
    opt.step(p, g);
  }
  CHECK(p[M::F] == M::initial()[M::F]);
  CHECK(opt.momentum_buffers()[M::F] == tg::vector<double, 2>{});
  CHECK(opt.steps(M::F) == 0);
  CHECK(opt.steps(M::W) == 2);
  CHECK(opt.steps() == 2);
  CHECK(p[M::s] != s0);
  // Unfrozen, F's first update starts its momentum: b = g + λF (not μ·0 + (1 − τ)·(...)).
  opt.step(p, M::gradient(p, 2, p.wrt()));
  const auto& gf = M::data[2].gf;
  const auto f0 = M::initial()[M::F];
  for (std::size_t i = 0; i < 2; ++i) {
    const double b = gf[i] + 0.1 * f0[i];
    CHECK(opt.momentum_buffers()[M::F][i] == b);
    CHECK(p[M::F][i] == f0[i] - 0.1 * b);
  }
  CHECK(opt.steps(M::F) == 1);
}

TEST_CASE("sgd with a gradient in a caller's workspace") {
  using M = model<double>;
  auto p = M::initial(), q = M::initial();
  tg::optim::sgd opt(p, {.lr = 0.1, .momentum = 0.9}), opt2(q, {.lr = 0.1, .momentum = 0.9});
  auto ws = std::make_unique<tg::workspace<decltype(M::loss)>>();
  for (std::size_t t = 0; t < 3; ++t) {
    const auto& d = M::data[t];
    auto [v, g] = tg::value_and_grad(M::loss, tg::join(p.bind(), tg::at(M::GW = d.gw, M::Gs = d.gs, M::GF = d.gf)),
                                     p.wrt(), *ws);
    opt.step(p, g);
    opt2.step(q, M::gradient(q, t, q.wrt()));
  }
  CHECK(p == q);
  CHECK(opt == opt2);
}

TEST_CASE("sgd state entries for checkpoints") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = 0.1, .momentum = 0.9});
  M::run(opt, p, 2);
  std::vector<std::string> names;
  std::size_t numbers = 0;
  opt.for_each_state([&](std::string_view name, auto& value) {
    names.emplace_back(name);
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, std::uint64_t>) CHECK(value == 2);
    else numbers += tg::detail::shape_of_t<V>::size;
  });
  CHECK(names == std::vector<std::string>{"step", "step.W", "momentum.W", "step.s", "momentum.s", "step.F",
                                          "momentum.F"});
  CHECK(numbers == M::params::total_size);
  // Restoring every entry into a fresh optimizer restores the optimizer.
  tg::optim::sgd fresh(p, {.lr = 0.1, .momentum = 0.9});
  CHECK(!(fresh == opt));
  const auto& saved = opt;
  std::vector<double> values;
  std::vector<std::uint64_t> counts;
  saved.for_each_state([&](std::string_view, const auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, std::uint64_t>) counts.push_back(value);
    else if constexpr (std::is_same_v<V, double>) values.push_back(value);
    else values.insert(values.end(), value.begin(), value.end());
  });
  std::size_t iv = 0, ic = 0;
  fresh.for_each_state([&](std::string_view, auto& value) {
    using V = std::remove_cvref_t<decltype(value)>;
    if constexpr (std::is_same_v<V, std::uint64_t>) value = counts[ic++];
    else if constexpr (std::is_same_v<V, double>) value = values[iv++];
    else
      for (auto& e : value) e = values[iv++];
  });
  CHECK(fresh == opt);
}

TEST_CASE("sgd hyperparameters: set_lr and invalid values") {
  using M = model<double>;
  auto p = M::initial();
  tg::optim::sgd opt(p, {.lr = 0.1});
  CHECK(opt.lr() == 0.1);
  opt.set_lr(0.5);
  CHECK(opt.lr() == 0.5);
  CHECK(opt.options().lr == 0.5);
  M::run(opt, p, 1);
  CHECK(p[M::s] == s0 - 0.5 * g1);
  CHECK_THROWS_AS(opt.set_lr(-1), std::invalid_argument);
  CHECK(opt.lr() == 0.5);
  CHECK_THROWS_AS(tg::optim::sgd(p, {.lr = -0.1}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::sgd(p, {.lr = 0.1, .momentum = -0.5}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::sgd(p, {.lr = 0.1, .weight_decay = -1}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::sgd(p, {.lr = 0.1, .nesterov = true}), std::invalid_argument);
  CHECK_THROWS_AS(tg::optim::sgd(p, {.lr = 0.1, .momentum = 0.9, .dampening = 0.1, .nesterov = true}),
                  std::invalid_argument);
  CHECK_THROWS_WITH(tg::optim::sgd(p, {.lr = 0.1, .nesterov = true}),
                    "typegrad: optim::sgd: Nesterov momentum needs a momentum > 0 and zero dampening");
}

namespace {
constexpr auto x = tg::var<"x">;
constexpr double sgd_at_compile_time() {
  tg::nn::parameters<decltype(x)> p;
  p[x] = 3.0;
  tg::optim::sgd opt(p, {.lr = 0.1, .momentum = 0.9});
  opt.step(p, tg::grad(x * x, p.bind()));  // g = 6
  opt.step(p, tg::grad(x * x, p.bind()));  // g = 2 p
  return p[x];
}
}  // namespace

TEST_CASE("sgd step at compile time") {
  constexpr double x1 = 3.0 - 0.1 * 6.0, b2 = 0.9 * 6.0 + 2 * x1;
  static_assert(sgd_at_compile_time() == x1 - 0.1 * b2);
  CHECK(sgd_at_compile_time() == x1 - 0.1 * b2);
}

// The first example: y = 2x fitted by one weight and one bias, mean squared
// error, SGD with lr 0.01 and gradients clipped to norm 1, 100 full-batch epochs,
// beside the same loop written with plain doubles.
TEST_CASE("sgd linear regression with clip_grad_norm end to end") {
  constexpr auto w = tg::var<"w">;
  constexpr auto b = tg::var<"b">;
  constexpr auto X = tg::input<"X", tg::vector<double, 4>>;
  constexpr auto Y = tg::input<"Y", tg::vector<double, 4>>;
  constexpr auto loss = tg::mean(tg::square(w * X + b - Y));
  const tg::vector<double, 4> x{1, 2, 3, 4}, y{2, 4, 6, 8};

  tg::nn::parameters<decltype(w), decltype(b)> p;
  p[w] = 1.0;
  p[b] = 0.0;
  tg::optim::sgd opt(p, {.lr = 0.01});

  double hw = 1.0, hb = 0.0;  // the hand-written loop
  std::vector<double> losses;
  for (int epoch = 0; epoch < 100; ++epoch) {
    auto [L, g] = tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = x, Y = y)), p.wrt());
    const double norm = tg::optim::clip_grad_norm(g, 1.0);
    opt.step(p, g);

    double hl = 0, dw = 0, db = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const double r = hw * x[i] + hb - y[i];
      hl += r * r / 4;
      dw += 2 * r * x[i] / 4;
      db += 2 * r / 4;
    }
    const double hn = std::sqrt(dw * dw + db * db);
    if (hn > 1.0) {
      dw *= 1.0 / (hn + 1e-6);
      db *= 1.0 / (hn + 1e-6);
    }
    hw = hw - 0.01 * dw;
    hb = hb - 0.01 * db;

    CAPTURE(epoch);
    CHECK(L == doctest::Approx(hl).epsilon(1e-12));
    CHECK(norm == doctest::Approx(hn).epsilon(1e-12));
    if (!losses.empty()) CHECK(L < losses.back());
    losses.push_back(L);
  }
  CHECK(losses.front() == 7.5);
  CHECK(losses.back() < 0.02);
  CHECK(p[w] == doctest::Approx(hw).epsilon(1e-12));
  CHECK(p[b] == doctest::Approx(hb).epsilon(1e-12));
  CHECK(p[w] == doctest::Approx(1.8972442791405133).epsilon(1e-9));  // from 1.0 towards 2
  CHECK(p[b] == doctest::Approx(0.2784083641373131).epsilon(1e-9));
}
