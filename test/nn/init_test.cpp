// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/core/leaf.hpp>
#include <typegrad/nn/init.hpp>
#include <typegrad/nn/parameters.hpp>
#include <typegrad/nn/random.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <memory>

namespace {

namespace tg = typegrad;
namespace init = tg::nn::init;
using tg::nn::rng;

// ---- the formulas (torch.nn.init, with fan_in = In and fan_out = Out of W [In, Out]) ----------

TEST_CASE("init: bounds and standard deviations follow torch.nn.init") {
  // xavier: gain * sqrt(6 / (fan_in + fan_out)) and gain * sqrt(2 / (fan_in + fan_out)).
  CHECK(init::xavier_uniform_bound(2, 16) == doctest::Approx(std::sqrt(6.0 / 18)).epsilon(1e-15));
  CHECK(init::xavier_uniform_bound(2, 16, 5.0 / 3)
        == doctest::Approx(5.0 / 3 * std::sqrt(6.0 / 18)).epsilon(1e-15));
  CHECK(init::xavier_normal_std(64, 32) == doctest::Approx(std::sqrt(2.0 / 96)).epsilon(1e-15));
  // kaiming: gain = sqrt(2 / (1 + a²)), bound = gain * sqrt(3 / fan), std = gain / sqrt(fan).
  CHECK(init::kaiming_uniform_bound(64) == doctest::Approx(std::sqrt(6.0 / 64)).epsilon(1e-15));
  CHECK(init::kaiming_normal_std(64) == doctest::Approx(std::sqrt(2.0 / 64)).epsilon(1e-15));
  CHECK(init::kaiming_normal_std(10, 0.01)
        == doctest::Approx(std::sqrt(2.0 / 1.0001) / std::sqrt(10.0)).epsilon(1e-15));
  // a = sqrt(5) is torch.nn.Linear's default for its weight: bound 1 / sqrt(fan_in).
  CHECK(init::kaiming_uniform_bound(16, std::sqrt(5.0))
        == doctest::Approx(1 / std::sqrt(16.0)).epsilon(1e-15));
  // constexpr.
  static_assert(init::xavier_uniform_bound(3, 3) == 1.0);
  static_assert(init::kaiming_normal_std(2) == 1.0);
}

// ---- one tensor: bounds, sample moments, reproducibility ---------------------------------------

constexpr std::size_t In = 200, Out = 100;  // 20000 draws per matrix
using weight = tg::matrix<double, In, Out>;

struct sample {
  double mean = 0, sd = 0, max_abs = 0;
};
template <class Tensor>
sample sample_of(const Tensor& t) {
  const double n = static_cast<double>(t.size());
  sample s;
  for (double x : t)
    s.mean += x;
  s.mean /= n;
  double ss = 0;
  for (double x : t) {
    ss += (x - s.mean) * (x - s.mean);
    s.max_abs = std::abs(x) > s.max_abs ? std::abs(x) : s.max_abs;
  }
  s.sd = std::sqrt(ss / (n - 1));
  return s;
}

constexpr double n_draws = static_cast<double>(In * Out);

// A uniform U(-b, b) sample: every |w| <= b, the largest close to b, mean 0 and standard
// deviation b / sqrt(3), each within 5 standard errors (the relative error of a sample
// standard deviation is about sqrt((kurtosis - 1) / (4n)): 0.0032 for a uniform, 0.005 for a
// normal).
void check_uniform(const weight& w, double bound) {
  const auto s = sample_of(w);
  CHECK(s.max_abs <= bound);
  CHECK(s.max_abs > 0.999 * bound);
  CHECK(std::abs(s.mean) < 5 * bound / std::sqrt(3 * n_draws));
  CHECK(s.sd
        == doctest::Approx(bound / std::sqrt(3.0)).epsilon(5 * std::sqrt(0.8 / (4 * n_draws))));
}
void check_normal(const weight& w, double sd) {
  const auto s = sample_of(w);
  CHECK(std::abs(s.mean) < 5 * sd / std::sqrt(n_draws));
  CHECK(s.sd == doctest::Approx(sd).epsilon(5 * std::sqrt(2 / (4 * n_draws))));
  CHECK(s.max_abs > 3 * sd);  // a normal's tails: P(|z| > 3) = 0.0027, 54 expected of 20000
  CHECK(s.max_abs < 6 * sd);  // P(|z| > 6) = 2e-9
}

TEST_CASE("init: xavier_uniform and xavier_normal draw within bounds with the right spread") {
  auto w = std::make_unique<weight>();
  rng gen(1);
  init::xavier_uniform(*w, gen);
  check_uniform(*w, std::sqrt(6.0 / (In + Out)));
  init::xavier_uniform(*w, gen, 5.0 / 3);
  check_uniform(*w, 5.0 / 3 * std::sqrt(6.0 / (In + Out)));
  init::xavier_normal(*w, gen);
  check_normal(*w, std::sqrt(2.0 / (In + Out)));
  init::xavier_normal(*w, gen, 2.0);
  check_normal(*w, 2 * std::sqrt(2.0 / (In + Out)));
}

TEST_CASE("init: kaiming_uniform and kaiming_normal scale by fan_in or fan_out") {
  auto w = std::make_unique<weight>();
  rng gen(2);
  init::kaiming_uniform(*w, gen);  // fan_in = In = 200, relu gain sqrt 2
  check_uniform(*w, std::sqrt(2.0) * std::sqrt(3.0 / In));
  init::kaiming_uniform(*w, gen, 0, init::fan::out);
  check_uniform(*w, std::sqrt(2.0) * std::sqrt(3.0 / Out));
  init::kaiming_uniform(*w, gen, std::sqrt(5.0));  // torch.nn.Linear's weight
  check_uniform(*w, 1 / std::sqrt(double(In)));
  init::kaiming_normal(*w, gen);
  check_normal(*w, std::sqrt(2.0 / In));
  init::kaiming_normal(*w, gen, 0.01, init::fan::out);
  check_normal(*w, std::sqrt(2.0 / (1 + 0.01 * 0.01)) / std::sqrt(double(Out)));
}

TEST_CASE("init: uniform and normal fill a tensor of any shape") {
  auto t = std::make_unique<tg::tensor<double, 20, 10, 100>>();
  rng gen(3);
  init::uniform(*t, gen, 0.5, 1.5);
  double lo = 2, hi = 0, mean = 0;
  for (double x : *t) {
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    mean += x;
  }
  mean /= static_cast<double>(t->size());
  CHECK(lo >= 0.5);
  CHECK(hi < 1.5);
  CHECK(std::abs(mean - 1) < 5 / std::sqrt(12 * 20000.0));
  init::normal(*t, gen, -3.0, 0.1);
  mean = 0;
  for (double x : *t)
    mean += x;
  mean /= static_cast<double>(t->size());
  CHECK(std::abs(mean + 3) < 5 * 0.1 / std::sqrt(20000.0));
}

TEST_CASE("init: the draws are the generator's in row-major order and reproducible by seed") {
  tg::matrix<double, 3, 4> w{}, again{}, other{};
  rng g1(42), g2(42), g3(43);
  init::xavier_uniform(w, g1);
  init::xavier_uniform(again, g2);
  init::xavier_uniform(other, g3);
  CHECK(w == again);
  CHECK_FALSE(w == other);
  // The same numbers straight from the generator: element (i, j) is draw 4 i + j.
  rng direct(42);
  const double a = std::sqrt(6.0 / 7);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 4; ++j)
      CHECK(w(i, j) == direct.uniform(-a, a));
  // A float weight gets the double draws, rounded.
  tg::matrix<float, 3, 4> wf{};
  rng g4(42);
  init::xavier_uniform(wf, g4);
  for (std::size_t k = 0; k < 12; ++k)
    CHECK(wf[k] == static_cast<float>(w[k]));
  // constexpr: an initialisation is a constant expression.
  constexpr auto at_compile_time = [] {
    tg::matrix<double, 3, 4> m{};
    rng g(42);
    init::xavier_uniform(m, g);
    return m;
  }();
  static_assert(at_compile_time(0, 0) != 0);
  CHECK(at_compile_time == w);
}

// ---- a parameter set: weights get the scheme, biases zero --------------------------------------

constexpr auto W0 = tg::var<"W0", tg::matrix<double, 4, 8>>;
constexpr auto b0 = tg::var<"b0", tg::vector<double, 8>>;
constexpr auto W1 = tg::var<"W1", tg::matrix<double, 8, 2>>;
constexpr auto b1 = tg::var<"b1", tg::vector<double, 2>>;
constexpr auto s = tg::var<"s">;
using params =
    tg::nn::parameters<decltype(W0), decltype(b0), decltype(W1), decltype(b1), decltype(s)>;

params filled_with_ones() {
  params p;
  p.for_each([](auto, auto& v) {
    if constexpr (requires { v.fill(1.0); })
      v.fill(1.0);
    else
      v = 1.0;
  });
  return p;
}

TEST_CASE("init: a parameter set gets the scheme on its weights and zero biases") {
  auto check_scheme = [](auto scheme, auto draw_w0, auto draw_w1) {
    params p = filled_with_ones();
    rng gen(7);
    scheme(p, gen);
    // The weights, in order, from the one generator; biases and the scalar zero.
    rng direct(7);
    tg::matrix<double, 4, 8> w0{};
    tg::matrix<double, 8, 2> w1{};
    draw_w0(w0, direct);
    draw_w1(w1, direct);
    CHECK(p[W0] == w0);
    CHECK(p[W1] == w1);
    CHECK(p[b0] == tg::vector<double, 8>{});
    CHECK(p[b1] == tg::vector<double, 2>{});
    CHECK(p[s] == 0.0);
    CHECK(gen == direct);  // nothing drawn for the biases
  };
  check_scheme([](params& p, rng& g) { init::xavier_uniform(p, g); },
               [](auto& w, rng& g) { init::xavier_uniform(w, g); },
               [](auto& w, rng& g) { init::xavier_uniform(w, g); });
  check_scheme([](params& p, rng& g) { init::xavier_normal(p, g, 0.5); },
               [](auto& w, rng& g) { init::xavier_normal(w, g, 0.5); },
               [](auto& w, rng& g) { init::xavier_normal(w, g, 0.5); });
  check_scheme([](params& p, rng& g) { init::kaiming_uniform(p, g, 0.1, init::fan::out); },
               [](auto& w, rng& g) { init::kaiming_uniform(w, g, 0.1, init::fan::out); },
               [](auto& w, rng& g) { init::kaiming_uniform(w, g, 0.1, init::fan::out); });
  check_scheme([](params& p, rng& g) { init::kaiming_normal(p, g); },
               [](auto& w, rng& g) { init::kaiming_normal(w, g); },
               [](auto& w, rng& g) { init::kaiming_normal(w, g); });
  check_scheme([](params& p, rng& g) { init::uniform(p, g, -0.1, 0.2); },
               [](auto& w, rng& g) { init::uniform(w, g, -0.1, 0.2); },
               [](auto& w, rng& g) { init::uniform(w, g, -0.1, 0.2); });
  check_scheme([](params& p, rng& g) { init::normal(p, g, 1.0, 0.3); },
               [](auto& w, rng& g) { init::normal(w, g, 1.0, 0.3); },
               [](auto& w, rng& g) { init::normal(w, g, 1.0, 0.3); });
}

TEST_CASE("init: biases are drawn too through for_each with the tensor forms") {
  params p;
  rng gen(9);
  p.for_each([&](auto, auto& v) {
    if constexpr (requires { v.size(); })
      init::uniform(v, gen, -1.0, 1.0);
  });
  rng direct(9);
  tg::matrix<double, 4, 8> w0{};
  tg::vector<double, 8> bias0{};
  init::uniform(w0, direct, -1.0, 1.0);
  init::uniform(bias0, direct, -1.0, 1.0);
  CHECK(p[W0] == w0);
  CHECK(p[b0] == bias0);
}

}  // namespace
