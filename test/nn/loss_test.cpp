// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/nn/loss.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>

// Each loss's value and gradient against its formula written out with std:: math in
// double (from the same inputs), for double and float expressions. The gradients are
// the hand derivatives of the mean: n is the number of elements (the batch for
// cross-entropy).

namespace {

namespace tg = typegrad;
namespace nn = tg::nn;

template <class R>
constexpr double tolerance = std::is_same_v<R, float> ? 2e-6 : 1e-14;

// a agrees with b relative to max(1, |a|, |b|).
template <class R>
bool near(double a, double b) {
  const double scale = std::max({1.0, std::abs(a), std::abs(b)});
  return std::abs(a - b) <= tolerance<R> * scale;
}

template <class R, class Tensor>
void check_elements(const char* what, const Tensor& got,
                    const std::array<double, Tensor::size()>& expected) {
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(what);
    CAPTURE(i);
    CAPTURE(got[i]);
    CAPTURE(expected[i]);
    CHECK(near<R>(static_cast<double>(got[i]), expected[i]));
  }
}

// Values written as double, stored as R; the formulas then read them back as double.
template <class Tensor, class... V>
constexpr Tensor make(V... v) {
  return Tensor{static_cast<typename Tensor::value_type>(v)...};
}

template <class Tensor>
std::array<double, Tensor::size()> as_double(const Tensor& t) {
  std::array<double, Tensor::size()> r{};
  for (std::size_t i = 0; i < t.size(); ++i)
    r[i] = static_cast<double>(t[i]);
  return r;
}

// ---- mse -------------------------------------------------------------------------------------

TEST_CASE_TEMPLATE("loss: mse is the mean squared difference", R, double, float) {
  using M = tg::matrix<R, 2, 3>;
  constexpr auto P = tg::var<"P", M>;
  constexpr auto T = tg::var<"T", M>;
  const M p = make<M>(0.5, -1.2, 2.0, 0.0, 3.5, -0.7);
  const M t = make<M>(1.0, -1.0, 0.5, 0.3, 3.0, 0.2);
  const auto loss = nn::mse(P, T);
  const auto [value, g] = tg::value_and_grad(loss, tg::at(P = p, T = t));
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(value)>, R>);

  const auto pd = as_double(p), td = as_double(t);
  double expected = 0;
  std::array<double, 6> dp{}, dt{};
  for (std::size_t i = 0; i < 6; ++i) {
    const double d = pd[i] - td[i];
    expected += d * d / 6;
    dp[i] = 2 * d / 6;
    dt[i] = -dp[i];
  }
  CHECK(near<R>(value, expected));
  check_elements<R>("dP", g[P], dp);
  check_elements<R>("dT", g[T], dt);
  if constexpr (std::is_same_v<R, double>)
    CHECK(tg::check_gradient(loss, tg::at(P = p, T = t)).ok);
}

TEST_CASE("loss: mse of scalars is the squared difference") {
  constexpr auto x = tg::var<"x">;
  constexpr auto t = tg::input<"t">;
  const auto [value, g] = tg::value_and_grad(nn::mse(x, t), tg::at(x = 3.0, t = 1.0));
  CHECK(value == 4.0);
  CHECK(g[x] == 4.0);
}

// ---- cross_entropy -------------------------------------------------------------------------

// -mean_b log softmax(z_b)[y_b] and (softmax(z_b) - onehot(y_b)) / B, each row shifted by
// its maximum (so the reference itself is stable at ±1000).
template <std::size_t B, std::size_t C>
void cross_entropy_by_hand(const std::array<double, B * C>& z, const std::array<int, B>& y,
                           double& value, std::array<double, B * C>& dz) {
  value = 0;
  for (std::size_t b = 0; b < B; ++b) {
    double m = z[b * C];
    for (std::size_t j = 1; j < C; ++j)
      m = std::max(m, z[b * C + j]);
    double s = 0;
    for (std::size_t j = 0; j < C; ++j)
      s += std::exp(z[b * C + j] - m);
    const double lse = m + std::log(s);
    value += (lse - z[b * C + static_cast<std::size_t>(y[b])]) / B;
    for (std::size_t j = 0; j < C; ++j)
      dz[b * C + j] =
          (std::exp(z[b * C + j] - lse) - (static_cast<int>(j) == y[b] ? 1.0 : 0.0)) / B;
  }
}

TEST_CASE_TEMPLATE("loss: cross_entropy is the mean negative log-likelihood of softmax", R, double,
                   float) {
  using M = tg::matrix<R, 3, 4>;
  using L = tg::vector<int, 3>;
  constexpr auto Z = tg::var<"Z", M>;
  constexpr auto y = tg::input<"y", L>;
  const auto loss = nn::cross_entropy(Z, y);

  const M z = make<M>(0.2, -1.0, 0.7, 1.5,  //
                      2.0, 0.1, -0.3, 0.0,  //
                      -0.5, 0.4, 0.4, -2.0);
  const L labels{3, 0, 1};
  const auto [value, g] = tg::value_and_grad(loss, tg::at(Z = z, y = labels));
  double expected = 0;
  std::array<double, 12> dz{};
  cross_entropy_by_hand<3, 4>(as_double(z), {3, 0, 1}, expected, dz);
  CHECK(near<R>(value, expected));
  check_elements<R>("dZ", g[Z], dz);
  if constexpr (std::is_same_v<R, double>)
    CHECK(tg::check_gradient(loss, tg::at(Z = z, y = labels)).ok);
}

TEST_CASE_TEMPLATE("loss: cross_entropy is finite for logits of plus or minus 1000", R, double,
                   float) {
  using M = tg::matrix<R, 3, 4>;
  using L = tg::vector<int, 3>;
  constexpr auto Z = tg::var<"Z", M>;
  constexpr auto y = tg::input<"y", L>;
  const M z = make<M>(1000, -1000, 0, 500,       //
                      -1000, 1000, 1000, -1000,  //
                      0, 0, 0, 0);
  const L labels{0, 0, 3};
  const auto [value, g] = tg::value_and_grad(nn::cross_entropy(Z, y), tg::at(Z = z, y = labels));
  // Row 0 picks its winner (loss 0), row 1 a loser at -2000 below two winners (2000 + log 2),
  // row 2 one of four equal logits (log 4).
  const double expected = (0 + 2000 + std::log(2.0) + std::log(4.0)) / 3;
  CHECK(std::isfinite(value));
  CHECK(near<R>(value, expected));
  double by_hand = 0;
  std::array<double, 12> dz{};
  cross_entropy_by_hand<3, 4>(as_double(z), {0, 0, 3}, by_hand, dz);
  CHECK(near<R>(by_hand, expected));
  for (R d : g[Z])
    CHECK(std::isfinite(d));
  check_elements<R>("dZ", g[Z], dz);
  // Readable: row 1 is (softmax - onehot) / 3 = (-1, 1/2, 1/2, 0) / 3.
  CHECK(g[Z](1, 0) == doctest::Approx(-1.0 / 3));
  CHECK(g[Z](1, 1) == doctest::Approx(0.5 / 3));
}

// ---- binary_cross_entropy_with_logits -------------------------------------------------------

TEST_CASE_TEMPLATE(
    "loss: binary_cross_entropy_with_logits is stable and has gradient sigmoid minus target", R,
    double, float) {
  using V = tg::vector<R, 6>;
  constexpr auto Z = tg::var<"Z", V>;
  constexpr auto T = tg::var<"T", V>;
  const V z = make<V>(1000, -1000, 0, 2, -0.5, 3);
  const V t = make<V>(0, 1, 0.5, 1, 0, 0.25);
  const auto loss = nn::binary_cross_entropy_with_logits(Z, T);
  const auto [value, g] = tg::value_and_grad(loss, tg::at(Z = z, T = t));

  const auto zd = as_double(z), td = as_double(t);
  double expected = 0;
  std::array<double, 6> dz{}, dt{};
  for (std::size_t i = 0; i < 6; ++i) {
    // max(z, 0) - z t + log(1 + exp(-|z|)), as torch's BCEWithLogitsLoss.
    expected += (std::max(zd[i], 0.0) - zd[i] * td[i] + std::log1p(std::exp(-std::abs(zd[i])))) / 6;
    dz[i] = (1 / (1 + std::exp(-zd[i])) - td[i]) / 6;
    dt[i] = -zd[i] / 6;
  }
  CHECK(std::isfinite(value));
  CHECK(near<R>(value, expected));
  // The two ±1000 logits with the wrong targets contribute 1000 each.
  CHECK(value > R(2000.0 / 6));
  check_elements<R>("dZ", g[Z], dz);
  check_elements<R>("dT", g[T], dt);
  // At z = 0 the gradient is sigmoid(0) - t = 1/2 - t, with no kink.
  CHECK(g[Z][2] == doctest::Approx(0.0));
  CHECK(g[Z][0] == doctest::Approx(1.0 / 6));   // sigmoid(1000) - 0
  CHECK(g[Z][1] == doctest::Approx(-1.0 / 6));  // sigmoid(-1000) - 1
}

// ---- huber -----------------------------------------------------------------------------------

// torch.nn.HuberLoss: 0.5 d² for |d| < delta, else delta (|d| - delta / 2); gradient
// clamp(d, -delta, delta), over n.
template <std::size_t N>
void huber_by_hand(const std::array<double, N>& d, double delta, double& value,
                   std::array<double, N>& dd) {
  value = 0;
  for (std::size_t i = 0; i < N; ++i) {
    const double a = std::abs(d[i]);
    value += (a < delta ? 0.5 * d[i] * d[i] : delta * (a - 0.5 * delta)) / N;
    dd[i] = std::clamp(d[i], -delta, delta) / N;
  }
}

TEST_CASE_TEMPLATE("loss: huber has a quadratic and a linear branch", R, double, float) {
  using V = tg::vector<R, 6>;
  constexpr auto P = tg::var<"P", V>;
  constexpr auto T = tg::input<"T", V>;
  // d = p - t: 0.25 and -0.5 (quadratic), 2.5 and -3 (linear), 1 and -1 (the boundary, delta 1).
  const V p = make<V>(1.25, 0.0, 3.5, -2.0, 2.0, 0.5);
  const V t = make<V>(1.0, 0.5, 1.0, 1.0, 1.0, 1.5);
  std::array<double, 6> d{};
  for (std::size_t i = 0; i < 6; ++i)
    d[i] = static_cast<double>(p[i]) - static_cast<double>(t[i]);

  SUBCASE("delta 1 by default") {
    const auto [value, g] = tg::value_and_grad(nn::huber(P, T), tg::at(P = p, T = t));
    double expected = 0;
    std::array<double, 6> dp{};
    huber_by_hand(d, 1.0, expected, dp);
    CHECK(near<R>(value, expected));
    check_elements<R>("dP", g[P], dp);
    // The linear branch's slope is ±delta / n, the quadratic one's d / n.
    CHECK(g[P][2] == doctest::Approx(1.0 / 6));
    CHECK(g[P][3] == doctest::Approx(-1.0 / 6));
    CHECK(g[P][1] == doctest::Approx(-0.5 / 6));
  }
  SUBCASE("delta given as a number") {
    const auto loss = nn::huber(P, T, 0.5);
    const auto [value, g] = tg::value_and_grad(loss, tg::at(P = p, T = t));
    double expected = 0;
    std::array<double, 6> dp{};
    huber_by_hand(d, 0.5, expected, dp);
    CHECK(near<R>(value, expected));
    check_elements<R>("dP", g[P], dp);
    if constexpr (std::is_same_v<R, double>)
      CHECK(tg::check_gradient(loss, tg::at(P = p, T = t)).ok);
  }
}

TEST_CASE("loss: huber takes delta as an expression") {
  using V = tg::vector<double, 3>;
  constexpr auto P = tg::var<"P", V>;
  constexpr auto T = tg::input<"T", V>;
  constexpr auto delta = tg::var<"delta">;
  const V p{0.2, 3.0, -2.0}, t{0.0, 0.0, 0.0};
  const auto loss = nn::huber(P, T, delta);
  const auto [value, g] = tg::value_and_grad(loss, tg::at(P = p, T = t, delta = 1.5));
  CHECK(value == doctest::Approx((0.02 + 1.5 * (3 - 0.75) + 1.5 * (2 - 0.75)) / 3));
  // d/ddelta of delta (|d| - delta / 2) is |d| - delta, on the linear branch only.
  CHECK(g[delta] == doctest::Approx(((3 - 1.5) + (2 - 1.5)) / 3));
  CHECK(tg::check_gradient(loss, tg::at(P = p, T = t, delta = 1.5)).ok);
}

// ---- hinge -----------------------------------------------------------------------------------

TEST_CASE_TEMPLATE("loss: hinge is the mean of relu of one minus y times s", R, double, float) {
  using V = tg::vector<R, 5>;
  constexpr auto S = tg::var<"S", V>;
  constexpr auto Y = tg::input<"Y", V>;
  // Margins 1 - y s: -1 (beyond the margin), 0.5, 1.3, 3, and 0 (exactly at it).
  const V s = make<V>(2, 0.5, 0.3, -2, 1);
  const V y = make<V>(1, 1, -1, 1, 1);
  const auto [value, g] = tg::value_and_grad(nn::hinge(S, Y), tg::at(S = s, Y = y));
  const auto sd = as_double(s), yd = as_double(y);
  double expected = 0;
  std::array<double, 5> ds{};
  for (std::size_t i = 0; i < 5; ++i) {
    const double margin = 1 - yd[i] * sd[i];
    expected += std::max(margin, 0.0) / 5;
    ds[i] = margin > 0 ? -yd[i] / 5 : 0.0;  // relu'(0) = 0 at the margin
  }
  CHECK(near<R>(value, expected));
  CHECK(near<R>(value, (0 + 0.5 + 1.3 + 3 + 0) / 5));
  check_elements<R>("dS", g[S], ds);
  CHECK(g[S][4] == R(0));
}

TEST_CASE("loss: hinge takes integer labels") {
  constexpr auto S = tg::var<"S", tg::vector<double, 3>>;
  constexpr auto Y = tg::input<"Y", tg::vector<int, 3>>;
  const auto [value, g] = tg::value_and_grad(
      nn::hinge(S, Y),
      tg::at(S = tg::vector<double, 3>{2, 0.5, -1}, Y = tg::vector<int, 3>{1, -1, 1}));
  // Margins -1, 1.5, 2.
  CHECK(value == doctest::Approx(3.5 / 3));
  CHECK(g[S][0] == 0.0);
  CHECK(g[S][1] == doctest::Approx(1.0 / 3));
  CHECK(g[S][2] == doctest::Approx(-1.0 / 3));
}

}  // namespace
