// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/diff/eval.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <type_traits>

// eval(f, at(...)): the forward pass alone, at compile time and at run time, in
// the scalar type of the expression.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;
constexpr auto xf = tg::var<"xf", float>;
constexpr auto yf = tg::var<"yf", float>;
constexpr auto X = tg::input<"X">;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

TEST_CASE("eval: polynomials and rational functions") {
  BOTH(tg::eval(x * x + 2 * x + 1, tg::at(x = 3.0)) == 16.0);
  BOTH(tg::eval(x * x * y + y * y * y, tg::at(x = 1.5, y = -2.0)) == 2.25 * -2.0 - 8.0);
  BOTH(tg::eval((x + y) / (x - y), tg::at(x = 3.0, y = 1.0)) == 2.0);
  BOTH(tg::eval(-x + -(-y), tg::at(x = 1.0, y = 4.0)) == 3.0);
  BOTH(tg::eval(1 / x, tg::at(x = 4.0)) == 0.25);
  BOTH(tg::eval(x - y - z, tg::at(x = 1.0, y = 2.0, z = 3.0)) == -4.0);  // left-associative
  BOTH(tg::eval(x / y / z, tg::at(x = 8.0, y = 2.0, z = 2.0)) == 2.0);
  double a = 0.5, b = -3.0;  // run-time values
  CHECK(tg::eval(x * x * y + y * y * y, tg::at(x = a, y = b)) == a * a * b + b * b * b);
}

TEST_CASE("eval: unused bindings are ignored and order does not matter") {
  BOTH(tg::eval(x * 2, tg::at(y = 100.0, x = 3.0, z = -1.0)) == 6.0);
  BOTH(tg::eval(tg::c<5> * tg::c<1, 5>, tg::at(x = 1.0))
       == 1.0);  // an expression without variables
}

TEST_CASE("eval: inputs and run-time constants") {
  BOTH(tg::eval(X * x + 1, tg::at(X = 2.0, x = 3.0)) == 7.0);
  double k = 2.5;
  const auto f = k * x - k;
  CHECK(tg::eval(f, tg::at(x = 3.0)) == 5.0);
  CHECK(tg::eval(f * f, tg::at(x = 1.0)) == 0.0);
}

TEST_CASE("eval: the scalar type follows the leaves") {
  // int constants beside a float variable are float; float with double is double.
  static_assert(std::is_same_v<decltype(tg::eval(2 * xf + 1, tg::at(xf = 1.0f))), float>);
  static_assert(std::is_same_v<decltype(tg::eval(2.0 * xf + 1.0, tg::at(xf = 1.0f))), float>);
  static_assert(std::is_same_v<decltype(tg::eval(xf * yf, tg::at(xf = 1.0f, yf = 2.0f))), float>);
  static_assert(std::is_same_v<decltype(tg::eval(xf * x, tg::at(xf = 1.0f, x = 2.0))), double>);
  static_assert(std::is_same_v<decltype(tg::eval(x * 2.0f, tg::at(x = 2.0))), double>);
  static_assert(std::is_same_v<decltype(tg::eval(tg::var<"l", long double> * 2,
                                                 tg::at(tg::var<"l", long double> = 1.0L))),
                               long double>);
  BOTH(tg::eval(2 * xf + 1, tg::at(xf = 1.5f)) == 4.0f);
  BOTH(tg::eval(xf * x, tg::at(xf = 0.5f, x = 3.0)) == 1.5);
  // 0.1f is not 0.1: a float variable is evaluated as its float value, widened.
  BOTH(tg::eval(xf + x, tg::at(xf = 0.1f, x = 0.0)) == static_cast<double>(0.1f));
  // A double constant beside a float variable becomes float.
  BOTH(tg::eval(xf * 0.1, tg::at(xf = 1.0f)) == 0.1f);
}

// Division by zero is not a constant expression: run time only.
TEST_CASE("eval: IEEE semantics at run time") {
  constexpr double inf = std::numeric_limits<double>::infinity();
  double zero = 0.0;
  CHECK(tg::eval(1 / x, tg::at(x = zero)) == inf);
  CHECK(tg::eval(-1 / x, tg::at(x = zero)) == -inf);
  CHECK(std::isnan(tg::eval(x / x, tg::at(x = zero))));
  CHECK(tg::eval(x * 2, tg::at(x = inf)) == inf);
  CHECK(tg::eval(x / y, tg::at(x = 1.0, y = -zero)) == -inf);
}

TEST_CASE("eval: large expressions at compile time") {
  constexpr auto p =
      ((x + 1) * (x + 2) * (x + 3) * (x + 4) - (y - 1) * (y - 2)) / (x * x + y * y + 1);
  // (2*3*4*5 - (2)(1)) / (1 + 9 + 1) at x = 1, y = 3
  BOTH(tg::eval(p, tg::at(x = 1.0, y = 3.0)) == 118.0 / 11.0);
  double xr = 1.0, yr = 3.0;
  CHECK(tg::eval(p, tg::at(x = xr, y = yr)) == 118.0 / 11.0);
}

}  // namespace
