// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// The MLP training steps of bench/mlp_bench.cpp with the peers that train networks, for
// bench/run_suite.py to set beside mlp_bench's hand-written and typegrad cases (the ratios to
// hand-written are computed across the two binaries, from one run of the script):
//
//   BM_tanh_mlp/libtorch    2-16-16-1 tanh network, mean squared error, batch 32
//   BM_digits_mlp/libtorch  64-32-10 relu network, softmax cross-entropy, batch 32
//
// One SGD step each (forward, backward, update; lr 0.01, no momentum) in double, the same
// initial parameters and data as mlp_bench.cpp (the same sequence of draws, repeated below),
// LibTorch on one thread (torch::set_num_threads(1)) written as its users write it: parameter
// tensors with requires_grad, torch::optim::SGD, zero_grad / backward / step.
//
// Before timing, one step from the initial parameters is compared with the hand-written step
// of bench/hand_mlp.hpp: the loss and every parameter after the step must agree to a relative
// 1e-12; otherwise the case is reported as an error and main() returns 1.
//
// Without LibTorch (TYPEGRAD_BENCH_HAVE_TORCH unset) nothing is registered and main() says so.

#ifndef TYPEGRAD_BENCH_HAVE_TORCH
#define TYPEGRAD_BENCH_HAVE_TORCH 0
#endif

#if TYPEGRAD_BENCH_HAVE_TORCH
#include <torch/torch.h>
#endif

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "adbench.hpp"
#include "hand_mlp.hpp"

namespace adb = typegrad_bench::adb;

namespace {

#if TYPEGRAD_BENCH_HAVE_TORCH

constexpr std::size_t batch = 32;
constexpr double learning_rate = 0.01;

// ---- the data and initial parameters of mlp_bench.cpp ------------------------------------------

using typegrad_bench::hand::fill_bias;
using typegrad_bench::hand::fill_weights;
using typegrad_bench::hand::sequence;

template <std::size_t N>
torch::Tensor tensor_of(const std::array<double, N>& a, std::vector<std::int64_t> shape) {
  return torch::from_blob(const_cast<double*>(a.data()), shape, torch::kFloat64).clone();
}

//! |a - b| <= 1e-12 max(|a|, |b|) for every entry, or what differs.
template <std::size_t N>
std::string compare_entries(const char* name, const torch::Tensor& got, const std::array<double, N>& want) {
  const torch::Tensor c = got.detach().contiguous();
  if (static_cast<std::size_t>(c.numel()) != N)
    return std::string(name) + ": wrong number of entries";
  const double* g = c.data_ptr<double>();
  for (std::size_t i = 0; i < N; ++i) {
    double v = g[i];
    if (adb::inject_mismatch() && i == 0)
      v = v * (1 + 1e-6) + 1e-300;
    if (!(std::fabs(v - want[i]) <= 1e-12 * std::fmax(std::fabs(v), std::fabs(want[i])))) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "after one step %s[%zu] = %.17g, the hand-written step gives %.17g", name, i, v,
                    want[i]);
      return buf;
    }
  }
  return {};
}

std::string compare_loss(double got, double want) {
  if (std::fabs(got - want) <= 1e-12 * std::fmax(std::fabs(got), std::fabs(want)))
    return {};
  char buf[128];
  std::snprintf(buf, sizeof buf, "loss %.17g, the hand-written step gives %.17g", got, want);
  return buf;
}

// ---- 2-16-16-1 tanh network ----------------------------------------------------------------------
namespace tanh_net {

constexpr std::size_t In = 2, H = 16, Out = 1;
using hand_net = typegrad_bench::hand::tanh_mlp<batch>;

struct data_set {
  std::array<double, batch * In> x;
  std::array<double, batch * Out> t;
  hand_net::params initial;
};

// As mlp_bench.cpp: x in [-2, 2)^2, t = sin(x0) cos(x1), then W0, b0, W1, b1, W2, b2.
data_set make_data() {
  data_set d{};
  sequence s{0x9e3779b97f4a7c15u};
  for (std::size_t i = 0; i < batch; ++i) {
    d.x[i * In + 0] = s.uniform(-2, 2);
    d.x[i * In + 1] = s.uniform(-2, 2);
    d.t[i] = std::sin(d.x[i * In + 0]) * std::cos(d.x[i * In + 1]);
  }
  fill_weights(d.initial.W0, In, H, s);
  fill_bias(d.initial.b0, s);
  fill_weights(d.initial.W1, H, H, s);
  fill_bias(d.initial.b1, s);
  fill_weights(d.initial.W2, H, Out, s);
  fill_bias(d.initial.b2, s);
  return d;
}

const data_set& data() {
  static const data_set d = make_data();
  return d;
}

struct with_libtorch {
  torch::Tensor x = tensor_of(data().x, {batch, In});
  torch::Tensor t = tensor_of(data().t, {batch, Out});
  torch::Tensor W0 = tensor_of(data().initial.W0, {In, H}).requires_grad_(true);
  torch::Tensor b0 = tensor_of(data().initial.b0, {H}).requires_grad_(true);
  torch::Tensor W1 = tensor_of(data().initial.W1, {H, H}).requires_grad_(true);
  torch::Tensor b1 = tensor_of(data().initial.b1, {H}).requires_grad_(true);
  torch::Tensor W2 = tensor_of(data().initial.W2, {H, Out}).requires_grad_(true);
  torch::Tensor b2 = tensor_of(data().initial.b2, {Out}).requires_grad_(true);
  torch::optim::SGD opt{std::vector<torch::Tensor>{W0, b0, W1, b1, W2, b2}, torch::optim::SGDOptions(learning_rate)};

  [[gnu::noinline]] double step() {
    opt.zero_grad();
    const torch::Tensor a1 = torch::tanh(torch::addmm(b0, x, W0));
    const torch::Tensor a2 = torch::tanh(torch::addmm(b1, a1, W1));
    const torch::Tensor out = torch::addmm(b2, a2, W2);
    const torch::Tensor loss = torch::mse_loss(out, t);
    loss.backward();
    opt.step();
    return loss.item<double>();
  }

  std::string compare_with(const hand_net& h, double loss, double hand_loss) const {
    for (const std::string& e :
         {compare_loss(loss, hand_loss), compare_entries("W0", W0, h.p.W0), compare_entries("b0", b0, h.p.b0),
          compare_entries("W1", W1, h.p.W1), compare_entries("b1", b1, h.p.b1), compare_entries("W2", W2, h.p.W2),
          compare_entries("b2", b2, h.p.b2)})
      if (!e.empty())
        return e;
    return {};
  }
};

std::string check() {
  auto hand = std::make_unique<hand_net>();
  hand->p = data().initial;
  const double hand_loss = hand->step(data().x, data().t, learning_rate);
  auto peer = std::make_unique<with_libtorch>();
  const double loss = peer->step();
  return peer->compare_with(*hand, loss, hand_loss);
}

}  // namespace tanh_net

// ---- 64-32-10 relu network, softmax cross-entropy ------------------------------------------------
namespace digits_net {

constexpr std::size_t In = 64, H = 32, C = 10;
using hand_net = typegrad_bench::hand::digits_mlp<batch>;

struct data_set {
  std::array<double, batch * In> x;
  std::array<int, batch> labels;
  hand_net::params initial;
};

// As mlp_bench.cpp: pixels k/16 with k in 0..16, labels in 0..9, then W0, b0, W1, b1.
data_set make_data() {
  data_set d{};
  sequence s{0x2545f4914f6cdd1du};
  for (double& v : d.x)
    v = std::floor(s.uniform(0, 17)) / 16.0;
  for (int& l : d.labels)
    l = static_cast<int>(s.uniform(0, static_cast<double>(C)));
  fill_weights(d.initial.W0, In, H, s);
  fill_bias(d.initial.b0, s);
  fill_weights(d.initial.W1, H, C, s);
  fill_bias(d.initial.b1, s);
  return d;
}

const data_set& data() {
  static const data_set d = make_data();
  return d;
}

torch::Tensor labels_tensor() {
  std::vector<std::int64_t> l(data().labels.begin(), data().labels.end());
  return torch::tensor(l, torch::kInt64);
}

struct with_libtorch {
  torch::Tensor x = tensor_of(data().x, {batch, In});
  torch::Tensor y = labels_tensor();
  torch::Tensor W0 = tensor_of(data().initial.W0, {In, H}).requires_grad_(true);
  torch::Tensor b0 = tensor_of(data().initial.b0, {H}).requires_grad_(true);
  torch::Tensor W1 = tensor_of(data().initial.W1, {H, C}).requires_grad_(true);
  torch::Tensor b1 = tensor_of(data().initial.b1, {C}).requires_grad_(true);
  torch::optim::SGD opt{std::vector<torch::Tensor>{W0, b0, W1, b1}, torch::optim::SGDOptions(learning_rate)};

  [[gnu::noinline]] double step() {
    opt.zero_grad();
    const torch::Tensor a1 = torch::relu(torch::addmm(b0, x, W0));
    const torch::Tensor logits = torch::addmm(b1, a1, W1);
    const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
    loss.backward();
    opt.step();
    return loss.item<double>();
  }

  std::string compare_with(const hand_net& h, double loss, double hand_loss) const {
    for (const std::string& e :
         {compare_loss(loss, hand_loss), compare_entries("W0", W0, h.p.W0), compare_entries("b0", b0, h.p.b0),
          compare_entries("W1", W1, h.p.W1), compare_entries("b1", b1, h.p.b1)})
      if (!e.empty())
        return e;
    return {};
  }
};

std::string check() {
  auto hand = std::make_unique<hand_net>();
  hand->p = data().initial;
  const double hand_loss = hand->step(data().x, data().labels, learning_rate);
  auto peer = std::make_unique<with_libtorch>();
  const double loss = peer->step();
  return peer->compare_with(*hand, loss, hand_loss);
}

}  // namespace digits_net

// ---- timing ------------------------------------------------------------------------------------

template <class Impl>
void time_steps(benchmark::State& state, std::string (*check)(), const char* what) {
  static adb::check_state c;
  if (!c.done) {
    c.done = true;
    torch::set_num_threads(1);
    c.error = check();
    if (!c.error.empty())
      ++adb::failures();
  }
  if (!adb::report(state, c, what))
    return;
  auto impl = std::make_unique<Impl>();
  for (auto _ : state) {
    double loss = impl->step();
    benchmark::DoNotOptimize(loss);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(batch));
}

const bool registered = [] {
  benchmark::RegisterBenchmark("BM_tanh_mlp/libtorch", [](benchmark::State& s) {
    time_steps<tanh_net::with_libtorch>(s, &tanh_net::check, "BM_tanh_mlp/libtorch");
  });
  benchmark::RegisterBenchmark("BM_digits_mlp/libtorch", [](benchmark::State& s) {
    time_steps<digits_net::with_libtorch>(s, &digits_net::check, "BM_digits_mlp/libtorch");
  });
  return true;
}();

#endif  // TYPEGRAD_BENCH_HAVE_TORCH

}  // namespace

int main(int argc, char** argv) {
  const std::array<adb::peer_note, 1> peers = {
      {{"LibTorch", TYPEGRAD_BENCH_HAVE_TORCH != 0, "Debian: libtorch-dev"}}};
  return adb::run_main(argc, argv, peers);
}
