// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Expressions as LaTeX (math mode): to_latex(e), to_latex_with_lets(e).
//
// An op may declare how it is written in LaTeX; both traits are optional:
//   static constexpr std::string_view latex = "\\sin";
//       the command of a function op (\sin\left(x\right)), or the symbol of an
//       infix or prefix op (`\cdot`, `\le`, `\lnot`);
//   static constexpr std::string_view latex_template = "\\sqrt{#0}";
//       the whole rendering: #i is operand i as printed at top level, %i is
//       operand i in parentheses unless it is a single symbol, number or call
//       (for a base: "%0^{#1}" gives x^{2}, \left(x + 1\right)^{2}). The result
//       is treated as one symbol: it is never parenthesised.
// Without them an op is written by its `name`, `form` and `precedence` as in
// print.hpp, with defaults for common names: * is \cdot, / is \frac{#0}{#1},
// <= \le, ^ and pow "%0^{#1}", square "%0^{2}", recip \frac{1}{#0}, sqrt \sqrt{#0},
// abs \left|#0\right|, sin \sin, asin \arcsin, ...; any other function op is
// \operatorname{name}. A function op's operands are printed at top level.
//
// Names: one letter stays as it is, Greek letter names become commands (theta is
// \theta), trailing digits or a part after _ become a subscript (x1 is x_{1},
// w_out is w_{\mathit{out}}), other names are \mathit{name}. Named constants may
// declare `latex` on their tag; pi, ln2, ln10 and 2/sqrt(pi) have defaults.

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/let.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/placeholders.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/io/print.hpp>
#include <typegrad/ops/arithmetic.hpp>

#include <array>
#include <cctype>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace typegrad {

//! The expression as LaTeX math, with minimal parentheses.
//! Example: `tg::to_latex(x*x/(y + 1)) == "\\frac{x \\cdot x}{y + 1}"`
template <Expression E>
std::string to_latex(const E& e);

//! The definition of each let<"name"> intermediate, inner ones first, then the
//! expression, separated by `,\quad `.
//! Example: `to_latex_with_lets(5*h + 1) == "h = x \\cdot x + 3,\\quad 5 \\cdot h + 1"`
template <Expression E>
std::string to_latex_with_lets(const E& e);

namespace detail {

struct latex_entry {
  std::string_view name;
  std::string_view latex;
};

// Function ops that LaTeX has a command for, by name.
inline constexpr std::array<latex_entry, 24> latex_functions{{
    {"sin", "\\sin"},       {"cos", "\\cos"},       {"tan", "\\tan"},       {"cot", "\\cot"},
    {"sec", "\\sec"},       {"csc", "\\csc"},       {"asin", "\\arcsin"},   {"acos", "\\arccos"},
    {"atan", "\\arctan"},   {"arcsin", "\\arcsin"}, {"arccos", "\\arccos"}, {"arctan", "\\arctan"},
    {"sinh", "\\sinh"},     {"cosh", "\\cosh"},     {"tanh", "\\tanh"},     {"coth", "\\coth"},
    {"exp", "\\exp"},       {"log", "\\log"},       {"ln", "\\ln"},         {"max", "\\max"},
    {"min", "\\min"},       {"sigmoid", "\\sigma"}, {"sgn", "\\operatorname{sgn}"},
    {"sign", "\\operatorname{sgn}"},
}};

// Infix and prefix symbols that LaTeX writes differently, by name.
inline constexpr std::array<latex_entry, 9> latex_symbols{{
    {"*", "\\cdot"}, {"<=", "\\le"}, {">=", "\\ge"}, {"!=", "\\ne"}, {"==", "="},
    {"&&", "\\land"}, {"||", "\\lor"}, {"!", "\\lnot"}, {"%", "\\bmod"},
}};

// Whole renderings, by form and name (see the protocol at the top of this file).
struct latex_template_entry {
  notation form;
  std::size_t arity;
  std::string_view name;
  std::string_view latex;
};
inline constexpr std::array<latex_template_entry, 13> latex_templates{{
    {notation::infix, 2, "/", "\\frac{#0}{#1}"},
    {notation::infix, 2, "^", "%0^{#1}"},
    {notation::function, 2, "pow", "%0^{#1}"},
    {notation::function, 1, "square", "%0^{2}"},
    {notation::function, 1, "recip", "\\frac{1}{#0}"},
    {notation::function, 2, "hypot", "\\sqrt{%0^{2} + %1^{2}}"},
    {notation::function, 1, "sqrt", "\\sqrt{#0}"},
    {notation::function, 1, "cbrt", "\\sqrt[3]{#0}"},
    {notation::function, 1, "abs", "\\left|#0\\right|"},
    {notation::function, 1, "floor", "\\left\\lfloor #0\\right\\rfloor"},
    {notation::function, 1, "ceil", "\\left\\lceil #0\\right\\rceil"},
    {notation::function, 1, "log2", "\\log_{2}\\left(#0\\right)"},
    {notation::function, 1, "log10", "\\log_{10}\\left(#0\\right)"},
}};

inline constexpr std::array<std::string_view, 30> greek_letters{
    "alpha", "beta",  "gamma", "delta", "epsilon", "zeta",    "eta",   "theta", "iota",  "kappa",
    "lambda", "mu",   "nu",    "xi",    "pi",      "rho",     "sigma", "tau",   "phi",   "chi",
    "psi",   "omega", "Gamma", "Delta", "Theta",   "Lambda",  "Xi",    "Pi",    "Sigma", "Omega"};

template <std::size_t N>
constexpr std::string_view find_latex(const std::array<latex_entry, N>& table,
                                      std::string_view name) {
  for (const auto& entry : table)
    if (entry.name == name) return entry.latex;
  return {};
}

template <class Op, std::size_t Arity>
constexpr std::string_view latex_template_of() {
  if constexpr (requires { { Op::latex_template } -> std::convertible_to<std::string_view>; }) {
    return Op::latex_template;
  } else {
    if constexpr (requires { { Op::latex } -> std::convertible_to<std::string_view>; })
      return {};  // the op chose its symbol; the default template does not apply
    constexpr notation form = notation_of<Op, Arity>();
    for (const auto& entry : latex_templates)
      if (entry.form == form && entry.arity == Arity && entry.name == std::string_view(Op::name))
        return entry.latex;
    return {};
  }
}

inline std::string latex_escape(std::string_view s) {
  std::string out;
  for (char ch : s) {
    if (std::string_view("#$%&{}_").find(ch) != std::string_view::npos) out += '\\';
    out += ch;
  }
  return out;
}

//! A name as a LaTeX identifier: x, \theta, x_{1}, w_{\mathit{out}}, \mathit{weight}.
inline std::string latex_identifier(std::string_view name) {
  std::string_view base = name;
  std::string_view sub;
  const std::size_t underscore = name.find('_');
  if (underscore != std::string_view::npos && underscore > 0 && underscore + 1 < name.size()) {
    base = name.substr(0, underscore);
    sub = name.substr(underscore + 1);
  } else {
    std::size_t digits = name.size();
    while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9') --digits;
    if (digits > 0 && digits < name.size()) {
      base = name.substr(0, digits);
      sub = name.substr(digits);
    }
  }
  auto word = [](std::string_view w) -> std::string {
    for (std::string_view g : greek_letters)
      if (g == w) return "\\" + std::string(w);
    if (w.size() == 1) return latex_escape(w);
    bool all_digits = true;
    for (char ch : w) all_digits = all_digits && ch >= '0' && ch <= '9';
    if (all_digits) return std::string(w);
    return "\\mathit{" + latex_escape(w) + "}";
  };
  std::string out = word(base);
  if (!sub.empty()) out += "_{" + word(sub) + "}";
  return out;
}

//! A number as LaTeX: 2, 0.5, 10^{-6}, 1.5 \cdot 10^{-6}, \infty.
inline printed latex_number(std::string text) {
  const bool negative = !text.empty() && text.front() == '-';
  std::string_view magnitude(text);
  if (negative) magnitude.remove_prefix(1);
  std::string body;
  bool simple = true;
  if (magnitude == "inf") {
    body = "\\infty";
  } else if (magnitude == "nan") {
    body = "\\mathrm{NaN}";
  } else if (const auto e = magnitude.find_first_of("eE"); e != std::string_view::npos) {
    const std::string_view mantissa = magnitude.substr(0, e);
    std::string_view exponent = magnitude.substr(e + 1);
    const bool negative_exponent = !exponent.empty() && exponent.front() == '-';
    if (!exponent.empty() && (exponent.front() == '-' || exponent.front() == '+'))
      exponent.remove_prefix(1);
    while (exponent.size() > 1 && exponent.front() == '0') exponent.remove_prefix(1);
    const std::string power =
        "10^{" + std::string(negative_exponent ? "-" : "") + std::string(exponent) + "}";
    body = mantissa == "1" ? power : std::string(mantissa) + " \\cdot " + power;
    simple = false;
  } else {
    body = std::string(magnitude);
  }
  printed p = number_operand(negative ? "-" + body : body);
  p.simple = p.simple && simple;
  return p;
}

template <class Tag>
std::string named_constant_latex(const named_constant<Tag>*) {
  if constexpr (requires { { Tag::latex } -> std::convertible_to<std::string_view>; }) {
    return std::string(std::string_view(Tag::latex));
  } else {
    const std::string_view name = Tag::name;
    if (name == "ln2") return "\\ln 2";
    if (name == "ln10") return "\\ln 10";
    if (name == "2/sqrt(pi)") return "\\frac{2}{\\sqrt{\\pi}}";
    return latex_identifier(name);
  }
}

inline std::string latex_parenthesised(const std::string& text) {
  return "\\left(" + text + "\\right)";
}

template <class E>
printed render_latex(const E& e);

template <std::size_t N>
std::string fill_latex_template(std::string_view pattern, const std::array<printed, N>& operands) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char ch = pattern[i];
    auto digit_follows = [&] {
      return i + 1 < pattern.size() && pattern[i + 1] >= '0' && pattern[i + 1] <= '9';
    };
    if ((ch == '#' || ch == '%') && digit_follows()) {
      std::size_t k = 0;
      while (digit_follows())
        k = 10 * k + static_cast<std::size_t>(pattern[++i] - '0');
      if (k >= N) continue;
      const printed& operand = operands[k];
      out += ch == '%' && !operand.simple ? latex_parenthesised(operand.text) : operand.text;
    } else {
      out += ch;
    }
  }
  return out;
}

template <class Op, class... C>
printed render_latex_node(const node<Op, C...>& e) {
  static_assert(requires { { Op::name } -> std::convertible_to<std::string_view>; },
                "typegrad: to_latex: an op has no `name`; give it "
                "`static constexpr std::string_view name` (see core/rule.hpp)");
  constexpr std::size_t arity = sizeof...(C);
  constexpr notation form = notation_of<Op, arity>();
  const std::string_view name = Op::name;
  const auto operands = [&]<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<printed, arity>{render_latex(e.template child<I>())...};
  }(std::index_sequence_for<C...>{});

  std::string symbol;
  if constexpr (requires { { Op::latex } -> std::convertible_to<std::string_view>; })
    symbol = std::string_view(Op::latex);

  constexpr std::string_view pattern = latex_template_of<Op, arity>();
  if constexpr (!pattern.empty()) {
    return printed{fill_latex_template(pattern, operands), atomic_precedence, false, false, false};
  } else if constexpr (form == notation::function) {
    if (symbol.empty()) {
      const std::string_view known = find_latex(latex_functions, name);
      symbol = known.empty() ? "\\operatorname{" + latex_escape(name) + "}" : std::string(known);
    }
    std::string text = symbol + "\\left(";
    for (std::size_t i = 0; i < arity; ++i) {
      if (i > 0) text += ", ";
      text += operands[i].text;
    }
    return printed{text + "\\right)"};
  } else {
    if (symbol.empty()) {
      const std::string_view known = find_latex(latex_symbols, name);
      symbol = known.empty() ? latex_escape(name) : std::string(known);
    }
    constexpr int precedence = Op::precedence;
    auto operand = [&](std::size_t i) {
      return needs_parens(operands[i], form, precedence, i) ? latex_parenthesised(operands[i].text)
                                                            : operands[i].text;
    };
    printed p{{}, precedence, true, false, false};
    if constexpr (form == notation::prefix) {
      const bool word = !symbol.empty() && std::isalpha(static_cast<unsigned char>(symbol.back()));
      p.text = symbol + (word ? " " : "") + operand(0);  // \lnot x
    } else {
      p.text = operand(0);
      p.leading_prefix =
          operands[0].leading_prefix && !needs_parens(operands[0], form, precedence, 0);
      for (std::size_t i = 1; i < arity; ++i) p.text += " " + symbol + " " + operand(i);
    }
    return p;
  }
}

template <class E>
printed render_latex(const E& e) {
  if constexpr (is_var_v<E> || is_input_v<E>) {
    return printed{latex_identifier(E::name)};
  } else if constexpr (is_runtime_constant_v<E>) {
    return latex_number(format_number(e.value));
  } else if constexpr (is_ct_v<E>) {
    if constexpr (E::den == 1) return latex_number(std::to_string(E::num));
    const std::intmax_t magnitude = E::num < 0 ? -E::num : E::num;
    const std::string frac =
        "\\frac{" + std::to_string(magnitude) + "}{" + std::to_string(E::den) + "}";
    printed p = number_operand(E::num < 0 ? "-" + frac : frac);
    p.simple = false;
    return p;
  } else if constexpr (is_named_constant_v<E>) {
    printed p{named_constant_latex(static_cast<const E*>(nullptr))};
    p.simple = p.text.size() == 1 || is_identifier(std::string_view(p.text).substr(1));
    return p;
  } else if constexpr (is_arg_v<E>) {
    return printed{"a_{" + std::to_string(E::index) + "}"};
  } else if constexpr (std::is_same_v<E, result_t>) {
    return printed{"\\mathrm{result}"};
  } else if constexpr (is_let_v<E>) {
    return printed{latex_identifier(E::op::name)};
  } else if constexpr (is_node_v<E>) {
    return render_latex_node(e);
  } else if constexpr (requires { { E::name } -> std::convertible_to<std::string_view>; }) {
    return printed{latex_identifier(E::name)};  // a leaf kind added later
  } else {
    static_assert(dependent_false_v<E>,
                  "typegrad: to_latex: this kind of expression cannot be printed");
    return {};
  }
}

}  // namespace detail

template <Expression E>
std::string to_latex(const E& e) {
  return detail::render_latex(e).text;
}

template <Expression E>
std::string to_latex_with_lets(const E& e) {
  std::string text;
  detail::for_each_let(e, [&](const auto& let_node) {
    text += detail::latex_identifier(std::remove_cvref_t<decltype(let_node)>::op::name) + " = " +
            to_latex(let_node.template child<0>()) + ",\\quad ";
  });
  return text + to_latex(e);
}

}  // namespace typegrad
