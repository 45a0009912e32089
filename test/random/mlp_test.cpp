// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random multilayer perceptrons: nn::mlp of 1 to 3 dense layers of random sizes and
// activations, a random batch size and loss (mse, cross-entropy, binary cross-entropy,
// Huber), parameters and data from a seed. The gradient of every weight and bias against
// central differences (tg::check_gradient) and forward mode against reverse mode.
//
// relu and leaky_relu have a kink at 0; in double, check_gradient's step (~6e-6 of the
// value) almost never crosses one (a pre-activation within 1e-5 of 0). In float the step
// is ~5e-3, so float networks use the smooth activations only.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>
#include <type_traits>

#include "support/random_expr.hpp"
#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace nn = typegrad::nn;
namespace fd = typegrad::test::fd;
using typegrad::test::random_expr::mix;
using typegrad::test::random_expr::pick;

constexpr std::uint64_t family = 2026;

using smooth = std::tuple<nn::identity, nn::tanh, nn::sigmoid, nn::gelu>;
using all = std::tuple<nn::identity, nn::tanh, nn::sigmoid, nn::gelu, nn::relu, nn::leaky_relu>;

template <class T, std::uint64_t S, std::uint64_t K>
using activation = std::conditional_t<std::is_same_v<T, float>,
                                      std::tuple_element_t<pick(S, K, 4), smooth>,
                                      std::tuple_element_t<pick(S, K, 6), all>>;

// Network number Index: its layer sizes, activations and batch size from the seed.
template <class T, int Index>
struct network {
  static constexpr std::uint64_t s = mix(family, 5000 + static_cast<std::uint64_t>(Index));
  static constexpr std::size_t in = 1 + static_cast<std::size_t>(pick(s, 1, 4));
  static constexpr std::size_t h1 = 2 + static_cast<std::size_t>(pick(s, 2, 4));
  static constexpr std::size_t h2 = 2 + static_cast<std::size_t>(pick(s, 3, 3));
  static constexpr std::size_t out = 1 + static_cast<std::size_t>(pick(s, 4, 3));
  static constexpr std::size_t batch = 1 + static_cast<std::size_t>(pick(s, 5, 4));
  static constexpr int layers = 1 + pick(s, 6, 3);
  using type = std::conditional_t<
      layers == 1, nn::mlp<T, nn::dense<in, out, activation<T, s, 7>>>,
      std::conditional_t<layers == 2,
                         nn::mlp<T, nn::dense<in, h1, activation<T, s, 7>>, nn::dense<h1, out, activation<T, s, 8>>>,
                         nn::mlp<T, nn::dense<in, h1, activation<T, s, 7>>, nn::dense<h1, h2, activation<T, s, 8>>,
                                 nn::dense<h2, out, activation<T, s, 9>>>>>;
  // The loss goes round with Index: mse, cross-entropy (out >= 2), binary cross-entropy
  // with logits, Huber.
  static constexpr int loss_kind = Index % 4 == 1 && out < 2 ? 0 : Index % 4;
};

template <class T, int Index>
void check_network() {
  using N = network<T, Index>;
  using net = typename N::type;
  constexpr auto X = tg::input<"X", typename net::template input_type<N::batch>>;
  constexpr auto Y = tg::input<"T", typename net::template output_type<N::batch>>;
  constexpr auto y = tg::input<"y", tg::vector<int, N::batch>>;
  const auto loss = [&] {
    if constexpr (N::loss_kind == 0) return nn::mse(net::forward(X), Y);
    else if constexpr (N::loss_kind == 1) return nn::cross_entropy(net::forward(X), y);
    else if constexpr (N::loss_kind == 2) return nn::binary_cross_entropy_with_logits(net::forward(X), Y);
    else return nn::huber(net::forward(X), Y);
  }();
  typename net::params_type p;
  nn::rng gen(N::s);
  nn::init::uniform(p, gen, -1, 1);
  const auto x = fd::uniform<typename net::template input_type<N::batch>>(N::s + 1);
  auto t = fd::uniform<typename net::template output_type<N::batch>>(N::s + 2);
  if constexpr (N::loss_kind == 2)
    for (std::size_t k = 0; k < t.size(); ++k) t[k] = (t[k] + 2) / 4;  // targets in [0, 1]
  tg::vector<int, N::batch> labels{};
  for (std::size_t k = 0; k < N::batch; ++k) labels[k] = static_cast<int>((N::s >> k) % net::out);
  constexpr const char* losses[] = {"mse", "cross_entropy", "binary_cross_entropy_with_logits", "huber"};
  std::string name = "random mlp " + std::to_string(Index) + " (" + std::to_string(net::in);
  [&]<std::size_t... L>(std::index_sequence<L...>) {
    ((name += "-" + std::to_string(net::template layer<L>::out) + " " +
              std::string(net::template layer<L>::activation::name)),
     ...);
  }(std::make_index_sequence<net::depth>{});
  name += ", batch " + std::to_string(N::batch) + ", " + losses[N::loss_kind] + ")";
  MESSAGE(name);
  INFO(name, ": ", tg::to_string(loss));
  fd::check_fd<T>(name, loss, tg::join(p.bind(), tg::at(X = x, Y = t, y = labels)));
}

template <class T, int... I>
int check_all(std::integer_sequence<int, I...>) {
  (check_network<T, I>(), ...);
  return static_cast<int>(sizeof...(I));
}

}  // namespace

TEST_CASE("random mlp shapes against central differences in double") {
  const int networks = check_all<double>(std::make_integer_sequence<int, 8>{});
  CHECK(networks == 8);
  MESSAGE(networks, " random networks in double");
}

TEST_CASE("random mlp shapes against central differences in float") {
  const int networks = check_all<float>(std::make_integer_sequence<int, 4>{});
  CHECK(networks == 4);
  MESSAGE(networks, " random networks in float");
}
