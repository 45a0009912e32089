// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Loops without unrolling. scan<N>(h, step, init) applies one step expression
// (the state h, per-step inputs) -> new state N times; N is a number in the type,
// so the step's type appears once and compile time does not grow with N.
//
// The forward pass runs a loop over the step's own fused forward pass and stores
// the states h_0 .. h_{N-1} in the node's slot (the only O(N) memory; with
// checkpoint<K>, every K-th state and K more in the reverse pass). The reverse pass
// runs the loop backwards: at step t it recomputes the step's values from h_t and
// sweeps them with the incoming adjoint of h_{t+1} -- the step's ordinary derivative
// rules, so scans work in every mode that the step's ops do (value_and_grad, jvp,
// Hessians; symbolic d is not supported).

#include <typegrad/config.hpp>
#include <typegrad/core/concepts.hpp>
#include <typegrad/core/dag.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/node.hpp>
#include <typegrad/core/operators.hpp>
#include <typegrad/core/real_type.hpp>
#include <typegrad/core/rule.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/diff/eval.hpp>
#include <typegrad/diff/reverse.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

namespace typegrad {

//! Storage of a scan's states for the reverse pass: every state (the default), or
//! every K-th one with the others recomputed in the reverse pass (memory N/K + K
//! states for one more forward evaluation of each step).
struct store_states {};
template <std::size_t K>
struct checkpoint {
  static_assert(K > 0, "typegrad: checkpoint<K>: K must be at least 1");
  static constexpr std::size_t every = K;
};

//! The step number t (0, 1, ..., N-1) as a number, inside a scan's step or a fold's term.
inline constexpr input_t<"tg::step", float> step_index{};

//! A per-step input of a scan: inside the step, leaf x is row t of xs (xs has N rows).
template <class Leaf, class Xs>
struct each_t {
  Xs xs;
};

namespace detail {

template <class Leaf, class Xs>
constexpr void check_each() {
  static_assert(is_var_v<Leaf> || is_input_v<Leaf>,
                "typegrad: each(x, xs): x must be a leaf (tg::input or tg::var) that the step reads");
}

// The stored step expression: a leaf of the outer expression, so the walk does not
// enter it (its leaves belong to the step).
template <class Step, bool Empty = std::is_empty_v<Step>>
struct scan_body {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr std::string_view name = "step";
  Step step{};
  constexpr const Step& get() const noexcept { return step; }
  template <class R>
  static constexpr unstored as() noexcept { return {}; }
};
template <class Step>
struct scan_body<Step, true> {
  static constexpr bool is_typegrad_expression = true;
  static constexpr bool is_leaf = true;
  static constexpr std::string_view name = "step";
  constexpr scan_body() = default;
  constexpr explicit scan_body(const Step&) noexcept {}
  constexpr Step get() const noexcept { return Step{}; }
  template <class R>
  static constexpr unstored as() noexcept { return {}; }
};

template <class Step, bool E>
struct leaf_real<scan_body<Step, E>> : expr_real<Step> {};
template <class Step, bool E, class V, class R>
struct slot_type<scan_body<Step, E>, V, R> {
  using type = unstored;
};

template <class S> struct drop_first;
template <std::size_t D0, std::size_t... D> struct drop_first<shape<D0, D...>> { using type = shape<D...>; };
template <class S> using drop_first_t = typename drop_first<S>::type;
template <std::size_t N, class S> struct prepend;
template <std::size_t N, std::size_t... D> struct prepend<N, shape<D...>> { using type = shape<N, D...>; };
template <std::size_t N, class S> using prepend_t = typename prepend<N, S>::type;

template <class T, class List>
struct index_in;
template <class T, class... L>
struct index_in<T, type_list<L...>> {
  static constexpr std::size_t value = detail::first_true({TYPEGRAD_IS_SAME(T, L)...});
};

// The leaves of a step that the scan does not bind itself: its operands.
template <class Order, class Bound>
struct free_leaves;
template <class... E, class Bound>
struct free_leaves<type_list<E...>, Bound> {
  template <class Acc, class... T>
  struct collect { using type = Acc; };
  template <class... Acc, class T, class... Rest>
  struct collect<type_list<Acc...>, T, Rest...>
      : collect<std::conditional_t<(is_var_v<T> || is_input_v<T>) && index_in<T, Bound>::value == Bound::size,
                                   type_list<Acc..., T>, type_list<Acc...>>,
                Rest...> {};
  using type = typename collect<type_list<>, typename E::node_type...>::type;
};

// Row t of per-step data xs: an element of a vector, a tensor of the remaining dims.
template <class Xs>
constexpr auto row_of(const Xs& xs, std::size_t t) {
  using S = shape_of_t<Xs>;
  if constexpr (S::rank == 1) {
    return xs[t];
  } else {
    using Row = tensor_of_t<scalar_of_t<Xs>, drop_first_t<S>>;
    Row r{};
    for (std::size_t i = 0; i < Row::size(); ++i) r[i] = xs[t * Row::size() + i];
    return r;
  }
}

template <class Xs, class Row>
constexpr void add_row(Xs& xs, std::size_t t, const Row& r) {
  if constexpr (shape_of_t<Xs>::rank == 1) {
    xs[t] += r;
  } else {
    for (std::size_t i = 0; i < Row::size(); ++i) xs[t * Row::size() + i] += r[i];
  }
}

template <class Xs, class Row>
constexpr void set_row(Xs& xs, std::size_t t, const Row& r) {
  if constexpr (shape_of_t<Xs>::rank == 1) {
    xs[t] = r;
  } else {
    for (std::size_t i = 0; i < Row::size(); ++i) xs[t * Row::size() + i] = r[i];
  }
}

// The initial state in the pass's number type: a plain number becomes a dual with
// zero tangent, a number fills a tensor state.
template <class S, class I>
constexpr S to_state(const I& init) {
  if constexpr (std::is_same_v<S, I>) {
    return init;
  } else if constexpr (is_tensor_v<S> && !is_tensor_v<I>) {
    S s{};
    for (auto& e : s) e = detail::to_state<scalar_of_t<S>>(init);
    return s;
  } else if constexpr (is_tensor_v<S>) {
    S s{};
    for (std::size_t i = 0; i < s.size(); ++i) s[i] = detail::to_state<scalar_of_t<S>>(init[i]);
    return s;
  } else if constexpr (is_dual_v<S>) {
    return S{detail::to_state<decltype(S{}.v)>(init), {}};
  } else {
    return static_cast<S>(init);
  }
}

template <class L, class U>
constexpr L as_leaf(const U& v) {
  if constexpr (is_ref_v<L>) return L{&v}; else return v;
}

// Leaf values inside step t: the state, row t of each per-step input, the step
// number, the scan's operands.
template <class V, class State, class XList, class FList, class S, class Rows, class Frees>
struct step_values {
  const S& h;
  const Rows& rows;
  const Frees& frees;
  std::size_t t;
  template <class Leaf>
  constexpr leaf_value_t<Leaf, V> load() const {
    using L = leaf_value_t<Leaf, V>;
    if constexpr (TYPEGRAD_IS_SAME(Leaf, State)) {
      return detail::as_leaf<L>(h);
    } else if constexpr (TYPEGRAD_IS_SAME(Leaf, std::remove_cvref_t<decltype(step_index)>)) {
      return detail::to_state<L>(static_cast<real_t<V>>(t));
    } else if constexpr (index_in<Leaf, XList>::value < XList::size) {
      return detail::as_leaf<L>(std::get<index_in<Leaf, XList>::value>(rows));
    } else {
      return detail::as_leaf<L>(*std::get<index_in<Leaf, FList>::value>(frees));
    }
  }
};

//! What a scan's slot holds: the step (it may hold runtime constants), the states
//! the reverse pass reads, and the value -- the final state, or with All every
//! state h_1 .. h_N as one tensor of N rows.
template <class V, class S, std::size_t N, std::size_t Every, bool All, bool History, class Step>
struct scan_record {
  using number = V;
  using state = S;
  using value_only = scan_record<V, S, N, Every, All, false, Step>;
  static constexpr std::size_t stored = History ? (N + Every - 1) / Every : 0;
  [[no_unique_address]] Step step{};
  std::array<S, stored> saved{};
  S last{};
  constexpr const S& node_value() const noexcept { return last; }
};
template <class V, class S, std::size_t N, std::size_t Every, bool History, class Step>
struct scan_record<V, S, N, Every, true, History, Step> {
  using number = V;
  using state = S;
  using states_type = tensor_of_t<scalar_of_t<S>, prepend_t<N, shape_of_t<S>>>;
  [[no_unique_address]] Step step{};
  S first{};
  states_type states{};
  constexpr const states_type& node_value() const noexcept { return states; }
};

template <class T> inline constexpr bool is_null_target_v = std::is_same_v<std::remove_cvref_t<T>, std::nullptr_t>;

template <class Acc, class Leaves, class Targets>
struct chosen_targets;
template <class... Acc>
struct chosen_targets<wrt_t<Acc...>, type_list<>, type_list<>> {
  using type = wrt_t<Acc...>;
};
template <class... Acc, class L, class... Ls, class T, class... Ts>
struct chosen_targets<wrt_t<Acc...>, type_list<L, Ls...>, type_list<T, Ts...>>
    : chosen_targets<std::conditional_t<is_null_target_v<T>, wrt_t<Acc...>, wrt_t<Acc..., L>>, type_list<Ls...>,
                     type_list<Ts...>> {};

template <std::size_t N, class Storage, bool All, class Step, class State, class XList, class FList>
struct scan_op;

template <std::size_t N, class Storage, bool All, class Step, class State, class... X, class... F>
struct scan_op<N, Storage, All, Step, State, type_list<X...>, type_list<F...>> {
  static constexpr bool runs_own_passes = true;
  static constexpr std::string_view name = All ? "trajectory" : "scan";
  static constexpr notation form = notation::function;
  static constexpr std::size_t steps = N;
  static constexpr std::size_t every = [] {
    if constexpr (requires { Storage::every; }) return Storage::every; else return std::size_t{1};
  }();

  //! How to_string writes it: `scan<N>(h -> step, init, x in xs)`.
  template <class Texts>
  static auto describe(const Texts& t) {
    auto text = std::string(name) + "<" + std::to_string(N) + ">(" + std::string(State::name) + " -> " + t[0] +
                ", " + t[1];
    std::size_t i = 2;
    ((text += ", " + std::string(X::name) + " in " + t[i++]), ...);
    return text + ")";
  }

  template <class V>
  using state_t = deref_t<leaf_value_t<State, V>>;
  template <class V, class R>
  using record = scan_record<V, state_t<V>, N, All ? 1 : every, All, true, Step>;

  template <class V>
  using plan = forward_plan<Step, V>;
  template <class V>
  using fused = typename fusion_of<typename plan<V>::values, typename plan<V>::order>::type;

  template <class Xs>
  static constexpr auto rows_at(const Xs& xs, std::size_t t) {
    return std::apply([&](const auto&... x) { return std::tuple{detail::row_of(x, t)...}; }, xs);
  }

  // One step: the step's values from state h and per-step rows in ws (under fusion
  // plan Fu). ws may refer to h and rows until they are gone.
  template <class V, class Fu, class WS, class S, class Rows, class Fr>
  static constexpr void run_step(WS& ws, const Step& step, const S& h, std::size_t t, const Rows& rows,
                                 const Fr& frees) {
    const step_values<V, State, type_list<X...>, type_list<F...>, S, Rows, Fr> load{h, rows, frees, t};
    detail::forward_pass<typename plan<V>::R, Fu>(typename plan<V>::order{},
                                                  std::make_index_sequence<plan<V>::size>{}, ws, step, load);
  }

  template <class Node, class Rec, class Init, class... A>
  static constexpr void forward(const Node& n, Rec& rec, const unstored&, const Init& init, const A&... a) {
    using V = typename Rec::number;
    using S = typename Rec::state;
    rec.step = n.template child<0>().get();
    const auto args = std::forward_as_tuple(a...);
    const auto xs = tuple_part<0, sizeof...(X)>(args);
    const auto frees = pointers(tuple_part<sizeof...(X), sizeof...(F)>(args));
    typename fused<V>::values ws{};
    S h = detail::to_state<S>(init);
    if constexpr (All) rec.first = h;
    for (std::size_t t = 0; t < N; ++t) {
      if constexpr (!All) {
        if constexpr (Rec::stored > 0)
          if (t % every == 0) rec.saved[t / every] = h;
      }
      const auto rows = rows_at(xs, t);
      run_step<V, fused<V>>(ws, rec.step, h, t, rows, frees);
      h = detail::deref(get<plan<V>::size - 1>(ws));
      if constexpr (All) detail::set_row(rec.states, t, h);
    }
    if constexpr (!All) rec.last = h;
  }

  template <class Rec, class G, class... A>
  static constexpr void backward(const Rec& rec, const G& g, const A&... a) {
    using V = typename Rec::number;
    using S = typename Rec::state;
    using P = plan<V>;
    constexpr std::size_t m = 2 + sizeof...(X) + sizeof...(F);
    const auto args = std::forward_as_tuple(a...);
    const auto targets = tuple_part<0, m>(args);
    const auto xs = tuple_part<m + 2, sizeof...(X)>(args);
    const auto frees = pointers(tuple_part<m + 2 + sizeof...(X), sizeof...(F)>(args));
    const auto x_targets = tuple_part<2, sizeof...(X)>(targets);
    const auto f_targets = tuple_part<2 + sizeof...(X), sizeof...(F)>(targets);
    // The step's leaves that need adjoints: the state, and each leaf whose outer
    // operand leads to a target.
    using inner = typename chosen_targets<
        wrt_t<>, type_list<State, X..., F...>,
        type_list<S*, std::remove_cvref_t<decltype(std::get<2 + index_of_leaf<X>()>(targets))>...,
                  std::remove_cvref_t<decltype(std::get<2 + sizeof...(X) + index_of_f<F>()>(targets))>...>>::type;
    constexpr std::size_t state_slot = find_key_in<State, typename P::order>::value;

    typename P::values val{};
    typename adjoint_slots<typename P::values>::type adj{};
    S gh{};
    if constexpr (!All) gh = g;
    // Step t from state h, adjoint gh of h_{t+1}: adds into the operands' adjoints,
    // leaves the adjoint of h_t in gh.
    auto back = [&](std::size_t t, const S& h) {
      if constexpr (All) gh += detail::row_of(g, t);
      const auto rows = rows_at(xs, t);
      run_step<V, void>(val, rec.step, h, t, rows, frees);
      get<P::size - 1>(adj) = gh;
      [&]<class... T>(wrt_t<T...>) {
        detail::reverse_sweep<typename P::R, T...>(typename P::order{}, std::make_index_sequence<P::size>{}, val,
                                                   adj);
      }(inner{});
      add_adjoints<P>(adj, t, x_targets, f_targets, std::index_sequence_for<X...>{},
                      std::index_sequence_for<F...>{});
      if constexpr (state_slot < P::size) gh = get<state_slot>(adj); else gh = S{};
    };
    if constexpr (All) {
      for (std::size_t t = N; t-- > 1;) back(t, detail::row_of(rec.states, t - 1));
      back(0, rec.first);
    } else if constexpr (every == 1) {
      for (std::size_t t = N; t-- > 0;) back(t, rec.saved[t]);
    } else {
      // Segment by segment from the last: recompute its states from the checkpoint.
      std::array<S, every> seg{};
      typename fused<V>::values ws{};
      for (std::size_t s = Rec::stored; s-- > 0;) {
        const std::size_t t0 = s * every;
        const std::size_t len = N - t0 < every ? N - t0 : every;
        seg[0] = rec.saved[s];
        for (std::size_t i = 1; i < len; ++i) {
          const auto rows = rows_at(xs, t0 + i - 1);
          run_step<V, fused<V>>(ws, rec.step, seg[i - 1], t0 + i - 1, rows, frees);
          seg[i] = detail::deref(get<P::size - 1>(ws));
        }
        for (std::size_t i = len; i-- > 0;) back(t0 + i, seg[i]);
      }
    }
    if constexpr (!is_null_target_v<decltype(std::get<1>(targets))>) *std::get<1>(targets) += gh;
  }

 private:
  template <std::size_t From, std::size_t Count, class Tuple>
  static constexpr auto tuple_part(const Tuple& t) {
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return std::tuple<std::tuple_element_t<From + I, Tuple>...>(std::get<From + I>(t)...);
    }(std::make_index_sequence<Count>{});
  }
  template <class... T>
  static constexpr auto pointers(const std::tuple<T...>& t) {
    return std::apply([](const auto&... v) { return std::tuple{&v...}; }, t);
  }
  template <class L>
  static constexpr std::size_t index_of_leaf() { return index_in<L, type_list<X...>>::value; }
  template <class L>
  static constexpr std::size_t index_of_f() { return index_in<L, type_list<F...>>::value; }

  template <class P, class Adj, class XT, class FT, std::size_t... I, std::size_t... J>
  static constexpr void add_adjoints(const Adj& adj, std::size_t t, const XT& xt, const FT& ft,
                                     std::index_sequence<I...>, std::index_sequence<J...>) {
    auto one_x = [&]<std::size_t K>() {
      using L = std::tuple_element_t<K, std::tuple<X...>>;
      constexpr std::size_t slot = find_key_in<L, typename P::order>::value;
      if constexpr (!is_null_target_v<std::tuple_element_t<K, XT>> && slot < P::size)
        detail::add_row(*std::get<K>(xt), t, get<slot>(adj));
    };
    auto one_f = [&]<std::size_t K>() {
      using L = std::tuple_element_t<K, std::tuple<F...>>;
      constexpr std::size_t slot = find_key_in<L, typename P::order>::value;
      if constexpr (!is_null_target_v<std::tuple_element_t<K, FT>>) *std::get<K>(ft) += get<slot>(adj);
    };
    (one_x.template operator()<I>(), ...);
    (one_f.template operator()<J>(), ...);
    (void)one_x, (void)one_f;
  }
};

template <class Op, class Step, class State, class Init, class... XLeaf, class... Xs, class... F>
constexpr auto make_scan(const Step& step, const Init& init, type_list<F...>, const each_t<XLeaf, Xs>&... each) {
  return make_node<Op>(scan_body<Step>{step}, init, each.xs..., F{}...);
}

template <std::size_t N, class Xs, class XLeaf>
constexpr bool rows_fit() {
  using S = shape_of_t<value_t<Xs>>;
  if constexpr (S::rank == 0) return false;
  else return S::dims[0] == N && std::is_same_v<drop_first_t<S>, shape_of_t<typename XLeaf::value_type>>;
}

template <std::size_t N, class Storage, bool All, class State, class Step, class Init, class... XLeaf, class... Xs>
constexpr auto scan_impl(const Step& step, const Init& init, const each_t<XLeaf, Xs>&... each) {
  static_assert(N > 0, "typegrad: scan<N>: N must be at least 1");
  constexpr bool state_ok = is_var_v<State>;
  static_assert(state_ok, "typegrad: scan<N>(h, step, init): the state h must be a variable, e.g. tg::var<\"h\">");
  (detail::check_each<XLeaf, Xs>(), ...);
  using T = typename State::value_type;
  constexpr bool step_ok = std::is_same_v<shape_of_t<value_t<Step>>, shape_of_t<T>>;
  static_assert(step_ok, "typegrad: scan<N>(h, step, init): the step must give a value of the state's shape");
  constexpr bool init_ok =
      std::is_same_v<shape_of_t<value_t<Init>>, shape_of_t<T>> || shape_of_t<value_t<Init>>::rank == 0;
  static_assert(init_ok, "typegrad: scan<N>(h, step, init): init must have the state's shape (or be a number)");
  constexpr bool each_ok = (rows_fit<N, Xs, XLeaf>() && ...);
  static_assert(each_ok, "typegrad: each(x, xs): xs must have N rows (its first dimension), each of x's shape");
  if constexpr (!(state_ok && step_ok && init_ok && each_ok)) {
    // Reported above; a scan that does nothing keeps the error to one message.
    constexpr var_t<"tg::state", T> same{};
    using Op = scan_op<N, Storage, All, var_t<"tg::state", T>, var_t<"tg::state", T>, type_list<>, type_list<>>;
    return make_node<Op>(scan_body<var_t<"tg::state", T>>{same}, c<0>);
  } else {
    using frees = typename free_leaves<topo_order<Step>,
                                       type_list<State, XLeaf..., std::remove_cvref_t<decltype(step_index)>>>::type;
    using Op = scan_op<N, Storage, All, Step, State, type_list<XLeaf...>, frees>;
    return detail::make_scan<Op, Step, State>(step, init, frees{}, each...);
  }
}

}  // namespace detail

//! Per-step data of a scan or fold: inside the step, x is row t of xs (xs has N rows;
//! a vector's rows are numbers). Example: `tg::each(y, ys)`.
template <Expression Leaf, Expression Xs>
constexpr each_t<Leaf, Xs> each(const Leaf&, const Xs& xs) {
  return {xs};
}

//! The final state h_N of h_{t+1} = step(h_t, per-step inputs), h_0 = init; N fixed at
//! compile time, the step's type stored once. The state h is a variable of the step
//! only; every other leaf of the step is an operand of the scan (its gradient sums
//! over the steps). Storage: store_states (default) or checkpoint<K>.
//! Example: `tg::scan<2000>(h, a*h + b, 1.0)` (h_{t+1} = a h_t + b, h_0 = 1)
template <std::size_t N, class Storage = store_states, Expression State, Expression Step, class Init, class... Each>
constexpr auto scan(const State&, const Step& step, const Init& init, const Each&... each) {
  return detail::scan_impl<N, Storage, false, State>(step, detail::as_operand<Step>(init), each...);
}

//! Every state h_1 .. h_N of the same recursion, as a tensor of N rows (a vector for a
//! number state): a trajectory to compare with observations.
template <std::size_t N, Expression State, Expression Step, class Init, class... Each>
constexpr auto trajectory(const State&, const Step& step, const Init& init, const Each&... each) {
  return detail::scan_impl<N, store_states, true, State>(step, detail::as_operand<Step>(init), each...);
}

//! How fold combines its terms.
struct sum_fold {};
struct product_fold {};

//! The sum (or product, with product_fold) of a term over steps t = 0 .. N-1, the term
//! reading per-step data through each(...) and the step number through step_index;
//! a loop, not N copies of the term.
//! Example: `tg::fold<1000>(tg::log(s) + (y - m) * (y - m) / (2*s*s), tg::each(y, ys))`
template <std::size_t N, class Kind = sum_fold, class Storage = store_states, Expression Term, class... Each>
constexpr auto fold(const Term& term, const Each&... each) {
  using T = detail::value_t<Term>;
  constexpr var_t<"tg::fold", T> acc{};
  if constexpr (std::is_same_v<Kind, product_fold>)
    return detail::scan_impl<N, Storage, false, var_t<"tg::fold", T>>(acc * term, c<1>, each...);
  else
    return detail::scan_impl<N, Storage, false, var_t<"tg::fold", T>>(acc + term, c<0>, each...);
}

}  // namespace typegrad
