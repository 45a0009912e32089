// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/core/dag.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

// The DAG walk: distinct nodes in topological order. A stateless sub-expression
// is one node however often it occurs (computed once, one adjoint); a stateful
// one is one node per position unless a let names it.

namespace {

namespace tg = typegrad;
namespace td = tg::detail;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
using x_t = std::remove_cvref_t<decltype(x)>;
using y_t = std::remove_cvref_t<decltype(y)>;

#define BOTH(...)             \
  static_assert(__VA_ARGS__); \
  CHECK(__VA_ARGS__)

template <class E>
inline constexpr std::size_t distinct_nodes = td::topo_order<std::remove_cvref_t<E>>::size;

template <class List>
struct node_types;
template <class... En>
struct node_types<td::type_list<En...>> {
  using type = td::type_list<typename En::node_type...>;
};
template <class E>
using node_types_of = typename node_types<td::topo_order<std::remove_cvref_t<E>>>::type;

// Every entry's children come before it, and the root is last.
template <class E, class... En>
constexpr bool is_topological(td::type_list<En...>) {
  std::size_t i = 0;
  bool ok = true;
  auto one = [&]<class Entry>() {
    [&]<std::size_t... C>(std::index_sequence<C...>) {
      ((ok = ok && C < i), ...);
    }
    (typename Entry::children{});
    ++i;
  };
  (one.template operator()<En>(), ...);
  using last = typename std::tuple_element_t<sizeof...(En) - 1, std::tuple<En...>>::node_type;
  return ok && std::is_same_v<last, E>;
}
template <class E>
constexpr bool topological(const E&) {
  return ::is_topological<E>(td::topo_order<E>{});
}

// ---- order and identity --------------------------------------------------------------------
static_assert(distinct_nodes<decltype(x)> == 1);
static_assert(distinct_nodes<decltype(x * y)> == 3);
static_assert(distinct_nodes<decltype(x * x)> == 2, "x occurs twice: one node");
static_assert(
    std::is_same_v<node_types_of<decltype(x * x + x)>,
                   td::type_list<x_t, tg::node<tg::mul_op, x_t, x_t>, decltype(x * x + x)>>);
static_assert(std::is_same_v<node_types_of<decltype(x * y + y * x)>,
                             td::type_list<x_t, y_t, decltype(x * y), decltype(y * x),
                                           decltype(x * y + y * x)>>,
              "post-order, children first, each distinct node once");
static_assert(distinct_nodes<decltype((x * y) * (x * y))> == 4,
              "stateless: equal types are one node");
static_assert(distinct_nodes<decltype(tg::c<2> * x + tg::c<2> * y)> == 6);
static_assert(topological(x * y + y * x) && topological((x * y) * (x * y) - x / (y + tg::c<1>)));
static_assert(topological(2.0 * x * (x + 1.0) - 3.0));

// Stateful nodes (holding run-time constants) are identified by position.
static_assert(distinct_nodes<decltype((x + 1.0) * (x + 1.0))> == 6);  // x, 1, x+1, 1, x+1, root
static_assert(distinct_nodes<decltype(2.0 * x)> == 3);

// ---- shared sub-expressions ----------------------------------------------------------------
constexpr auto h = x * x + tg::c<3>;  // stateless
static_assert(std::is_empty_v<decltype(h)>);
static_assert(distinct_nodes<decltype(h * h + h)> == 6);  // x, x*x, 3, h, h*h, root
static_assert(distinct_nodes<decltype(h * h * h * h + h * h)> == 8);
static_assert(distinct_nodes<decltype((h * h + h) * (h * h + h))> == 7);

// ---- reaches / contains --------------------------------------------------------------------
static_assert(td::reaches<decltype(x * y + x), y_t>::value);
static_assert(!td::reaches<decltype(x * x + x), y_t>::value);
static_assert(td::contains<decltype(x * (y + 1.0)), y_t>::value);
static_assert(td::reaches_any<decltype(x + 1.0), y_t, x_t>);

// An op that counts its evaluations (run time only): how often a node is computed.
int evaluations = 0;
struct counted_op {
  [[maybe_unused]] static constexpr std::string_view name = "counted";
  [[maybe_unused]] static constexpr tg::notation form = tg::notation::function;
  template <class A>
  static A value(const A& a) {
    ++evaluations;
    return a;
  }
  static constexpr auto partials() { return tg::rule(tg::c<1>); }
};
template <tg::Expression E>
constexpr auto counted(const E& e) {
  return tg::make_node<counted_op>(e);
}

TEST_CASE("dag: a stateless sub-expression used many times is computed once") {
  const auto hc = counted(x * x + tg::c<3>);  // stateless
  static_assert(std::is_empty_v<decltype(hc)>);
  const auto e = hc * hc + hc;
  static_assert(distinct_nodes<decltype(e)> == 7);
  evaluations = 0;
  CHECK(tg::eval(e, tg::at(x = 1.0)) == 20.0);
  CHECK(evaluations == 1);
  evaluations = 0;
  auto [v, g] = tg::value_and_grad(e, tg::at(x = 1.0));
  CHECK(evaluations == 1);
  CHECK(v == 20.0);
  CHECK(g[x] == (2 * 4.0 + 1.0) * 2.0);  // (2h + 1) * 2x, one adjoint for h
  evaluations = 0;
  CHECK(tg::jvp(e, tg::at(x = 1.0), tg::along(x = 1.0)).tangent == 18.0);
  CHECK(evaluations == 1);
}

TEST_CASE("dag: a stateful sub-expression is one node per position unless named by let") {
  const auto hs = counted(x * x + 3.0);  // holds a run-time constant
  const auto e = hs * hs + hs;
  evaluations = 0;
  CHECK(tg::eval(e, tg::at(x = 1.0)) == 20.0);
  CHECK(evaluations == 3);

  const auto hl = tg::let<"h">(counted(x * x + 3.0));
  const auto el = hl * hl + hl;
  static_assert(distinct_nodes<decltype(el)> == 8);  // x, x*x, 3, +, counted, let, h*h, root
  evaluations = 0;
  CHECK(tg::eval(el, tg::at(x = 1.0)) == 20.0);
  CHECK(evaluations == 1);
  evaluations = 0;
  const auto g = tg::grad(el, tg::at(x = 1.0), tg::wrt(x, hl));
  CHECK(evaluations == 1);
  CHECK(g[x] == 18.0);
  CHECK(g[hl] == 9.0);
}

// A chain a = a*a of `depth` levels, built by template recursion from x.
// Clang 14 computes the associated classes of argument-dependent lookup by walking
// the template arguments of a class template specialization without remembering
// what it has seen, so every unqualified call on this DAG-shaped type (each
// operator written as `e * e`) costs 2^depth there; GCC is linear. The library's
// own calls are qualified; the chain spells the operator as a qualified call so
// that both compilers build the 60-level chain (README, "Deep chains on Clang").
template <int N, class E>
constexpr auto square_chain(const E& e) {
  if constexpr (N == 0)
    return e;
  else
    return ::square_chain<N - 1>(tg::operator*(e, e));
}
// UBSan's type descriptors spell each type's full name, which for this DAG is
// 2^depth characters long: the sanitizer build (CMakePresets.json) uses depth 16.
#ifdef TYPEGRAD_TEST_SANITIZED
inline constexpr int depth = 16;
#else
inline constexpr int depth = 60;
#endif
constexpr auto chain = square_chain<depth>(x);  // x^(2^depth)
constexpr double two_to_depth = static_cast<double>(std::uint64_t{1} << depth);

static_assert(sizeof(chain) == 1, "stateless: 2^depth multiplications in an empty object");
static_assert(distinct_nodes<decltype(chain)> == depth + 1);
static_assert(::topological(chain));

TEST_CASE("dag: a repeated-squaring chain has one node per level") {
  BOTH(tg::grad(chain, tg::at(x = 1.0))[x] == two_to_depth);
  BOTH(tg::grad(chain, tg::at(x = -1.0))[x] == -two_to_depth);
  BOTH(tg::eval(chain, tg::at(x = -1.0)) == 1.0);
  BOTH(tg::jvp(chain, tg::at(x = 1.0), tg::along(x = 1.0)).tangent == two_to_depth);
  double x0 = 1.0000001;
  const double r = tg::eval(chain, tg::at(x = x0));
  const double p = std::pow(x0, two_to_depth);
  CAPTURE(r);
  CAPTURE(p);
  // Each squaring doubles the relative error it inherits: 2^depth roundings at most.
  CHECK((r == p
         || std::fabs(r - p) <= 4 * two_to_depth * std::numeric_limits<double>::epsilon() * p));
}

}  // namespace
