// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// One SGD training step (forward, backward, update; lr 0.01, no momentum) of two small
// networks on a batch of 32, in double:
//
//   BM_tanh_mlp    2-16-16-1, tanh hidden layers, mean squared error:
//                  out = tanh(tanh(X W0 + b0) W1 + b1) W2 + b2,  loss = mean((out - T)²)
//   BM_digits_mlp  64-32-10 (the digits network), relu hidden layer, softmax cross-entropy:
//                  logits = relu(X W0 + b0) W1 + b1,  loss = -mean(pick(log_softmax(logits), y))
//
// each as three cases in this one binary, so that their ratios come from one run:
//   hand                the step written out with fixed-size loops (bench/hand_mlp.hpp)
//   typegrad            tg::value_and_grad of the loss expression over p.bind() and the
//                       data, then tg::optim::sgd::step
//   typegrad_workspace  the same in a tg::workspace<decltype(loss)> allocated once
//
// Every case first trains one step from the same initial parameters with typegrad (both
// ways) and by hand, and aborts the binary (so the CTest smoke run fails) unless the
// losses and every parameter agree to a relative 1e-12 (they agree to 2e-15); a wrong
// step is never timed. items_per_second counts training samples (32 per step). Each
// implementation's step() is kept out of line so that callgrind can count it
// (`--toggle-collect='*with_typegrad::step*'`) and objdump find it; the compiler still
// inlines everything inside it.
//
// ratio = typegrad / hand, CPU time of one step: medians of 15 randomly interleaved
// repetitions (`--benchmark_repetitions=15 --benchmark_enable_random_interleaving=true
// --benchmark_min_time=0.05`; Release: the `bench` preset for GCC 12, the same flags with
// Clang 14; SSE2 only, no -march), on the shared 2-core machine under load (plain runs of 5
// repetitions moved by 0.1):
//
//                                       GCC 12   Clang 14
//   BM_tanh_mlp/typegrad                 0.81     1.08
//   BM_tanh_mlp/typegrad_workspace       0.76     1.05
//   BM_digits_mlp/typegrad               0.88     1.08
//   BM_digits_mlp/typegrad_workspace     0.82     1.03
//
// callgrind, instructions per step (hand / typegrad stack / typegrad workspace): tanh GCC
// 245k / 239k / 184k, Clang 183k / 231k / 176k; digits GCC 459k / 596k / 446k, Clang
// 445k / 569k / 432k. GCC's time is below the hand-written loops because the products
// share one register-blocked kernel (tensor/linalg.hpp) that GCC's code for the plain
// loops does not match. What remains between the stack variant and the workspace: zeroing
// the whole workspace (the adjoint of the input X too) and copying the gradient out; and
// log_softmax's rule computes exp again (the forward pass keeps only the log-probabilities).

#include <typegrad/nn/parameters.hpp>
#include <typegrad/optim/sgd.hpp>
#include <typegrad/typegrad.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <type_traits>

#include "hand_mlp.hpp"

namespace tg = typegrad;

namespace {

constexpr std::size_t batch = 32;
constexpr double learning_rate = 0.01;

// ---- shared helpers ----------------------------------------------------------------------

using typegrad_bench::hand::fill_bias;
using typegrad_bench::hand::fill_weights;
using typegrad_bench::hand::sequence;

template <class Tensor, std::size_t N>
void copy_into(const Tensor& from, std::array<double, N>& to) {
  static_assert(Tensor::size() == N);
  std::copy(from.begin(), from.end(), to.begin());
}

//! |a - b| <= 1e-12 max(|a|, |b|), or abort naming the entry.
template <class Tensor, std::size_t N>
void require_same(const char* what, const char* name, const Tensor& got,
                  const std::array<double, N>& want) {
  static_assert(Tensor::size() == N);
  for (std::size_t i = 0; i < N; ++i) {
    const double a = got[i], b = want[i];
    if (!(std::fabs(a - b) <= 1e-12 * std::fmax(std::fabs(a), std::fabs(b)))) {
      std::fprintf(stderr,
                   "%s: after one step %s[%zu] = %.17g, the hand-written step gives %.17g\n", what,
                   name, i, a, b);
      std::abort();
    }
  }
}

void require_same_loss(const char* what, double got, double want) {
  if (!(std::fabs(got - want) <= 1e-12 * std::fmax(std::fabs(got), std::fabs(want)))) {
    std::fprintf(stderr, "%s: loss %.17g, the hand-written step gives %.17g\n", what, got, want);
    std::abort();
  }
}

//! One training step per iteration, from the initial parameters on (a fresh Impl).
template <class Impl>
void time_steps(benchmark::State& state) {
  auto impl = std::make_unique<Impl>();
  for (auto _ : state) {
    double loss = impl->step();
    benchmark::DoNotOptimize(loss);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations())
                          * static_cast<std::int64_t>(batch));
}

// ---- 2-16-16-1 tanh network, mean squared error ------------------------------------------------
namespace tanh_net {

constexpr std::size_t In = 2, H = 16, Out = 1;

constexpr auto X = tg::input<"X", tg::matrix<double, batch, In>>;
constexpr auto T = tg::input<"T", tg::matrix<double, batch, Out>>;
constexpr auto W0 = tg::var<"W0", tg::matrix<double, In, H>>;
constexpr auto b0 = tg::var<"b0", tg::vector<double, H>>;
constexpr auto W1 = tg::var<"W1", tg::matrix<double, H, H>>;
constexpr auto b1 = tg::var<"b1", tg::vector<double, H>>;
constexpr auto W2 = tg::var<"W2", tg::matrix<double, H, Out>>;
constexpr auto b2 = tg::var<"b2", tg::vector<double, Out>>;

constexpr auto Z1 = tg::tanh(tg::matmul(X, W0) + b0);
constexpr auto Z2 = tg::tanh(tg::matmul(Z1, W1) + b1);
constexpr auto out = tg::matmul(Z2, W2) + b2;
constexpr auto loss = tg::mean(tg::square(out - T));

using params = tg::nn::parameters<decltype(W0), decltype(b0), decltype(W1), decltype(b1),
                                  decltype(W2), decltype(b2)>;
using hand_net = typegrad_bench::hand::tanh_mlp<batch>;

struct data_set {
  tg::matrix<double, batch, In> x;
  tg::matrix<double, batch, Out> t;
  std::array<double, batch * In> hand_x;
  std::array<double, batch * Out> hand_t;
  params initial;
};

// x in [-2, 2)², t = sin(x0) cos(x1) (anything smooth would do).
data_set make_data() {
  data_set d{};
  sequence s{0x9e3779b97f4a7c15u};
  for (std::size_t i = 0; i < batch; ++i) {
    d.x(i, 0) = s.uniform(-2, 2);
    d.x(i, 1) = s.uniform(-2, 2);
    d.t(i, 0) = std::sin(d.x(i, 0)) * std::cos(d.x(i, 1));
  }
  copy_into(d.x, d.hand_x);
  copy_into(d.t, d.hand_t);
  fill_weights(d.initial[W0], In, H, s);
  fill_bias(d.initial[b0], s);
  fill_weights(d.initial[W1], H, H, s);
  fill_bias(d.initial[b1], s);
  fill_weights(d.initial[W2], H, Out, s);
  fill_bias(d.initial[b2], s);
  return d;
}

// A mutable global filled at start-up: nothing about the data is known at compile time.
data_set data = make_data();

struct by_hand {
  hand_net net{};
  by_hand() {
    copy_into(data.initial[W0], net.p.W0);
    copy_into(data.initial[b0], net.p.b0);
    copy_into(data.initial[W1], net.p.W1);
    copy_into(data.initial[b1], net.p.b1);
    copy_into(data.initial[W2], net.p.W2);
    copy_into(data.initial[b2], net.p.b2);
  }
  [[gnu::noinline]] double step() { return net.step(data.hand_x, data.hand_t, learning_rate); }
};

struct with_typegrad {
  params p = data.initial;
  tg::optim::sgd<params> opt{tg::optim::sgd_options{.lr = learning_rate}};
  [[gnu::noinline]] double step() {
    const auto [v, g] =
        tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = data.x, T = data.t)), p.wrt());
    opt.step(p, g);
    return v;
  }
};

struct with_typegrad_workspace {
  params p = data.initial;
  tg::optim::sgd<params> opt{tg::optim::sgd_options{.lr = learning_rate}};
  std::unique_ptr<tg::workspace<decltype(loss)>> ws =
      std::make_unique<tg::workspace<decltype(loss)>>();
  [[gnu::noinline]] double step() {
    const auto [v, g] =
        tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = data.x, T = data.t)), p.wrt(), *ws);
    opt.step(p, g);
    return v;
  }
};

template <class Impl>
void check(const char* what) {
  auto want = std::make_unique<by_hand>();
  auto got = std::make_unique<Impl>();
  require_same_loss(what, got->step(), want->step());
  const params& p = got->p;
  const hand_net::params& h = want->net.p;
  require_same(what, "W0", p[W0], h.W0);
  require_same(what, "b0", p[b0], h.b0);
  require_same(what, "W1", p[W1], h.W1);
  require_same(what, "b1", p[b1], h.b1);
  require_same(what, "W2", p[W2], h.W2);
  require_same(what, "b2", p[b2], h.b2);
}

}  // namespace tanh_net

template <class Impl>
[[gnu::noinline]] void BM_tanh_mlp(benchmark::State& state, std::type_identity<Impl>) {
  tanh_net::check<tanh_net::with_typegrad>("tanh_mlp (typegrad)");
  tanh_net::check<tanh_net::with_typegrad_workspace>("tanh_mlp (typegrad, workspace)");
  time_steps<Impl>(state);
}
BENCHMARK_CAPTURE(BM_tanh_mlp, hand, std::type_identity<tanh_net::by_hand>{});
BENCHMARK_CAPTURE(BM_tanh_mlp, typegrad, std::type_identity<tanh_net::with_typegrad>{});
BENCHMARK_CAPTURE(BM_tanh_mlp, typegrad_workspace,
                  std::type_identity<tanh_net::with_typegrad_workspace>{});

// ---- 64-32-10 relu network, softmax cross-entropy (digits) -------------------------------------
namespace digits_net {

constexpr std::size_t In = 64, H = 32, C = 10;

constexpr auto X = tg::input<"X", tg::matrix<double, batch, In>>;
constexpr auto y = tg::input<"y", tg::vector<int, batch>>;
constexpr auto W0 = tg::var<"W0", tg::matrix<double, In, H>>;
constexpr auto b0 = tg::var<"b0", tg::vector<double, H>>;
constexpr auto W1 = tg::var<"W1", tg::matrix<double, H, C>>;
constexpr auto b1 = tg::var<"b1", tg::vector<double, C>>;

constexpr auto logits = tg::matmul(tg::relu(tg::matmul(X, W0) + b0), W1) + b1;
constexpr auto loss = -tg::mean(tg::pick(tg::log_softmax(logits), y));

using params = tg::nn::parameters<decltype(W0), decltype(b0), decltype(W1), decltype(b1)>;
using hand_net = typegrad_bench::hand::digits_mlp<batch>;

struct data_set {
  tg::matrix<double, batch, In> x;
  tg::vector<int, batch> labels;
  std::array<double, batch * In> hand_x;
  std::array<int, batch> hand_labels;
  params initial;
};

// Pixels k/16 with k in 0..16 as in the digits data set, labels in 0..9.
data_set make_data() {
  data_set d{};
  sequence s{0x2545f4914f6cdd1du};
  for (double& v : d.x)
    v = std::floor(s.uniform(0, 17)) / 16.0;
  for (int& l : d.labels)
    l = static_cast<int>(s.uniform(0, static_cast<double>(C)));
  copy_into(d.x, d.hand_x);
  std::copy(d.labels.begin(), d.labels.end(), d.hand_labels.begin());
  fill_weights(d.initial[W0], In, H, s);
  fill_bias(d.initial[b0], s);
  fill_weights(d.initial[W1], H, C, s);
  fill_bias(d.initial[b1], s);
  return d;
}

data_set data = make_data();

struct by_hand {
  hand_net net{};
  by_hand() {
    copy_into(data.initial[W0], net.p.W0);
    copy_into(data.initial[b0], net.p.b0);
    copy_into(data.initial[W1], net.p.W1);
    copy_into(data.initial[b1], net.p.b1);
  }
  [[gnu::noinline]] double step() { return net.step(data.hand_x, data.hand_labels, learning_rate); }
};

struct with_typegrad {
  params p = data.initial;
  tg::optim::sgd<params> opt{tg::optim::sgd_options{.lr = learning_rate}};
  [[gnu::noinline]] double step() {
    const auto [v, g] =
        tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = data.x, y = data.labels)), p.wrt());
    opt.step(p, g);
    return v;
  }
};

struct with_typegrad_workspace {
  params p = data.initial;
  tg::optim::sgd<params> opt{tg::optim::sgd_options{.lr = learning_rate}};
  std::unique_ptr<tg::workspace<decltype(loss)>> ws =
      std::make_unique<tg::workspace<decltype(loss)>>();
  [[gnu::noinline]] double step() {
    const auto [v, g] = tg::value_and_grad(
        loss, tg::join(p.bind(), tg::at(X = data.x, y = data.labels)), p.wrt(), *ws);
    opt.step(p, g);
    return v;
  }
};

template <class Impl>
void check(const char* what) {
  auto want = std::make_unique<by_hand>();
  auto got = std::make_unique<Impl>();
  require_same_loss(what, got->step(), want->step());
  const params& p = got->p;
  const hand_net::params& h = want->net.p;
  require_same(what, "W0", p[W0], h.W0);
  require_same(what, "b0", p[b0], h.b0);
  require_same(what, "W1", p[W1], h.W1);
  require_same(what, "b1", p[b1], h.b1);
}

}  // namespace digits_net

template <class Impl>
[[gnu::noinline]] void BM_digits_mlp(benchmark::State& state, std::type_identity<Impl>) {
  digits_net::check<digits_net::with_typegrad>("digits_mlp (typegrad)");
  digits_net::check<digits_net::with_typegrad_workspace>("digits_mlp (typegrad, workspace)");
  time_steps<Impl>(state);
}
BENCHMARK_CAPTURE(BM_digits_mlp, hand, std::type_identity<digits_net::by_hand>{});
BENCHMARK_CAPTURE(BM_digits_mlp, typegrad, std::type_identity<digits_net::with_typegrad>{});
BENCHMARK_CAPTURE(BM_digits_mlp, typegrad_workspace,
                  std::type_identity<digits_net::with_typegrad_workspace>{});

}  // namespace
