// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// TYPEGRAD_CHECK_FINITE (defined for this whole program by test/CMakeLists.txt): the first
// node that produces a NaN or an infinity is named, in the forward and the reverse pass.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <string>

#ifndef TYPEGRAD_CHECK_FINITE
#error "test_debug is built with TYPEGRAD_CHECK_FINITE"
#endif

namespace {

namespace tg = typegrad;
constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;

std::string message_of(auto&& run) {
  try {
    run();
  } catch (const tg::nonfinite_error& e) {
    return e.what();
  }
  return "(nothing thrown)";
}

TEST_CASE("finite values pass unchanged") {
  const auto [v, g] = tg::value_and_grad(tg::log(x - 1) * y, tg::at(x = 3.0, y = 2.0));
  CHECK(v == doctest::Approx(2 * std::log(2.0)));
  CHECK(g[x] == doctest::Approx(1.0));
  // Constant expressions are not checked (and still work).
  static_assert(tg::eval(x * x, tg::at(x = 3.0)) == 9.0);
}

TEST_CASE("the first non-finite forward value is named") {
  // log(x - 1) at x = 1 is -inf; the product after it is -inf too, but log is first.
  const std::string m = message_of([] { (void)tg::eval(tg::log(x - 1) * y + y, tg::at(x = 1.0, y = 2.0)); });
  CHECK(m == "typegrad: TYPEGRAD_CHECK_FINITE: the value of log(x - 1) is -inf (the first non-finite value "
             "of the forward pass)");
  const std::string g = message_of([] { (void)tg::grad(tg::sqrt(x - 2) + y, tg::at(x = 1.0, y = 2.0)); });
  CHECK(g == "typegrad: TYPEGRAD_CHECK_FINITE: the value of sqrt(x - 2) is nan (the first non-finite value of "
             "the forward pass)");
}

TEST_CASE("the first non-finite adjoint is named") {
  // sqrt(x) at 0 is finite, its derivative 1/(2 sqrt(x)) is not: the adjoint of x.
  const std::string m = message_of([] { (void)tg::grad(tg::sqrt(x) * y, tg::at(x = 0.0, y = 2.0)); });
  CHECK(m == "typegrad: TYPEGRAD_CHECK_FINITE: the adjoint of x is inf (the first non-finite adjoint of the "
             "reverse pass)");
}

TEST_CASE("tensor values name the element") {
  constexpr auto W = tg::var<"W", tg::vector<double, 3>>;
  const tg::vector<double, 3> w{1.0, 0.0, 2.0};
  const std::string m = message_of([&] { (void)tg::grad(tg::sum(tg::log(W)), tg::at(W = w)); });
  CHECK(m == "typegrad: TYPEGRAD_CHECK_FINITE: the value of log(W) is -inf at element 1 (the first non-finite "
             "value of the forward pass)");
}

TEST_CASE("forward mode checks the tangents") {
  const std::string m = message_of([] { (void)tg::jvp(tg::sqrt(x), tg::at(x = 0.0), tg::along(x = 1.0)); });
  CHECK(m == "typegrad: TYPEGRAD_CHECK_FINITE: the value of sqrt(x) is (0.000000, tangent inf) (the first "
             "non-finite value of the forward pass)");
}

}  // namespace
