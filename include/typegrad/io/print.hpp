// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Expressions as text: to_string(e), `std::cout << e`, to_string_with_lets(e).
//
// The printer knows no op type; it reads the op traits of core/rule.hpp:
//   name        the symbol of an infix or prefix op, the function name otherwise
//   form        notation::infix, notation::prefix or notation::function
//   precedence  infix and prefix ops (an op without one prints as a function)
// and one optional trait:
//   spaced      (bool) whether an infix symbol has a space on each side; by default
//               the ops that bind looser than * have (x*y + z, x < y), the others not.
//
// Parentheses are minimal for left-associative ops: an operand is parenthesised when
// it binds looser than its parent, or as loosely on the right (a - (b - c), a/(b*c),
// but a - b - c and -x*y for (-x)*y). Two more rules keep the text readable:
// an operand that begins with a sign is parenthesised unless it is the left operand
// of an infix op (x*(-y), x - (-3), -(-x)), and a rational constant is parenthesised
// as an operand of * and tighter ops ((1/2)*x, but x + 1/2).
//
// Numbers print in the shortest form that reads back to the same value (2, 0.5,
// 1e-06); compile-time rationals as N or N/D; named constants, variables, inputs
// and let<"name"> intermediates by name; placeholders as a0, a1, result.
//
// A sub-expression used twice is printed twice: name it with let<"name"> and use
// to_string_with_lets to print each definition once.

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/dag.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/ops/arithmetic.hpp>

#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace typegrad {

//! The expression as readable text, with minimal parentheses.
//! Example: `tg::to_string(x*x*y + y*y*y) == "x*x*y + y*y*y"`
template <Expression E>
std::string to_string(const E& e);

//! Writes to_string(e).
//! Example: `std::cout << tg::d(x*x*y, x);  // 2*x*y`
template <Expression E>
std::ostream& operator<<(std::ostream& os, const E& e);

//! The definition of each let<"name"> intermediate, inner ones first, then the
//! expression, separated by "; ". Without lets, the same as to_string(e).
//! Example: `h = let<"h">(x*x + 3);  to_string_with_lets(5*h + 1) == "h = x*x + 3; 5*h + 1"`
template <Expression E>
std::string to_string_with_lets(const E& e);

namespace detail {

inline constexpr int atomic_precedence = std::numeric_limits<int>::max();

// A printed sub-expression and how it binds, so that its parent can decide on
// parentheses after printing it (a constant's sign is known only at run time).
struct printed {
  std::string text;
  int precedence = atomic_precedence;
  bool leading_prefix = false;  // begins with a prefix op or a minus sign: -x*y, -3
  bool quotient = false;        // one token read as a quotient: 1/2
  bool simple = true;           // one symbol, number or call: a LaTeX base needs no parentheses
};

//! How Op is written with Arity operands: ops without operator traits, and
//! operator ops with an unusual arity, print as functions.
template <class Op, std::size_t Arity>
constexpr notation notation_of() {
  if constexpr (requires {
                  { Op::form } -> std::convertible_to<notation>;
                  { Op::precedence } -> std::convertible_to<int>;
                }) {
    if (Op::form == notation::infix && Arity >= 2) return notation::infix;
    if (Op::form == notation::prefix && Arity == 1) return notation::prefix;
  }
  return notation::function;
}

template <class Op>
constexpr bool is_spaced() {
  if constexpr (requires { { Op::spaced } -> std::convertible_to<bool>; })
    return Op::spaced;
  else
    return Op::precedence < mul_op::precedence;
}

//! Whether an operand at position `index` of an op written in `form` with
//! `precedence` needs parentheses (see the rules at the top of this file).
inline bool needs_parens(const printed& operand, notation form, int precedence, std::size_t index) {
  const bool leftmost = form == notation::infix && index == 0;
  if (operand.precedence < precedence) return true;
  if (operand.precedence == precedence && (!leftmost || operand.quotient)) return true;
  return operand.leading_prefix && !leftmost;
}

inline bool is_identifier(std::string_view s) {
  if (s.empty()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char ch = s[i];
    const bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
    const bool digit = ch >= '0' && ch <= '9';
    if (!letter && !(digit && i > 0)) return false;
  }
  return true;
}

// ---- numbers ---------------------------------------------------------------

template <class T>
concept has_to_chars = requires(char* p, T v) { std::to_chars(p, p, v); };

template <class T>
T parse_number(const char* s) {
  if constexpr (std::is_same_v<T, float>) return std::strtof(s, nullptr);
  else if constexpr (std::is_same_v<T, double>) return std::strtod(s, nullptr);
  else return static_cast<T>(std::strtold(s, nullptr));
}

//! What std::to_chars(first, last, v) writes (the shortest text that reads back
//! as v, fixed or scientific, fixed on a tie), for standard libraries without
//! floating-point to_chars: the fewest digits that round-trip through printf,
//! then laid out as to_chars would.
template <std::floating_point T>
std::string shortest_fallback(T v) {
  if (std::isnan(v)) return std::signbit(v) ? "-nan" : "nan";
  if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
  char buf[64];
  for (int digits = 1; digits <= std::numeric_limits<T>::max_digits10; ++digits) {
    if constexpr (std::is_same_v<T, long double>)
      std::snprintf(buf, sizeof buf, "%.*Le", digits - 1, v);
    else
      std::snprintf(buf, sizeof buf, "%.*e", digits - 1, static_cast<double>(v));
    if (parse_number<T>(buf) == v) break;
  }
  // buf is [-]d[<point>ddd]e(+|-)dd; the point is whatever the C locale says.
  const std::string_view s(buf);
  const std::size_t e = s.find_first_of("eE");
  std::string digits;
  for (char ch : s.substr(0, e))
    if (ch >= '0' && ch <= '9') digits += ch;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  const int exponent = std::atoi(buf + e + 1);
  const std::string sign = std::signbit(v) ? "-" : "";
  if (digits == "0") return sign + "0";

  std::string sci = sign + digits.substr(0, 1);
  if (digits.size() > 1) sci += "." + digits.substr(1);
  const int magnitude = exponent < 0 ? -exponent : exponent;
  sci += exponent < 0 ? "e-" : "e+";
  if (magnitude < 10) sci += '0';
  sci += std::to_string(magnitude);

  std::string fixed = sign;
  if (exponent >= 0) {
    const auto whole = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= whole) {
      fixed += digits + std::string(whole - digits.size(), '0');
    } else {
      fixed += digits.substr(0, whole) + "." + digits.substr(whole);
    }
  } else {
    fixed += "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
  }
  return fixed.size() <= sci.size() ? fixed : sci;
}

template <class T>
inline constexpr bool printable_number_v = has_to_chars<T> || std::is_floating_point_v<T>;

//! The shortest text that reads back as v: 2, 0.5, 1e-06.
template <class T>
std::string format_number(const T& v) {
  static_assert(printable_number_v<T>,
                "typegrad: to_string: a constant of this type cannot be printed; "
                "constants must hold a number");
  if constexpr (has_to_chars<T>) {
    char buf[128];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
    if (ec == std::errc{}) return std::string(buf, end);
  }
  if constexpr (std::is_floating_point_v<T>) return shortest_fallback(v);
  else return {};
}

//! A number as an operand: one that begins with a minus sign binds like a negation.
inline printed number_operand(std::string text) {
  printed p{std::move(text)};
  if (!p.text.empty() && p.text.front() == '-') {
    p.precedence = neg_op::precedence;
    p.leading_prefix = true;
    p.simple = false;
  }
  return p;
}

inline printed rational_operand(std::intmax_t num, std::intmax_t den) {
  if (den == 1) return number_operand(std::to_string(num));
  return printed{std::to_string(num) + "/" + std::to_string(den), div_op::precedence, num < 0, true,
                 false};
}

// ---- expressions -------------------------------------------------------------

template <class T>
inline constexpr bool dependent_false_v = false;

template <class E>
printed render(const E& e);

template <class Op, class... C>
printed render_node(const node<Op, C...>& e) {
  static_assert(requires { { Op::name } -> std::convertible_to<std::string_view>; },
                "typegrad: to_string: an op has no `name`; give it "
                "`static constexpr std::string_view name` (see core/rule.hpp)");
  constexpr notation form = notation_of<Op, sizeof...(C)>();
  const std::string_view name = Op::name;
  const auto operands = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<printed, sizeof...(C)>{render(e.template child<I>())...};
  }(std::index_sequence_for<C...>{});

  if constexpr (requires(std::array<std::string, sizeof...(C)> t) { { Op::describe(t) } -> std::convertible_to<std::string>; }) {
    // An op that writes its own call (scan<N>(h -> step, init, ...)).
    std::array<std::string, sizeof...(C)> texts;
    for (std::size_t i = 0; i < texts.size(); ++i) texts[i] = operands[i].text;
    return printed{Op::describe(texts)};
  } else if constexpr (form == notation::function) {
    std::string text(name);
    text += '(';
    for (std::size_t i = 0; i < operands.size(); ++i) {
      if (i > 0) text += ", ";
      text += operands[i].text;
    }
    text += ')';
    return printed{std::move(text)};
  } else {
    constexpr int precedence = Op::precedence;
    auto operand = [&](std::size_t i) {
      const printed& o = operands[i];
      return needs_parens(o, form, precedence, i) ? "(" + o.text + ")" : o.text;
    };
    printed p{{}, precedence, true, false, false};
    if constexpr (form == notation::prefix) {
      p.text = name;
      // A word needs a space: `not x`.
      if (!name.empty() && std::isalnum(static_cast<unsigned char>(name.back()))) p.text += ' ';
      p.text += operand(0);
    } else {
      const std::string symbol =
          // append(), not operator+: GCC 12 at -O3 warns falsely (-Wrestrict,
          // https://gcc.gnu.org/bugzilla/show_bug.cgi?id=105329) on " " + string.
          is_spaced<Op>() ? std::string(" ").append(name).append(" ") : std::string(name);
      p.text = operand(0);
      p.leading_prefix =
          operands[0].leading_prefix && !needs_parens(operands[0], form, precedence, 0);
      for (std::size_t i = 1; i < operands.size(); ++i) p.text += symbol + operand(i);
    }
    return p;
  }
}

template <class E>
printed render(const E& e) {
  if constexpr (is_var_v<E> || is_input_v<E>) {
    return printed{std::string(E::name)};
  } else if constexpr (is_runtime_constant_v<E>) {
    return number_operand(format_number(e.value));
  } else if constexpr (is_ct_v<E>) {
    return rational_operand(E::num, E::den);
  } else if constexpr (is_named_constant_v<E>) {
    // A name that is not an identifier is a formula (2/sqrt(pi)): keep it whole.
    if (is_identifier(E::name)) return printed{std::string(E::name)};
    return printed{std::string(E::name), div_op::precedence, false, true, false};
  } else if constexpr (is_arg_v<E>) {
    return printed{"a" + std::to_string(E::index)};
  } else if constexpr (std::is_same_v<E, result_t>) {
    return printed{"result"};
  } else if constexpr (is_let_v<E>) {
    return printed{std::string(E::op::name)};
  } else if constexpr (is_node_v<E>) {
    return render_node(e);
  } else if constexpr (requires { { e.get() } -> Expression; }) {
    return render(e.get());  // a leaf that holds an expression (a scan's step)
  } else if constexpr (requires { { E::name } -> std::convertible_to<std::string_view>; }) {
    return printed{std::string(std::string_view(E::name))};  // a leaf kind added later
  } else {
    static_assert(dependent_false_v<E>,
                  "typegrad: to_string: this kind of expression cannot be printed");
    return {};
  }
}

//! Calls f(let_node) for each distinct let<"name"> in e, inner ones first.
template <class E, class F>
void for_each_let(const E& e, F&& f) {
  [&]<class... Entry>(type_list<Entry...>*) {
    (
        [&] {
          using N = typename Entry::node_type;
          if constexpr (is_let_v<N> && std::is_empty_v<N>) f(N{});
          else if constexpr (is_let_v<N>) f(at_path(e, typename Entry::path{}));
        }(),
        ...);
  }(static_cast<topo_order<E>*>(nullptr));
}

}  // namespace detail

template <Expression E>
std::string to_string(const E& e) {
  return detail::render(e).text;
}

template <Expression E>
std::ostream& operator<<(std::ostream& os, const E& e) {
  return os << to_string(e);
}

template <Expression E>
std::string to_string_with_lets(const E& e) {
  std::string text;
  detail::for_each_let(e, [&](const auto& let_node) {
    text += std::string(std::remove_cvref_t<decltype(let_node)>::op::name) + " = " +
            to_string(let_node.template child<0>()) + "; ";
  });
  return text + to_string(e);
}

}  // namespace typegrad
