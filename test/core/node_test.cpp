// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/core/node.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <type_traits>
#include <utility>

// node<Op, Children...>: structure only, children held by value (nothing when a
// child is stateless), so that expressions are safe to store, copy and return.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
using x_t = std::remove_cvref_t<decltype(x)>;
using y_t = std::remove_cvref_t<decltype(y)>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

// ---- structure -----------------------------------------------------------------------------
using xy_t = std::remove_cvref_t<decltype(x * y)>;
static_assert(std::is_same_v<xy_t, tg::node<tg::mul_op, x_t, y_t>>);
static_assert(std::is_same_v<xy_t::op, tg::mul_op> && xy_t::arity == 2 && !xy_t::is_leaf);
static_assert(tg::Expression<xy_t> && tg::detail::is_node_v<xy_t> && !tg::detail::is_node_v<x_t>);
static_assert(std::is_same_v<decltype(tg::make_node<tg::mul_op>(x, y)), xy_t>);
static_assert(std::is_same_v<decltype(-x), tg::node<tg::neg_op, x_t>> && decltype(-x)::arity == 1);
static_assert(std::is_same_v<decltype(+x), x_t>, "unary plus is the operand itself");
static_assert(
    std::is_same_v<decltype(x + y - x / y), tg::node<tg::sub_op, tg::node<tg::add_op, x_t, y_t>,
                                                     tg::node<tg::div_op, x_t, y_t>>>);

// A stateless child is rebuilt on access (a prvalue); a stateful one is returned by reference.
static_assert(std::is_same_v<decltype((x * y).child<0>()), x_t>);
static_assert(std::is_same_v<decltype((2.0 * y).child<0>()), const tg::constant<double>&>);
static_assert(std::is_same_v<decltype((x * y).child<1>()), y_t>);

// ---- size ----------------------------------------------------------------------------------
static_assert(std::is_empty_v<decltype(x * y + tg::c<2> * x)>,
              "variables and ct<> only: stateless");
static_assert(sizeof(x * y + tg::c<2> * x) == 1);
static_assert(sizeof(2.0 * x) == sizeof(double), "one run-time constant, nothing else");
static_assert(sizeof(2.0 * x + 3.0 * y) == 2 * sizeof(double));
static_assert(sizeof(2.0f * tg::var<"f", float>) == sizeof(float));
static_assert(!std::is_empty_v<decltype(x + 1)>);

// ---- values held by nodes ------------------------------------------------------------------
static_assert((2.0 * x + 3.0).child<0>().child<0>().value == 2.0);
static_assert((2.0 * x + 3.0).child<1>().value == 3.0);
static_assert((x - 0.5).child<1>().value == 0.5);

// Expressions built from local variables and local constants, returned by value.
tg::node<tg::add_op, tg::node<tg::mul_op, tg::constant<double>, x_t>, tg::constant<double>> affine(
    double a, double b) {
  const double scale = a;  // dies at return: the node holds a copy
  auto ax = scale * x;     // a named sub-expression, copied into the result
  return ax + b;
}

auto make_poly(double c0, double c1, double c2) {
  auto sq = x * x;
  auto t1 = c1 * x;
  auto t2 = c2 * sq;
  return c0 + t1 + t2;  // every local above is gone when this is evaluated
}

TEST_CASE("node: children are reachable by index and hold their values") {
  constexpr auto e = (x + 2.0) * (y - 3.0);
  static_assert(std::is_same_v<decltype(e)::op, tg::mul_op>);
  static_assert(e.child<0>().child<1>().value == 2.0);
  static_assert(e.child<1>().child<1>().value == 3.0);
  BOTH(tg::eval(e, tg::at(x = 1.0, y = 5.0)) == 6.0);
  double k = 4.0;
  const auto f = k * x;
  CHECK(f.child<0>().value == 4.0);
  k = 5.0;  // the node holds a copy: changing k later changes nothing
  CHECK(tg::eval(f, tg::at(x = 2.0)) == 8.0);
}

TEST_CASE("node: safe with auto - temporaries and stored sub-expressions") {
  // Built from temporaries; each operand is copied into its parent.
  auto e = (x + 1.0) * (x - 2.0) + 3.0 * (y / 4.0);
  CHECK(tg::eval(e, tg::at(x = 3.0, y = 8.0)) == 4.0 * 1.0 + 6.0);
  auto g = tg::grad(e, tg::at(x = 3.0, y = 8.0));
  CHECK(g[x] == 2 * 3.0 - 1.0);
  CHECK(g[y] == 0.75);

  // Stored in auto variables and combined later.
  auto a = 2.0 * x;
  auto b = a + 0.5;
  auto c = b * b;
  auto d = c - a;  // a is used twice, once inside b
  CHECK(tg::eval(d, tg::at(x = 1.0)) == 2.5 * 2.5 - 2.0);
  CHECK(tg::grad(d, tg::at(x = 1.0))[x] == 2 * 2.5 * 2.0 - 2.0);
}

TEST_CASE("node: safe with auto - expressions returned from functions and lambdas") {
  auto f = affine(3.0, -1.0);
  CHECK(tg::eval(f, tg::at(x = 2.0)) == 5.0);
  CHECK(tg::grad(f, tg::at(x = 2.0))[x] == 3.0);

  auto p = make_poly(1.0, -2.0, 0.5);  // 1 - 2x + x^2/2
  CHECK(tg::eval(p, tg::at(x = 4.0)) == 1.0 - 8.0 + 8.0);
  CHECK(tg::grad(p, tg::at(x = 4.0))[x] == -2.0 + 4.0);

  auto make = [](double k) {
    const double local = 2 * k;
    auto inner = x * local + y;
    auto scaled = inner * k;
    return scaled - local;
  };
  auto q = make(1.5);   // (3x + y) * 1.5 - 3
  auto r = make(-0.5);  // (-x + y) * -0.5 + 1
  CHECK(tg::eval(q, tg::at(x = 1.0, y = 2.0)) == 4.5);
  CHECK(tg::eval(r, tg::at(x = 1.0, y = 2.0)) == 0.5);

  // Combined later, after the lambda's frames are gone.
  auto both = q * r + affine(2.0, 0.0);
  auto [v, g] = tg::value_and_grad(both, tg::at(x = 1.0, y = 2.0));
  CHECK(v == 4.5 * 0.5 + 2.0);
  // The product rule: q' r + q r' (+ 2 from affine); q = 4.5, q_x = 4.5, r = 0.5, r_x = 0.5.
  CHECK(g[x] == 4.5 * 0.5 + 4.5 * 0.5 + 2.0);
  CHECK(g[y] == 1.5 * 0.5 + 4.5 * -0.5);

  // A lambda that returns a let of a stateful expression.
  auto with_let = [](double k) {
    auto h = tg::let<"h">(k * x + 1.0);
    return h * h;
  };
  auto w = with_let(3.0);
  CHECK(tg::eval(w, tg::at(x = 1.0)) == 16.0);
  CHECK(tg::grad(w, tg::at(x = 1.0))[x] == 2 * 4.0 * 3.0);
}

TEST_CASE("node: copies and assignments evaluate like the original") {
  auto e = 2.0 * x * y + 1.0;
  auto copy = e;
  CHECK(tg::eval(copy, tg::at(x = 1.5, y = 2.0)) == tg::eval(e, tg::at(x = 1.5, y = 2.0)));
  auto other = 5.0 * x * y - 7.0;
  static_assert(!std::is_same_v<decltype(other), decltype(e)>);
  auto assigned = 3.0 * x * y + 4.0;  // same type as e
  static_assert(std::is_same_v<decltype(assigned), decltype(e)>);
  assigned = e;
  CHECK(tg::eval(assigned, tg::at(x = 1.0, y = 1.0)) == 3.0);
  auto moved = std::move(copy);
  CHECK(tg::grad(moved, tg::at(x = 1.5, y = 2.0))[y] == 3.0);
  const auto stored = [&] { return other; }();
  CHECK(tg::eval(stored, tg::at(x = 1.0, y = 1.0)) == -2.0);
}

}  // namespace
