// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/optim/clip.hpp>

#include <typegrad/optim/sgd.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <type_traits>

// clip_grad_norm and clip_grad_value (torch.nn.utils.clip_grad_norm_, clip_grad_value_)
// on gradients whose values the test chooses: the loss sum(W ⊙ GW) + s·Gs + sum(F ⊙ GF)
// has ∂L/∂W = GW, ∂L/∂s = Gs, ∂L/∂F = GF exactly.

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

  // The gradient (gw, gs, gf) with respect to targets (default: all three).
  template <class Targets = tg::wrt_t<std::remove_cvref_t<decltype(W)>, std::remove_cvref_t<decltype(s)>,
                                      std::remove_cvref_t<decltype(F)>>>
  static constexpr auto gradient(const tg::matrix<R, 2, 2>& gw, R gs, const tg::vector<R, 2>& gf,
                                 Targets targets = {}) {
    params p;
    return tg::grad(loss, tg::join(p.bind(), tg::at(GW = gw, Gs = gs, GF = gf)), targets);
  }
};

using M = model<double>;

}  // namespace

TEST_CASE("clip_grad_norm scales by max_norm over the total norm") {
  // Total norm over every element of every gradient: √(1 + 4 + 4 + 0 + 16 + 4 + 0) = √29.
  const tg::matrix<double, 2, 2> gw{1, -2, 2, 0};
  const tg::vector<double, 2> gf{0, -2};
  auto g = M::gradient(gw, 4.0, gf);
  const double total = std::sqrt(1.0 * 1.0 + 2.0 * 2.0 + 2.0 * 2.0 + 0.0 + 4.0 * 4.0 + 0.0 + 2.0 * 2.0);
  const double norm = tg::optim::clip_grad_norm(g, 1.0);
  static_assert(std::is_same_v<decltype(tg::optim::clip_grad_norm(g, 1.0)), double>);
  CHECK(norm == doctest::Approx(total).epsilon(1e-15));
  CHECK(norm == doctest::Approx(std::sqrt(29.0)).epsilon(1e-15));
  const double coef = 1.0 / (norm + 1e-6);
  for (std::size_t i = 0; i < 4; ++i) CHECK(g[M::W][i] == gw[i] * coef);
  CHECK(g[M::s] == 4.0 * coef);
  CHECK(g[M::F][1] == -2.0 * coef);
  CHECK(g[M::F][0] == 0.0);
  // The clipped gradient's norm is max_norm · n / (n + 1e-6), just under max_norm.
  auto again = g;
  const double after = tg::optim::clip_grad_norm(again, 1.0);
  CHECK(after == doctest::Approx(total / (total + 1e-6)).epsilon(1e-14));
  CHECK(after < 1.0);
  CHECK(again[M::W] == g[M::W]);  // under the limit now: unchanged

  // Another limit: the factor is max_norm / (n + 1e-6).
  auto h = M::gradient(gw, 4.0, gf);
  CHECK(tg::optim::clip_grad_norm(h, 2.5) == doctest::Approx(total).epsilon(1e-15));
  CHECK(h[M::s] == 4.0 * (2.5 / (total + 1e-6)));
}

TEST_CASE("clip_grad_norm leaves a gradient within the limit unchanged") {
  const tg::matrix<double, 2, 2> gw{0.3, -0.4, 0, 0};
  const tg::vector<double, 2> gf{0, 0};
  auto g = M::gradient(gw, 1.2, gf);  // norm √(0.09 + 0.16 + 1.44) = 1.3
  const auto before = g;
  CHECK(tg::optim::clip_grad_norm(g, 2.0) == doctest::Approx(1.3).epsilon(1e-15));
  CHECK(g[M::W] == before[M::W]);
  CHECK(g[M::s] == before[M::s]);
  CHECK(g[M::F] == before[M::F]);
  // Exactly at the limit: unchanged too (scaled only when norm > max_norm).
  const tg::matrix<double, 2, 2> gw2{3, 0, 0, 0};
  auto at_limit = M::gradient(gw2, 4.0, gf);
  CHECK(tg::optim::clip_grad_norm(at_limit, 5.0) == 5.0);
  CHECK(at_limit[M::W](0, 0) == 3.0);
  CHECK(at_limit[M::s] == 4.0);
}

TEST_CASE("clip_grad_norm counts only the gradient's targets") {
  const tg::matrix<double, 2, 2> gw{3, 0, 0, 0};
  const tg::vector<double, 2> gf{100, 100};  // F frozen: not in the gradient
  auto g = M::gradient(gw, 4.0, gf, tg::wrt(M::W, M::s));
  CHECK(tg::optim::clip_grad_norm(g, 1.0) == 5.0);
  CHECK(g[M::s] == 4.0 * (1.0 / (5.0 + 1e-6)));
}

TEST_CASE("clip_grad_norm on float gradients") {
  using MF = model<float>;
  const tg::matrix<float, 2, 2> gw{1, -2, 2, 0};
  const tg::vector<float, 2> gf{0, -2};
  auto g = MF::gradient(gw, 4.0f, gf);
  const auto norm = tg::optim::clip_grad_norm(g, 1.0);
  static_assert(std::is_same_v<std::remove_const_t<decltype(norm)>, float>);
  CHECK(norm == std::sqrt(29.0f));
  const float coef = 1.0f / (norm + 1e-6f);
  CHECK(g[MF::s] == 4.0f * coef);
  CHECK(g[MF::W](0, 1) == -2.0f * coef);
}

TEST_CASE("clip_grad_norm with an infinite element") {
  const tg::matrix<double, 2, 2> gw{std::numeric_limits<double>::infinity(), 1, 0, 0};
  const tg::vector<double, 2> gf{0, 0};
  auto g = M::gradient(gw, 1.0, gf);
  CHECK(std::isinf(tg::optim::clip_grad_norm(g, 1.0)));
  CHECK(std::isnan(g[M::W][0]));  // inf · 0, as torch
  CHECK(g[M::W][1] == 0.0);
  CHECK(g[M::s] == 0.0);
}

namespace {
constexpr double clipped_at_compile_time() {
  auto g = M::gradient({3, 0, 0, 0}, 4.0, {0, 0});
  const double n = tg::optim::clip_grad_norm(g, 1.0);
  return n + g[M::s];
}
}  // namespace

TEST_CASE("clip_grad_norm at compile time") {
  static_assert(clipped_at_compile_time() == 5.0 + 4.0 * (1.0 / (5.0 + 1e-6)));
  CHECK(clipped_at_compile_time() == 5.0 + 4.0 * (1.0 / (5.0 + 1e-6)));
}

TEST_CASE("clip_grad_value clamps every element") {
  const tg::matrix<double, 2, 2> gw{3, -4, 0.5, -0.25};
  const tg::vector<double, 2> gf{std::numeric_limits<double>::quiet_NaN(), -1};
  auto g = M::gradient(gw, 7.0, gf);
  tg::optim::clip_grad_value(g, 1.0);
  CHECK(g[M::W] == tg::matrix<double, 2, 2>{1, -1, 0.5, -0.25});
  CHECK(g[M::s] == 1.0);
  CHECK(std::isnan(g[M::F][0]));
  CHECK(g[M::F][1] == -1.0);
  tg::optim::clip_grad_value(g, 0.3);
  CHECK(g[M::W] == tg::matrix<double, 2, 2>{0.3, -0.3, 0.3, -0.25});
}

TEST_CASE("clip then step uses the clipped gradient") {
  const tg::matrix<double, 2, 2> gw{3, 0, 0, 0};
  const tg::vector<double, 2> gf{0, 0};
  M::params p;
  tg::optim::sgd opt(p, {.lr = 0.1});
  auto g = M::gradient(gw, 4.0, gf);
  tg::optim::clip_grad_norm(g, 1.0);
  opt.step(p, g);
  CHECK(p[M::W](0, 0) == -0.1 * (3.0 * (1.0 / (5.0 + 1e-6))));
  CHECK(p[M::s] == -0.1 * (4.0 * (1.0 / (5.0 + 1e-6))));
}

TEST_CASE("clip_grad_norm - a gradient in a caller's workspace is clipped in place") {
  using m = model<double>;
  m::params p;
  auto ws = std::make_unique<tg::workspace<decltype(m::loss)>>();
  const tg::matrix<double, 2, 2> gw{3, 0, 0, 0};
  const tg::vector<double, 2> gf{0, 0};
  auto vg = tg::value_and_grad(m::loss, tg::join(p.bind(), tg::at(m::GW = gw, m::Gs = 4.0, m::GF = gf)),
                               m::params::wrt(), *ws);
  const double norm = tg::optim::clip_grad_norm(vg.grad, 1.0);
  CHECK(norm == 5.0);
  const double coef = 1.0 / (5.0 + 1e-6);
  CHECK(vg.grad[m::W](0, 0) == 3.0 * coef);
  CHECK(vg.grad[m::s] == 4.0 * coef);
  // The workspace itself holds the clipped values.
  auto again = tg::value_and_grad(m::loss, tg::join(p.bind(), tg::at(m::GW = gw, m::Gs = 4.0, m::GF = gf)),
                                  m::params::wrt(), *ws);
  CHECK(again.grad[m::s] == 4.0);
}
