// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/tensor/index.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;

template <std::size_t... D, class A>
constexpr auto reshape_to(tg::shape<D...>, const A& a) {
  return tg::reshape<D...>(a);
}

// ---- reshape -----------------------------------------------------------------------------------

TEST_CASE("index: reshape keeps the row-major order") {
  constexpr auto A = tg::input<"A", tg::matrix<double, 2, 3>>;
  constexpr auto at = tg::at(A = tg::matrix<double, 2, 3>{1, 2, 3, 4, 5, 6});
  static_assert(
      std::is_same_v<decltype(tg::eval(tg::reshape<3, 2>(A), at)), tg::matrix<double, 3, 2>>);
  TENSOR_CHECK_BOTH(tg::eval(tg::reshape<3, 2>(A), at)
                    == tg::matrix<double, 3, 2>{1, 2, 3, 4, 5, 6});
  TENSOR_CHECK_BOTH(tg::eval(tg::reshape<6>(A), at) == tg::vector<double, 6>{1, 2, 3, 4, 5, 6});
  TENSOR_CHECK_BOTH(tg::eval(tg::reshape<2, 1, 3>(A), at)(1, 0, 2) == 6);
  TENSOR_CHECK_BOTH(tg::eval(tg::reshape<2, 3>(tg::reshape<6>(A)), at)
                    == tg::matrix<double, 2, 3>{1, 2, 3, 4, 5, 6});
  CHECK(tg::to_string(tg::reshape<6>(A)) == "reshape(A)");
}

template <class T, class From, class To>
void check_reshape(std::uint64_t seed) {
  CAPTURE(fd::shape_name<From>());
  CAPTURE(fd::shape_name<To>());
  using V = fd::tensor_t<T, From>;
  using R = fd::tensor_t<T, To>;
  constexpr auto A = tg::var<"A", V>;
  constexpr auto C = tg::input<"C", R>;
  const auto a = fd::uniform<V>(seed);
  const auto c = fd::uniform<R>(seed + 1);
  // tanh after the reshape: the adjoint coming back depends on each element's position.
  fd::check_fd<T>("reshape", tg::sum(tg::tanh(reshape_to(To{}, A)) * C), tg::at(A = a, C = c));
}

TEST_CASE("index: gradient of reshape") {
  fd::for_each_real([]<class T>() {
    check_reshape<T, tg::shape<2, 3>, tg::shape<3, 2>>(501);
    check_reshape<T, tg::shape<2, 3>, tg::shape<6>>(503);
    check_reshape<T, tg::shape<2, 3>, tg::shape<2, 1, 3>>(505);
    check_reshape<T, tg::shape<1, 1>, tg::shape<1>>(507);
    check_reshape<T, tg::shape<3, 1>, tg::shape<1, 3>>(509);
    check_reshape<T, tg::shape<7>, tg::shape<7, 1>>(511);
    check_reshape<T, tg::shape<1>, tg::shape<1, 1, 1>>(513);
    check_reshape<T, tg::shape<4, 5>, tg::shape<5, 4>>(515);
    check_reshape<T, tg::shape<2, 3, 4>, tg::shape<6, 4>>(517);
    check_reshape<T, tg::shape<2, 3, 4>, tg::shape<24>>(519);
  });
  // A reshape that a product then depends on: [6] -> [2, 3] times [3, 2].
  fd::for_each_real([]<class T>() {
    constexpr auto v = tg::var<"v", tg::vector<T, 6>>;
    constexpr auto W = tg::var<"W", tg::matrix<T, 3, 2>>;
    constexpr auto C = tg::input<"C", tg::matrix<T, 2, 2>>;
    fd::check_fd<T>(
        "reshape", tg::sum(tg::matmul(tg::reshape<2, 3>(v), W) * C),
        tg::at(v = fd::uniform<tg::vector<T, 6>>(521), W = fd::uniform<tg::matrix<T, 3, 2>>(522),
               C = fd::uniform<tg::matrix<T, 2, 2>>(523)));
  });
}

// ---- row
// -----------------------------------------------------------------------------------------

TEST_CASE("index: row selects along the first axis") {
  constexpr auto A = tg::input<"A", tg::matrix<double, 3, 2>>;
  constexpr auto i = tg::input<"i", int>;
  constexpr auto at = tg::at(A = tg::matrix<double, 3, 2>{1, 2, 3, 4, 5, 6}, i = 2);
  TENSOR_CHECK_BOTH(tg::eval(tg::row(A, 1), at) == tg::vector<double, 2>{3, 4});
  TENSOR_CHECK_BOTH(tg::eval(tg::row(A, 0), at) == tg::vector<double, 2>{1, 2});
  TENSOR_CHECK_BOTH(tg::eval(tg::row(A, i), at) == tg::vector<double, 2>{5, 6});
  // Of a vector: one element; of a 3-tensor: a matrix.
  constexpr auto v = tg::input<"v", tg::vector<double, 3>>;
  TENSOR_CHECK_BOTH(tg::eval(tg::row(v, 2), tg::at(v = tg::vector<double, 3>{7, 8, 9})) == 9);
  constexpr auto T3 = tg::input<"T", tg::tensor<int, 2, 2, 2>>;
  constexpr auto t3 = tg::tensor<int, 2, 2, 2>{1, 2, 3, 4, 5, 6, 7, 8};
  TENSOR_CHECK_BOTH(tg::eval(tg::row(T3, 1), tg::at(T3 = t3)) == tg::matrix<int, 2, 2>{5, 6, 7, 8});
}

template <class T, class S, std::size_t I>
void check_row(std::uint64_t seed) {
  CAPTURE(fd::shape_name<S>());
  CAPTURE(I);
  using V = fd::tensor_t<T, S>;
  using R = fd::tensor_t<T, typename tg::detail::row_shape<S>::type>;
  constexpr auto A = tg::var<"A", V>;
  constexpr auto C = tg::input<"C", R>;
  constexpr auto i = tg::input<"i", int>;
  const auto a = fd::uniform<V>(seed);
  const auto c = fd::uniform<R>(seed + 1);
  fd::check_fd<T>("row (integer)", fd::weighted_sum(tg::row(A, I), C), tg::at(A = a, C = c));
  fd::check_fd<T>("row (input)", fd::weighted_sum(tg::exp(tg::row(A, i)), C),
                  tg::at(A = a, C = c, i = static_cast<int>(I)));
  // Two rows of one tensor (the same twice when there is one row): adjoints add up.
  constexpr std::size_t J = S::dims[0] - 1 - I;
  fd::check_fd<T>("row (two rows)", fd::weighted_sum(tg::row(A, I) * tg::row(A, J), C),
                  tg::at(A = a, C = c));
}

TEST_CASE("index: gradient of row") {
  fd::for_each_real([]<class T>() {
    check_row<T, tg::shape<1, 1>, 0>(601);
    check_row<T, tg::shape<2, 3>, 1>(603);
    check_row<T, tg::shape<4, 5>, 3>(605);
    check_row<T, tg::shape<4, 5>, 0>(607);
    check_row<T, tg::shape<3, 1>, 2>(609);
    check_row<T, tg::shape<1>, 0>(611);
    check_row<T, tg::shape<7>, 6>(613);
    check_row<T, tg::shape<2, 3, 4>, 1>(615);
  });
}

TEST_CASE("index: row gradient by hand") {
  constexpr auto A = tg::var<"A", tg::matrix<double, 3, 2>>;
  constexpr auto c = tg::input<"c", tg::vector<double, 2>>;
  constexpr auto i = tg::input<"i", int>;
  constexpr auto at = tg::at(A = tg::matrix<double, 3, 2>{1, 2, 3, 4, 5, 6},
                             c = tg::vector<double, 2>{10, -1}, i = 0);
  // The adjoint lands in the chosen row; the other rows get exactly 0.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::row(A, 1) * c), at)[A]
                    == tg::matrix<double, 3, 2>{0, 0, 10, -1, 0, 0});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::row(A, i) * c), at)[A]
                    == tg::matrix<double, 3, 2>{10, -1, 0, 0, 0, 0});
  // row(A, 1) ⊙ row(A, 2): d/dA(1, :) = row 2 ⊙ c, d/dA(2, :) = row 1 ⊙ c.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::row(A, 1) * tg::row(A, 2) * c), at)[A]
                    == tg::matrix<double, 3, 2>{0, 0, 50, -6, 30, -4});
  // The same row twice: 2 row ⊙ c.
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::row(A, 2) * tg::row(A, 2) * c), at)[A]
                    == tg::matrix<double, 3, 2>{0, 0, 0, 0, 100, -12});
  // An element of a vector.
  constexpr auto v = tg::var<"v", tg::vector<double, 3>>;
  TENSOR_CHECK_BOTH(
      tg::grad(tg::row(v, 1) * tg::row(v, 2), tg::at(v = tg::vector<double, 3>{7, 8, 9}))[v]
      == tg::vector<double, 3>{0, 9, 8});
}

// ---- pick
// ----------------------------------------------------------------------------------------

TEST_CASE("index: pick takes one entry per row") {
  constexpr auto A = tg::input<"A", tg::matrix<double, 3, 4>>;
  constexpr auto y = tg::input<"y", tg::vector<int, 3>>;
  TENSOR_CHECK_BOTH(
      tg::eval(tg::pick(A, y),
               tg::at(A = tg::matrix<double, 3, 4>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                      y = tg::vector<int, 3>{3, 0, 2}))
      == tg::vector<double, 3>{3, 4, 10});
  // Labels of another integer type.
  constexpr auto yl = tg::input<"y", tg::vector<long, 3>>;
  TENSOR_CHECK_BOTH(
      tg::eval(tg::pick(A, yl),
               tg::at(A = tg::matrix<double, 3, 4>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11},
                      yl = tg::vector<long, 3>{1, 1, 1}))
      == tg::vector<double, 3>{1, 5, 9});
}

template <class T, std::size_t B, std::size_t K>
void check_pick(const tg::vector<int, B>& labels, std::uint64_t seed) {
  CAPTURE(B);
  CAPTURE(K);
  constexpr auto A = tg::var<"A", tg::matrix<T, B, K>>;
  constexpr auto y = tg::input<"y", tg::vector<int, B>>;
  constexpr auto c = tg::input<"c", tg::vector<T, B>>;
  const auto a = fd::uniform<tg::matrix<T, B, K>>(seed);
  const auto cv = fd::uniform<tg::vector<T, B>>(seed + 1);
  fd::check_fd<T>("pick", tg::sum(tg::pick(tg::tanh(A), y) * c), tg::at(A = a, y = labels, c = cv));
  // By hand: the adjoint c(b) lands at (b, labels[b]) and nowhere else.
  const auto g = tg::grad(tg::sum(tg::pick(A, y) * c), tg::at(A = a, y = labels, c = cv))[A];
  for (std::size_t b = 0; b < B; ++b)
    for (std::size_t k = 0; k < K; ++k)
      CHECK(g(b, k) == (static_cast<std::size_t>(labels[b]) == k ? cv[b] : T(0)));
}

TEST_CASE("index: gradient of pick") {
  fd::for_each_real([]<class T>() {
    check_pick<T, 1, 1>(tg::vector<int, 1>{0}, 701);
    check_pick<T, 2, 3>(tg::vector<int, 2>{2, 0}, 703);
    check_pick<T, 4, 5>(tg::vector<int, 4>{4, 4, 1, 0}, 705);
    check_pick<T, 3, 1>(tg::vector<int, 3>{0, 0, 0}, 707);
    check_pick<T, 5, 7>(tg::vector<int, 5>{6, 3, 0, 5, 3}, 709);
  });
}

// ---- indices out of range
// --------------------------------------------------------------------------

TEST_CASE("index: a row index out of range throws") {
  constexpr auto A = tg::var<"A", tg::matrix<double, 3, 2>>;
  constexpr auto i = tg::input<"i", int>;
  const tg::matrix<double, 3, 2> a{1, 2, 3, 4, 5, 6};
  CHECK_THROWS_AS(tg::eval(tg::row(A, 3), tg::at(A = a)), std::out_of_range);
  CHECK_THROWS_AS(tg::eval(tg::row(A, -1), tg::at(A = a)), std::out_of_range);
  CHECK_THROWS_AS(tg::eval(tg::row(A, i), tg::at(A = a, i = 3)), std::out_of_range);
  CHECK_THROWS_AS(tg::eval(tg::row(A, i), tg::at(A = a, i = -1)), std::out_of_range);
  CHECK_THROWS_AS(tg::grad(tg::sum(tg::row(A, i)), tg::at(A = a, i = 7)), std::out_of_range);
  CHECK_THROWS_AS(tg::jvp(tg::sum(tg::row(A, i)), tg::at(A = a, i = 3), tg::along(A = a)),
                  std::out_of_range);
  CHECK_THROWS_WITH_AS(tg::eval(tg::row(A, i), tg::at(A = a, i = 3)),
                       doctest::Contains("row(a, i)"), std::out_of_range);
  // The last valid index does not throw.
  CHECK_NOTHROW(tg::eval(tg::row(A, i), tg::at(A = a, i = 2)));
  // Of a vector.
  constexpr auto v = tg::var<"v", tg::vector<double, 3>>;
  CHECK_THROWS_AS(tg::grad(tg::row(v, i), tg::at(v = tg::vector<double, 3>{}, i = 3)),
                  std::out_of_range);
}

TEST_CASE("index: a label out of range throws") {
  constexpr auto A = tg::var<"A", tg::matrix<double, 2, 3>>;
  constexpr auto y = tg::input<"y", tg::vector<int, 2>>;
  const tg::matrix<double, 2, 3> a{1, 2, 3, 4, 5, 6};
  CHECK_THROWS_AS(tg::eval(tg::pick(A, y), tg::at(A = a, y = tg::vector<int, 2>{0, 3})),
                  std::out_of_range);
  CHECK_THROWS_AS(tg::eval(tg::pick(A, y), tg::at(A = a, y = tg::vector<int, 2>{-1, 0})),
                  std::out_of_range);
  const auto ce = -tg::mean(tg::pick(tg::log_softmax(A), y));
  CHECK_THROWS_AS(tg::value_and_grad(ce, tg::at(A = a, y = tg::vector<int, 2>{1, 3})),
                  std::out_of_range);
  CHECK_THROWS_WITH_AS(tg::eval(ce, tg::at(A = a, y = tg::vector<int, 2>{5, 0})),
                       doctest::Contains("pick(a, labels)"), std::out_of_range);
  CHECK_NOTHROW(tg::eval(ce, tg::at(A = a, y = tg::vector<int, 2>{2, 0})));
}

// ---- compile time
// ---------------------------------------------------------------------------------

TEST_CASE("index: in constant expressions") {
  constexpr auto A = tg::var<"A", tg::matrix<double, 2, 2>>;
  constexpr auto y = tg::input<"y", tg::vector<int, 2>>;
  constexpr auto at =
      tg::at(A = tg::matrix<double, 2, 2>{1, 2, 3, 4}, y = tg::vector<int, 2>{1, 0});
  TENSOR_CHECK_BOTH(tg::eval(tg::pick(A, y), at) == tg::vector<double, 2>{2, 3});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::pick(A * A, y)), at)[A]
                    == tg::matrix<double, 2, 2>{0, 4, 6, 0});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::row(A, 1) * tg::row(A, 1)), at)[A]
                    == tg::matrix<double, 2, 2>{0, 0, 6, 8});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(tg::reshape<4>(A) * tg::reshape<4>(A)), at)[A]
                    == tg::matrix<double, 2, 2>{2, 4, 6, 8});
}

}  // namespace
