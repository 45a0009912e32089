// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/core/leaf.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <string_view>
#include <type_traits>

// Leaves: var, input, run-time constants, compile-time rationals and named
// constants; what they are, how they bind, and how the passes treat each kind.

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto xf = tg::var<"xf", float>;
constexpr auto X = tg::input<"X">;
using x_t = std::remove_cvref_t<decltype(x)>;
using xf_t = std::remove_cvref_t<decltype(xf)>;
using X_t = std::remove_cvref_t<decltype(X)>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

// ---- var -----------------------------------------------------------------------------------
static_assert(x_t::name == "x" && xf_t::name == "xf");
static_assert(std::is_same_v<x_t::value_type, double>);
static_assert(std::is_same_v<xf_t::value_type, float>);
static_assert(std::is_empty_v<x_t>, "a variable holds no data: values come from at(...)");
static_assert(std::is_same_v<x_t, tg::var_t<"x">>, "the name is the identity");
static_assert(!std::is_same_v<x_t, tg::var_t<"x", float>>);
static_assert(!std::is_same_v<x_t, std::remove_cvref_t<decltype(y)>>);
static_assert(tg::Expression<x_t> && tg::Variable<x_t> && x_t::is_leaf);
static_assert(tg::detail::is_var_v<x_t> && !tg::detail::is_input_v<x_t>);

// ---- input ---------------------------------------------------------------------------------
static_assert(X_t::name == "X" && std::is_same_v<X_t::value_type, double>);
static_assert(tg::Expression<X_t> && !tg::Variable<X_t>);
static_assert(tg::detail::is_input_v<X_t> && !tg::detail::is_var_v<X_t>);
static_assert(std::is_empty_v<X_t>);

// ---- bindings ------------------------------------------------------------------------------
static_assert(std::is_same_v<decltype(x = 3.0), tg::binding<x_t, double>>);
static_assert((x = 3.0).value == 3.0);
static_assert((x = 3).value == 3.0, "an integer converts to the variable's type");
static_assert(std::is_same_v<decltype(xf = 2.5), tg::binding<xf_t, float>>);
static_assert((xf = 2.5).value == 2.5f);
static_assert((X = -1.0).value == -1.0);
static_assert(decltype(tg::at(x = 1.0, y = 2.0))::index_of<std::remove_cvref_t<decltype(y)>>()
              == 1);
static_assert(!decltype(tg::at(x = 1.0))::binds<std::remove_cvref_t<decltype(y)>>);

// ---- run-time constants --------------------------------------------------------------------
static_assert(tg::Expression<tg::constant<double>> && tg::constant<double>::is_constant);
static_assert(!std::is_empty_v<tg::constant<double>>, "a run-time constant holds its value");
static_assert(tg::constant<float>{2.5f}.value == 2.5f);
static_assert(tg::detail::is_runtime_constant_v<tg::constant<double>>);

// ---- compile-time rationals ----------------------------------------------------------------
static_assert(std::is_same_v<std::remove_cvref_t<decltype(tg::c<2>)>, tg::ct<2, 1>>);
static_assert(tg::ct<1, 2>::as<double>() == 0.5 && tg::ct<-3, 4>::as<float>() == -0.75f);
static_assert(tg::ct<2>::num == 2 && tg::ct<2>::den == 1);
static_assert(std::is_empty_v<tg::ct<7, 3>> && tg::detail::is_ct_v<tg::ct<7, 3>>);
static_assert(!tg::detail::is_runtime_constant_v<tg::ct<1>>);

// ---- named constants -----------------------------------------------------------------------
static_assert(tg::constants::pi.as<double>() == 3.141592653589793);
static_assert(tg::constants::ln2.as<double>() == 0.6931471805599453);
static_assert(tg::constants::ln10.as<double>() == 2.302585092994046);
static_assert(tg::constants::two_over_sqrt_pi.as<double>() == 1.1283791670955126);
static_assert(tg::constants::pi.as<float>() == 3.14159265f);
static_assert(tg::constants::pi.name == "pi");
static_assert(std::is_empty_v<std::remove_cvref_t<decltype(tg::constants::pi)>>);
static_assert(tg::detail::is_named_constant_v<std::remove_cvref_t<decltype(tg::constants::ln2)>>);

TEST_CASE("leaf: a variable evaluates to the value bound to it") {
  BOTH(tg::eval(x, tg::at(x = 2.5)) == 2.5);
  BOTH(tg::eval(x, tg::at(y = 1.0, x = -4.0)) == -4.0);  // order of at(...) does not matter
  BOTH(tg::eval(xf, tg::at(xf = 0.5f)) == 0.5f);
  BOTH(tg::grad(x, tg::at(x = 7.0))[x] == 1.0);
  double v = 1.25;  // a run-time value
  CHECK(tg::eval(x, tg::at(x = v)) == v);
}

TEST_CASE("leaf: an input is bound and evaluated but never differentiated") {
  constexpr auto f = X * x + X;
  BOTH(tg::eval(f, tg::at(x = 2.0, X = 3.0)) == 9.0);
  constexpr auto g = tg::grad(f, tg::at(x = 2.0, X = 3.0));
  static_assert(g.size() == 1, "inputs are not among the default targets");
  BOTH(g[x] == 3.0);
  static_assert(
      std::is_same_v<tg::detail::variables_of<std::remove_cvref_t<decltype(f)>>, tg::wrt_t<x_t>>);
  double data = -0.5;
  CHECK(tg::grad(f, tg::at(x = 2.0, X = data))[x] == data);
}

TEST_CASE("leaf: compile-time constants evaluate exactly in the expression's type") {
  BOTH(tg::eval(tg::c<1, 2> * x, tg::at(x = 3.0)) == 1.5);
  BOTH(tg::eval(tg::c<1, 4> * xf, tg::at(xf = 2.0f)) == 0.5f);
  BOTH(tg::eval(tg::c<-3> + x, tg::at(x = 3.0)) == 0.0);
  BOTH(tg::eval(tg::constants::pi * x, tg::at(x = 2.0)) == 2 * 3.141592653589793);
  BOTH(tg::grad(tg::c<5> * x, tg::at(x = 1.0))[x] == 5.0);
  static_assert(std::is_same_v<decltype(tg::eval(tg::c<1, 4> * xf, tg::at(xf = 2.0f))), float>);
}

TEST_CASE("leaf: a number beside an expression becomes a constant of its type") {
  constexpr auto f = 2 * x + 1;
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(f.child<1>())>, tg::constant<double>>);
  static_assert(f.child<1>().value == 1.0 && f.child<0>().child<0>().value == 2.0);
  constexpr auto g = 2 * xf + 1;  // int constants beside a float variable are float
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(g.child<1>())>, tg::constant<float>>);
  BOTH(tg::eval(g, tg::at(xf = 1.5f)) == 4.0f);
  static_assert(std::is_same_v<decltype(tg::eval(g, tg::at(xf = 1.5f))), float>);
  static_assert(
      std::is_same_v<std::remove_cvref_t<decltype(tg::grad(g, tg::at(xf = 1.5f))[xf])>, float>);
  double k = 0.25;  // a run-time number: a constant, held by value
  const auto h = k * x;
  CHECK(tg::eval(h, tg::at(x = 4.0)) == 1.0);
  CHECK(tg::grad(h, tg::at(x = 4.0))[x] == 0.25);
}

}  // namespace
