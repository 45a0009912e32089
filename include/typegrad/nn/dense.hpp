// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// nn::dense<In, Out, Activation>: one fully connected layer, Activation(X·W + b)
// with W [In, Out] and b [Out]; nn::mlp<T, Layers...>: layers in sequence, with one
// weight and one bias variable per layer, named W0, b0, W1, b1, ... A network's
// forward pass is an ordinary typegrad expression, so its loss and gradient come
// from the same fused passes as every other expression:
//
//   using net = tg::nn::mlp<double, tg::nn::dense<2, 16, tg::nn::tanh>, tg::nn::dense<16, 1>>;
//   constexpr auto X = tg::input<"X", tg::matrix<double, 32, 2>>;
//   constexpr auto T = tg::input<"T", tg::matrix<double, 32, 1>>;
//   constexpr auto loss = tg::nn::mse(net::forward(X), T);
//   net::params_type p;  tg::nn::rng gen(1);  tg::nn::init::xavier_uniform(p, gen);
//   auto [l, g] = tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = x, T = t)), p.wrt());

#include <typegrad/core/concepts.hpp>
#include <typegrad/core/fixed_string.hpp>
#include <typegrad/core/leaf.hpp>
#include <typegrad/core/value_type.hpp>
#include <typegrad/nn/activation.hpp>
#include <typegrad/nn/parameters.hpp>
#include <typegrad/ops/arithmetic.hpp>
#include <typegrad/tensor/linalg.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

namespace typegrad::nn {

//! A fully connected layer: Activation(X·W + b), W [In, Out], b [Out], X [Batch, In].
//! The layer holds no values; nn::mlp gives it variables, or apply() takes any.
//! Rule: dX = dZ·Wᵀ, dW = Xᵀ·dZ, db = Σ_rows dZ with dZ the adjoint through Activation.
//! Example: `tg::nn::dense<2, 16, tg::nn::relu>::apply(X, W, b)`
template <std::size_t In, std::size_t Out, class Activation = identity>
struct dense {
  static_assert(In > 0 && Out > 0,
                "typegrad: nn::dense<In, Out, Activation>: In and Out must be positive");

  static constexpr std::size_t in = In;
  static constexpr std::size_t out = Out;
  using activation = Activation;
  template <class T>
  using weight_type = matrix<T, In, Out>;
  template <class T>
  using bias_type = vector<T, Out>;

  //! Activation(matmul(x, w) + b): the layer applied to any expressions of the right shapes.
  template <Expression X, Expression W, Expression B>
  static constexpr auto apply(const X& x, const W& w, const B& b) {
    return Activation::apply(typegrad::matmul(x, w) + b);
  }
};

namespace detail {

template <class L>
inline constexpr bool is_dense_v = false;
template <std::size_t In, std::size_t Out, class A>
inline constexpr bool is_dense_v<dense<In, Out, A>> = true;

// Shown in the diagnostic: `mlp_layer_output_must_match_next_input<0, 16, 8, false>` reads
// "layer 0 gives 16 outputs, layer 1 takes 8 inputs".
template <std::size_t Layer, std::size_t Outputs, std::size_t NextInputs, bool Ok>
struct mlp_layer_output_must_match_next_input {
  static constexpr bool value = Ok;
};

template <class L>
struct mlp_layer_must_be_dense {
  static constexpr bool value = is_dense_v<L>;
};

// Whether layer I's outputs feed layer I + 1; reported with both sizes.
template <class... L, std::size_t... I>
constexpr bool check_chain(std::index_sequence<I...>) {
  using layers = std::tuple<L...>;
  bool all = true;
  auto one = [&]<std::size_t K>() {
    constexpr std::size_t out = std::tuple_element_t<K, layers>::out;
    constexpr std::size_t next_in = std::tuple_element_t<K + 1, layers>::in;
    static_assert(mlp_layer_output_must_match_next_input<K, out, next_in, out == next_in>::value,
                  "typegrad: nn::mlp: a layer's Out must equal the next layer's In (the condition "
                  "shows the layer's index, its Out and the next layer's In)");
    all = all && out == next_in;
  };
  (one.template operator()<I>(), ...);
  (void)one;  // one layer: nothing to chain
  return all;
}

template <class T, class... L>
constexpr bool check_mlp() {
  static_assert(std::is_floating_point_v<T>,
                "typegrad: nn::mlp<T, Layers...>: T must be a floating type (double or float)");
  static_assert(sizeof...(L) >= 1, "typegrad: nn::mlp<T, Layers...>: give at least one layer");
  static_assert(
      (mlp_layer_must_be_dense<L>::value && ...),
      "typegrad: nn::mlp<T, Layers...>: every layer must be an nn::dense<In, Out, Activation>");
  if constexpr (sizeof...(L) >= 1 && (is_dense_v<L> && ...)) {
    const bool chained = check_chain<L...>(std::make_index_sequence<sizeof...(L) - 1>{});
    return std::is_floating_point_v<T> && chained;
  } else {
    return false;
  }
}

// The first layer's In (First) or the last layer's Out; 0 for a list check_mlp rejects.
template <bool First, class... L>
constexpr std::size_t end_size() {
  if constexpr (sizeof...(L) == 0 || !(is_dense_v<L> && ...)) {
    return 0;
  } else {
    using layers = std::tuple<L...>;
    if constexpr (First)
      return std::tuple_element_t<0, layers>::in;
    else
      return std::tuple_element_t<sizeof...(L) - 1, layers>::out;
  }
}

// "W" followed by the decimal digits of I, as a template-argument string: "W0", "b12".
template <char Prefix, std::size_t I>
constexpr auto indexed_name() {
  constexpr std::size_t digits = [] {
    std::size_t n = 1;
    for (std::size_t v = I; v >= 10; v /= 10)
      ++n;
    return n;
  }();
  char s[digits + 2]{};
  s[0] = Prefix;
  std::size_t v = I;
  for (std::size_t k = digits; k > 0; --k, v /= 10)
    s[k] = static_cast<char>('0' + v % 10);
  return fixed_string<digits + 2>(s);
}

template <class T, class Layer, std::size_t I>
using mlp_weight_var = var_t<indexed_name<'W', I>(), typename Layer::template weight_type<T>>;
template <class T, class Layer, std::size_t I>
using mlp_bias_var = var_t<indexed_name<'b', I>(), typename Layer::template bias_type<T>>;

// W0, b0, W1, b1, ... for layers that are all nn::dense; nothing otherwise (reported).
template <bool Dense, class T, class Layers, class Seq>
struct mlp_params {
  using type = parameter_set<>;
};
template <class T, class... L, std::size_t... I>
struct mlp_params<true, T, std::tuple<L...>, std::index_sequence<I...>> {
  template <std::size_t K>
  using layer = std::tuple_element_t<K, std::tuple<L...>>;
  using type = parameter_set<
      std::tuple_element_t<I % 2, std::tuple<mlp_weight_var<T, layer<I / 2>, I / 2>,
                                             mlp_bias_var<T, layer<I / 2>, I / 2>>>...>;
};

}  // namespace detail

//! A multilayer perceptron over scalar type T (double or float): Layers... (each an
//! nn::dense) applied in sequence. Layer I has the variables W<I> (`var<"WI", matrix<T,
//! In, Out>>`) and b<I> (`var<"bI", vector<T, Out>>`); params_type holds their values
//! in the order W0, b0, W1, b1, ... A layer's Out must equal the next layer's In (a
//! compile error names the layer and both sizes).
//! Example: `using net = nn::mlp<double, nn::dense<2, 16, nn::tanh>, nn::dense<16, 1>>;`
template <class T, class... Layers>
struct mlp {
 private:
  // Checked first, so that a mistake is reported before anything uses the layers; the
  // members below stay quiet for an invalid list.
  static constexpr bool valid = detail::check_mlp<T, Layers...>();
  static_assert(valid || true);
  using layers = std::tuple<Layers...>;

 public:
  using scalar_type = T;
  //! The number of layers.
  static constexpr std::size_t depth = sizeof...(Layers);

  //! Layer I's type (an nn::dense).
  template <std::size_t I>
  using layer = std::tuple_element_t<I, layers>;

  //! The types of layer I's weight and bias variables.
  template <std::size_t I>
  using weight_var = detail::mlp_weight_var<T, layer<I>, I>;
  template <std::size_t I>
  using bias_var = detail::mlp_bias_var<T, layer<I>, I>;

  //! Layer I's weight, `var<"WI", matrix<T, In, Out>>`, and bias, `var<"bI", vector<T, Out>>`.
  template <std::size_t I>
  static constexpr weight_var<I> W{};
  template <std::size_t I>
  static constexpr bias_var<I> b{};

  //! The values of all variables, in the order W0, b0, W1, b1, ...
  using params_type = typename detail::mlp_params<(detail::is_dense_v<Layers> && ...), T, layers,
                                                  std::make_index_sequence<2 * depth>>::type;

  //! Input and output sizes of the network.
  static constexpr std::size_t in = detail::end_size<true, Layers...>();
  static constexpr std::size_t out = detail::end_size<false, Layers...>();
  //! The number of variables (2 per layer) and of scalars in them.
  static constexpr std::size_t param_count = params_type::count;
  static constexpr std::size_t total_size = params_type::total_size;

  //! A batch of inputs and of outputs: [Batch, in] and [Batch, out].
  template <std::size_t Batch>
  using input_type = matrix<T, Batch, in>;
  template <std::size_t Batch>
  using output_type = matrix<T, Batch, out>;

  //! The network applied to x, an expression of shape [Batch, in] (a single sample is
  //! [1, in]): an expression of shape [Batch, out].
  //! Example: `tg::eval(net::forward(X), tg::join(p.bind(), tg::at(X = x)))`
  template <Expression X>
  static constexpr auto forward(const X& x) {
    if constexpr (valid) {
      return forward_from<0>(x);
    } else {  // reported; an expression of the output's shape keeps later errors away
      using S = typegrad::detail::shape_of_t<typegrad::detail::value_t<X>>;
      if constexpr (S::rank == 2)
        return input<"typegrad_mlp_layers_do_not_chain", matrix<T, S::dims[0], out>>;
      else
        return x;
    }
  }

  //! The gradient's targets: every weight and bias. `tg::grad(loss, p.bind(), net::wrt())`
  static constexpr auto wrt() noexcept { return params_type::wrt(); }

 private:
  template <std::size_t I, class H>
  static constexpr auto forward_from(const H& h) {
    if constexpr (I == depth)
      return h;
    else
      return forward_from<I + 1>(layer<I>::apply(h, W<I>, b<I>));
  }
};

}  // namespace typegrad::nn
