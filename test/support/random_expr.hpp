// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Random scalar expressions built by template metaprogramming from a compile-time seed.
//
// random_expr::make<T, Index, Seed>() is a constexpr value holding a typegrad expression
// whose type is chosen by a constexpr pseudo-random generator (splitmix64 mixing of the
// seed): its ops, nesting, shared sub-expressions, `let`s and variables (x1 .. x6 of
// scalar type T; 2 to 6 of them occur: each node hands its operands parts of its
// variables, and a leaf joins all of its own). The root op cycles through the op table
// with Index, so that every op is the root of some expressions; the ops below are random.
// (The loops of ops/scan.hpp take such expressions as their steps: test/random/scan_test.cpp.)
//
// Domains are kept by construction with interval arithmetic: every sub-expression
// carries a conservative range of its values for variables in [-2, 2] (the points the
// checks draw), and an op whose argument's range leaves the op's domain (or is too wide)
// gets its argument through an adapter that maps any number into that domain, chosen at
// random: log(1 + square(a)), log(exp(tanh(a))), acosh(1 + hypot(a, 1)), asin(9/10*sin(a)),
// exp(atan(a)), and so on. The adapters are ops too, so they add coverage.
//
// Non-differentiable points (abs, relu, sign, max/min ties, clamp's bounds, where's
// comparison, the origin of atan2 and hypot, cbrt at 0) cannot be avoided by construction;
// each such op adds its distance from the kink to the expression's `guard`, an expression
// whose value the checks require to exceed a margin at every point they use (they draw
// another point otherwise), so that finite differences never straddle a kink.

#include <typegrad/typegrad.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>

namespace typegrad::test::random_expr {

namespace tg = typegrad;

// ---- compile-time randomness ------------------------------------------------------------------

//! splitmix64's output function applied to s + k * golden ratio: a well mixed 64-bit
//! value for each (seed, key), the same on every compiler.
constexpr std::uint64_t mix(std::uint64_t s, std::uint64_t k) {
  std::uint64_t z = s + (k + 1) * 0x9e3779b97f4a7c15u;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

//! A number in [0, n) from seed s and key k.
constexpr int pick(std::uint64_t s, std::uint64_t k, int n) {
  return static_cast<int>(mix(s, k) % static_cast<std::uint64_t>(n));
}

// ---- the op table -----------------------------------------------------------------------------

//! Every scalar op of include/typegrad/ops/ (and let, sharing, constants); an expression
//! records the ops it contains as a bit set over these ids.
enum op_id : int {
  op_add, op_sub, op_mul, op_div, op_neg,
  op_exp, op_expm1, op_log, op_log1p, op_log2, op_log10,
  op_pow, op_pow_int, op_pow_ct, op_square, op_sqrt, op_cbrt, op_hypot,
  op_sin, op_cos, op_tan, op_asin, op_acos, op_atan, op_atan2,
  op_sinh, op_cosh, op_tanh, op_asinh, op_acosh, op_atanh,
  op_abs, op_sign, op_max, op_min, op_clamp,
  op_relu, op_leaky_relu, op_elu, op_sigmoid, op_softplus,
  op_erf, op_erfc,
  op_less, op_greater, op_less_equal, op_greater_equal, op_equal, op_not_equal, op_select,
  op_let, op_shared, op_runtime_constant, op_named_constant,
  op_where,  // recorded with every comparison and select, never drawn itself
  op_count
};

//! The number of ops that can be drawn (op_where comes with the comparisons).
inline constexpr int drawable_ops = op_where;

inline constexpr std::string_view op_names[op_count] = {
    "+", "-", "*", "/", "neg",
    "exp", "expm1", "log", "log1p", "log2", "log10",
    "pow(a, b)", "pow(a, n)", "pow<N>", "square", "sqrt", "cbrt", "hypot",
    "sin", "cos", "tan", "asin", "acos", "atan", "atan2",
    "sinh", "cosh", "tanh", "asinh", "acosh", "atanh",
    "abs", "sign", "max", "min", "clamp",
    "relu", "leaky_relu", "elu", "sigmoid", "softplus",
    "erf", "erfc",
    "<", ">", "<=", ">=", "equal", "not_equal", "select",
    "let", "shared sub-expression", "run-time constant", "named constant",
    "where"};

constexpr std::uint64_t bit(int op) { return std::uint64_t{1} << op; }

static_assert(op_count <= 64, "the op set is a 64-bit mask");

// ---- interval arithmetic ----------------------------------------------------------------------

//! A conservative range [lo, hi] of a sub-expression's values.
struct range {
  double lo, hi;
};

constexpr double min2(double a, double b) { return a < b ? a : b; }
constexpr double max2(double a, double b) { return a < b ? b : a; }
constexpr double mag(range r) { return max2(-r.lo, r.hi); }
constexpr double mig(range r) { return r.lo > 0 ? r.lo : r.hi < 0 ? -r.hi : 0.0; }
constexpr range hull(range a, range b) { return {min2(a.lo, b.lo), max2(a.hi, b.hi)}; }
constexpr range add(range a, range b) { return {a.lo + b.lo, a.hi + b.hi}; }
constexpr range sub(range a, range b) { return {a.lo - b.hi, a.hi - b.lo}; }
constexpr range neg(range a) { return {-a.hi, -a.lo}; }
constexpr range mul(range a, range b) {
  const double p[] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
  return {min2(min2(p[0], p[1]), min2(p[2], p[3])), max2(max2(p[0], p[1]), max2(p[2], p[3]))};
}
constexpr range scale(range a, double k) { return mul(a, {k, k}); }
//! 1/b for a range b that excludes 0.
constexpr range recip(range b) { return {1 / b.hi, 1 / b.lo}; }
//! f increasing (decreasing) on the range.
template <class F>
constexpr range increasing(F f, range a) { return {f(a.lo), f(a.hi)}; }
template <class F>
constexpr range decreasing(F f, range a) { return {f(a.hi), f(a.lo)}; }
//! a^n for an integer n (a excludes 0 when n < 0).
constexpr range int_power(range a, int n) {
  auto p = [n](double v) { return tg::cmath::powi(v, n); };
  if (n % 2 != 0) return n > 0 ? increasing(p, a) : decreasing(p, a);
  const range m{mig(a), mag(a)};
  return n > 0 ? increasing(p, m) : decreasing(p, m);
}

// ---- generated expressions --------------------------------------------------------------------

//! No kink in the sub-expression: nothing to keep a distance from.
struct no_guard {};

//! A generated sub-expression: the expression, its guard (an expression whose value is
//! the distance from the nearest kink, or no_guard), its value range, the ops it
//! contains, the variables it contains (bit i: x(i+1)) and its size in nodes.
template <class E, class G>
struct gen {
  E e;
  G guard;
  range r;
  std::uint64_t ops;
  unsigned vars;
  int nodes;
};

//! The smaller of two guards (no_guard is +infinity; one stateless guard twice is one).
template <class A, class B>
constexpr auto guard_min(const A& a, const B& b) {
  if constexpr (std::is_same_v<A, no_guard>) return b;
  else if constexpr (std::is_same_v<B, no_guard>) return a;
  else if constexpr (std::is_same_v<A, B> && std::is_empty_v<A>) return a;
  else return tg::min(a, b);
}

template <class G>
constexpr auto guard_all(const G& g) { return g; }
template <class G, class H, class... Rest>
constexpr auto guard_all(const G& g, const H& h, const Rest&... rest) {
  return random_expr::guard_all(random_expr::guard_min(g, h), rest...);
}

//! The distance from a tie of max(a, b) or min(a, b): |a - b|, or none for one stateless
//! operand twice (max(x1, x1) ties everywhere and has no kink).
template <class A, class B>
constexpr auto tie_guard(const A& a, const B& b) {
  if constexpr (std::is_same_v<A, B> && std::is_empty_v<A>) return no_guard{};
  else return tg::abs(a - b);
}

//! The node e with its own guard and range, over the generated operands ch...
template <class E, class G, class... C>
constexpr auto make_gen(const E& e, const G& own_guard, range r, std::uint64_t ops, const C&... ch) {
  auto g = random_expr::guard_all(own_guard, ch.guard...);
  return gen<E, decltype(g)>{e, g, r, (ops | ... | ch.ops), (0u | ... | ch.vars),
                             (1 + ... + ch.nodes)};
}

//! The variable x(I+1) of scalar type T.
template <int I, class T>
constexpr auto variable() {
  if constexpr (I == 0) return tg::var<"x1", T>;
  else if constexpr (I == 1) return tg::var<"x2", T>;
  else if constexpr (I == 2) return tg::var<"x3", T>;
  else if constexpr (I == 3) return tg::var<"x4", T>;
  else if constexpr (I == 4) return tg::var<"x5", T>;
  else return tg::var<"x6", T>;
}

//! The range every variable is drawn from.
inline constexpr range variable_range{-2, 2};

//! A unique-enough let name from a seed: "h" and four hex digits.
template <std::uint64_t S>
struct let_name {
  static constexpr char hex(std::uint64_t v) { return "0123456789abcdef"[v & 15]; }
  static constexpr char value[6] = {'h', hex(S >> 4), hex(S >> 8), hex(S >> 12), hex(S >> 16), 0};
};

// A leaf over one variable: the variable (mostly alone; sometimes scaled or shifted by a
// constant).
template <class T, std::uint64_t S, int I>
constexpr auto leaf1() {
  constexpr int i = I;
  constexpr auto v = random_expr::variable<i, T>();
  constexpr gen<std::remove_const_t<decltype(v)>, no_guard> x{v, {}, variable_range, 0, 1u << i, 1};
  constexpr int kind = pick(S, 1, 10);
  if constexpr (kind < 6) return x;
  else if constexpr (kind == 6) return random_expr::make_gen(tg::c<1, 2> * v, no_guard{}, {-1, 1}, bit(op_mul), x);
  else if constexpr (kind == 7) return random_expr::make_gen(v - tg::c<1>, no_guard{}, {-3, 1}, bit(op_sub), x);
  else if constexpr (kind == 8)
    return random_expr::make_gen(v * tg::c<3, 4>, no_guard{}, {-1.5, 1.5}, bit(op_mul), x);
  else return random_expr::make_gen(v + tg::c<3, 4>, no_guard{}, {-1.25, 2.75}, bit(op_add), x);
}

// A leaf over the variables x(VL+1) .. x(VH): each of them once, joined by +, - or *.
// (Every node hands each of its operands a part of its variables, together all of them,
// so every variable of the root's range occurs in the expression.)
template <class T, std::uint64_t S, int VL, int VH>
constexpr auto leaf() {
  constexpr auto a = random_expr::leaf1<T, S, VL>();
  if constexpr (VH - VL == 1) {
    return a;
  } else {
    constexpr auto b = random_expr::leaf<T, mix(S, 1), VL + 1, VH>();
    constexpr int kind = pick(S, 2, 3);
    if constexpr (kind == 0) return random_expr::make_gen(a.e + b.e, no_guard{}, add(a.r, b.r), bit(op_add), a, b);
    else if constexpr (kind == 1) return random_expr::make_gen(a.e - b.e, no_guard{}, sub(a.r, b.r), bit(op_sub), a, b);
    else return random_expr::make_gen(a.e * b.e, no_guard{}, mul(a.r, b.r), bit(op_mul), a, b);
  }
}

template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto any();

// ---- adapters: any generated expression into an op's domain ---------------------------------

//! |value| <= 30: a wider sub-expression goes through a bounded adapter.
template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto tame();

//! |value| <= 1.6 (the sub-expression itself when it already is).
template <class T, std::uint64_t S, int D, int VL, int VH, bool Force = false>
constexpr auto bounded() {
  constexpr auto a = random_expr::any<T, S, D, VL, VH>();
  constexpr int kind = pick(S, 12, 7);
  if constexpr (!Force && mag(a.r) <= 1.6) return a;
  else if constexpr (kind == 0) return random_expr::make_gen(tg::tanh(a.e), no_guard{}, {-1, 1}, bit(op_tanh), a);
  else if constexpr (kind == 1) return random_expr::make_gen(tg::sin(a.e), no_guard{}, {-1, 1}, bit(op_sin), a);
  else if constexpr (kind == 2) return random_expr::make_gen(tg::cos(a.e), no_guard{}, {-1, 1}, bit(op_cos), a);
  else if constexpr (kind == 3) return random_expr::make_gen(tg::atan(a.e), no_guard{}, {-1.571, 1.571}, bit(op_atan), a);
  else if constexpr (kind == 4) return random_expr::make_gen(tg::erf(a.e), no_guard{}, {-1, 1}, bit(op_erf), a);
  else if constexpr (kind == 5) return random_expr::make_gen(tg::sigmoid(a.e), no_guard{}, {0, 1}, bit(op_sigmoid), a);
  else  // |a / (1 + a^2)| <= 1/2 everywhere
    return random_expr::make_gen(a.e / (tg::c<1> + tg::square(a.e)), no_guard{}, {-0.5, 0.5},
                                 bit(op_div) | bit(op_add) | bit(op_square), a);
}

template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto tame() {
  constexpr auto a = random_expr::any<T, S, D, VL, VH>();
  if constexpr (mag(a.r) <= 30) return a;
  else return random_expr::bounded<T, S, D, VL, VH, true>();
}

//! |value| <= 0.9: the domain of asin, acos and atanh with a margin.
template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto unit() {
  constexpr auto a = random_expr::any<T, S, D, VL, VH>();
  constexpr int kind = pick(S, 22, 4);
  if constexpr (mag(a.r) <= 0.9) return a;
  else if constexpr (kind == 0) return random_expr::make_gen(tg::c<9, 10> * tg::tanh(a.e), no_guard{}, {-0.9, 0.9}, bit(op_mul) | bit(op_tanh), a);
  else if constexpr (kind == 1) return random_expr::make_gen(tg::c<9, 10> * tg::sin(a.e), no_guard{}, {-0.9, 0.9}, bit(op_mul) | bit(op_sin), a);
  else if constexpr (kind == 2) return random_expr::make_gen(tg::erf(a.e) * tg::c<4, 5>, no_guard{}, {-0.8, 0.8}, bit(op_mul) | bit(op_erf), a);
  else return random_expr::make_gen(tg::c<17, 10> * tg::sigmoid(a.e) - tg::c<17, 20>, no_guard{}, {-0.85, 0.85},
                                    bit(op_mul) | bit(op_sub) | bit(op_sigmoid), a);
}

//! value >= 0.2 and moderate: the domain of log, sqrt, a divisor, a base of pow.
template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto positive() {
  constexpr auto a = random_expr::any<T, S, D, VL, VH>();
  constexpr int kind = pick(S, 32, 6);
  if constexpr (a.r.lo >= 0.2 && a.r.hi <= 30) return a;
  else if constexpr (kind == 0 && mag(a.r) <= 5)
    return random_expr::make_gen(tg::c<1> + tg::square(a.e), no_guard{}, {1, 1 + mag(a.r) * mag(a.r)},
                                 bit(op_add) | bit(op_square), a);
  else if constexpr (kind == 1 && mag(a.r) <= 20)
    return random_expr::make_gen(tg::hypot(a.e, tg::c<1>), no_guard{}, {1, tg::cmath::hypot(mag(a.r), 1.0)}, bit(op_hypot), a);
  else if constexpr (kind == 2 && mag(a.r) <= 20)
    return random_expr::make_gen(tg::softplus(a.e) + tg::c<1, 4>, no_guard{},
                                 add(increasing([](double v) { return v > 0 ? v + tg::cmath::log1p(tg::cmath::exp(-v)) : tg::cmath::log1p(tg::cmath::exp(v)); }, a.r), {0.25, 0.25}),
                                 bit(op_softplus) | bit(op_add), a);
  else if constexpr (kind == 3)
    return random_expr::make_gen(tg::c<1, 2> + tg::sigmoid(a.e), no_guard{}, {0.5, 1.5}, bit(op_sigmoid) | bit(op_add), a);
  else {
    constexpr auto b = random_expr::bounded<T, S, D, VL, VH, true>();
    if constexpr (kind == 4)
      return random_expr::make_gen(tg::exp(b.e), no_guard{}, increasing([](double v) { return tg::cmath::exp(v); }, b.r), bit(op_exp), b);
    else
      return random_expr::make_gen(tg::cosh(b.e), no_guard{}, {1, tg::cmath::cosh(mag(b.r))}, bit(op_cosh), b);
  }
}

//! |value| <= 3: the argument of exp, expm1, sinh, cosh (no overflow, moderate growth).
template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto moderate() {
  constexpr auto a = random_expr::any<T, S, D, VL, VH>();
  if constexpr (mag(a.r) <= 3) return a;
  else return random_expr::bounded<T, S, D, VL, VH, true>();
}

// ---- nodes ------------------------------------------------------------------------------------

constexpr bool two_operands(int op) {
  switch (op) {
    case op_add: case op_sub: case op_mul: case op_div: case op_pow: case op_hypot: case op_atan2:
    case op_sign: case op_max: case op_min: case op_clamp: case op_let: case op_shared:
      return true;
    default:
      return op >= op_less && op <= op_select;
  }
}

//! A node whose root op is Op, operands of depth < D over the variables x(VL+1) .. x(VH).
template <class T, std::uint64_t S, int D, int VL, int VH, int Op>
constexpr auto node_of() {
  constexpr int D1 = D - 1;
  constexpr int D2 = pick(S, 5, D);  // the second operand is at times shallower
  constexpr std::uint64_t S1 = mix(S, 1), S2 = mix(S, 2), S3 = mix(S, 3), S4 = mix(S, 4);
  // With two operands, each takes half of the variables [VL, VH), so that more of them occur.
  constexpr bool split = VH - VL >= 2 && two_operands(Op);
  constexpr int L1 = VL, H1 = split ? (VL + VH) / 2 : VH, L2 = split ? H1 : VL, H2 = VH;
  namespace cm = tg::cmath;
  if constexpr (Op == op_add) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    return make_gen(a.e + b.e, no_guard{}, add(a.r, b.r), bit(Op), a, b);
  } else if constexpr (Op == op_sub) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    return make_gen(a.e - b.e, no_guard{}, sub(a.r, b.r), bit(Op), a, b);
  } else if constexpr (Op == op_mul) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    return make_gen(a.e * b.e, no_guard{}, mul(a.r, b.r), bit(Op), a, b);
  } else if constexpr (Op == op_div) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = positive<T, S2, D2, L2, H2>();
    if constexpr (pick(S, 6, 2) == 0)
      return make_gen(a.e / b.e, no_guard{}, mul(a.r, recip(b.r)), bit(Op), a, b);
    else  // a negative divisor
      return make_gen(a.e / -b.e, no_guard{}, mul(a.r, recip(neg(b.r))), bit(Op) | bit(op_neg), a, b);
  } else if constexpr (Op == op_neg) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(-a.e, no_guard{}, neg(a.r), bit(Op), a);
  } else if constexpr (Op == op_exp) {
    constexpr auto a = moderate<T, S1, D1, L1, H1>();
    return make_gen(tg::exp(a.e), no_guard{}, increasing([](double v) { return cm::exp(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_expm1) {
    constexpr auto a = moderate<T, S1, D1, L1, H1>();
    return make_gen(tg::expm1(a.e), no_guard{}, increasing([](double v) { return cm::expm1(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_log) {
    constexpr auto a = positive<T, S1, D1, L1, H1>();
    return make_gen(tg::log(a.e), no_guard{}, increasing([](double v) { return cm::log(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_log2) {
    constexpr auto a = positive<T, S1, D1, L1, H1>();
    return make_gen(tg::log2(a.e), no_guard{}, increasing([](double v) { return cm::log2(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_log10) {
    constexpr auto a = positive<T, S1, D1, L1, H1>();
    return make_gen(tg::log10(a.e), no_guard{}, increasing([](double v) { return cm::log10(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_log1p) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    if constexpr (a.r.lo >= -0.8) {
      return make_gen(tg::log1p(a.e), no_guard{}, increasing([](double v) { return cm::log1p(v); }, a.r), bit(Op), a);
    } else {
      constexpr auto u = unit<T, S1, D1, L1, H1>();
      return make_gen(tg::log1p(u.e), no_guard{}, increasing([](double v) { return cm::log1p(v); }, u.r), bit(Op), u);
    }
  } else if constexpr (Op == op_pow) {
    constexpr auto a = positive<T, S1, D1, L1, H1>();
    constexpr auto b = bounded<T, S2, D2, L2, H2>();
    constexpr range lr = increasing([](double v) { return cm::log(v); }, a.r);
    return make_gen(tg::pow(a.e, b.e), no_guard{}, increasing([](double v) { return cm::exp(v); }, mul(lr, b.r)), bit(Op), a, b);
  } else if constexpr (Op == op_pow_int || Op == op_pow_ct) {
    constexpr int exponents[] = {-2, -1, 2, 3, 4, 5};
    constexpr int n = exponents[pick(S, 7, 6)];
    constexpr auto build = [](const auto& x) {
      if constexpr (Op == op_pow_ct) return tg::pow<n>(x); else return tg::pow(x, n);
    };
    if constexpr (n < 0) {
      constexpr auto a = positive<T, S1, D1, L1, H1>();
      return make_gen(build(a.e), no_guard{}, int_power(a.r, n), bit(Op), a);
    } else {
      constexpr auto a = tame<T, S1, D1, L1, H1>();
      if constexpr (mag(a.r) <= 4) {
        return make_gen(build(a.e), no_guard{}, int_power(a.r, n), bit(Op), a);
      } else {
        constexpr auto b = bounded<T, S1, D1, L1, H1, true>();
        return make_gen(build(b.e), no_guard{}, int_power(b.r, n), bit(Op), b);
      }
    }
  } else if constexpr (Op == op_square) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::square(a.e), no_guard{}, int_power(a.r, 2), bit(Op), a);
  } else if constexpr (Op == op_sqrt) {
    constexpr auto a = positive<T, S1, D1, L1, H1>();
    return make_gen(tg::sqrt(a.e), no_guard{}, increasing([](double v) { return cm::sqrt(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_cbrt) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::cbrt(a.e), tg::abs(a.e), increasing([](double v) { return cm::cbrt(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_hypot) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    return make_gen(tg::hypot(a.e, b.e), tg::hypot(a.e, b.e), {0, cm::hypot(mag(a.r), mag(b.r))}, bit(Op), a, b);
  } else if constexpr (Op == op_sin || Op == op_cos) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    if constexpr (Op == op_sin) return make_gen(tg::sin(a.e), no_guard{}, {-1, 1}, bit(Op), a);
    else return make_gen(tg::cos(a.e), no_guard{}, {-1, 1}, bit(Op), a);
  } else if constexpr (Op == op_tan) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    if constexpr (mag(a.r) <= 1.2) {
      return make_gen(tg::tan(a.e), no_guard{}, increasing([](double v) { return cm::tan(v); }, a.r), bit(Op), a);
    } else {
      constexpr auto u = unit<T, S1, D1, L1, H1>();
      return make_gen(tg::tan(tg::c<4, 3> * u.e), no_guard{}, increasing([](double v) { return cm::tan(v); }, scale(u.r, 4.0 / 3)),
                      bit(Op) | bit(op_mul), u);
    }
  } else if constexpr (Op == op_asin) {
    constexpr auto a = unit<T, S1, D1, L1, H1>();
    return make_gen(tg::asin(a.e), no_guard{}, increasing([](double v) { return cm::asin(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_acos) {
    constexpr auto a = unit<T, S1, D1, L1, H1>();
    return make_gen(tg::acos(a.e), no_guard{}, decreasing([](double v) { return cm::acos(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_atanh) {
    constexpr auto a = unit<T, S1, D1, L1, H1>();
    return make_gen(tg::atanh(a.e), no_guard{}, increasing([](double v) { return cm::atanh(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_atan) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::atan(a.e), no_guard{}, increasing([](double v) { return cm::atan(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_atan2) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    // Away from the origin and from the cut along the negative x axis.
    return make_gen(tg::atan2(a.e, b.e), tg::max(b.e, tg::abs(a.e)), {-3.1416, 3.1416}, bit(Op), a, b);
  } else if constexpr (Op == op_sinh) {
    constexpr auto a = moderate<T, S1, D1, L1, H1>();
    return make_gen(tg::sinh(a.e), no_guard{}, increasing([](double v) { return cm::sinh(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_cosh) {
    constexpr auto a = moderate<T, S1, D1, L1, H1>();
    return make_gen(tg::cosh(a.e), no_guard{}, {cm::cosh(mig(a.r)), cm::cosh(mag(a.r))}, bit(Op), a);
  } else if constexpr (Op == op_tanh) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::tanh(a.e), no_guard{}, increasing([](double v) { return cm::tanh(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_asinh) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::asinh(a.e), no_guard{}, increasing([](double v) { return cm::asinh(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_acosh) {
    constexpr auto a = positive<T, S1, D1, L1, H1>();
    return make_gen(tg::acosh(tg::c<1> + a.e), no_guard{}, increasing([](double v) { return cm::acosh(1 + v); }, a.r),
                    bit(Op) | bit(op_add), a);
  } else if constexpr (Op == op_abs) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::abs(a.e), tg::abs(a.e), {mig(a.r), mag(a.r)}, bit(Op), a);
  } else if constexpr (Op == op_sign) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();  // sign alone has derivative 0: scale something
    return make_gen(tg::sign(a.e) * b.e, tg::abs(a.e), {-mag(b.r), mag(b.r)}, bit(Op) | bit(op_mul), a, b);
  } else if constexpr (Op == op_max || Op == op_min) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    // One stateless operand twice (max(x1, x1)) ties everywhere: no kink, and the split
    // adjoint (1/2 + 1/2) must agree with central differences.
    constexpr auto guard = random_expr::tie_guard(a.e, b.e);
    if constexpr (Op == op_max)
      return make_gen(tg::max(a.e, b.e), guard, {max2(a.r.lo, b.r.lo), max2(a.r.hi, b.r.hi)}, bit(Op), a, b);
    else
      return make_gen(tg::min(a.e, b.e), guard, {min2(a.r.lo, b.r.lo), min2(a.r.hi, b.r.hi)}, bit(Op), a, b);
  } else if constexpr (Op == op_clamp) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    if constexpr (pick(S, 6, 2) == 0) {
      return make_gen(tg::clamp(a.e, tg::c<-1>, tg::c<1>), tg::min(tg::abs(a.e - 1), tg::abs(a.e + 1)), {-1, 1}, bit(Op), a);
    } else {  // learnable bounds, lo < hi
      constexpr auto lo = bounded<T, S2, D2, L2, H2>();
      constexpr auto hi = bounded<T, S3, D2, VL, VH>();
      return make_gen(tg::clamp(a.e, lo.e - tg::c<2>, hi.e + tg::c<2>),
                      tg::min(tg::abs(a.e - (lo.e - tg::c<2>)), tg::abs(a.e - (hi.e + tg::c<2>))),
                      {min2(a.r.lo, lo.r.lo - 2), max2(a.r.hi, hi.r.hi + 2)}, bit(Op) | bit(op_sub) | bit(op_add), a, lo, hi);
    }
  } else if constexpr (Op == op_relu) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::relu(a.e), tg::abs(a.e), {max2(0, a.r.lo), max2(0, a.r.hi)}, bit(Op), a);
  } else if constexpr (Op == op_leaky_relu) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr range r{min2(0, a.r.lo), max2(0, a.r.hi)};
    constexpr int kind = pick(S, 6, 3);
    if constexpr (kind == 0) {
      return make_gen(tg::leaky_relu(a.e), tg::abs(a.e), r, bit(Op), a);
    } else if constexpr (kind == 1) {
      return make_gen(tg::leaky_relu(a.e, T(0.2)), tg::abs(a.e), r, bit(Op) | bit(op_runtime_constant), a);
    } else {  // a learnable slope in (0, 1/10)
      constexpr auto s = tame<T, S2, D2, L2, H2>();
      return make_gen(tg::leaky_relu(a.e, tg::c<1, 10> * tg::sigmoid(s.e)), tg::abs(a.e), r,
                      bit(Op) | bit(op_mul) | bit(op_sigmoid), a, s);
    }
  } else if constexpr (Op == op_elu) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr int kind = pick(S, 6, 3);
    if constexpr (kind == 0) {
      return make_gen(tg::elu(a.e), tg::abs(a.e), {min2(a.r.lo, -1), max2(a.r.hi, 0)}, bit(Op), a);
    } else if constexpr (kind == 1) {
      return make_gen(tg::elu(a.e, T(0.5)), tg::abs(a.e), {min2(a.r.lo, -0.5), max2(a.r.hi, 0)},
                      bit(Op) | bit(op_runtime_constant), a);
    } else {  // a learnable alpha in (1/2, 3/2)
      constexpr auto s = tame<T, S2, D2, L2, H2>();
      return make_gen(tg::elu(a.e, tg::c<1, 2> + tg::sigmoid(s.e)), tg::abs(a.e), {min2(a.r.lo, -1.5), max2(a.r.hi, 0)},
                      bit(Op) | bit(op_add) | bit(op_sigmoid), a, s);
    }
  } else if constexpr (Op == op_sigmoid) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::sigmoid(a.e), no_guard{}, increasing([](double v) { return 1 / (1 + cm::exp(-v)); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_softplus) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::softplus(a.e), no_guard{}, {0, max2(a.r.hi, 0) + 0.7}, bit(Op), a);
  } else if constexpr (Op == op_erf) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::erf(a.e), no_guard{}, increasing([](double v) { return cm::erf(v); }, a.r), bit(Op), a);
  } else if constexpr (Op == op_erfc) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    return make_gen(tg::erfc(a.e), no_guard{}, decreasing([](double v) { return cm::erfc(v); }, a.r), bit(Op), a);
  } else if constexpr (Op >= op_less && Op <= op_select) {
    // where(a OP b, p, q): the comparison's operands at a distance from a tie.
    constexpr auto a = tame<T, S1, D2, L1, H1>();
    constexpr auto p = tame<T, S3, D1, VL, VH>();
    constexpr auto q = tame<T, S4, D2, VL, VH>();
    constexpr int cmp = Op == op_select ? op_less + pick(S, 8, 6) : Op;
    constexpr auto compared = [] {
      if constexpr (pick(S, 9, 3) == 0 || std::is_same_v<decltype(a.e), decltype(tame<T, S2, D2, L2, H2>().e)>)
        return gen<ct<1, 2>, no_guard>{{}, {}, {0.5, 0.5}, 0, 0, 1};
      else
        return tame<T, S2, D2, L2, H2>();
    }();
    constexpr auto cond = [](const auto& l, const auto& r) {
      if constexpr (cmp == op_less) return l < r;
      else if constexpr (cmp == op_greater) return l > r;
      else if constexpr (cmp == op_less_equal) return l <= r;
      else if constexpr (cmp == op_greater_equal) return l >= r;
      else if constexpr (cmp == op_equal) return tg::equal(l, r);
      else return tg::not_equal(l, r);
    }(a.e, compared.e);
    constexpr std::uint64_t ops = bit(cmp) | bit(op_where) | (Op == op_select ? bit(op_select) : 0);
    if constexpr (Op == op_select)
      return make_gen(tg::select(cond, p.e, q.e), tg::abs(a.e - compared.e), hull(p.r, q.r), ops, a, compared, p, q);
    else
      return make_gen(tg::where(cond, p.e, q.e), tg::abs(a.e - compared.e), hull(p.r, q.r), ops, a, compared, p, q);
  } else if constexpr (Op == op_let) {
    // h computed once, used three times.
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr auto b = bounded<T, S2, D2, L2, H2>();
    constexpr auto h = tg::let<tg::fixed_string(let_name<S>::value)>(a.e);
    constexpr int kind = pick(S, 6, 3);
    if constexpr (kind == 0 || mag(a.r) > 5)
      return make_gen(h * b.e - tg::sin(h) + h, no_guard{}, add(sub(mul(a.r, b.r), {-1, 1}), a.r),
                      bit(Op) | bit(op_mul) | bit(op_sub) | bit(op_sin) | bit(op_add), a, b);
    else if constexpr (kind == 1)
      return make_gen(h * h + b.e * h, no_guard{}, add(int_power(a.r, 2), mul(a.r, b.r)),
                      bit(Op) | bit(op_mul) | bit(op_add), a, b);
    else
      return make_gen(tg::exp(b.e * h) / tg::cosh(h * tg::c<1, 4>) * h, no_guard{},
                      mul(increasing([](double v) { return cm::exp(v); }, mul(a.r, b.r)), {-mag(a.r), mag(a.r)}),
                      bit(Op) | bit(op_mul) | bit(op_exp) | bit(op_div) | bit(op_cosh), a, b);
  } else if constexpr (Op == op_shared) {
    // One stateless sub-expression twice (one node of the DAG, one adjoint), beside
    // another.
    constexpr auto a = bounded<T, S1, D1, L1, H1>();
    constexpr auto b = tame<T, S2, D2, L2, H2>();
    if constexpr (pick(S, 6, 2) == 0)
      return make_gen((a.e + b.e) * a.e, no_guard{}, mul(add(a.r, b.r), a.r), bit(Op) | bit(op_add) | bit(op_mul), a, b);
    else
      return make_gen(tg::atan(a.e * b.e) - a.e, no_guard{}, sub({-1.5708, 1.5708}, a.r),
                      bit(Op) | bit(op_atan) | bit(op_mul) | bit(op_sub), a, b);
  } else if constexpr (Op == op_runtime_constant) {
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr double factors[] = {0.5, -1.5, 2.25, 3.0};
    constexpr double k = factors[pick(S, 6, 4)];
    return make_gen(a.e * T(k) + T(0.125), no_guard{}, add(scale(a.r, k), {0.125, 0.125}),
                    bit(Op) | bit(op_mul) | bit(op_add), a);
  } else {
    static_assert(Op == op_named_constant);
    constexpr auto a = tame<T, S1, D1, L1, H1>();
    constexpr int kind = pick(S, 6, 3);
    if constexpr (kind == 0)
      return make_gen(tg::constants::pi * a.e, no_guard{}, scale(a.r, 3.1416), bit(Op) | bit(op_mul), a);
    else if constexpr (kind == 1)
      return make_gen(a.e - tg::constants::ln2, no_guard{}, add(a.r, {-0.7, -0.69}), bit(Op) | bit(op_sub), a);
    else
      return make_gen(a.e / tg::constants::ln10, no_guard{}, scale(a.r, 1 / 2.3025), bit(Op) | bit(op_div), a);
  }
}

//! A random expression of depth D (a leaf at depth 0).
template <class T, std::uint64_t S, int D, int VL, int VH>
constexpr auto any() {
  if constexpr (D <= 0) return random_expr::leaf<T, S, VL, VH>();
  else return random_expr::node_of<T, S, D, VL, VH, pick(S, 0, drawable_ops)>();
}

// ---- the public entry -------------------------------------------------------------------------

constexpr int popcount(unsigned v) {
  int n = 0;
  for (; v != 0; v &= v - 1) ++n;
  return n;
}

//! The limits on a generated expression: at least 2 variables, at most max_nodes nodes
//! (counted as a tree).
inline constexpr int max_nodes = 18;

//! Expression number Index of the family Seed, over variables of type T: its root op is
//! drawn from the op table in turn (Index modulo the number of ops); its depth (2 to 4
//! below the root), its variables (2 to 6 of x1 .. x6) and everything else come from
//! the seed. Seeds that give fewer than 2 variables or too large a tree are skipped.
//! With Smooth, only expressions without kinks (no guard) are taken: for loops, whose
//! steps see values that the checks cannot keep away from a kink.
template <class T, int Index, std::uint64_t Seed, bool Smooth = false, int Try = 0>
constexpr auto make() {
  constexpr std::uint64_t s = mix(Seed, static_cast<std::uint64_t>(Index) * 131 + Try);
  constexpr int nv = 2 + pick(s, 100, 5);
  constexpr int depth = 2 + pick(s, 101, 2);
  constexpr auto g = random_expr::node_of<T, s, depth, 0, nv, Index % drawable_ops>();
  constexpr bool smooth = std::is_same_v<std::remove_cv_t<decltype(g.guard)>, no_guard>;
  if constexpr ((popcount(g.vars) >= 2 && g.nodes <= max_nodes && (smooth || !Smooth)) || Try >= 16)
    return g;
  else
    return random_expr::make<T, Index, Seed, Smooth, Try + 1>();
}

}  // namespace typegrad::test::random_expr
