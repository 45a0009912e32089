// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/tensor/tensor.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <limits>
#include <sstream>
#include <string>
#include <type_traits>

#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;

template <class T>
std::string printed(const T& t) {
  std::ostringstream s;
  s << t;
  return s.str();
}

// ---- the tensor type ---------------------------------------------------------------------------

TEST_CASE("tensor: construction shape and size") {
  using M = tg::tensor<double, 2, 3>;
  static_assert(std::is_same_v<tg::matrix<double, 2, 3>, M>);
  static_assert(std::is_same_v<tg::vector<float, 4>, tg::tensor<float, 4>>);
  static_assert(std::is_aggregate_v<M>);
  static_assert(M::rank == 2 && M::size() == 6 && M::extent(0) == 2 && M::extent(1) == 3);
  static_assert(
      std::is_same_v<M::shape_type, tg::shape<2, 3>> && std::is_same_v<M::value_type, double>);
  static_assert(tg::shape<2, 3, 4>::rank == 3 && tg::shape<2, 3, 4>::size == 24
                && tg::shape<2, 3, 4>::dims[1] == 3);
  static_assert(tg::tensor<double, 2, 3, 4>::size() == 24
                && tg::tensor<double, 2, 3, 4>::extent(2) == 4);
  static_assert(tg::tensor<int, 1>::size() == 1);
  // Storage is inline: the elements and nothing else (alignment aside).
  static_assert(sizeof(tg::tensor<double, 4, 4>) == 16 * sizeof(double));

  // Aggregate initialisation in row-major order; missing elements and a default tensor are 0.
  TENSOR_CHECK_BOTH([] {
    M x{1, 2, 3, 4, 5, 6};
    M partial{1, 2};
    M none{};
    bool ok = x[0] == 1 && x[5] == 6 && partial[1] == 2 && partial[2] == 0 && partial[5] == 0;
    for (double e : none)
      ok = ok && e == 0;
    return ok;
  }());
  TENSOR_CHECK_BOTH([] {
    const M x{1, 2, 3, 4, 5, 6};
    double s = 0;
    for (double e : x)
      s += e;  // begin/end over the six elements
    return s == 21 && x.end() - x.begin() == 6 && x.data() == x.begin();
  }());
}

TEST_CASE("tensor: element access by index tuple and flat index") {
  TENSOR_CHECK_BOTH([] {
    tg::tensor<double, 2, 3> x{1, 2, 3, 4, 5, 6};
    bool ok = x(0, 0) == 1 && x(0, 2) == 3 && x(1, 0) == 4 && x(1, 2) == 6 && x[3] == 4;
    x(1, 1) = 50;  // (i, j) and [flat] are the same element
    ok = ok && x[4] == 50;
    x[2] = 30;
    return ok && x(0, 2) == 30;
  }());
  TENSOR_CHECK_BOTH([] {
    tg::tensor<int, 2, 3, 4> t{};
    for (std::size_t k = 0; k < t.size(); ++k)
      t[k] = static_cast<int>(k);
    // (i, j, k) is at (i * 3 + j) * 4 + k.
    return t(0, 0, 0) == 0 && t(0, 1, 0) == 4 && t(1, 0, 0) == 12 && t(1, 2, 3) == 23
           && t(1, 1, 2) == 18;
  }());
  TENSOR_CHECK_BOTH([] {
    tg::vector<double, 3> v{7, 8, 9};
    return v(0) == 7 && v(2) == 9 && v[1] == 8;
  }());
}

TEST_CASE("tensor: fill filled and zeros") {
  using M = tg::matrix<double, 2, 2>;
  TENSOR_CHECK_BOTH(M::filled(2.5) == M{2.5, 2.5, 2.5, 2.5});
  TENSOR_CHECK_BOTH(M::zeros() == M{0, 0, 0, 0});
  TENSOR_CHECK_BOTH([] {
    M x{1, 2, 3, 4};
    x.fill(-1);
    return x == M{-1, -1, -1, -1};
  }());
  TENSOR_CHECK_BOTH(tg::tensor<float, 1, 2, 3>::filled(1.5f)(0, 1, 2) == 1.5f);
}

TEST_CASE("tensor: equality compares every element") {
  using M = tg::matrix<double, 2, 2>;
  TENSOR_CHECK_BOTH(M{1, 2, 3, 4} == M{1, 2, 3, 4});
  TENSOR_CHECK_BOTH(!(M{1, 2, 3, 4} == M{1, 2, 3, 5}));
  TENSOR_CHECK_BOTH(!(M{0, 2, 3, 4} == M{1, 2, 3, 4}));
  TENSOR_CHECK_BOTH(M{-0.0, 1, 1, 1} == M{0.0, 1, 1, 1});  // IEEE ==: -0 == +0
  constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  CHECK_FALSE(M{nan, 1, 1, 1} == M{nan, 1, 1, 1});  // and NaN != NaN
}

TEST_CASE("tensor: printing nests brackets per rank") {
  CHECK(printed(tg::vector<double, 3>{1, 2, 3}) == "[1, 2, 3]");
  CHECK(printed(tg::vector<double, 1>{7}) == "[7]");
  CHECK(printed(tg::matrix<double, 2, 3>{1, 2, 3, 4, 5, 6}) == "[[1, 2, 3], [4, 5, 6]]");
  CHECK(printed(tg::matrix<double, 1, 1>{-0.5}) == "[[-0.5]]");
  CHECK(printed(tg::matrix<double, 3, 1>{1, 2, 3}) == "[[1], [2], [3]]");
  CHECK(printed(tg::tensor<int, 2, 2, 2>{1, 2, 3, 4, 5, 6, 7, 8})
        == "[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]");
  CHECK(printed(tg::tensor<int, 2, 1, 3>{1, 2, 3, 4, 5, 6}) == "[[[1, 2, 3]], [[4, 5, 6]]]");
  CHECK(printed(tg::tensor<float, 1, 1, 1>{2.5f}) == "[[[2.5]]]");
}

// ---- arithmetic on tensors
// -----------------------------------------------------------------------

TEST_CASE("tensor: elementwise arithmetic between tensors of one shape") {
  using M = tg::matrix<double, 2, 3>;
  constexpr M a{1, 2, 3, 4, 5, 6};
  constexpr M b{6, 5, 4, 3, 2, 1};
  static_assert(std::is_same_v<decltype(a + b), M>);
  TENSOR_CHECK_BOTH(a + b == M::filled(7));
  TENSOR_CHECK_BOTH(a - b == M{-5, -3, -1, 1, 3, 5});
  TENSOR_CHECK_BOTH(a * b == M{6, 10, 12, 12, 10, 6});
  TENSOR_CHECK_BOTH(a / b == M{1.0 / 6, 2.0 / 5, 3.0 / 4, 4.0 / 3, 5.0 / 2, 6.0});
  TENSOR_CHECK_BOTH(-a == M{-1, -2, -3, -4, -5, -6});
}

TEST_CASE("tensor: broadcasting follows NumPy") {
  constexpr tg::matrix<double, 2, 3> m{1, 2, 3, 4, 5, 6};
  constexpr tg::vector<double, 3> row{10, 20, 30};
  constexpr tg::matrix<double, 2, 1> col{100, 200};

  // [M, N] + [N]: the vector is added to each row, from either side.
  static_assert(std::is_same_v<decltype(m + row), tg::matrix<double, 2, 3>>);
  TENSOR_CHECK_BOTH(m + row == tg::matrix<double, 2, 3>{11, 22, 33, 14, 25, 36});
  TENSOR_CHECK_BOTH(row + m == m + row);
  TENSOR_CHECK_BOTH(row - m == tg::matrix<double, 2, 3>{9, 18, 27, 6, 15, 24});
  TENSOR_CHECK_BOTH(m / row == tg::matrix<double, 2, 3>{0.1, 0.1, 0.1, 0.4, 0.25, 0.2});
  // [M, 1] op [M, N]: the column repeats along each row.
  TENSOR_CHECK_BOTH(col + m == tg::matrix<double, 2, 3>{101, 102, 103, 204, 205, 206});
  // [M, 1] * [N] is [M, N]: an outer product.
  static_assert(std::is_same_v<decltype(col * row), tg::matrix<double, 2, 3>>);
  TENSOR_CHECK_BOTH(col * row == tg::matrix<double, 2, 3>{1000, 2000, 3000, 2000, 4000, 6000});
  TENSOR_CHECK_BOTH(tg::matrix<double, 2, 1>{1, 2} - tg::matrix<double, 1, 3>{1, 2, 3}
                    == tg::matrix<double, 2, 3>{0, -1, -2, 1, 0, -1});
  // [2, 1, 3] + [4, 1] is [2, 4, 3].
  static_assert(std::is_same_v<decltype(tg::tensor<int, 2, 1, 3>{} + tg::tensor<int, 4, 1>{}),
                               tg::tensor<int, 2, 4, 3>>);
  TENSOR_CHECK_BOTH([] {
    tg::tensor<int, 2, 1, 3> a{1, 2, 3, 4, 5, 6};
    tg::tensor<int, 4, 1> b{0, 10, 20, 30};
    const auto r = a + b;
    return r(0, 0, 0) == 1 && r(0, 3, 2) == 33 && r(1, 2, 1) == 25 && r(1, 0, 2) == 6;
  }());
  // A [1] or [1, 1] tensor broadcasts like a number.
  TENSOR_CHECK_BOTH(m * tg::vector<double, 1>{2} == m + m);
  TENSOR_CHECK_BOTH(tg::matrix<double, 1, 1>{3} * m == m + m + m);
}

TEST_CASE("tensor: arithmetic with numbers") {
  constexpr tg::vector<double, 3> v{1, 2, 4};
  TENSOR_CHECK_BOTH(v * 2.0 == tg::vector<double, 3>{2, 4, 8});
  TENSOR_CHECK_BOTH(2.0 * v == v * 2.0);
  TENSOR_CHECK_BOTH(v + 1.0 == tg::vector<double, 3>{2, 3, 5});
  TENSOR_CHECK_BOTH(1.0 - v == tg::vector<double, 3>{0, -1, -3});
  TENSOR_CHECK_BOTH(v / 4.0 == tg::vector<double, 3>{0.25, 0.5, 1});
  TENSOR_CHECK_BOTH(8.0 / v == tg::vector<double, 3>{8, 4, 2});
  TENSOR_CHECK_BOTH(tg::vector<float, 2>{1.5f, -2} * 2.0f == tg::vector<float, 2>{3, -4});
}

TEST_CASE("tensor: compound assignment") {
  using M = tg::matrix<double, 2, 3>;
  TENSOR_CHECK_BOTH([] {
    M a{1, 2, 3, 4, 5, 6};
    a += M::filled(1);
    a -= tg::vector<double, 3>{1, 2, 3};  // broadcast along the rows
    a *= 2.0;
    a /= tg::matrix<double, 2, 1>{1, 2};  // broadcast along the columns
    // ((x + 1) - row) * 2 / col
    return a == M{2, 2, 2, 4, 4, 4};
  }());
  TENSOR_CHECK_BOTH([] {
    M a{1, 2, 3, 4, 5, 6};
    M& r = (a += 1.0);
    return &r == &a && a[0] == 2;  // returns *this
  }());
  TENSOR_CHECK_BOTH([] {
    tg::vector<double, 2> a{1, 2};
    a *= tg::vector<double, 2>{3, 4};
    a -= 1.0;
    a /= 2.0;
    return a == tg::vector<double, 2>{1, 3.5};
  }());
}

// ---- detail::fit_to: the adjoint of a broadcast -------------------------------------------------

TEST_CASE("tensor: fit_to sums over the broadcast dimensions") {
  using tg::detail::fit_to;
  constexpr tg::matrix<double, 2, 3> m{1, 2, 3, 4, 5, 6};
  // Same shape: unchanged.
  TENSOR_CHECK_BOTH(fit_to<tg::matrix<double, 2, 3>>(m) == m);
  // [N] from [M, N]: column sums; [M, 1] from [M, N]: row sums; [1, N]: column sums.
  TENSOR_CHECK_BOTH(fit_to<tg::vector<double, 3>>(m) == tg::vector<double, 3>{5, 7, 9});
  TENSOR_CHECK_BOTH(fit_to<tg::matrix<double, 2, 1>>(m) == tg::matrix<double, 2, 1>{6, 15});
  TENSOR_CHECK_BOTH(fit_to<tg::matrix<double, 1, 3>>(m) == tg::matrix<double, 1, 3>{5, 7, 9});
  // A number or [1]: everything summed.
  TENSOR_CHECK_BOTH(fit_to<double>(m) == 21);
  TENSOR_CHECK_BOTH(fit_to<tg::vector<double, 1>>(m) == tg::vector<double, 1>{21});
  TENSOR_CHECK_BOTH(fit_to<tg::matrix<double, 1, 1>>(m) == tg::matrix<double, 1, 1>{21});
  // Rank 3, t(i, j, k) = 6i + 3j + k: [2, 1, 3] sums over j, [3] over i and j, [2, 1] over i and k.
  TENSOR_CHECK_BOTH([] {
    tg::tensor<double, 2, 2, 3> t{};
    for (std::size_t k = 0; k < t.size(); ++k)
      t[k] = static_cast<double>(k);
    return fit_to<tg::tensor<double, 2, 1, 3>>(t)
               == tg::tensor<double, 2, 1, 3>{3, 5, 7, 15, 17, 19}
           && fit_to<tg::vector<double, 3>>(t) == tg::vector<double, 3>{18, 22, 26}
           && fit_to<tg::matrix<double, 2, 1>>(t) == tg::matrix<double, 2, 1>{24, 42};
  }());
  // The other direction broadcasts up.
  TENSOR_CHECK_BOTH(fit_to<tg::matrix<double, 2, 3>>(tg::vector<double, 3>{1, 2, 3})
                    == tg::matrix<double, 2, 3>{1, 2, 3, 1, 2, 3});
  TENSOR_CHECK_BOTH(fit_to<tg::vector<double, 2>>(4.0) == tg::vector<double, 2>{4, 4});
}

// ---- elementwise ops on tensor expressions: gradients against finite differences ----------------

using matrix_shapes =
    fd::shapes<tg::shape<1, 1>, tg::shape<2, 3>, tg::shape<4, 5>, tg::shape<3, 1>>;
using any_shapes = fd::shapes<tg::shape<1>, tg::shape<7>, tg::shape<1, 1>, tg::shape<2, 3>,
                              tg::shape<4, 5>, tg::shape<3, 1>, tg::shape<2, 3, 4>>;

// The last dimension of S as a shape: the row vector that broadcasts over S.
template <class S>
using row_shape_t = tg::shape<S::dims[S::rank - 1]>;

TEST_CASE("tensor: gradients of a matrix op a row vector") {
  fd::for_each_shape(matrix_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", fd::tensor_t<T, S>>;
    constexpr auto b = tg::var<"b", fd::tensor_t<T, row_shape_t<S>>>;
    constexpr auto C = tg::input<"C", fd::tensor_t<T, S>>;
    const auto a = fd::uniform<fd::tensor_t<T, S>>(11);
    const auto bv = fd::uniform<fd::tensor_t<T, row_shape_t<S>>>(12);
    const auto bz = fd::away_from_zero<fd::tensor_t<T, row_shape_t<S>>>(13);
    const auto az = fd::away_from_zero<fd::tensor_t<T, S>>(14);
    const auto c = fd::uniform<fd::tensor_t<T, S>>(15);
    fd::check_fd<T>("[M,N] + [N]", tg::sum((A + b) * C), tg::at(A = a, b = bv, C = c));
    fd::check_fd<T>("[M,N] - [N]", tg::sum((b - A) * C), tg::at(A = a, b = bv, C = c));
    fd::check_fd<T>("[M,N] * [N]", tg::sum(A * b * C), tg::at(A = a, b = bv, C = c));
    fd::check_fd<T>("[M,N] / [N]", tg::sum((A / b + b / A) * C), tg::at(A = az, b = bz, C = c));
  });
}

TEST_CASE("tensor: gradients of a column times a row") {
  // [M, 1] op [N] is [M, N]: both operands' adjoints are sums over what they were repeated along.
  fd::for_each_shape(matrix_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    using col_t = fd::tensor_t<T, tg::shape<S::dims[0], 1>>;
    using row_t = fd::tensor_t<T, tg::shape<S::dims[1]>>;
    constexpr auto U = tg::var<"U", col_t>;
    constexpr auto v = tg::var<"v", row_t>;
    constexpr auto C = tg::input<"C", fd::tensor_t<T, S>>;
    const auto u0 = fd::uniform<col_t>(21);
    const auto v0 = fd::away_from_zero<row_t>(22);
    const auto c = fd::uniform<fd::tensor_t<T, S>>(23);
    fd::check_fd<T>("[M,1] * [N]", tg::sum(U * v * C), tg::at(U = u0, v = v0, C = c));
    fd::check_fd<T>("[M,1] - [N] / [N]", tg::sum((U - U / v) * C), tg::at(U = u0, v = v0, C = c));
  });
}

TEST_CASE("tensor: gradients of tensor expressions with number constants") {
  fd::for_each_shape(any_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", fd::tensor_t<T, S>>;
    constexpr auto C = tg::input<"C", fd::tensor_t<T, S>>;
    const auto a = fd::uniform<fd::tensor_t<T, S>>(31);
    const auto c = fd::uniform<fd::tensor_t<T, S>>(32);
    const T two = 2, three = 3, four = 4, one = 1;
    fd::check_fd<T>("constants", tg::sum((two * A - A / four + three) * C), tg::at(A = a, C = c));
    fd::check_fd<T>("constants", tg::sum((one - A * A * tg::c<1, 2>) / (A * A + one) * C),
                    tg::at(A = a, C = c));
  });
}

TEST_CASE("tensor: gradients of chains of exp tanh sigmoid and relu") {
  fd::for_each_shape(any_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    constexpr auto A = tg::var<"A", fd::tensor_t<T, S>>;
    constexpr auto b = tg::var<"b", fd::tensor_t<T, row_shape_t<S>>>;
    constexpr auto C = tg::input<"C", fd::tensor_t<T, S>>;
    // relu's kink at 0 is further from A * b than any step (|A|, |b| >= 0.25).
    const auto a = fd::away_from_zero<fd::tensor_t<T, S>>(41);
    const auto bv = fd::away_from_zero<fd::tensor_t<T, row_shape_t<S>>>(42);
    const auto c = fd::uniform<fd::tensor_t<T, S>>(43);
    const T half = 0.5;
    fd::check_fd<T>("sigmoid(tanh(A) * b + 0.5)", tg::sum(tg::sigmoid(tg::tanh(A) * b + half) * C),
                    tg::at(A = a, b = bv, C = c));
    fd::check_fd<T>("exp(tanh(A)) * relu(A * b)",
                    tg::sum(tg::exp(tg::tanh(A)) * tg::relu(A * b) * C),
                    tg::at(A = a, b = bv, C = c));
  });
}

TEST_CASE("tensor: gradient of a scalar variable broadcast over a tensor") {
  // s [] op A [shape]: ds sums the adjoint over every element.
  fd::for_each_shape(any_shapes{}, []<class T, class S>() {
    CAPTURE(fd::shape_name<S>());
    constexpr auto s = tg::var<"s", T>;
    constexpr auto A = tg::var<"A", fd::tensor_t<T, S>>;
    constexpr auto C = tg::input<"C", fd::tensor_t<T, S>>;
    const auto a = fd::uniform<fd::tensor_t<T, S>>(51);
    const auto c = fd::uniform<fd::tensor_t<T, S>>(52);
    const T s0 = fd::uniform<T>(53);
    fd::check_fd<T>("scalar * [shape]", tg::sum((s * A + tg::tanh(A - s)) * C),
                    tg::at(s = s0, A = a, C = c));
  });
}

TEST_CASE("tensor: elementwise gradients are exact in simple cases") {
  // d/dA sum(A * C) = C exactly; d/db sum(A + b) = M for each entry of b (b [N] over [M, N]).
  constexpr auto A = tg::var<"A", tg::matrix<double, 3, 2>>;
  constexpr auto b = tg::var<"b", tg::vector<double, 2>>;
  constexpr auto C = tg::input<"C", tg::matrix<double, 3, 2>>;
  constexpr tg::matrix<double, 3, 2> a{1, 2, 3, 4, 5, 6};
  constexpr tg::matrix<double, 3, 2> c{0.5, -1, 2, 3, -4, 0.25};
  constexpr tg::vector<double, 2> bv{10, 20};
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(A * C), tg::at(A = a, C = c))[A] == c);
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(A + b), tg::at(A = a, b = bv))[b]
                    == tg::vector<double, 2>{3, 3});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum((A + b) * C), tg::at(A = a, b = bv, C = c))[b]
                    == tg::vector<double, 2>{0.5 + 2 - 4, -1 + 3 + 0.25});
  TENSOR_CHECK_BOTH(tg::eval(A * 2.0 + b, tg::at(A = a, b = bv))
                    == tg::matrix<double, 3, 2>{12, 24, 16, 28, 20, 32});
}

TEST_CASE("tensor: gradient of one variable feeding every kind of op") {
  // The adjoint of A collects contributions from elementwise ops (stored or added
  // element by element) and from tensor ops' vector-Jacobian rules, in one sum.
  fd::for_each_real([]<class T>() {
    using M = tg::matrix<T, 3, 3>;
    constexpr auto A = tg::var<"A", M>;
    constexpr auto C = tg::input<"C", M>;
    constexpr auto y = tg::input<"y", tg::vector<int, 3>>;
    const auto a = fd::separated<M>(61);  // max<0> needs no ties
    const auto c = fd::uniform<M>(62);
    const auto L =
        tg::sum(tg::softmax(tg::matmul(A, tg::transpose(A)) + A) * C) + tg::logsumexp(A * A)
        + tg::sum(tg::max<0>(A) * tg::row(A, 1)) + tg::mean(tg::pick(tg::log_softmax<0>(A), y))
        + tg::dot(tg::reshape<9>(A), tg::reshape<9>(C)) + tg::sum(tg::mean<1>(tg::sigmoid(A)) * A);
    fd::check_fd<T>("every op", L, tg::at(A = a, C = c, y = tg::vector<int, 3>{2, 0, 1}));
    // A tensor times a reduction of itself: the scalar's adjoint sums the whole tensor.
    fd::check_fd<T>("every op", tg::sum(A * tg::sum(A * C)) + tg::sum(A * tg::max<tg::all>(A)),
                    tg::at(A = a, C = c));
  });
}

// ---- compile time
// ---------------------------------------------------------------------------------

TEST_CASE("tensor: gradients in constant expressions") {
  constexpr auto W = tg::var<"W", tg::matrix<double, 2, 2>>;
  constexpr tg::matrix<double, 2, 2> w{1, -2, 0.5, 3};
  // d/dW sum(W * W) = 2 W.
  TENSOR_CHECK_BOTH(tg::eval(tg::sum(W * W), tg::at(W = w)) == 1 + 4 + 0.25 + 9);
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(W * W), tg::at(W = w))[W]
                    == tg::matrix<double, 2, 2>{2, -4, 1, 6});
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(W * W), tg::at(W = w))[W] == w * 2.0);
  // Float keeps float.
  constexpr auto Wf = tg::var<"W", tg::matrix<float, 2, 2>>;
  constexpr tg::matrix<float, 2, 2> wf{1, -2, 0.5f, 3};
  static_assert(
      std::is_same_v<std::remove_cvref_t<decltype(tg::grad(tg::sum(Wf * Wf), tg::at(Wf = wf))[Wf])>,
                     tg::matrix<float, 2, 2>>);
  TENSOR_CHECK_BOTH(tg::grad(tg::sum(Wf * Wf), tg::at(Wf = wf))[Wf]
                    == tg::matrix<float, 2, 2>{2, -4, 1, 6});
  // A finite-difference check as a static_assert.
  TENSOR_CHECK_BOTH(tg::check_gradient(tg::sum(tg::exp(W) * W), tg::at(W = w)).ok);
}

}  // namespace
