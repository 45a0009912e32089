// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <memory>
#include <string>
#include <type_traits>

// A two-layer relu network with a mean squared error, differentiated by typegrad and
// by hand. The hand derivation is written out below with plain loops over tg::tensor:
//
//   Z1 = X W1 + b1,  A1 = relu(Z1),  Z2 = A1 W2 + b2,  L = mean((Z2 - T)²)  (n = 8 entries)
//   dZ2 = 2 (Z2 - T) / n,  dW2 = A1ᵀ dZ2,  db2 = Σ_rows dZ2,
//   dA1 = dZ2 W2ᵀ,  dZ1 = dA1 ⊙ 1[Z1 > 0],  dW1 = Xᵀ dZ1,  db1 = Σ_rows dZ1.
//
// The values make 9 of the 20 entries of Z1 negative and none 0 (the smallest |Z1| is 0.02),
// so relu is active and inactive and never at its kink.

namespace {

namespace tg = typegrad;

constexpr std::size_t B = 4, In = 3, Hidden = 5, Out = 2;

// The network over the scalar type R (double or float).
template <class R>
struct network {
  using x_type = tg::matrix<R, B, In>;
  using w1_type = tg::matrix<R, In, Hidden>;
  using b1_type = tg::vector<R, Hidden>;
  using w2_type = tg::matrix<R, Hidden, Out>;
  using b2_type = tg::vector<R, Out>;
  using h_type = tg::matrix<R, B, Hidden>;
  using y_type = tg::matrix<R, B, Out>;

  static constexpr auto X = tg::input<"X", x_type>;
  static constexpr auto W1 = tg::var<"W1", w1_type>;
  static constexpr auto b1 = tg::var<"b1", b1_type>;
  static constexpr auto W2 = tg::var<"W2", w2_type>;
  static constexpr auto b2 = tg::var<"b2", b2_type>;
  static constexpr auto T = tg::input<"T", y_type>;

  static constexpr auto Z2 = tg::matmul(tg::relu(tg::matmul(X, W1) + b1), W2) + b2;
  static constexpr auto loss = tg::mean(tg::square(Z2 - T));

  // The same with the hidden pre-activation named, so that it can be a target of wrt.
  static constexpr auto Z1_let = tg::let<"Z1">(tg::matmul(X, W1) + b1);
  static constexpr auto loss_with_let =
      tg::mean(tg::square(tg::matmul(tg::relu(Z1_let), W2) + b2 - T));

  // Fixed values (written as double, converted to R).
  template <class Tensor, class... V>
  static constexpr Tensor make(V... v) {
    return Tensor{static_cast<R>(v)...};
  }
  static constexpr x_type x = make<x_type>(0.5, -1.2, 0.8,  //
                                           1.5, 0.3, -0.7,  //
                                           -0.4, 0.9, 1.1,  //
                                           0.2, -0.6, -1.3);
  static constexpr w1_type w1 = make<w1_type>(0.3, -0.8, 0.5, 0.1, -0.4,  //
                                              0.7, 0.2, -0.6, 0.9, 0.3,   //
                                              -0.5, 0.4, 0.2, -0.3, 0.8);
  static constexpr b1_type bias1 = make<b1_type>(0.1, -0.2, 0.05, 0.3, -0.1);
  static constexpr w2_type w2 = make<w2_type>(0.6, -0.3,  //
                                              -0.4, 0.8,  //
                                              0.9, 0.2,   //
                                              -0.7, 0.5,  //
                                              0.3, -0.6);
  static constexpr b2_type bias2 = make<b2_type>(0.2, -0.1);
  static constexpr y_type t = make<y_type>(1.0, -0.5,  //
                                           0.0, 0.5,   //
                                           -1.0, 1.5,  //
                                           0.5, 0.0);

  static constexpr auto at() {
    return tg::at(X = x, W1 = w1, b1 = bias1, W2 = w2, b2 = bias2, T = t);
  }

  // Every intermediate and every gradient, by hand. constexpr: no library math is needed.
  struct reference {
    h_type z1{}, a1{}, dA1{}, dZ1{};
    y_type z2{}, dZ2{};
    R value{};
    w1_type dW1{};
    b1_type db1{};
    w2_type dW2{};
    b2_type db2{};
  };

  static constexpr reference by_hand() {
    reference r;
    // Forward.
    for (std::size_t i = 0; i < B; ++i)
      for (std::size_t j = 0; j < Hidden; ++j) {
        R s = bias1[j];
        for (std::size_t k = 0; k < In; ++k)
          s += x(i, k) * w1(k, j);
        r.z1(i, j) = s;
        r.a1(i, j) = s > 0 ? s : R(0);
      }
    for (std::size_t i = 0; i < B; ++i)
      for (std::size_t j = 0; j < Out; ++j) {
        R s = bias2[j];
        for (std::size_t k = 0; k < Hidden; ++k)
          s += r.a1(i, k) * w2(k, j);
        r.z2(i, j) = s;
      }
    constexpr R n = static_cast<R>(B * Out);
    for (std::size_t i = 0; i < B; ++i)
      for (std::size_t j = 0; j < Out; ++j) {
        const R e = r.z2(i, j) - t(i, j);
        r.value += e * e;
      }
    r.value /= n;
    // Backward.
    for (std::size_t i = 0; i < B; ++i)
      for (std::size_t j = 0; j < Out; ++j)
        r.dZ2(i, j) = 2 * (r.z2(i, j) - t(i, j)) / n;
    for (std::size_t k = 0; k < Hidden; ++k)
      for (std::size_t j = 0; j < Out; ++j)
        for (std::size_t i = 0; i < B; ++i)
          r.dW2(k, j) += r.a1(i, k) * r.dZ2(i, j);
    for (std::size_t j = 0; j < Out; ++j)
      for (std::size_t i = 0; i < B; ++i)
        r.db2[j] += r.dZ2(i, j);
    for (std::size_t i = 0; i < B; ++i)
      for (std::size_t k = 0; k < Hidden; ++k) {
        for (std::size_t j = 0; j < Out; ++j)
          r.dA1(i, k) += r.dZ2(i, j) * w2(k, j);
        r.dZ1(i, k) = r.z1(i, k) > 0 ? r.dA1(i, k) : R(0);
      }
    for (std::size_t k = 0; k < In; ++k)
      for (std::size_t j = 0; j < Hidden; ++j)
        for (std::size_t i = 0; i < B; ++i)
          r.dW1(k, j) += x(i, k) * r.dZ1(i, j);
    for (std::size_t j = 0; j < Hidden; ++j)
      for (std::size_t i = 0; i < B; ++i)
        r.db1[j] += r.dZ1(i, j);
    return r;
  }
};

// A few ulps, relative to the larger magnitude (and to 1 near 0, where the sums cancel).
template <class R>
constexpr R tolerance = std::is_same_v<R, float> ? R(1e-6) : R(1e-12);

template <class R>
constexpr bool close(R a, R b) {
  const R d = a > b ? a - b : b - a;
  R m = R(1);
  if (a > m)
    m = a;
  if (-a > m)
    m = -a;
  if (b > m)
    m = b;
  if (-b > m)
    m = -b;
  return d <= tolerance<R> * m;
}

template <class Tensor>
constexpr bool all_close(const Tensor& got, const Tensor& expected) {
  for (std::size_t i = 0; i < got.size(); ++i)
    if (!close(got[i], expected[i]))
      return false;
  return true;
}

// Element by element, so that a failure names the element.
template <class Tensor>
void check_close(const char* what, const Tensor& got, const Tensor& expected) {
  for (std::size_t i = 0; i < got.size(); ++i) {
    CAPTURE(what);
    CAPTURE(i);
    CAPTURE(got[i]);
    CAPTURE(expected[i]);
    CHECK(close(got[i], expected[i]));
  }
}

// ---- the values are what the header comment claims ------------------------------------------

TEST_CASE("network: Z1 has active and inactive relu entries and no zero") {
  constexpr auto r = network<double>::by_hand();
  std::size_t negative = 0, positive = 0;
  for (double z : r.z1) {
    CHECK(std::abs(z) >= 0.01);
    (z < 0 ? negative : positive) += 1;
  }
  CHECK(negative == 9);
  CHECK(positive == 11);
  // The forward pass agrees with the hand one.
  using net = network<double>;
  check_close("Z2", tg::eval(net::Z2, net::at()), r.z2);
  CHECK(close(tg::eval(net::loss, net::at()), r.value));
  CHECK(r.value == doctest::Approx(0.44557575).epsilon(1e-12));
}

// ---- gradients -------------------------------------------------------------------------------

TEST_CASE_TEMPLATE("network: value_and_grad equals the hand-derived gradients", R, double, float) {
  using net = network<R>;
  const auto r = net::by_hand();
  const auto [value, g] = tg::value_and_grad(net::loss, net::at());
  CHECK(close(value, r.value));
  check_close("dW1", g[net::W1], r.dW1);
  check_close("db1", g[net::b1], r.db1);
  check_close("dW2", g[net::W2], r.dW2);
  check_close("db2", g[net::b2], r.db2);
}

TEST_CASE("network: the gradients at compile time equal the hand-derived ones") {
  using net = network<double>;
  constexpr auto r = net::by_hand();
  constexpr auto g = tg::grad(net::loss, net::at());
  static_assert(all_close(g[net::W1], r.dW1));
  static_assert(all_close(g[net::b1], r.db1));
  static_assert(all_close(g[net::W2], r.dW2));
  static_assert(all_close(g[net::b2], r.db2));
  // And the constant-evaluation math agrees with the run-time math.
  const auto run_time = tg::grad(net::loss, net::at());
  check_close("dW1", run_time[net::W1], g[net::W1]);
  check_close("db1", run_time[net::b1], g[net::b1]);
}

TEST_CASE_TEMPLATE("network: wrt(W2 b2) alone gives the output layer's gradients", R, double,
                   float) {
  using net = network<R>;
  const auto r = net::by_hand();
  const auto [value, g] = tg::value_and_grad(net::loss, net::at(), tg::wrt(net::W2, net::b2));
  CHECK(close(value, r.value));
  check_close("dW2", g[net::W2], r.dW2);
  check_close("db2", g[net::b2], r.db2);
  // Same numbers as the full gradient.
  const auto full = tg::grad(net::loss, net::at());
  CHECK(g[net::W2] == full[net::W2]);
  CHECK(g[net::b2] == full[net::b2]);
}

TEST_CASE_TEMPLATE("network: the gradient with respect to a let is dZ1", R, double, float) {
  using net = network<R>;
  const auto r = net::by_hand();
  const auto at = net::at();
  CHECK(tg::eval(net::loss_with_let, at) == tg::eval(net::loss, at));
  check_close("Z1", tg::eval(net::Z1_let, at), r.z1);
  const auto g =
      tg::grad(net::loss_with_let, at, tg::wrt(net::Z1_let, net::W1, net::b1, net::W2, net::b2));
  check_close("dZ1", g[net::Z1_let], r.dZ1);
  check_close("dW1", g[net::W1], r.dW1);
  check_close("db1", g[net::b1], r.db1);
  check_close("dW2", g[net::W2], r.dW2);
  check_close("db2", g[net::b2], r.db2);
  // dZ1 is 0 exactly where relu is inactive.
  const auto& dz1 = g[net::Z1_let];
  for (std::size_t i = 0; i < dz1.size(); ++i)
    if (r.z1[i] < 0)
      CHECK(dz1[i] == R(0));
}

TEST_CASE_TEMPLATE("network: the caller's workspace gives the same gradients", R, double, float) {
  using net = network<R>;
  const auto at = net::at();
  // decltype of a constexpr loss is const: workspace<E> drops it.
  auto ws = std::make_unique<tg::workspace<decltype(net::loss)>>();
  const auto [value, g] =
      tg::value_and_grad(net::loss, at, tg::wrt(net::W1, net::b1, net::W2, net::b2), *ws);
  const auto plain = tg::value_and_grad(net::loss, at);
  // The same fused passes: bit for bit the same numbers.
  CHECK(value == plain.value);
  CHECK(g[net::W1] == plain.grad[net::W1]);
  CHECK(g[net::b1] == plain.grad[net::b1]);
  CHECK(g[net::W2] == plain.grad[net::W2]);
  CHECK(g[net::b2] == plain.grad[net::b2]);
  check_close("dW1", g[net::W1], net::by_hand().dW1);
}

TEST_CASE_TEMPLATE("network: check_gradient agrees", R, double, float) {
  using net = network<R>;
  const auto check = tg::check_gradient(net::loss, net::at());
  CAPTURE(check);
  CHECK(check.ok);
  CHECK(check.size() == 4);
}

// ---- printing --------------------------------------------------------------------------------

TEST_CASE("network: to_string prints the loss") {
  using net = network<double>;
  CHECK(tg::to_string(net::loss) == "mean(square(matmul(relu(matmul(X, W1) + b1), W2) + b2 - T))");
  CHECK(tg::to_string(net::loss_with_let) == "mean(square(matmul(relu(Z1), W2) + b2 - T))");
}

}  // namespace
