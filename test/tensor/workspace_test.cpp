// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/reverse.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>

// Tensor passes and their memory: the caller's workspace (tg::workspace) gives the
// same results as the stack, can be reused, and is at least as large as the
// intermediate tensors; no tensor pass allocates; a tensor bound as an lvalue is
// referred to, not copied.
//
// Allocations are counted with test/support/counting_new.hpp, which replaces the
// global operator new: this must be the only file of test_tensor that includes it.

#include "support/counting_new.hpp"

namespace {

namespace tg = typegrad;

// A one-layer MLP-like loss: L = mean(tanh(X·W + b)²), X [8, 4] data, W [4, 3], b [3].
constexpr std::size_t B = 8, In = 4, Out = 3;
using x_type = tg::matrix<double, B, In>;
using w_type = tg::matrix<double, In, Out>;
using b_type = tg::vector<double, Out>;
using z_type = tg::matrix<double, B, Out>;

constexpr auto X = tg::input<"X", x_type>;
constexpr auto W = tg::var<"W", w_type>;
constexpr auto b = tg::var<"b", b_type>;
constexpr auto H = tg::tanh(tg::matmul(X, W) + b);

// constexpr like every expression: tg::workspace<decltype(loss)> drops the const.
constexpr auto loss = tg::mean(H * H);
using loss_type = decltype(loss);

// Deterministic values in about [-1, 1], different for each seed.
template <class T>
T filled(double seed) {
  T t{};
  for (std::size_t i = 0; i < t.size(); ++i)
    t[i] = std::sin(seed * 1.7 + 0.37 * static_cast<double>(i)) * (0.5 + 0.1 * seed);
  return t;
}

// The loss and its gradient written out by hand:
//   Z = X W + b,  H = tanh Z,  L = ΣH² / n,  dZ = (2H / n)(1 - H²),  dW = Xᵀ dZ,  db = Σ_rows dZ.
struct reference {
  double value = 0;
  w_type dW{};
  b_type db{};
};

reference by_hand(const x_type& x, const w_type& w, const b_type& bias) {
  reference r;
  z_type h{};
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t j = 0; j < Out; ++j) {
      double z = bias[j];
      for (std::size_t k = 0; k < In; ++k) z += x(i, k) * w(k, j);
      h(i, j) = std::tanh(z);
      r.value += h(i, j) * h(i, j);
    }
  constexpr double n = static_cast<double>(B * Out);
  r.value /= n;
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t j = 0; j < Out; ++j) {
      const double dz = 2 * h(i, j) / n * (1 - h(i, j) * h(i, j));
      r.db[j] += dz;
      for (std::size_t k = 0; k < In; ++k) r.dW(k, j) += x(i, k) * dz;
    }
  return r;
}

template <class T>
void check_close(const T& got, const T& expected) {
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(i);
    CHECK(got[i] == doctest::Approx(expected[i]).epsilon(1e-12));
  }
}

// ---- the caller's workspace ----------------------------------------------------------------

TEST_CASE("workspace: the caller's workspace gives the same value and gradients as the stack") {
  const auto x = filled<x_type>(1);
  const auto w = filled<w_type>(2);
  const auto bias = filled<b_type>(3);
  const auto at = tg::at(X = x, W = w, b = bias);

  const auto plain = tg::value_and_grad(loss, at);
  auto ws = std::make_unique<tg::workspace<decltype(loss)>>();
  const auto [value, grad] = tg::value_and_grad(loss, at, tg::wrt(W, b), *ws);

  // The same fused passes over the same types: bit for bit the same numbers.
  CHECK(value == plain.value);
  CHECK(grad[W] == plain.grad[W]);
  CHECK(grad[b] == plain.grad[b]);

  // And both are right.
  const reference expected = by_hand(x, w, bias);
  CHECK(value == doctest::Approx(expected.value).epsilon(1e-13));
  check_close(grad[W], expected.dW);
  check_close(grad[b], expected.db);
  CHECK(tg::check_gradient(loss, at).ok);
}

TEST_CASE("workspace: one workspace serves a second call with other values") {
  auto ws = std::make_unique<tg::workspace<loss_type>>();
  const auto x1 = filled<x_type>(1);
  const auto w1 = filled<w_type>(2);
  const auto b1 = filled<b_type>(3);
  const auto first = tg::value_and_grad(loss, tg::at(X = x1, W = w1, b = b1), tg::wrt(W, b), *ws);
  const double first_value = first.value;
  const w_type first_dW = first.grad[W];
  const reference r1 = by_hand(x1, w1, b1);
  CHECK(first_value == doctest::Approx(r1.value).epsilon(1e-13));
  check_close(first_dW, r1.dW);

  const auto x2 = filled<x_type>(4);
  const auto w2 = filled<w_type>(5);
  const auto b2 = filled<b_type>(6);
  const auto second = tg::value_and_grad(loss, tg::at(X = x2, W = w2, b = b2), tg::wrt(W, b), *ws);
  const auto plain = tg::value_and_grad(loss, tg::at(X = x2, W = w2, b = b2));
  CHECK(second.value == plain.value);
  CHECK(second.grad[W] == plain.grad[W]);
  CHECK(second.grad[b] == plain.grad[b]);
  CHECK(second.value != first_value);
  CHECK_FALSE(second.grad[W] == first_dW);

  // The gradient refers into the workspace (no copy): the first result's gradient is
  // the same object as the second's, now holding the second call's numbers; the value
  // is returned by value and keeps the first call's number.
  CHECK(&first.grad[W] == &second.grad[W]);
  const auto inside_ws = [&](const auto& g) {
    const auto p = reinterpret_cast<std::uintptr_t>(&g);
    const auto begin = reinterpret_cast<std::uintptr_t>(ws.get());
    return p >= begin && p + sizeof(g) <= begin + sizeof(*ws);
  };
  CHECK(inside_ws(second.grad[W]));
  CHECK(inside_ws(second.grad[b]));
  CHECK(first.value == first_value);
}

TEST_CASE("workspace: its size covers the intermediate tensors") {
  // Values: X·W, +b, tanh, H·H, each [8, 3]; adjoints: those four, W and b. The leaves'
  // values are references to the bound tensors, so they add only pointers.
  constexpr std::size_t intermediates = 4 * sizeof(z_type);
  constexpr std::size_t lower_bound = 2 * intermediates + sizeof(w_type) + sizeof(b_type);
  static_assert(lower_bound == (2 * 4 * B * Out + In * Out + Out) * sizeof(double));
  static_assert(sizeof(tg::workspace<loss_type>) >= lower_bound);
  CHECK(sizeof(tg::workspace<loss_type>) >= lower_bound);
}

// ---- no allocation -------------------------------------------------------------------------

TEST_CASE("workspace: the counter sees an allocation") {
  start();
  auto ws = std::make_unique<tg::workspace<loss_type>>();
  const std::size_t n = stop();
  CHECK(n == 1);
  CHECK(ws != nullptr);
}

TEST_CASE("workspace: no tensor pass allocates") {
  const auto x = filled<x_type>(1);
  const auto w = filled<w_type>(2);
  const auto bias = filled<b_type>(3);
  const auto dw = filled<w_type>(7);
  const auto db = filled<b_type>(8);
  const auto at = tg::at(X = x, W = w, b = bias);
  auto ws = std::make_unique<tg::workspace<loss_type>>();  // allocated before counting

  start();
  const z_type h = tg::eval(H, at);
  const double v = tg::eval(loss, at);
  const auto plain = tg::value_and_grad(loss, at);
  const auto only_w = tg::grad(loss, at, tg::wrt(W));
  const auto in_ws = tg::value_and_grad(loss, at, tg::wrt(W, b), *ws);
  const auto t = tg::jvp(loss, at, tg::along(W = dw, b = db));
  const auto th = tg::jvp(H, at, tg::along(W = dw));
  const auto check = tg::check_gradient(loss, at);
  const std::size_t n = stop();

  CHECK(n == 0);
  // The results are real (and so were computed).
  const reference expected = by_hand(x, w, bias);
  CHECK(std::isfinite(v));
  CHECK(v == doctest::Approx(expected.value).epsilon(1e-13));
  CHECK(plain.value == v);
  CHECK(in_ws.value == v);
  CHECK(only_w[W] == plain.grad[W]);
  CHECK(in_ws.grad[W] == plain.grad[W]);
  check_close(plain.grad[W], expected.dW);
  double directional = 0;
  for (std::size_t i = 0; i < dw.size(); ++i) directional += expected.dW[i] * dw[i];
  for (std::size_t i = 0; i < db.size(); ++i) directional += expected.db[i] * db[i];
  CHECK(t.value == doctest::Approx(v).epsilon(1e-14));
  CHECK(t.tangent == doctest::Approx(directional).epsilon(1e-12));
  CHECK(th.value == h);
  CHECK(check.ok);
  // d tanh(XW + b) along dW is (1 - H²) ⊙ (X dW).
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t j = 0; j < Out; ++j) {
      double xdw = 0;
      for (std::size_t k = 0; k < In; ++k) xdw += x(i, k) * dw(k, j);
      CHECK(th.tangent(i, j) == doctest::Approx((1 - h(i, j) * h(i, j)) * xdw).epsilon(1e-12));
    }
}

// ---- bindings by reference -----------------------------------------------------------------

TEST_CASE("workspace: an lvalue tensor is bound by reference") {
  auto w = filled<w_type>(2);
  const auto x = filled<x_type>(1);
  const auto bias = filled<b_type>(3);

  // One binding of an lvalue tensor is one pointer; three are three.
  const auto one = tg::at(W = w);
  static_assert(sizeof(one) == sizeof(void*));
  static_assert(sizeof(w_type) > sizeof(void*));
  const auto bnd = tg::at(X = x, W = w, b = bias);
  static_assert(sizeof(bnd) == 3 * sizeof(void*));
  // A temporary is copied into the bindings.
  const auto copied = tg::at(W = w_type(w));
  static_assert(sizeof(copied) == sizeof(w_type));

  // Passes through the same bindings object see the caller's changes.
  const double v1 = tg::eval(tg::sum(W * W), one);
  const auto g1 = tg::value_and_grad(loss, bnd);
  const double c1 = tg::eval(tg::sum(W * W), copied);
  w(1, 2) += 0.5;
  w[0] = -w[0];
  const double v2 = tg::eval(tg::sum(W * W), one);
  const auto g2 = tg::value_and_grad(loss, bnd);
  const double c2 = tg::eval(tg::sum(W * W), copied);

  double expected_v2 = 0;
  for (double e : w) expected_v2 += e * e;
  CHECK(v2 != v1);
  CHECK(v2 == doctest::Approx(expected_v2).epsilon(1e-15));
  CHECK(g2.value != g1.value);
  CHECK(g2.value == tg::value_and_grad(loss, tg::at(X = x, W = w, b = bias)).value);
  check_close(g2.grad[W], by_hand(x, w, bias).dW);
  // The copy does not.
  CHECK(c2 == c1);
  CHECK(c1 == v1);
}

}  // namespace
