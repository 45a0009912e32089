// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/tensor/softmax.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;

using softmax_shapes = fd::shapes<tg::shape<1>, tg::shape<7>, tg::shape<1, 1>, tg::shape<2, 3>,
                                  tg::shape<4, 5>, tg::shape<3, 1>, tg::shape<2, 3, 4>>;

constexpr bool near(double a, double b, double tol) {
  return (a > b ? a - b : b - a) <= tol;
}

// The stable formulas, row by row, in double with std:: math: the reference.
template <std::size_t R, std::size_t C>
struct reference {
  tg::matrix<double, R, C> softmax{}, log_softmax{};
};
template <class T, std::size_t R, std::size_t C>
reference<R, C> rows(const tg::matrix<T, R, C>& z) {
  reference<R, C> r;
  for (std::size_t i = 0; i < R; ++i) {
    double m = -std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < C; ++j)
      m = std::fmax(m, static_cast<double>(z(i, j)));
    double s = 0;
    for (std::size_t j = 0; j < C; ++j)
      s += std::exp(static_cast<double>(z(i, j)) - m);
    for (std::size_t j = 0; j < C; ++j) {
      r.softmax(i, j) = std::exp(static_cast<double>(z(i, j)) - m) / s;
      r.log_softmax(i, j) = static_cast<double>(z(i, j)) - m - std::log(s);
    }
  }
  return r;
}

// ---- values
// --------------------------------------------------------------------------------------

TEST_CASE("softmax: values along each axis") {
  constexpr auto Z = tg::input<"Z", tg::matrix<double, 2, 3>>;
  constexpr auto at = tg::at(Z = tg::matrix<double, 2, 3>{0, 0, 0, 1, 2, 3});
  TENSOR_CHECK_BOTH(tg::eval(tg::softmax(Z), at)(0, 1) == 1.0 / 3);
  TENSOR_CHECK_BOTH(
      near(tg::eval(tg::log_softmax(Z), at)(0, 2), -1.0986122886681098, 1e-15));  // -log 3
  // The last axis by default: each row sums to 1; along axis 0 each column does.
  TENSOR_CHECK_BOTH(tg::eval(tg::softmax(Z), at) == tg::eval(tg::softmax<1>(Z), at));
  TENSOR_CHECK_BOTH(tg::eval(tg::softmax(Z), at) == tg::eval(tg::softmax<-1>(Z), at));
  TENSOR_CHECK_BOTH(tg::eval(tg::log_softmax(Z), at) == tg::eval(tg::log_softmax<-1>(Z), at));
  TENSOR_CHECK_BOTH(near(tg::eval(tg::sum<1>(tg::softmax(Z)), at)[1], 1, 4e-16));
  TENSOR_CHECK_BOTH(near(tg::eval(tg::sum<0>(tg::softmax<0>(Z)), at)[2], 1, 4e-16));
  // softmax<0>: column 1 is softmax([0, 2]) = [1 / (1 + e²), e² / (1 + e²)].
  TENSOR_CHECK_BOTH(near(tg::eval(tg::softmax<0>(Z), at)(1, 1), 0.88079707797788231, 1e-15));

  const auto z = tg::matrix<double, 2, 3>{0, 0, 0, 1, 2, 3};
  const auto ref = rows(z);
  const auto s = tg::eval(tg::softmax(Z), tg::at(Z = z));
  const auto ls = tg::eval(tg::log_softmax(Z), tg::at(Z = z));
  for (std::size_t k = 0; k < s.size(); ++k) {
    CHECK(s[k] == doctest::Approx(ref.softmax[k]).epsilon(1e-15));
    CHECK(ls[k] == doctest::Approx(ref.log_softmax[k]).epsilon(1e-15));
  }
  CHECK(tg::to_string(tg::softmax(Z)) == "softmax(Z)");
  CHECK(tg::to_string(tg::log_softmax<0>(Z)) == "log_softmax<0>(Z)");
}

TEST_CASE("softmax: rank 3 along the middle axis") {
  constexpr auto Z = tg::input<"Z", tg::tensor<double, 2, 3, 2>>;
  const tg::tensor<double, 2, 3, 2> z{1, 0, 2, 0, 3, 0, -1, 5, -1, 5, -1, 5};
  const auto s = tg::eval(tg::softmax<1>(Z), tg::at(Z = z));
  // Slice (0, :, 0) = [1, 2, 3]; slices (0, :, 1), (1, :, 0), (1, :, 1) are constant: 1/3 each.
  const double e = std::exp(1.0);
  CHECK(s(0, 2, 0) == doctest::Approx(e * e / (1 + e + e * e)).epsilon(1e-15));
  CHECK(s(0, 0, 0) == doctest::Approx(1 / (1 + e + e * e)).epsilon(1e-15));
  for (std::size_t j = 0; j < 3; ++j) {
    CHECK(s(0, j, 1) == 1.0 / 3);
    CHECK(s(1, j, 0) == 1.0 / 3);
    CHECK(s(1, j, 1) == 1.0 / 3);
  }
}

// ---- gradients against finite differences
// --------------------------------------------------------

TEST_CASE("softmax: gradient of softmax along each axis") {
  fd::for_each_shape(softmax_shapes{}, []<class T, class S>() {
    fd::for_each_axis<S>([]<int Axis>() {
      CAPTURE(fd::shape_name<S>());
      CAPTURE(Axis);
      using V = fd::tensor_t<T, S>;
      constexpr auto A = tg::var<"A", V>;
      constexpr auto C = tg::input<"C", V>;
      const auto a = fd::uniform<V>(401);
      const auto c = fd::uniform<V>(402);
      fd::check_fd<T>("softmax<Axis>", tg::sum(tg::softmax<Axis>(A) * C), tg::at(A = a, C = c));
    });
  });
}

TEST_CASE("softmax: gradient of log_softmax along each axis") {
  fd::for_each_shape(softmax_shapes{}, []<class T, class S>() {
    fd::for_each_axis<S>([]<int Axis>() {
      CAPTURE(fd::shape_name<S>());
      CAPTURE(Axis);
      using V = fd::tensor_t<T, S>;
      constexpr auto A = tg::var<"A", V>;
      constexpr auto C = tg::input<"C", V>;
      const auto a = fd::uniform<V>(411);
      const auto c = fd::uniform<V>(412);
      fd::check_fd<T>("log_softmax<Axis>", tg::sum(tg::log_softmax<Axis>(A) * C),
                      tg::at(A = a, C = c));
    });
  });
}

TEST_CASE("softmax: gradient of softmax composed with itself and a product") {
  fd::for_each_real([]<class T>() {
    constexpr auto X = tg::input<"X", tg::matrix<T, 4, 3>>;
    constexpr auto W = tg::var<"W", tg::matrix<T, 3, 5>>;
    constexpr auto C = tg::input<"C", tg::matrix<T, 4, 5>>;
    const auto x = fd::uniform<tg::matrix<T, 4, 3>>(421);
    const auto w = fd::uniform<tg::matrix<T, 3, 5>>(422);
    const auto c = fd::uniform<tg::matrix<T, 4, 5>>(423);
    fd::check_fd<T>("softmax chain", tg::sum(tg::log_softmax<0>(tg::softmax(tg::matmul(X, W))) * C),
                    tg::at(X = x, W = w, C = c));
  });
}

TEST_CASE("softmax: log_softmax is A minus logsumexp along the axis") {
  // Two routes to one function: values and gradients agree to rounding.
  fd::for_each_real([]<class T>() {
    CAPTURE(fd::type_name<T>());
    using M = tg::matrix<T, 4, 3>;
    constexpr auto A = tg::var<"A", M>;
    constexpr auto C = tg::input<"C", M>;
    const auto at = tg::at(A = fd::uniform<M>(441), C = fd::uniform<M>(442));
    const auto direct = tg::value_and_grad(tg::sum(tg::log_softmax(A) * C), at);
    const auto composed =
        tg::value_and_grad(tg::sum((A - tg::reshape<4, 1>(tg::logsumexp<1>(A))) * C), at);
    const auto by_softmax = tg::value_and_grad(tg::sum(tg::exp(tg::log_softmax(A)) * C), at);
    const auto softmax = tg::value_and_grad(tg::sum(tg::softmax(A) * C), at);
    const double eps = static_cast<double>(std::numeric_limits<T>::epsilon());
    CHECK(near(static_cast<double>(direct.value), static_cast<double>(composed.value), 32 * eps));
    CHECK(
        near(static_cast<double>(by_softmax.value), static_cast<double>(softmax.value), 32 * eps));
    for (std::size_t k = 0; k < M::size(); ++k) {
      CAPTURE(k);
      CHECK(near(static_cast<double>(direct.grad[A][k]), static_cast<double>(composed.grad[A][k]),
                 32 * eps));
      CHECK(near(static_cast<double>(by_softmax.grad[A][k]),
                 static_cast<double>(softmax.grad[A][k]), 32 * eps));
    }
  });
}

// ---- large logits
// ----------------------------------------------------------------------------------

TEST_CASE("softmax: logits of plus and minus 1000 give finite values and gradients") {
  fd::for_each_real([]<class T>() {
    CAPTURE(fd::type_name<T>());
    using M = tg::matrix<T, 3, 3>;
    constexpr auto Z = tg::var<"Z", M>;
    constexpr auto C = tg::input<"C", M>;
    const M z{1000, -1000, 0, -1000, -1000, -1000, 1000, 1000, -1000};
    const M c{1, 2, -3, 0.5, -1, 2, 4, -2, 1};
    const auto ref = rows(z);
    const auto at = tg::at(Z = z, C = c);
    // Values: exp(-1000) underflows, so row 0 is [1, 0, 0] and its log [0, -2000, -1000];
    // row 1 is uniform; row 2 [1/2, 1/2, 0].
    const M s = tg::eval(tg::softmax(Z), at);
    const M ls = tg::eval(tg::log_softmax(Z), at);
    CHECK(s == M{1, 0, 0, T(1) / 3, T(1) / 3, T(1) / 3, 0.5, 0.5, 0});
    const double tol = 4 * static_cast<double>(std::numeric_limits<T>::epsilon());
    for (std::size_t k = 0; k < s.size(); ++k) {
      CAPTURE(k);
      CHECK(std::isfinite(ls[k]));
      CHECK(near(static_cast<double>(s[k]), ref.softmax[k], tol));
      // log_softmax near -2000 is good to an ulp of 2000.
      CHECK(near(static_cast<double>(ls[k]), ref.log_softmax[k],
                 tol * (1 + std::abs(ref.log_softmax[k]))));
    }
    CHECK(ls(0, 1) == -2000);
    CHECK(ls(0, 2) == -1000);
    // Gradients: sum(softmax ⊙ C) gives s ⊙ (C - Σ C s) along each row;
    //            sum(log_softmax ⊙ C) gives C - s Σ C.
    const M gs = tg::grad(tg::sum(tg::softmax(Z) * C), at)[Z];
    const M gl = tg::grad(tg::sum(tg::log_softmax(Z) * C), at)[Z];
    for (std::size_t i = 0; i < 3; ++i) {
      double cs = 0, csum = 0;
      for (std::size_t j = 0; j < 3; ++j) {
        cs += static_cast<double>(c(i, j)) * ref.softmax(i, j);
        csum += static_cast<double>(c(i, j));
      }
      for (std::size_t j = 0; j < 3; ++j) {
        CAPTURE(i);
        CAPTURE(j);
        CHECK(std::isfinite(gs(i, j)));
        CHECK(std::isfinite(gl(i, j)));
        CHECK(near(static_cast<double>(gs(i, j)),
                   ref.softmax(i, j) * (static_cast<double>(c(i, j)) - cs), 8 * tol));
        CHECK(near(static_cast<double>(gl(i, j)),
                   static_cast<double>(c(i, j)) - ref.softmax(i, j) * csum, 8 * tol));
      }
    }
    // Along axis 0 as well: the columns hold ±1000 too.
    const M g0 =
        tg::grad(tg::sum(tg::log_softmax<0>(Z) * C) + tg::sum(tg::softmax<0>(Z) * C), at)[Z];
    for (T e : g0)
      CHECK(std::isfinite(e));
  });
}

// ---- cross-entropy
// -------------------------------------------------------------------------------

// The loss, its value and gradient against the formulas; finite differences too
// unless the loss is too large for them at T's precision.
template <class T, std::size_t B, std::size_t K>
void check_cross_entropy(const tg::matrix<T, B, K>& z, const tg::vector<int, B>& labels,
                         bool differences = true) {
  constexpr auto Z = tg::var<"Z", tg::matrix<T, B, K>>;
  constexpr auto y = tg::input<"y", tg::vector<int, B>>;
  const auto loss = -tg::mean(tg::pick(tg::log_softmax(Z), y));
  const auto at = tg::at(Z = z, y = labels);
  const auto [value, grad] = tg::value_and_grad(loss, at);
  // dL/dZ = (softmax(Z) - onehot(y)) / B, to rounding.
  const auto ref = rows(z);
  double expected_value = 0;
  for (std::size_t b = 0; b < B; ++b)
    expected_value -= ref.log_softmax(b, static_cast<std::size_t>(labels[b]));
  expected_value /= static_cast<double>(B);
  const double eps = static_cast<double>(std::numeric_limits<T>::epsilon());
  CHECK(std::isfinite(value));
  CHECK(near(static_cast<double>(value), expected_value, 8 * eps * (1 + std::abs(expected_value))));
  for (std::size_t b = 0; b < B; ++b)
    for (std::size_t k = 0; k < K; ++k) {
      CAPTURE(b);
      CAPTURE(k);
      const double onehot = static_cast<std::size_t>(labels[b]) == k ? 1 : 0;
      const double expected = (ref.softmax(b, k) - onehot) / static_cast<double>(B);
      CHECK(near(static_cast<double>(grad[Z](b, k)), expected, 4 * eps));
    }
  if (differences)
    fd::check_fd<T>("cross-entropy", loss, at);
}

TEST_CASE("softmax: cross-entropy gradient is softmax minus one-hot over the batch") {
  fd::for_each_real([]<class T>() {
    CAPTURE(fd::type_name<T>());
    check_cross_entropy(fd::uniform<tg::matrix<T, 4, 3>>(431), tg::vector<int, 4>{0, 2, 1, 2});
    check_cross_entropy(fd::uniform<tg::matrix<T, 5, 7>>(432), tg::vector<int, 5>{6, 0, 3, 3, 1});
    check_cross_entropy(fd::uniform<tg::matrix<T, 1, 5>>(433), tg::vector<int, 1>{4});
    check_cross_entropy(fd::uniform<tg::matrix<T, 3, 1>>(434), tg::vector<int, 3>{0, 0, 0});
    // Confident logits, right and wrong: the loss is (0 + 2000 + 1000) / 3, every gradient
    // finite. In float, finite differences of a loss of 1000 (an ulp is 6e-5) over the
    // step 2h = 1e-2 of a zero logit have noise of 6e-3, above the tolerance: the
    // gradient is checked against the formula alone there.
    check_cross_entropy(tg::matrix<T, 3, 3>{1000, -1000, 0, 1000, -1000, 0, 1000, -1000, 0},
                        tg::vector<int, 3>{0, 1, 2}, std::is_same_v<T, double>);
  });
  constexpr auto Z = tg::var<"Z", tg::matrix<double, 3, 3>>;
  constexpr auto y = tg::input<"y", tg::vector<int, 3>>;
  CHECK(
      tg::eval(-tg::mean(tg::pick(tg::log_softmax(Z), y)),
               tg::at(Z = tg::matrix<double, 3, 3>{1000, -1000, 0, 1000, -1000, 0, 1000, -1000, 0},
                      y = tg::vector<int, 3>{0, 1, 2}))
      == 1000);
}

// ---- compile time
// ---------------------------------------------------------------------------------

TEST_CASE("softmax: in constant expressions") {
  constexpr auto Z = tg::var<"Z", tg::vector<double, 3>>;
  TENSOR_CHECK_BOTH(tg::eval(tg::softmax(Z), tg::at(Z = tg::vector<double, 3>{1000, -1000, 0}))
                    == tg::vector<double, 3>{1, 0, 0});
  TENSOR_CHECK_BOTH(tg::eval(tg::softmax(Z), tg::at(Z = tg::vector<double, 3>{5, 5, 5}))[1]
                    == 1.0 / 3);
  TENSOR_CHECK_BOTH(tg::eval(tg::log_softmax(Z), tg::at(Z = tg::vector<double, 3>{1000, -1000, 0}))
                    == tg::vector<double, 3>{0, -2000, -1000});
  // The gradient of softmax summed is 0: the outputs always sum to 1.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::softmax(Z)), tg::at(Z = tg::vector<double, 3>{2, 2, 2}))[Z]
                    == tg::vector<double, 3>{0, 0, 0});
  // d/dZ sum(log_softmax(Z) ⊙ c) = c - softmax(Z) Σc: at equal logits, c - Σc / 3.
  constexpr auto c = tg::input<"c", tg::vector<double, 3>>;
  TENSOR_CHECK_BOTH(
      tg::grad(tg::sum(tg::log_softmax(Z) * c),
               tg::at(Z = tg::vector<double, 3>{0, 0, 0}, c = tg::vector<double, 3>{3, 0, 0}))[Z]
      == tg::vector<double, 3>{2, -1, -1});
  TENSOR_CHECK_BOTH(
      tg::check_gradient(tg::sum(tg::softmax(Z) * c), tg::at(Z = tg::vector<double, 3>{0.5, -1, 2},
                                                             c = tg::vector<double, 3>{1, 2, 3}))
          .ok);
}

}  // namespace
