// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random loops (ops/scan.hpp): a random smooth scalar expression (random_expr::make, without
// kinks: the checks cannot keep a loop's states away from one) as the step of tg::scan and
// tg::trajectory, or as the term of tg::fold, its state or per-step input being x1 and its
// other variables the loop's operands. Reverse mode against forward mode, the Hessian block
// (scan and trajectory) against its symmetric entries, and both against central differences
// (loops have no symbolic derivative), as for the scalar expressions (support/differential.hpp).

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <typeinfo>

#include "support/differential.hpp"

namespace {

namespace tg = typegrad;
namespace df = typegrad::test::differential;
namespace rx = typegrad::test::random_expr;

constexpr std::uint64_t family = 4242;
constexpr std::size_t steps = 5;

// Root ops without a kink, so that a smooth expression is found among the tries.
constexpr int smooth_roots[] = {rx::op_add,  rx::op_mul,     rx::op_exp,   rx::op_sin,  rx::op_tanh, rx::op_sigmoid,
                                rx::op_let,  rx::op_shared,  rx::op_atan,  rx::op_div,  rx::op_erf,  rx::op_softplus};

// The per-step data of fold: fixed numbers.
constexpr auto xs = tg::input<"xs", tg::vector<double, steps>>;
const tg::vector<double, steps> xs_values{0.5, -1.25, 2, 0.75, -0.5};

template <int Index>
struct loop {
  static constexpr int root = smooth_roots[Index % std::size(smooth_roots)];
  static constexpr auto g = rx::make<double, root + rx::drawable_ops * (Index / 12 + 1), family, true>();
  static_assert(std::is_same_v<std::remove_cv_t<decltype(g.guard)>, rx::no_guard>, "a smooth step");
  static constexpr auto x1 = tg::var<"x1">;
  static constexpr auto x2 = tg::var<"x2">;
  static constexpr int kind = Index % 3;
  // h_{t+1} = tanh(step(h_t, x2, ...)): bounded states, so the gradient stays moderate.
  static constexpr auto f = [] {
    if constexpr (kind == 0)
      return tg::scan<steps>(x1, tg::tanh(g.e), x2 * tg::c<1, 2>);
    else if constexpr (kind == 1)
      return tg::sum(tg::trajectory<steps>(x1, tg::sin(g.e), tg::c<1, 4>)) * x2;
    else
      return tg::fold<steps>(tg::tanh(g.e), tg::each(x1, xs));
  }();
  using F = std::remove_const_t<decltype(f)>;
  using Vars = tg::detail::variables_of<F>;
  static constexpr std::size_t n = df::count<Vars>::value;
  static_assert(n >= 1, "the loop has operands");
  static constexpr std::size_t k = static_cast<std::size_t>(Index) % n, m = (k + 1) % n;
  // fold reads xs, bound beside the variables.
  struct inputs {
    static auto bindings() { return tg::at(xs = xs_values); }
  };
  // (hessian() of an expression with a tensor input does not compile (reported), so fold,
  // whose per-step data is one, goes without the Hessian block.)
  using P = df::passes<double, F, k, m, kind != 2, Vars, false, inputs>;

  static df::point_result at_point(const df::coordinates& x, double h, std::uint64_t& rng) {
    typename P::point p{};
    for (std::size_t i = 0; i < n; ++i) p[i] = x[i];
    return P::at_point(f, p, h, rng);
  }
};

template <int Index>
void check_loop(int& count) {
  using L = loop<Index>;
  const df::expression_info info{"double loop", Index, family, L::g.ops, L::n, typeid(typename L::F).name()};
  INFO(tg::to_string(L::f));
  // Five steps of a random step compound its curvature: a smaller difference step than the
  // scalar tests' 2^-10 keeps the truncation error of the central differences down.
  df::run_expression(info, &L::at_point, nullptr, df::default_tolerance<double>(), 0x1.0p-13);
  ++count;
}

template <int... I>
int check_loops(std::integer_sequence<int, I...>) {
  int count = 0;
  (check_loop<I>(count), ...);
  return count;
}

}  // namespace

TEST_CASE("random loops scan trajectory and fold against central differences") {
  const int loops = check_loops(std::make_integer_sequence<int, 12>{});
  CHECK(loops == 12);
  MESSAGE(loops, " random loop expression types (scan, trajectory, fold), ", steps, " steps each");
}
