// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/tensor/reduce.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>

#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;

using reduce_shapes = fd::shapes<tg::shape<1>, tg::shape<7>, tg::shape<1, 1>, tg::shape<2, 3>,
                                 tg::shape<4, 5>, tg::shape<3, 1>, tg::shape<2, 3, 4>>;

template <class S, int Axis>
using reduced_t = tg::detail::reduced_shape_t<S, Axis>;

constexpr bool near(double a, double b, double tol) {
  return (a > b ? a - b : b - a) <= tol;
}

// ---- values
// --------------------------------------------------------------------------------------

TEST_CASE("reduce: values of sum mean and max along each axis") {
  constexpr auto A = tg::input<"A", tg::matrix<double, 2, 3>>;
  constexpr auto at = tg::at(A = tg::matrix<double, 2, 3>{1, 2, 3, 4, 5, 6});
  TENSOR_CHECK_BOTH(tg::eval(tg::sum(A), at) == 21);
  TENSOR_CHECK_BOTH(tg::eval(tg::sum<0>(A), at) == tg::vector<double, 3>{5, 7, 9});
  TENSOR_CHECK_BOTH(tg::eval(tg::sum<1>(A), at) == tg::vector<double, 2>{6, 15});
  TENSOR_CHECK_BOTH(tg::eval(tg::sum<-1>(A), at) == tg::vector<double, 2>{6, 15});
  TENSOR_CHECK_BOTH(tg::eval(tg::sum<-2>(A), at) == tg::vector<double, 3>{5, 7, 9});
  TENSOR_CHECK_BOTH(tg::eval(tg::mean(A), at) == 3.5);
  TENSOR_CHECK_BOTH(tg::eval(tg::mean<0>(A), at) == tg::vector<double, 3>{2.5, 3.5, 4.5});
  TENSOR_CHECK_BOTH(tg::eval(tg::mean<1>(A), at) == tg::vector<double, 2>{2, 5});
  TENSOR_CHECK_BOTH(tg::eval(tg::max<0>(A), at) == tg::vector<double, 3>{4, 5, 6});
  TENSOR_CHECK_BOTH(tg::eval(tg::max<1>(A), at) == tg::vector<double, 2>{3, 6});
  TENSOR_CHECK_BOTH(tg::eval(tg::max<tg::all>(A), at) == 6);
  // A vector reduces to a number along its one axis.
  constexpr auto v = tg::input<"v", tg::vector<double, 4>>;
  constexpr auto atv = tg::at(v = tg::vector<double, 4>{-1, 5, 2, 0});
  TENSOR_CHECK_BOTH(tg::eval(tg::sum<0>(v), atv) == 6);
  TENSOR_CHECK_BOTH(tg::eval(tg::max<-1>(v), atv) == 5);
  TENSOR_CHECK_BOTH(tg::eval(tg::mean<0>(v), atv) == 1.5);
  // Rank 3, t(i, j, k) = 12i + 4j + k: the axis disappears from the shape.
  TENSOR_CHECK_BOTH([] {
    constexpr auto T3 = tg::input<"T", tg::tensor<double, 2, 3, 4>>;
    tg::tensor<double, 2, 3, 4> t{};
    for (std::size_t k = 0; k < t.size(); ++k)
      t[k] = static_cast<double>(k);
    const auto at3 = tg::at(T3 = t);
    const tg::matrix<double, 3, 4> s0 = tg::eval(tg::sum<0>(T3), at3);
    const tg::matrix<double, 2, 4> s1 = tg::eval(tg::sum<1>(T3), at3);
    const tg::matrix<double, 2, 3> s2 = tg::eval(tg::sum<-1>(T3), at3);
    const tg::matrix<double, 2, 4> m1 = tg::eval(tg::max<-2>(T3), at3);
    // s0(j, k) = 12 + 8j + 2k; s1(i, k) = 36i + 12 + 3k; s2(i, j) = 48i + 16j + 6.
    return s0(2, 3) == 34 && s1(1, 2) == 54 && s2(1, 2) == 86 && m1(1, 0) == 20
           && tg::eval(tg::mean<2>(T3), at3)(1, 1) == 17.5;
  }());
  CHECK(tg::to_string(tg::sum<1>(A)) == "sum<1>(A)");
  CHECK(tg::to_string(tg::mean<-1>(A) + tg::max<0>(A)) == "mean<-1>(A) + max<0>(A)");
  CHECK(tg::to_string(tg::logsumexp(A)) == "logsumexp(A)");
}

TEST_CASE("reduce: max of a slice holding NaN is NaN") {
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  constexpr auto A = tg::input<"A", tg::matrix<double, 2, 3>>;
  const auto m = tg::eval(tg::max<1>(A), tg::at(A = tg::matrix<double, 2, 3>{1, nan, 3, 4, 5, 6}));
  CHECK(std::isnan(m[0]));
  CHECK(m[1] == 6);
  CHECK(std::isnan(
      tg::eval(tg::max<1>(A), tg::at(A = tg::matrix<double, 2, 3>{nan, 1, 3, 4, 5, 6}))[0]));
}

// ---- gradients against finite differences
// --------------------------------------------------------

TEST_CASE("reduce: gradient of sum and mean of all elements") {
  fd::for_each_shape(reduce_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    using V = fd::tensor_t<T, S>;
    constexpr auto A = tg::var<"A", V>;
    constexpr auto C = tg::input<"C", V>;
    const auto a = fd::uniform<V>(301);
    const auto c = fd::uniform<V>(302);
    // Products of two reductions: neither adjoint is 1.
    fd::check_fd<T>("sum", tg::sum(A * C) * tg::sum(A), tg::at(A = a, C = c));
    fd::check_fd<T>("mean", tg::mean(A * C) * tg::mean(tg::tanh(A)), tg::at(A = a, C = c));
  });
}

TEST_CASE("reduce: gradient of sum along each axis") {
  fd::for_each_shape(reduce_shapes{}, []<class T, class S>() {
    fd::for_each_axis<S>([]<int Axis>() {
      CAPTURE(fd::shape_name<S>());
      CAPTURE(Axis);
      using V = fd::tensor_t<T, S>;
      using R = fd::tensor_t<T, reduced_t<S, Axis>>;
      constexpr auto A = tg::var<"A", V>;
      constexpr auto C = tg::input<"C", R>;
      const auto a = fd::uniform<V>(311);
      const auto c = fd::uniform<R>(312);
      fd::check_fd<T>("sum<Axis>", fd::weighted_sum(tg::sum<Axis>(A * A), C), tg::at(A = a, C = c));
    });
  });
}

TEST_CASE("reduce: gradient of mean along each axis") {
  fd::for_each_shape(reduce_shapes{}, []<class T, class S>() {
    fd::for_each_axis<S>([]<int Axis>() {
      CAPTURE(fd::shape_name<S>());
      CAPTURE(Axis);
      using V = fd::tensor_t<T, S>;
      using R = fd::tensor_t<T, reduced_t<S, Axis>>;
      constexpr auto A = tg::var<"A", V>;
      constexpr auto C = tg::input<"C", R>;
      const auto a = fd::uniform<V>(321);
      const auto c = fd::uniform<R>(322);
      fd::check_fd<T>("mean<Axis>", fd::weighted_sum(tg::mean<Axis>(A * A), C),
                      tg::at(A = a, C = c));
    });
  });
}

TEST_CASE("reduce: gradient of max along each axis without ties") {
  fd::for_each_shape(reduce_shapes{}, []<class T, class S>() {
    fd::for_each_axis<S>([]<int Axis>() {
      CAPTURE(fd::shape_name<S>());
      CAPTURE(Axis);
      using V = fd::tensor_t<T, S>;
      using R = fd::tensor_t<T, reduced_t<S, Axis>>;
      constexpr auto A = tg::var<"A", V>;
      constexpr auto C = tg::input<"C", R>;
      // Distinct values, further apart than any step: max is differentiable everywhere.
      const auto a = fd::separated<V>(331);
      const auto c = fd::uniform<R>(332);
      fd::check_fd<T>("max<Axis>", fd::weighted_sum(tg::max<Axis>(A), C), tg::at(A = a, C = c));
    });
    CAPTURE(fd::shape_name<S>());
    using V = fd::tensor_t<T, S>;
    constexpr auto A = tg::var<"A", V>;
    const auto a = fd::separated<V>(333);
    fd::check_fd<T>("max<all>", tg::max<tg::all>(A) * tg::max<tg::all>(A), tg::at(A = a));
  });
}

TEST_CASE("reduce: gradient of logsumexp") {
  fd::for_each_shape(reduce_shapes{}, []<class T, class S>() {
    using V = fd::tensor_t<T, S>;
    fd::for_each_axis<S>([]<int Axis>() {
      CAPTURE(fd::shape_name<S>());
      CAPTURE(Axis);
      using R = fd::tensor_t<T, reduced_t<S, Axis>>;
      constexpr auto A = tg::var<"A", V>;
      constexpr auto C = tg::input<"C", R>;
      const auto a = fd::uniform<V>(341);
      const auto c = fd::uniform<R>(342);
      fd::check_fd<T>("logsumexp<Axis>", fd::weighted_sum(tg::logsumexp<Axis>(A), C),
                      tg::at(A = a, C = c));
    });
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", V>;
    constexpr auto C = tg::input<"C", V>;
    const auto a = fd::uniform<V>(343);
    const auto c = fd::uniform<V>(344);
    fd::check_fd<T>("logsumexp", tg::logsumexp(A * C) * tg::logsumexp(A), tg::at(A = a, C = c));
  });
}

// ---- exact gradients
// -----------------------------------------------------------------------------

TEST_CASE("reduce: sum and mean gradients by hand") {
  constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;
  constexpr auto c = tg::input<"c", tg::vector<double, 3>>;
  constexpr auto r = tg::input<"r", tg::vector<double, 2>>;
  constexpr auto at =
      tg::at(A = tg::matrix<double, 2, 3>{1, 2, 3, 4, 5, 6}, c = tg::vector<double, 3>{1, -2, 4},
             r = tg::vector<double, 2>{0.5, 8});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(A), at)[A] == tg::matrix<double, 2, 3>::filled(1));
  TENSOR_CHECK_BOTH(tg::grad(tg::mean(A), at)[A] == tg::matrix<double, 2, 3>::filled(1.0 / 6));
  // sum<0> gives [3]: its adjoint c is repeated down each column.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::sum<0>(A) * c), at)[A]
                    == tg::matrix<double, 2, 3>{1, -2, 4, 1, -2, 4});
  // sum<1> gives [2]: its adjoint r is repeated along each row; mean<1> divides it by 3.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::sum<1>(A) * r), at)[A]
                    == tg::matrix<double, 2, 3>{0.5, 0.5, 0.5, 8, 8, 8});
  TENSOR_CHECK_BOTH(
      tg::grad(tg::sum(tg::mean<-1>(A) * r), at)[A]
      == tg::matrix<double, 2, 3>{0.5 / 3, 0.5 / 3, 0.5 / 3, 8.0 / 3, 8.0 / 3, 8.0 / 3});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::mean<0>(A) * c), at)[A]
                    == tg::matrix<double, 2, 3>{0.5, -1, 2, 0.5, -1, 2});
}

TEST_CASE("reduce: max splits the adjoint evenly between ties") {
  constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;
  constexpr auto r = tg::input<"r", tg::vector<double, 2>>;
  constexpr auto c = tg::input<"c", tg::vector<double, 3>>;
  // Row 0: a tie of two at 3; row 1: all three tie at 2.
  constexpr auto at = tg::at(A = tg::matrix<double, 2, 3>{1, 3, 3, 2, 2, 2},
                             r = tg::vector<double, 2>{1, 10}, c = tg::vector<double, 3>{1, 2, 4});
  TENSOR_CHECK_BOTH(tg::eval(tg::max<1>(A), at) == tg::vector<double, 2>{3, 2});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::max<1>(A) * r), at)[A]
                    == tg::matrix<double, 2, 3>{0, 0.5, 0.5, 10.0 / 3, 10.0 / 3, 10.0 / 3});
  // Down the columns: column 0 has the larger 2 below, columns 1 and 2 the larger 3 above.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::max<0>(A) * c), at)[A]
                    == tg::matrix<double, 2, 3>{0, 2, 4, 1, 0, 0});
  // Over all elements: the two 3s share.
  TENSOR_CHECK_BOTH(tg::grad(tg::max<tg::all>(A), at)[A]
                    == tg::matrix<double, 2, 3>{0, 0.5, 0.5, 0, 0, 0});
  // A column tie.
  constexpr auto B = tg::var<"B", tg::matrix<double, 2, 2>>;
  TENSOR_CHECK_BOTH(
      tg::grad(tg::sum(tg::max<0>(B)), tg::at(B = tg::matrix<double, 2, 2>{-1, 5, -1, 2}))[B]
      == tg::matrix<double, 2, 2>{0.5, 1, 0.5, 0});
  // Rank 3, along the middle axis: slice (0, :, 1) = [7, 7, 1] ties; (1, :, 0) = [0, 9, 9] ties.
  constexpr auto T3 = tg::var<"T", tg::tensor<double, 2, 3, 2>>;
  constexpr auto W3 = tg::input<"W", tg::matrix<double, 2, 2>>;
  TENSOR_CHECK_BOTH(
      tg::grad(tg::sum(tg::max<1>(T3) * W3),
               tg::at(T3 = tg::tensor<double, 2, 3, 2>{0, 7, 5, 7, 1, 1, 0, 4, 9, 3, 9, 2},
                      W3 = tg::matrix<double, 2, 2>{1, 2, 3, 4}))[T3]
      == tg::tensor<double, 2, 3, 2>{0, 1, 1, 1, 0, 0, 0, 4, 1.5, 0, 1.5, 0});
  // A tie of -inf (no finite maximum) still splits: every element is maximal.
  constexpr double inf = std::numeric_limits<double>::infinity();
  const auto g = tg::grad(tg::max<tg::all>(B),
                          tg::at(B = tg::matrix<double, 2, 2>{-inf, -inf, -inf, -inf}))[B];
  CHECK(g == tg::matrix<double, 2, 2>::filled(0.25));
}

TEST_CASE("reduce: logsumexp never overflows") {
  constexpr auto v = tg::var<"v", tg::vector<double, 2>>;
  // logsumexp([1000, 1000]) = 1000 + log 2; the gradient is softmax = [1/2, 1/2].
  const double expected = 1000 + std::log(2.0);
  CHECK(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{1000, 1000})) == expected);
  static_assert(near(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{1000, 1000})),
                     1000.693147180559945309, 2.3e-13));  // an ulp of 1000 is 1.1e-13
  // The rule exp(v - result) sees result rounded to an ulp of 1000: the gradient is
  // within 1000 eps (2.2e-13) of 1/2 (as PyTorch's, by the same formula), not within one ulp.
  TENSOR_CHECK_BOTH(
      near(tg::grad(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{1000, 1000}))[v][0], 0.5,
           2.3e-13));
  TENSOR_CHECK_BOTH(
      near(tg::grad(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{1000, 1000}))[v][1], 0.5,
           2.3e-13));
  CHECK(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{-1000, -1000}))
        == -1000 + std::log(2.0));
  // exp(-2000) underflows: [1000, -1000] gives 1000 and the gradient [1, 0].
  TENSOR_CHECK_BOTH(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{1000, -1000}))
                    == 1000);
  TENSOR_CHECK_BOTH(tg::grad(tg::logsumexp(v), tg::at(v = tg::vector<double, 2>{1000, -1000}))[v]
                    == tg::vector<double, 2>{1, 0});
  // Along an axis, each row with its own maximum; a float matrix too.
  constexpr auto Z = tg::var<"Z", tg::matrix<float, 2, 3>>;
  const auto z = tg::matrix<float, 2, 3>{1000, 1000, -1000, -500, 0, -500};
  const auto lse = tg::eval(tg::logsumexp<1>(Z), tg::at(Z = z));
  CHECK(lse[0] == doctest::Approx(1000 + std::log(2.0)).epsilon(1e-7));
  CHECK(lse[1] == 0.0f);
  const auto g = tg::grad(tg::sum(tg::logsumexp<1>(Z)), tg::at(Z = z))[Z];
  for (float e : g)
    CHECK(std::isfinite(e));
  // exp(z - lse) with lse rounded to float near 1000 (an ulp is 6e-5).
  CHECK(g(0, 0) == doctest::Approx(0.5).epsilon(2e-4));
  CHECK(g(0, 2) == 0);
  CHECK(g(1, 1) == 1);
}

TEST_CASE("reduce: logsumexp of infinities") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  constexpr auto v = tg::input<"v", tg::vector<double, 3>>;
  CHECK(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 3>{-inf, -inf, -inf})) == -inf);
  CHECK(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 3>{1, inf, 0})) == inf);
  CHECK(tg::eval(tg::logsumexp(v), tg::at(v = tg::vector<double, 3>{-inf, 0, -inf})) == 0);
}

TEST_CASE("reduce: reductions in constant expressions") {
  constexpr auto W = tg::var<"W", tg::matrix<double, 2, 2>>;
  constexpr auto at = tg::at(W = tg::matrix<double, 2, 2>{1, -2, 3, 0.5});
  // d sum(W * W) / dW = 2 W, d mean(W * W) / dW = W / 2, d sum(sum<0>(W)²) / dW(i, j) = 2
  // colsum(j).
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(W * W), at)[W] == tg::matrix<double, 2, 2>{2, -4, 6, 1});
  TENSOR_CHECK_BOTH(tg::grad(tg::mean(W * W), at)[W]
                    == tg::matrix<double, 2, 2>{0.5, -1, 1.5, 0.25});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::sum<0>(W) * tg::sum<0>(W)), at)[W]
                    == tg::matrix<double, 2, 2>{8, -3, 8, -3});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::max<1>(W)), at)[W]
                    == tg::matrix<double, 2, 2>{1, 0, 1, 0});
  TENSOR_CHECK_BOTH(tg::check_gradient(tg::sum(tg::logsumexp<0>(W) * tg::sum<1>(W)), at).ok);
}

}  // namespace
