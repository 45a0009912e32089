// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Elementwise chains in value-only passes (eval, jvp) run as one loop: the
// intermediate nodes have no slot in the workspace.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>

namespace tg = typegrad;

namespace {

using mat = tg::matrix<double, 4, 8>;
constexpr auto X = tg::input<"X", mat>;
constexpr auto W = tg::var<"W", mat>;
constexpr auto b = tg::var<"b", tg::vector<double, 8>>;

template <class E>
using fusion_t = typename tg::detail::fusion_of<typename tg::detail::forward_plan<E, double>::values,
                                                typename tg::detail::forward_plan<E, double>::order>::type;

template <class E>
constexpr std::size_t stored_tensors() {
  using F = fusion_t<E>;
  std::size_t n = 0;
  [&]<std::size_t... K>(std::index_sequence<K...>) {
    ((n += !F::inlined[K] && tg::detail::is_tensor_v<typename F::template value_type<K>> ? 1 : 0), ...);
  }(std::make_index_sequence<F::n>{});
  return n;
}

mat sample(double seed) {
  mat m;
  for (std::size_t i = 0; i < m.size(); ++i) m[i] = std::sin(seed + 0.7 * static_cast<double>(i));
  return m;
}

}  // namespace

TEST_CASE("fusion - a chain of elementwise ops keeps one tensor: its result") {
  constexpr auto chain = tg::exp(tg::tanh(2.0 * W + 1.0) * W);
  using E = std::remove_cvref_t<decltype(chain)>;
  // W's slot is a reference to the caller's tensor; the chain's nodes (2*W, +1,
  // tanh, *W, exp) store only exp.
  using F = fusion_t<E>;
  static_assert(F::inlined[F::n - 2]);  // the product under exp
  CHECK(stored_tensors<E>() == 1);
  CHECK(sizeof(typename F::values) < 2 * sizeof(mat));

  const mat w = sample(0.3);
  const mat r = tg::eval(chain, tg::at(W = w));
  for (std::size_t i = 0; i < w.size(); ++i)
    CHECK(r[i] == doctest::Approx(std::exp(std::tanh(2.0 * w[i] + 1.0) * w[i])).epsilon(1e-15));
}

TEST_CASE("fusion - broadcast operands and shared nodes") {
  // The bias broadcasts into the chain.
  constexpr auto y = tg::sigmoid(X * W + b);
  const mat x = sample(1.0), w = sample(2.0);
  tg::vector<double, 8> bb;
  for (std::size_t j = 0; j < 8; ++j) bb[j] = 0.1 * static_cast<double>(j) - 0.3;
  const mat r = tg::eval(y, tg::at(X = x, W = w, b = bb));
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 8; ++j)
      CHECK(r(i, j) == doctest::Approx(1.0 / (1.0 + std::exp(-(x(i, j) * w(i, j) + bb[j])))).epsilon(1e-15));

  // t is used twice by its parent: stored, computed once.
  constexpr auto t = tg::tanh(W);
  constexpr auto shared = t * t + 1.0;
  using F = fusion_t<std::remove_cvref_t<decltype(shared)>>;
  static_assert(!F::inlined[1]);  // tanh(W)
  const mat s = tg::eval(shared, tg::at(W = w));
  for (std::size_t i = 0; i < w.size(); ++i) CHECK(s[i] == doctest::Approx(std::tanh(w[i]) * std::tanh(w[i]) + 1.0));
}

TEST_CASE("fusion - jvp through a fused chain equals the reverse gradient") {
  constexpr auto loss = tg::sum(tg::log1p(tg::exp(tg::tanh(W) * 3.0)));
  const mat w = sample(0.5), v = sample(4.0);
  const auto t = tg::jvp(loss, tg::at(W = w), tg::along(W = v));
  const auto g = tg::grad(loss, tg::at(W = w));
  double expected = 0;
  for (std::size_t i = 0; i < w.size(); ++i) expected += g[W][i] * v[i];
  CHECK(t.value == doctest::Approx(tg::eval(loss, tg::at(W = w))).epsilon(1e-15));
  CHECK(t.tangent == doctest::Approx(expected).epsilon(1e-13));
}

TEST_CASE("fusion - constexpr") {
  constexpr tg::vector<double, 3> v{1, 2, 3};
  constexpr auto u = tg::var<"u", tg::vector<double, 3>>;
  constexpr auto r = tg::eval((u * u + 1.0) * 2.0, tg::at(u = v));
  static_assert(r[0] == 4 && r[1] == 10 && r[2] == 20);
  CHECK(r[2] == 20);
}
