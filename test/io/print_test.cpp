// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/io/print.hpp>

#include <typegrad/core/leaf.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/diff/symbolic.hpp>
#include <typegrad/ops/arithmetic.hpp>

#include <doctest/doctest.h>

#include <charconv>
#include <limits>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;

// Ops that other headers will define, reduced to the traits the printer reads.
struct fn1_op {  // sin(x)
  static constexpr std::string_view name = "sin";
  static constexpr tg::notation form = tg::notation::function;
};
struct fn3_op {  // where(c, a, b)
  static constexpr std::string_view name = "where";
  static constexpr tg::notation form = tg::notation::function;
};
struct less_op {  // a comparison: loosest of all
  static constexpr std::string_view name = "<";
  static constexpr tg::notation form = tg::notation::infix;
  static constexpr int precedence = 0;
};
struct power_op {  // an infix power, tighter than negation
  static constexpr std::string_view name = "^";
  static constexpr tg::notation form = tg::notation::infix;
  static constexpr int precedence = 4;
};
struct not_op {  // a prefix op spelled as a word
  static constexpr std::string_view name = "not";
  static constexpr tg::notation form = tg::notation::prefix;
  static constexpr int precedence = 3;
};
struct no_precedence_op {  // says infix but has no precedence: printed as a function
  static constexpr std::string_view name = "hypot";
  static constexpr tg::notation form = tg::notation::infix;
};
struct spaced_op {  // overrides the default spacing
  static constexpr std::string_view name = "%";
  static constexpr tg::notation form = tg::notation::infix;
  static constexpr int precedence = 2;
  static constexpr bool spaced = true;
};

template <class A, class B>
constexpr auto less(const A& a, const B& b) { return tg::make_node<less_op>(a, b); }
template <class A, class B>
constexpr auto power(const A& a, const B& b) { return tg::make_node<power_op>(a, b); }

// Whether `os << t` compiles; the printer's operator<< must leave other types alone.
template <class T>
concept Streamable = requires(std::ostream& os, const T& t) { os << t; };
template <class T>
concept NotStreamable = !Streamable<T>;

}  // namespace

TEST_CASE("print - the contract examples") {
  CHECK(tg::to_string(x * x * y + y * y * y) == "x*x*y + y*y*y");
  CHECK(tg::to_string(x * x + 2 * x + 1) == "x*x + 2*x + 1");
  CHECK(tg::to_string(x) == "x");
  CHECK(tg::to_string(tg::input<"X">) == "X");
}

TEST_CASE("print - minimal parentheses for left-associative infix ops") {
  CHECK(tg::to_string(x - (y - z)) == "x - (y - z)");
  CHECK(tg::to_string((x - y) - z) == "x - y - z");
  CHECK(tg::to_string(x + (y + z)) == "x + (y + z)");  // the tree is kept as written
  CHECK(tg::to_string(x / (y * z)) == "x/(y*z)");
  CHECK(tg::to_string((x / y) * z) == "x/y*z");
  CHECK(tg::to_string(x * y / z) == "x*y/z");
  CHECK(tg::to_string(x / (y / z)) == "x/(y/z)");
  CHECK(tg::to_string((x + y) * z) == "(x + y)*z");
  CHECK(tg::to_string(x * (y + z)) == "x*(y + z)");
  CHECK(tg::to_string((x + y) / (x - y)) == "(x + y)/(x - y)");
  CHECK(tg::to_string((x + y) - (x - y)) == "x + y - (x - y)");
  CHECK(tg::to_string(x * y + z * x) == "x*y + z*x");
  CHECK(tg::to_string(x - y * z) == "x - y*z");
}

TEST_CASE("print - prefix minus") {
  CHECK(tg::to_string(-x) == "-x");
  CHECK(tg::to_string(-(x + y)) == "-(x + y)");
  CHECK(tg::to_string(-(x * y)) == "-(x*y)");  // the tree, not -x*y
  CHECK(tg::to_string(-(x / y)) == "-(x/y)");
  CHECK(tg::to_string((-x) * y) == "-x*y");
  CHECK(tg::to_string(-x + y) == "-x + y");
  // An operand that begins with a sign is parenthesised unless it comes first.
  CHECK(tg::to_string(x * (-y)) == "x*(-y)");
  CHECK(tg::to_string(x - (-y)) == "x - (-y)");
  CHECK(tg::to_string(x + (-y)) == "x + (-y)");
  CHECK(tg::to_string(x + (-y) * z) == "x + (-y*z)");
  CHECK(tg::to_string(-(-x)) == "-(-x)");
}

TEST_CASE("print - numbers in their shortest round-trip form") {
  CHECK(tg::to_string(2 * x) == "2*x");
  CHECK(tg::to_string(x * 0.5) == "x*0.5");
  CHECK(tg::to_string(x * 1e-300) == "x*1e-300");
  CHECK(tg::to_string(x + 1e-6) == "x + 1e-06");
  CHECK(tg::to_string(x * 0.1) == "x*0.1");
  CHECK(tg::to_string(x * 1e20) == "x*1e+20");
  CHECK(tg::to_string(x * 123456.0) == "x*123456");
  CHECK(tg::to_string(x * (1.0 / 3)) == "x*0.3333333333333333");
  CHECK(tg::to_string(x / 1e300 / 1e300) == "x/1e+300/1e+300");
  // A negative number binds like a negation.
  CHECK(tg::to_string(x * -3) == "x*(-3)");
  CHECK(tg::to_string(-3 * x) == "-3*x");
  CHECK(tg::to_string(x - -3) == "x - (-3)");
  CHECK(tg::to_string(-(x * 0 + -2.5)) == "-(x*0 + (-2.5))");
  CHECK(tg::to_string(x * std::numeric_limits<double>::infinity()) == "x*inf");
  CHECK(tg::to_string(x * -std::numeric_limits<double>::infinity()) == "x*(-inf)");
}

TEST_CASE("print - compile-time rationals and named constants") {
  CHECK(tg::to_string(tg::c<2> * x) == "2*x");
  CHECK(tg::to_string(tg::c<1, 2>) == "1/2");
  CHECK(tg::to_string(tg::c<1, 2> * x) == "(1/2)*x");
  CHECK(tg::to_string(x * tg::c<1, 2>) == "x*(1/2)");
  CHECK(tg::to_string(x / tg::c<1, 2>) == "x/(1/2)");
  CHECK(tg::to_string(x + tg::c<1, 2>) == "x + 1/2");
  CHECK(tg::to_string(tg::c<1, 2> + x) == "1/2 + x");
  CHECK(tg::to_string(-tg::c<1, 2>) == "-(1/2)");
  CHECK(tg::to_string(tg::c<-3> * x) == "-3*x");
  CHECK(tg::to_string(x * tg::c<-3>) == "x*(-3)");
  CHECK(tg::to_string(x - tg::c<-1, 2>) == "x - (-1/2)");
  CHECK(tg::to_string(tg::c<-1, 2> * x) == "(-1/2)*x");
  CHECK(tg::to_string(tg::constants::pi * x) == "pi*x");
  CHECK(tg::to_string(x / tg::constants::ln2) == "x/ln2");
  // A name that is a formula stays whole.
  CHECK(tg::to_string(tg::constants::two_over_sqrt_pi * x) == "(2/sqrt(pi))*x");
  CHECK(tg::to_string(x + tg::constants::two_over_sqrt_pi) == "x + 2/sqrt(pi)");
}

TEST_CASE("print - ops of other headers through their traits") {
  CHECK(tg::to_string(tg::make_node<fn1_op>(x + y)) == "sin(x + y)");
  CHECK(tg::to_string(2 * tg::make_node<fn1_op>(x) * y) == "2*sin(x)*y");
  CHECK(tg::to_string(-tg::make_node<fn1_op>(x)) == "-sin(x)");
  CHECK(tg::to_string(tg::make_node<fn3_op>(less(x, y), x - y, tg::c<0>)) ==
        "where(x < y, x - y, 0)");
  // A comparison binds loosest of all.
  CHECK(tg::to_string(less(x + 1, y * z)) == "x + 1 < y*z");
  CHECK(tg::to_string(less(x, y) + 1) == "(x < y) + 1");
  CHECK(tg::to_string(less(x, -y)) == "x < (-y)");
  // An infix power tighter than negation.
  CHECK(tg::to_string(power(x, tg::c<2>)) == "x^2");
  CHECK(tg::to_string(power(-x, tg::c<2>)) == "(-x)^2");
  CHECK(tg::to_string(-power(x, tg::c<2>)) == "-x^2");
  CHECK(tg::to_string(power(x + 1, y) * z) == "(x + 1)^y*z");
  CHECK(tg::to_string(power(x, tg::c<1, 2>)) == "x^(1/2)");
  CHECK(tg::to_string(power(tg::c<1, 2>, x)) == "(1/2)^x");
  CHECK(tg::to_string(power(x, power(y, z))) == "x^(y^z)");
  CHECK(tg::to_string(power(x, tg::constant<double>{-1.0})) == "x^(-1)");
  // A prefix word, an op without precedence, an op that asks for spaces.
  CHECK(tg::to_string(tg::make_node<not_op>(less(x, y))) == "not (x < y)");
  CHECK(tg::to_string(tg::make_node<not_op>(x)) == "not x");
  CHECK(tg::to_string(tg::make_node<no_precedence_op>(x, y)) == "hypot(x, y)");
  CHECK(tg::to_string(tg::make_node<spaced_op>(x, y) * z) == "x % y*z");
}

TEST_CASE("print - placeholders print the rules") {
  namespace r = tg::rules;
  CHECK(tg::to_string(tg::c<1> / r::a1) == "1/a1");
  CHECK(tg::to_string(-r::result / r::a1) == "-result/a1");
  CHECK(tg::to_string(tg::c<1> - r::result * r::result) == "1 - result*result");
  CHECK(tg::to_string(r::arg<7> * r::a0) == "a7*a0");
}

TEST_CASE("print - let prints its name and to_string_with_lets its definition") {
  constexpr auto h = tg::let<"h">(x * x + 3);
  CHECK(tg::to_string(h) == "h");
  CHECK(tg::to_string(5 * h + 1) == "5*h + 1");
  CHECK(tg::to_string_with_lets(5 * h + 1) == "h = x*x + 3; 5*h + 1");
  CHECK(tg::to_string_with_lets(h * h + h) == "h = x*x + 3; h*h + h");
  constexpr auto g = tg::let<"g">(h * h - y);
  CHECK(tg::to_string_with_lets(g / h) == "h = x*x + 3; g = h*h - y; g/h");
  CHECK(tg::to_string_with_lets(h) == "h = x*x + 3; h");
  CHECK(tg::to_string_with_lets(x * y + 1) == tg::to_string(x * y + 1));
}

TEST_CASE("print - operator<< writes to_string") {
  constexpr auto h = tg::let<"h">(x * x + 3);
  const auto e1 = x * x * y + y * y * y;
  const auto e2 = -(x - 2.5) / (y * tg::c<1, 3>);
  const auto e3 = 5 * h + 1;
  std::ostringstream os;
  os << e1 << '|' << e2 << '|' << e3 << '|' << x;
  CHECK(os.str() == tg::to_string(e1) + '|' + tg::to_string(e2) + '|' + tg::to_string(e3) + "|x");
  CHECK(tg::to_string(e2) == "-(x - 2.5)/(y*(1/3))");
  static_assert(Streamable<decltype(e1)>);
  static_assert(NotStreamable<tg::dual<double>>);      // a typegrad type that is not an expression
  static_assert(NotStreamable<tg::binding<decltype(x), double>>);
}

TEST_CASE("print - symbolic derivatives") {
  // What the simplifier of diff/simplify.hpp produces today.
  CHECK(tg::to_string(tg::d(x * x * y + y * y * y, x)) == "2*x*y");
  CHECK(tg::to_string(tg::d(x * x * y + y * y * y, y)) == "x*x + 2*y*y + y*y");
  CHECK(tg::to_string(tg::d(x * x + 2 * x + 1, x)) == "2*x + 2");
  CHECK(tg::to_string(tg::d(x / y, y)) == "-(x/y/y)");
  CHECK(tg::to_string(tg::d(x - y, y)) == "-1");
  CHECK(tg::to_string(tg::d(3 * x, x)) == "3");
  CHECK(tg::to_string(tg::d(x * tg::c<1, 2>, x)) == "1/2");
  constexpr auto h = tg::let<"h">(x * x + 3);
  CHECK(tg::to_string_with_lets(tg::d(h * h, x)) == "h = x*x + 3; 2*x*h + 2*x*h");
}

TEST_CASE("print - float variables") {
  constexpr auto xf = tg::var<"x", float>;
  // 0.1 becomes the float constant 0.1f, printed in the shortest form for float.
  CHECK(tg::to_string(xf * 0.1) == "x*0.1");
  CHECK(tg::to_string(xf * 0.1f + 1e-7f) == "x*0.1 + 1e-07");
  CHECK(tg::to_string(tg::d(xf * xf * xf, xf)) == "2*x*x + x*x");
}

TEST_CASE("print - the printf fallback formats as to_chars") {
  const double doubles[] = {0.0,    -0.0,   1.0,     2.0,    0.5,      0.1,     1e-6,
                            1e-300, 1e4,    1e5,     1e20,   123456,   1234567, -3.25,
                            1.0 / 3, 2e-323, 5e-324, 1e308,  1.7976931348623157e308,
                            100,    120.5,  0.001,   0.0001, 9.999e15, 1e16,    6.02214076e23,
                            std::numeric_limits<double>::infinity(),
                            -std::numeric_limits<double>::infinity()};
  for (double v : doubles) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    CHECK(tg::detail::shortest_fallback(v) == std::string(buf, res.ptr));
  }
  const float floats[] = {0.1f, 1e-7f, 3.4028235e38f, 1e-45f, 16777216.0f, 0.3f, -2.5f, 1e4f, 1e5f};
  for (float v : floats) {
    char buf[64];
    const auto res = std::to_chars(buf, buf + sizeof buf, v);
    CHECK(tg::detail::shortest_fallback(v) == std::string(buf, res.ptr));
  }
  CHECK(tg::detail::shortest_fallback(std::numeric_limits<double>::quiet_NaN()) == "nan");
}
