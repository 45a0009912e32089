// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/nn/activation.hpp>
#include <typegrad/nn/dense.hpp>
#include <typegrad/nn/init.hpp>
#include <typegrad/nn/loss.hpp>
#include <typegrad/nn/random.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

// nn::dense and nn::mlp: the variables an MLP declares, its forward pass against plain
// loops, its gradient against finite differences and (one hidden layer) against the hand
// derivation, frozen and shared parameters, and the activations.

namespace {

namespace tg = typegrad;
namespace nn = tg::nn;

using net =
    nn::mlp<double, nn::dense<2, 16, nn::tanh>, nn::dense<16, 16, nn::tanh>, nn::dense<16, 1>>;
constexpr std::size_t batch = 8;
constexpr auto X = tg::input<"X", net::input_type<batch>>;
constexpr auto T = tg::input<"T", net::output_type<batch>>;
constexpr auto loss = nn::mse(net::forward(X), T);

// ---- what an mlp declares ----------------------------------------------------------------------

static_assert(net::depth == 3 && net::in == 2 && net::out == 1);
static_assert(std::is_same_v<net::layer<1>, nn::dense<16, 16, nn::tanh>>);
static_assert(std::is_same_v<net::layer<2>::activation, nn::identity>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(net::W<0>)>,
                             tg::var_t<"W0", tg::matrix<double, 2, 16>>>);
static_assert(std::is_same_v<std::remove_cvref_t<decltype(net::b<2>)>,
                             tg::var_t<"b2", tg::vector<double, 1>>>);
static_assert(
    std::is_same_v<net::params_type,
                   nn::parameters<decltype(net::W<0>), decltype(net::b<0>), decltype(net::W<1>),
                                  decltype(net::b<1>), decltype(net::W<2>), decltype(net::b<2>)>>);
// 16*2 + 16 + 16*16 + 16 + 16*1 + 1 scalars in 6 variables.
static_assert(net::param_count == 6);
static_assert(net::total_size == 16 * 2 + 16 + 16 * 16 + 16 + 16 + 1);
static_assert(net::total_size == 337);
static_assert(std::is_same_v<decltype(net::wrt()), decltype(net::params_type::wrt())>);
static_assert(
    std::is_same_v<tg::detail::value_t<decltype(net::forward(X))>, tg::matrix<double, batch, 1>>);
// Names past one digit.
static_assert(nn::detail::indexed_name<'W', 0>().view() == "W0");
static_assert(nn::detail::indexed_name<'b', 12>().view() == "b12");
static_assert(nn::detail::indexed_name<'W', 105>().view() == "W105");
// The forward pass is the layers applied in turn: the same expression type.
static_assert(std::is_same_v<decltype(net::forward(X)),
                             decltype(net::layer<2>::apply(
                                 net::layer<1>::apply(net::layer<0>::apply(X, net::W<0>, net::b<0>),
                                                      net::W<1>, net::b<1>),
                                 net::W<2>, net::b<2>))>);

TEST_CASE("mlp: variables are named W0 b0 W1 b1 in parameter order") {
  std::vector<std::string> names;
  net::params_type p;
  p.for_each([&](auto v, auto&) { names.emplace_back(v.name); });
  CHECK(names == std::vector<std::string>{"W0", "b0", "W1", "b1", "W2", "b2"});
  CHECK(tg::to_string(loss)
        == "mean(square(matmul(tanh(matmul(tanh(matmul(X, W0) + b0), W1) + b1), W2) + b2 - T))");
}

// ---- fixed values ----------------------------------------------------------------------------

struct data {
  net::params_type p{};
  net::input_type<batch> x{};
  net::output_type<batch> t{};
};

// Xavier weights, small nonzero biases (so that the bias path is exercised), inputs and
// targets from one generator.
data make_data(std::uint64_t seed) {
  data d;
  nn::rng gen(seed);
  nn::init::xavier_uniform(d.p, gen, 5.0 / 3);
  d.p.for_each([&](auto, auto& v) {
    if constexpr (std::remove_cvref_t<decltype(v)>::rank == 1)
      nn::init::uniform(v, gen, -0.2, 0.2);
  });
  nn::init::uniform(d.x, gen, -1.0, 1.0);
  nn::init::uniform(d.t, gen, -1.0, 1.0);
  return d;
}

// One dense layer by loops, in the order matmul and the broadcast + use: z(i, j) =
// (0 + x(i, 0) w(0, j) + x(i, 1) w(1, j) + ...) + b(j), then the activation.
template <std::size_t B, std::size_t In, std::size_t Out, class F>
tg::matrix<double, B, Out> dense_by_hand(const tg::matrix<double, B, In>& x,
                                         const tg::matrix<double, In, Out>& w,
                                         const tg::vector<double, Out>& b, F activation) {
  tg::matrix<double, B, Out> z{};
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t j = 0; j < Out; ++j) {
      double s = 0;
      for (std::size_t k = 0; k < In; ++k) {
        const double product = x(i, k) * w(k, j);
        s += product;
      }
      z(i, j) = activation(s + b[j]);
    }
  return z;
}

constexpr auto tanh_by_hand = [](double v) { return std::tanh(v); };
constexpr auto identity_by_hand = [](double v) { return v; };

// a and b agree to a few units in the last place relative to max(1, |a|, |b|).
bool near(double a, double b, double tol = 4e-16) {
  return std::abs(a - b) <= tol * std::max({1.0, std::abs(a), std::abs(b)});
}

TEST_CASE("mlp: forward matches the same network written as loops") {
  const data d = make_data(1);
  const auto out = tg::eval(net::forward(X), tg::join(d.p.bind(), tg::at(X = d.x)));
  const auto h1 = dense_by_hand(d.x, d.p[net::W<0>], d.p[net::b<0>], tanh_by_hand);
  const auto h2 = dense_by_hand(h1, d.p[net::W<1>], d.p[net::b<1>], tanh_by_hand);
  const auto expected = dense_by_hand(h2, d.p[net::W<2>], d.p[net::b<2>], identity_by_hand);
  std::size_t exact = 0;
  for (std::size_t i = 0; i < batch; ++i) {
    CAPTURE(i);
    CHECK(near(out[i], expected[i]));
    exact += out[i] == expected[i];
  }
  MESSAGE("forward: " << exact << " of " << batch << " outputs bit-identical to the loops");
  // The network does something: outputs differ between samples.
  CHECK(out[0] != out[1]);
}

// ---- gradients -------------------------------------------------------------------------------

TEST_CASE("mlp: the gradient of mse agrees with central differences") {
  const data d = make_data(2);
  const auto at = tg::join(d.p.bind(), tg::at(X = d.x, T = d.t));
  const auto check = tg::check_gradient(loss, at, net::wrt());
  CAPTURE(check);
  CHECK(check.ok);
  CHECK(check.max_rel_error < 1e-6);
  CHECK(check.size() == 6);
}

// One hidden layer: the hand derivation, with n = B * Out entries in the mean,
//   Z1 = X W0 + b0, A1 = tanh(Z1), Z2 = A1 W1 + b1, L = mean((Z2 - T)²),
//   dZ2 = 2 (Z2 - T) / n, dW1 = A1ᵀ dZ2, db1 = Σ_rows dZ2,
//   dA1 = dZ2 W1ᵀ, dZ1 = dA1 ⊙ (1 - A1²), dW0 = Xᵀ dZ1, db0 = Σ_rows dZ1.
TEST_CASE("mlp: one hidden layer has the gradient derived by hand") {
  using small = nn::mlp<double, nn::dense<3, 5, nn::tanh>, nn::dense<5, 2>>;
  constexpr std::size_t B = 4, In = 3, H = 5, Out = 2;
  constexpr auto Xs = tg::input<"X", small::input_type<B>>;
  constexpr auto Ts = tg::input<"T", small::output_type<B>>;
  small::params_type p;
  small::input_type<B> x;
  small::output_type<B> t;
  nn::rng gen(3);
  nn::init::xavier_normal(p, gen);
  nn::init::normal(p[small::b<0>], gen, 0.0, 0.1);
  nn::init::normal(p[small::b<1>], gen, 0.0, 0.1);
  nn::init::normal(x, gen, 0.0, 1.0);
  nn::init::normal(t, gen, 0.0, 1.0);
  const auto& w0 = p[small::W<0>];
  const auto& w1 = p[small::W<1>];

  const auto a1 = dense_by_hand(x, w0, p[small::b<0>], tanh_by_hand);
  const auto z2 = dense_by_hand(a1, w1, p[small::b<1>], identity_by_hand);
  constexpr double n = B * Out;
  double value = 0;
  tg::matrix<double, B, Out> dz2{};
  for (std::size_t i = 0; i < B * Out; ++i) {
    value += (z2[i] - t[i]) * (z2[i] - t[i]) / n;
    dz2[i] = 2 * (z2[i] - t[i]) / n;
  }
  tg::matrix<double, H, Out> dw1{};
  tg::vector<double, Out> db1{};
  tg::matrix<double, B, H> dz1{};
  tg::matrix<double, In, H> dw0{};
  tg::vector<double, H> db0{};
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t j = 0; j < Out; ++j) {
      db1[j] += dz2(i, j);
      for (std::size_t k = 0; k < H; ++k)
        dw1(k, j) += a1(i, k) * dz2(i, j);
    }
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t k = 0; k < H; ++k) {
      double da1 = 0;
      for (std::size_t j = 0; j < Out; ++j)
        da1 += dz2(i, j) * w1(k, j);
      dz1(i, k) = da1 * (1 - a1(i, k) * a1(i, k));
      db0[k] += dz1(i, k);
      for (std::size_t m = 0; m < In; ++m)
        dw0(m, k) += x(i, m) * dz1(i, k);
    }

  const auto [v, g] = tg::value_and_grad(nn::mse(small::forward(Xs), Ts),
                                         tg::join(p.bind(), tg::at(Xs = x, Ts = t)));
  CHECK(near(v, value, 1e-14));
  auto check_all = [](const char* what, const auto& got, const auto& expected) {
    for (std::size_t i = 0; i < got.size(); ++i) {
      CAPTURE(what);
      CAPTURE(i);
      CHECK(near(got[i], expected[i], 1e-14));
    }
  };
  check_all("dW0", g[small::W<0>], dw0);
  check_all("db0", g[small::b<0>], db0);
  check_all("dW1", g[small::W<1>], dw1);
  check_all("db1", g[small::b<1>], db1);
}

TEST_CASE("mlp: frozen parameters are left out of the gradient") {
  const data d = make_data(4);
  const auto at = tg::join(d.p.bind(), tg::at(X = d.x, T = d.t));
  // Only the middle layer trains.
  const auto g = tg::grad(loss, at, tg::wrt(net::W<1>, net::b<1>));
  static_assert(!decltype(g)::contains(net::W<0>));
  static_assert(!decltype(g)::contains(net::b<0>));
  static_assert(!decltype(g)::contains(net::W<2>));
  static_assert(!decltype(g)::contains(net::b<2>));
  static_assert(decltype(g)::contains(net::W<1>) && decltype(g)::contains(net::b<1>));
  static_assert(decltype(g)::size() == 2);
  // The trained ones get the same gradient as in the full pass.
  const auto full = tg::grad(loss, at, net::wrt());
  CHECK(g[net::W<1>] == full[net::W<1>]);
  CHECK(g[net::b<1>] == full[net::b<1>]);
  static_assert(decltype(full)::contains(net::W<0>));
}

TEST_CASE("mlp: gradient steps on the parameters lower the loss") {
  data d = make_data(5);
  const auto at = tg::join(d.p.bind(), tg::at(X = d.x, T = d.t));  // by reference: sees the updates
  const double first = tg::eval(loss, at);
  double last = first;
  for (int step = 0; step < 200; ++step) {
    const auto [v, g] = tg::value_and_grad(loss, at, net::wrt());
    g.for_each([&](auto v, const auto& gv) { d.p[v] -= gv * 0.1; });
    last = v;
  }
  CHECK(last < 0.5 * first);
}

// ---- shared weights ---------------------------------------------------------------------------

// A tied autoencoder: W encodes and Wᵀ decodes, H = tanh(X W + b1), Y = H Wᵀ + b2. W's gradient
// is the sum of its two uses: that of an untied pair (Wa, Wb) at Wa = W, Wb = Wᵀ, with Wb's
// gradient transposed.
TEST_CASE("mlp: a weight used in two layers gets the summed gradient") {
  using M = tg::matrix<double, 5, 4>;
  constexpr auto Xa = tg::input<"X", M>;
  constexpr auto W = tg::var<"W", tg::matrix<double, 4, 3>>;
  constexpr auto Wa = tg::var<"Wa", tg::matrix<double, 4, 3>>;
  constexpr auto Wb = tg::var<"Wb", tg::matrix<double, 3, 4>>;
  constexpr auto b1 = tg::var<"b1", tg::vector<double, 3>>;
  constexpr auto b2 = tg::var<"b2", tg::vector<double, 4>>;
  using encoder = nn::dense<4, 3, nn::tanh>;
  using decoder = nn::dense<3, 4>;
  constexpr auto tied =
      nn::mse(decoder::apply(encoder::apply(Xa, W, b1), tg::transpose(W), b2), Xa);
  constexpr auto untied = nn::mse(decoder::apply(encoder::apply(Xa, Wa, b1), Wb, b2), Xa);

  nn::rng gen(6);
  M x;
  tg::matrix<double, 4, 3> w;
  tg::vector<double, 3> bias1;
  tg::vector<double, 4> bias2;
  nn::init::normal(x, gen, 0.0, 1.0);
  nn::init::xavier_uniform(w, gen);
  nn::init::normal(bias1, gen, 0.0, 0.1);
  nn::init::normal(bias2, gen, 0.0, 0.1);
  const auto wt = tg::eval(tg::transpose(W), tg::at(W = w));

  const auto [v_tied, g_tied] =
      tg::value_and_grad(tied, tg::at(Xa = x, W = w, b1 = bias1, b2 = bias2));
  const auto [v_untied, g_untied] =
      tg::value_and_grad(untied, tg::at(Xa = x, Wa = w, Wb = wt, b1 = bias1, b2 = bias2));
  CHECK(v_tied == v_untied);
  const auto& ga = g_untied[Wa];
  const auto& gb = g_untied[Wb];
  for (std::size_t i = 0; i < 4; ++i)
    for (std::size_t j = 0; j < 3; ++j) {
      CAPTURE(i);
      CAPTURE(j);
      CHECK(near(g_tied[W](i, j), ga(i, j) + gb(j, i), 1e-15));
      // Both uses contribute (neither is negligible here).
      CHECK(std::abs(ga(i, j)) > 1e-6);
      CHECK(std::abs(gb(j, i)) > 1e-6);
    }
  CHECK(tg::check_gradient(tied, tg::at(Xa = x, W = w, b1 = bias1, b2 = bias2)).ok);

  // The same variable in two dense layers of one square shape.
  constexpr auto S = tg::var<"S", tg::matrix<double, 4, 4>>;
  using square_layer = nn::dense<4, 4, nn::tanh>;
  constexpr auto twice = tg::sum(square_layer::apply(square_layer::apply(Xa, S, b2), S, b2));
  tg::matrix<double, 4, 4> s;
  nn::init::xavier_uniform(s, gen);
  CHECK(tg::check_gradient(twice, tg::at(Xa = x, S = s, b2 = bias2)).ok);
}

// ---- activations --------------------------------------------------------------------------------

double gelu_by_hand(double v) {
  return v * 0.5 * (1 + std::erf(v * 0.70710678118654752440));
}

TEST_CASE("activation: the tags apply their functions") {
  constexpr auto x = tg::var<"x">;
  auto at = [&](double v) { return tg::at(x = v); };
  for (double v : {-3.0, -0.5, 0.0, 0.25, 2.0}) {
    CAPTURE(v);
    CHECK(tg::eval(nn::identity::apply(x), at(v)) == v);
    CHECK(tg::eval(nn::relu::apply(x), at(v)) == std::max(v, 0.0));
    CHECK(tg::eval(nn::leaky_relu::apply(x), at(v)) == (v > 0 ? v : 0.01 * v));
    CHECK(tg::eval(nn::tanh::apply(x), at(v)) == std::tanh(v));
    CHECK(near(tg::eval(nn::sigmoid::apply(x), at(v)), 1 / (1 + std::exp(-v))));
    CHECK(tg::eval(nn::gelu::apply(x), at(v)) == gelu_by_hand(v));
  }
  // GELU at ±1 is ±Φ(±1), as torch.nn.functional.gelu of torch.tensor([1., -1.]) in float64.
  CHECK(near(tg::eval(nn::gelu::apply(x), at(1.0)), 0.8413447460685429));
  CHECK(near(tg::eval(nn::gelu::apply(x), at(-1.0)), -0.15865525393145707));
  // gelu'(x) = Φ(x) + x φ(x): at 1, 0.8413447460685429 + 0.24197072451914337.
  CHECK(near(tg::grad(nn::gelu::apply(x), at(1.0))[x], 0.8413447460685429 + 0.24197072451914337,
             1e-15));
  CHECK(tg::grad(nn::relu::apply(x), at(0.0))[x] == 0);
  CHECK(tg::grad(nn::leaky_relu::apply(x), at(0.0))[x] == 0.01);
  CHECK(nn::gelu::name == "gelu");
  CHECK(tg::to_string(nn::gelu::apply(x)) == "x*(1/2)*(1 + erf(x*(1/sqrt(2))))");
}

template <class Activation>
double activation_by_hand(double v) {
  if constexpr (std::is_same_v<Activation, nn::identity>)
    return v;
  else if constexpr (std::is_same_v<Activation, nn::relu>)
    return v > 0 ? v : 0.0;
  else if constexpr (std::is_same_v<Activation, nn::leaky_relu>)
    return v > 0 ? v : 0.01 * v;
  else if constexpr (std::is_same_v<Activation, nn::tanh>)
    return std::tanh(v);
  else if constexpr (std::is_same_v<Activation, nn::sigmoid>)
    return 1 / (1 + std::exp(-v));
  else
    return gelu_by_hand(v);
}

TEST_CASE_TEMPLATE("dense: each activation in a layer matches loops and central differences", A,
                   nn::identity, nn::relu, nn::leaky_relu, nn::tanh, nn::sigmoid, nn::gelu) {
  using layer_net = nn::mlp<double, nn::dense<3, 4, A>>;
  constexpr auto Xl = tg::input<"X", typename layer_net::template input_type<6>>;
  constexpr auto Tl = tg::input<"T", typename layer_net::template output_type<6>>;
  typename layer_net::params_type p;
  typename layer_net::template input_type<6> x;
  typename layer_net::template output_type<6> t;
  nn::rng gen(7);
  nn::init::kaiming_uniform(p, gen);
  nn::init::uniform(p[layer_net::template b<0>], gen, -0.5, 0.5);
  nn::init::uniform(x, gen, -2.0, 2.0);
  nn::init::uniform(t, gen, -1.0, 1.0);
  const auto at = tg::join(p.bind(), tg::at(Xl = x, Tl = t));
  const auto out = tg::eval(layer_net::forward(Xl), at);
  const auto expected = dense_by_hand(x, p[layer_net::template W<0>], p[layer_net::template b<0>],
                                      activation_by_hand<A>);
  for (std::size_t i = 0; i < out.size(); ++i) {
    CAPTURE(i);
    CHECK(near(out[i], expected[i], 1e-15));
  }
  const auto check = tg::check_gradient(nn::mse(layer_net::forward(Xl), Tl), at, layer_net::wrt());
  CAPTURE(check);
  CHECK(check.ok);
}

// ---- float
// ---------------------------------------------------------------------------------------

TEST_CASE("mlp: a float network computes in float and agrees with the double one") {
  using netf =
      nn::mlp<float, nn::dense<2, 16, nn::tanh>, nn::dense<16, 16, nn::tanh>, nn::dense<16, 1>>;
  constexpr auto Xf = tg::input<"X", netf::input_type<batch>>;
  constexpr auto Tf = tg::input<"T", netf::output_type<batch>>;
  constexpr auto lossf = nn::mse(netf::forward(Xf), Tf);
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(netf::W<1>)>,
                               tg::var_t<"W1", tg::matrix<float, 16, 16>>>);
  static_assert(netf::total_size == 337);

  // The double network's values, rounded to float; the double network evaluated at them.
  data d = make_data(8);
  netf::params_type pf;
  netf::input_type<batch> xf;
  netf::output_type<batch> tf;
  auto round = [](const auto& from, auto& to) {
    for (std::size_t i = 0; i < from.size(); ++i)
      to[i] = static_cast<float>(from[i]);
  };
  auto widen = [](const auto& from, auto& to) {
    for (std::size_t i = 0; i < from.size(); ++i)
      to[i] = static_cast<double>(from[i]);
  };
  round(d.x, xf);
  round(d.t, tf);
  widen(xf, d.x);
  widen(tf, d.t);
  round(d.p[net::W<0>], pf[netf::W<0>]);
  round(d.p[net::b<0>], pf[netf::b<0>]);
  round(d.p[net::W<1>], pf[netf::W<1>]);
  round(d.p[net::b<1>], pf[netf::b<1>]);
  round(d.p[net::W<2>], pf[netf::W<2>]);
  round(d.p[net::b<2>], pf[netf::b<2>]);
  widen(pf[netf::W<0>], d.p[net::W<0>]);
  widen(pf[netf::b<0>], d.p[net::b<0>]);
  widen(pf[netf::W<1>], d.p[net::W<1>]);
  widen(pf[netf::b<1>], d.p[net::b<1>]);
  widen(pf[netf::W<2>], d.p[net::W<2>]);
  widen(pf[netf::b<2>], d.p[net::b<2>]);

  const auto [vf, gf] =
      tg::value_and_grad(lossf, tg::join(pf.bind(), tg::at(Xf = xf, Tf = tf)), netf::wrt());
  const auto [vd, gd] =
      tg::value_and_grad(loss, tg::join(d.p.bind(), tg::at(X = d.x, T = d.t)), net::wrt());
  static_assert(std::is_same_v<std::remove_cvref_t<decltype(vf)>, float>);
  static_assert(
      std::is_same_v<std::remove_cvref_t<decltype(gf[netf::W<0>])>, tg::matrix<float, 2, 16>>);
  CHECK(near(vf, vd, 1e-5));
  double worst = 0;
  auto compare = [&](const auto& f, const auto& g) {
    for (std::size_t i = 0; i < f.size(); ++i)
      worst = std::max(worst, std::abs(f[i] - g[i]));
  };
  compare(gf[netf::W<0>], gd[net::W<0>]);
  compare(gf[netf::W<1>], gd[net::W<1>]);
  compare(gf[netf::W<2>], gd[net::W<2>]);
  compare(gf[netf::b<2>], gd[net::b<2>]);
  CHECK(worst < 1e-5);
}

}  // namespace
