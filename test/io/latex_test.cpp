// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/io/latex.hpp>

#include <typegrad/core/fixed_string.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/diff/symbolic.hpp>
#include <typegrad/ops/arithmetic.hpp>

#include <doctest/doctest.h>

#include <limits>
#include <string_view>

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;

// Ops that other headers will define, reduced to the traits the printer reads.
template <tg::fixed_string Name, tg::notation Form = tg::notation::function, int Precedence = 0>
struct test_op {
  static constexpr std::string_view name = Name.view();
  static constexpr tg::notation form = Form;
  static constexpr int precedence = Precedence;
};
template <tg::notation Form, int Precedence = 0>
struct named_op_base {
  static constexpr tg::notation form = Form;
  static constexpr int precedence = Precedence;
};
using sin_op = test_op<"sin">;
using asin_op = test_op<"asin">;
using softplus_op = test_op<"softplus">;
using sqrt_op = test_op<"sqrt">;
using abs_op = test_op<"abs">;
using pow_op = test_op<"pow">;
using max_op = test_op<"max">;
using square_default_op = test_op<"square">;
using recip_op = test_op<"recip">;
using hypot_op = test_op<"hypot">;
using less_equal_op = test_op<"<=", tg::notation::infix, 0>;
using less_op = test_op<"<", tg::notation::infix, 0>;
// Ops that declare their LaTeX.
struct erf_op : named_op_base<tg::notation::function> {
  static constexpr std::string_view name = "erf";
  static constexpr std::string_view latex = "\\mathrm{erf}";
};
struct softmax_op : named_op_base<tg::notation::function> {
  static constexpr std::string_view name = "softmax";
  static constexpr std::string_view latex_template = "\\sigma\\left(#0\\right)_{#1}";
};
struct square_op : named_op_base<tg::notation::function> {
  static constexpr std::string_view name = "square";
  static constexpr std::string_view latex_template = "%0^{2}";
};
struct cross_op : named_op_base<tg::notation::infix, 2> {
  static constexpr std::string_view name = "cross";
  static constexpr std::string_view latex = "\\times";
};

template <class Op, class... A>
constexpr auto call(const A&... a) { return tg::make_node<Op>(a...); }

}  // namespace

TEST_CASE("latex - arithmetic") {
  CHECK(tg::to_latex(x * x * y + y * y * y) == "x \\cdot x \\cdot y + y \\cdot y \\cdot y");
  CHECK(tg::to_latex(x * x + 2 * x + 1) == "x \\cdot x + 2 \\cdot x + 1");
  CHECK(tg::to_latex(x * x / (y + 1)) == "\\frac{x \\cdot x}{y + 1}");
  CHECK(tg::to_latex((x + y) * z) == "\\left(x + y\\right) \\cdot z");
  CHECK(tg::to_latex(x - (y - z)) == "x - \\left(y - z\\right)");
  CHECK(tg::to_latex(x / (y * z) * z) == "\\frac{x}{y \\cdot z} \\cdot z");
  CHECK(tg::to_latex(-(x / y)) == "-\\frac{x}{y}");
  CHECK(tg::to_latex(-(x + y)) == "-\\left(x + y\\right)");
  CHECK(tg::to_latex(x * (-y)) == "x \\cdot \\left(-y\\right)");
}

TEST_CASE("latex - numbers and constants") {
  CHECK(tg::to_latex(x * 0.5) == "x \\cdot 0.5");
  CHECK(tg::to_latex(x * 1e-6) == "x \\cdot 10^{-6}");
  CHECK(tg::to_latex(1.5e-7 * y) == "1.5 \\cdot 10^{-7} \\cdot y");
  CHECK(tg::to_latex(x + 1e20) == "x + 10^{20}");
  CHECK(tg::to_latex(x * -3) == "x \\cdot \\left(-3\\right)");
  CHECK(tg::to_latex(x * std::numeric_limits<double>::infinity()) == "x \\cdot \\infty");
  CHECK(tg::to_latex(tg::c<1, 2> * x) == "\\frac{1}{2} \\cdot x");
  CHECK(tg::to_latex(tg::c<-1, 2> * x) == "-\\frac{1}{2} \\cdot x");
  CHECK(tg::to_latex(x - tg::c<3>) == "x - 3");
  CHECK(tg::to_latex(tg::constants::pi * x) == "\\pi \\cdot x");
  CHECK(tg::to_latex(x / tg::constants::ln2) == "\\frac{x}{\\ln 2}");
  CHECK(tg::to_latex(tg::constants::two_over_sqrt_pi) == "\\frac{2}{\\sqrt{\\pi}}");
}

TEST_CASE("latex - names") {
  CHECK(tg::to_latex(tg::var<"theta"> * tg::var<"Omega">) == "\\theta \\cdot \\Omega");
  CHECK(tg::to_latex(tg::var<"x1"> + tg::var<"x12">) == "x_{1} + x_{12}");
  CHECK(tg::to_latex(tg::var<"w_out">) == "w_{\\mathit{out}}");
  CHECK(tg::to_latex(tg::var<"sigma_2">) == "\\sigma_{2}");
  CHECK(tg::to_latex(tg::var<"weight">) == "\\mathit{weight}");
  CHECK(tg::to_latex(tg::input<"X">) == "X");
  CHECK(tg::to_latex(tg::rules::a1 / tg::rules::result) == "\\frac{a_{1}}{\\mathrm{result}}");
}

TEST_CASE("latex - function ops by name and by trait") {
  CHECK(tg::to_latex(call<sin_op>(x) * y) == "\\sin\\left(x\\right) \\cdot y");
  CHECK(tg::to_latex(call<asin_op>(x)) == "\\arcsin\\left(x\\right)");
  CHECK(tg::to_latex(call<softplus_op>(x)) == "\\operatorname{softplus}\\left(x\\right)");
  CHECK(tg::to_latex(call<max_op>(x, y + 1)) == "\\max\\left(x, y + 1\\right)");
  CHECK(tg::to_latex(call<sqrt_op>(x + 1)) == "\\sqrt{x + 1}");
  CHECK(tg::to_latex(call<abs_op>(x - y) * 2) == "\\left|x - y\\right| \\cdot 2");
  CHECK(tg::to_latex(call<pow_op>(x, tg::c<2>)) == "x^{2}");
  CHECK(tg::to_latex(call<pow_op>(x + 1, y * 2)) == "\\left(x + 1\\right)^{y \\cdot 2}");
  CHECK(tg::to_latex(call<pow_op>(call<sin_op>(x), tg::c<2>)) == "\\sin\\left(x\\right)^{2}");
  CHECK(tg::to_latex(call<pow_op>(tg::c<1, 2>, x)) == "\\left(\\frac{1}{2}\\right)^{x}");
  CHECK(tg::to_latex(-call<pow_op>(x, tg::c<2>)) == "-x^{2}");
  CHECK(tg::to_latex(call<pow_op>(-x, tg::c<2>)) == "\\left(-x\\right)^{2}");
  CHECK(tg::to_latex(call<square_default_op>(x + y)) == "\\left(x + y\\right)^{2}");
  CHECK(tg::to_latex(call<recip_op>(x + y)) == "\\frac{1}{x + y}");
  CHECK(tg::to_latex(call<hypot_op>(x, 2 * y)) == "\\sqrt{x^{2} + \\left(2 \\cdot y\\right)^{2}}");
  CHECK(tg::to_latex(call<less_equal_op>(x, y)) == "x \\le y");
  CHECK(tg::to_latex(call<less_op>(x + 1, y)) == "x + 1 < y");
  CHECK(tg::to_latex(call<erf_op>(x)) == "\\mathrm{erf}\\left(x\\right)");
  CHECK(tg::to_latex(call<softmax_op>(x, tg::c<3>)) == "\\sigma\\left(x\\right)_{3}");
  CHECK(tg::to_latex(call<square_op>(x - y)) == "\\left(x - y\\right)^{2}");
  CHECK(tg::to_latex(call<cross_op>(x, y + z)) == "x \\times \\left(y + z\\right)");
}

TEST_CASE("latex - lets and derivatives") {
  constexpr auto h = tg::let<"h">(x * x + 3);
  CHECK(tg::to_latex(5 * h + 1) == "5 \\cdot h + 1");
  CHECK(tg::to_latex_with_lets(5 * h + 1) == "h = x \\cdot x + 3,\\quad 5 \\cdot h + 1");
  CHECK(tg::to_latex(tg::d(x * x * y + y * y * y, x)) == "2 \\cdot x \\cdot y");
  CHECK(tg::to_latex(tg::d(x / y, y)) == "-\\frac{\\frac{x}{y}}{y}");
}

TEST_CASE("latex - float variables") {
  constexpr auto xf = tg::var<"x", float>;
  CHECK(tg::to_latex(xf * 0.1 + 1e-7f) == "x \\cdot 0.1 + 10^{-7}");
}
