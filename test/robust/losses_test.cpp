// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Logits of +-1000 (and mixes with ordinary ones) through softmax, log_softmax,
// logsumexp, the cross-entropy and the binary cross-entropy with logits, in double and
// float: values and gradients (reverse mode, and forward mode along a direction) are
// finite and equal the stable formulas, computed here in long double.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>

#include "support/extreme.hpp"

namespace {

namespace tg = typegrad;
namespace nn = typegrad::nn;
namespace ex = typegrad::test::extreme;
using ex::real;

constexpr std::size_t rows = 3, cols = 3;

// The bound, in units of T's epsilon. -ffast-math reassociates (z - max) - log(sum) into
// z - (max + log(sum)), which rounds at the magnitude of the logits: an absolute error of
// eps * 1000 in log_softmax, a relative one in the gradients read from it (README, -O3 and
// -ffast-math).
#ifdef __FAST_MATH__
constexpr double ulps = 8 * 1001;
#else
constexpr double ulps = 8;
#endif

// Logits with +-1000 beside ordinary numbers: a winner, ties at 1000, all equal, and a
// row whose winner leads by 1 (the others contribute e^-1 and e^-2000).
constexpr std::array<std::array<double, rows * cols>, 4> logit_sets{{
    {1000, -1000, 0, -1000, -1000, 1000, 1000, 1000, -1000},
    {1000, 999, -1000, 0.5, -0.25, 1, -1000, -1000, -1000},
    {1000, 1000, 1000, -1000, -1000, -1000, 0, 0, 0},
    {-1000, 1000, 999.5, 1000, -3, 2, -1000, 999, 1000},
}};

// The stable formulas per row, in long double.
struct row_reference {
  std::array<real, rows * cols> softmax{}, log_softmax{};
  std::array<real, rows> logsumexp{};
};

template <class Z>
row_reference reference_of(const Z& z) {
  row_reference r;
  for (std::size_t i = 0; i < rows; ++i) {
    real m = -std::numeric_limits<real>::infinity();
    for (std::size_t j = 0; j < cols; ++j) m = std::fmax(m, static_cast<real>(z(i, j)));
    real s = 0;
    for (std::size_t j = 0; j < cols; ++j) s += std::exp(static_cast<real>(z(i, j)) - m);
    r.logsumexp[i] = m + std::log(s);
    for (std::size_t j = 0; j < cols; ++j) {
      r.softmax[i * cols + j] = std::exp(static_cast<real>(z(i, j)) - m) / s;
      r.log_softmax[i * cols + j] = static_cast<real>(z(i, j)) - r.logsumexp[i];
    }
  }
  return r;
}

// |got - want| <= tol * max(1, |want|), and got finite.
template <class T>
bool close(T got, real want, T tol) {
  return std::isfinite(got) && std::fabs(static_cast<real>(got) - want) <= tol * std::fmax(real(1), std::fabs(want));
}

TEST_CASE_TEMPLATE("losses: softmax log_softmax and logsumexp of logits of plus and minus 1000", T, double, float) {
  constexpr auto Z = tg::var<"Z", tg::matrix<T, rows, cols>>;
  constexpr auto W = tg::input<"W", tg::matrix<T, rows, cols>>;
  const tg::matrix<T, rows, cols> w{T(0.5), T(-1), T(2), T(1), T(0.25), T(-0.75), T(-2), T(1.5), T(1)};
  const T tol = static_cast<T>(ulps) * ex::eps<T>;
  for (const auto& set : logit_sets) {
    tg::matrix<T, rows, cols> z{};
    for (std::size_t k = 0; k < rows * cols; ++k) z[k] = static_cast<T>(set[k]);
    const row_reference ref = reference_of(z);
    const auto at = tg::at(Z = z, W = w);
    const auto s = tg::eval(tg::softmax(Z), at);
    const auto ls = tg::eval(tg::log_softmax(Z), at);
    const auto lse = tg::eval(tg::logsumexp<1>(Z), at);
    // d/dZ sum(W * softmax(Z)) = s * (w - sum_j s w), row by row.
    const auto gs = tg::grad(tg::sum(W * tg::softmax(Z)), at)[Z];
    // d/dZ sum(W * log_softmax(Z)) = w - s * sum_j w.
    const auto gl = tg::grad(tg::sum(W * tg::log_softmax(Z)), at)[Z];
    // d/dZ sum(logsumexp(Z)) = s.
    const auto ge = tg::grad(tg::sum(tg::logsumexp<1>(Z)), at)[Z];
    for (std::size_t i = 0; i < rows; ++i) {
      CAPTURE(i);
      CHECK(close(lse[i], ref.logsumexp[i], tol));
      real sw = 0, sum_w = 0;
      for (std::size_t j = 0; j < cols; ++j) {
        sw += ref.softmax[i * cols + j] * static_cast<real>(w(i, j));
        sum_w += static_cast<real>(w(i, j));
      }
      for (std::size_t j = 0; j < cols; ++j) {
        CAPTURE(j);
        const real sij = ref.softmax[i * cols + j];
        CHECK(close(s(i, j), sij, tol));
        CHECK(close(ls(i, j), ref.log_softmax[i * cols + j], tol));
        CHECK(close(gs(i, j), sij * (static_cast<real>(w(i, j)) - sw), tol));
        CHECK(close(gl(i, j), static_cast<real>(w(i, j)) - sij * sum_w, tol));
        // logsumexp's rule exp(z - logsumexp(z)) reads its rounded result: an absolute error
        // of eps |logsumexp| in the exponent, a relative one in the gradient.
        CHECK(close(ge(i, j), sij, tol * std::fmax(T(1), std::fabs(lse[i]))));
      }
    }
    // Forward mode along a direction equals the gradient's inner product with it.
    tg::matrix<T, rows, cols> dir{};
    real expected = 0;
    for (std::size_t k = 0; k < rows * cols; ++k) {
      dir[k] = static_cast<T>(static_cast<int>(k % 5) - 2);
      expected += static_cast<real>(gl[k]) * static_cast<real>(dir[k]);
    }
    const auto t = tg::jvp(tg::sum(W * tg::log_softmax(Z)), at, tg::along(Z = dir));
    CHECK(close(t.tangent, expected, tol * 8));
  }
}

TEST_CASE_TEMPLATE("losses: cross-entropy of logits of plus and minus 1000", T, double, float) {
  constexpr auto Z = tg::var<"Z", tg::matrix<T, rows, cols>>;
  constexpr auto y = tg::input<"y", tg::vector<int, rows>>;
  const T tol = static_cast<T>(ulps) * ex::eps<T>;
  for (const auto& set : logit_sets) {
    tg::matrix<T, rows, cols> z{};
    for (std::size_t k = 0; k < rows * cols; ++k) z[k] = static_cast<T>(set[k]);
    const row_reference ref = reference_of(z);
    for (const tg::vector<int, rows>& labels : {tg::vector<int, rows>{0, 1, 2}, tg::vector<int, rows>{2, 2, 0}}) {
      const auto at = tg::at(Z = z, y = labels);
      const auto [value, g] = tg::value_and_grad(nn::cross_entropy(Z, y), at);
      // loss = mean_b (logsumexp(z_b) - z_{b, y_b}): up to 2000 per row, finite.
      real loss = 0;
      for (std::size_t i = 0; i < rows; ++i) loss += -ref.log_softmax[i * cols + static_cast<std::size_t>(labels[i])];
      loss /= rows;
      CHECK(close(value, loss, tol));
      // d/dz = (softmax - onehot) / rows.
      for (std::size_t i = 0; i < rows; ++i)
        for (std::size_t j = 0; j < cols; ++j) {
          const real onehot = static_cast<std::size_t>(labels[i]) == j ? 1 : 0;
          CHECK(close(g[Z](i, j), (ref.softmax[i * cols + j] - onehot) / rows, tol));
        }
      const auto t = tg::jvp(nn::cross_entropy(Z, y), at, tg::along(Z = z));
      real expected = 0;
      for (std::size_t k = 0; k < rows * cols; ++k) expected += static_cast<real>(g[Z][k]) * static_cast<real>(z[k]);
      CHECK(std::isfinite(t.tangent));
      CHECK(close(t.tangent / 1000, expected / 1000, tol * 8));
    }
  }
}

TEST_CASE_TEMPLATE("losses: binary cross-entropy with logits of plus and minus 1000", T, double, float) {
  constexpr std::size_t n = 6;
  constexpr auto Z = tg::var<"Z", tg::vector<T, n>>;
  constexpr auto Y = tg::input<"Y", tg::vector<T, n>>;
  const tg::vector<T, n> z{T(1000), T(-1000), T(1000), T(-1000), T(-800), T(30)};
  const tg::vector<T, n> t{T(1), T(1), T(0), T(0), T(0.5), T(0.25)};
  const auto [value, g] = tg::value_and_grad(nn::binary_cross_entropy_with_logits(Z, Y), tg::at(Z = z, Y = t));
  real loss = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const real zk = z[k], tk = t[k];
    loss += std::fmax(zk, real(0)) + std::log1p(std::exp(-std::fabs(zk))) - zk * tk;
    const real sig = zk >= 0 ? 1 / (1 + std::exp(-zk)) : std::exp(zk) / (1 + std::exp(zk));
    CHECK(close(g[Z][k], (sig - tk) / n, static_cast<T>(ulps) * ex::eps<T>));
  }
  CHECK(close(value, loss / n, static_cast<T>(ulps) * ex::eps<T>));
}

}  // namespace
