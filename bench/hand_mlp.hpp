// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// Two small networks trained by hand: the forward pass keeps every pre-activation
// and activation, the backward pass applies the chain rule layer by layer, and the
// SGD update is a loop over each parameter. Plain fixed-size loops over std::array,
// in the orders a careful person picks (rows of the right-hand matrix innermost, so
// that they run over contiguous memory). bench/mlp_bench.cpp times these beside the
// same steps written with typegrad.
//
// Layer notation, for a batch of B rows: A_prev [B, In], W [In, Out], b [Out],
//   Z = A_prev W + b                  (affine)
//   dW = A_prevᵀ dZ,  db = Σ_rows dZ   (affine_backward)
//   dA_prev = dZ Wᵀ                    (backprop_input)
// Every array is aligned to 32 bytes, as tg::tensor's storage is.

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace typegrad_bench::hand {

//! A fixed linear congruential sequence of doubles in [0, 1), so that runs (and the
//! executables mlp_bench and mlp_peers_bench) start from the same data and parameters.
struct sequence {
  std::uint64_t state;
  double next() {
    state = state * 6364136223846793005u + 1442695040888963407u;
    return static_cast<double>(state >> 11) * 0x1.0p-53;
  }
  double uniform(double lo, double hi) { return lo + (hi - lo) * next(); }
};

//! Xavier-uniform weights, small nonzero biases.
template <class Range>
void fill_weights(Range& w, std::size_t fan_in, std::size_t fan_out, sequence& s) {
  const double a = std::sqrt(6.0 / static_cast<double>(fan_in + fan_out));
  for (double& v : w)
    v = s.uniform(-a, a);
}
template <class Range>
void fill_bias(Range& b, sequence& s) {
  for (double& v : b)
    v = s.uniform(-0.1, 0.1);
}

template <std::size_t N>
using vec = std::array<double, N>;

// Each kernel accumulates its result in a local array and copies it out at the end:
// the compiler then knows that the result aliases none of the inputs and vectorises the
// inner loops (over contiguous memory, with no reduction in them) without run-time
// overlap checks. The loops are ordered so that the row being accumulated changes in
// the second-innermost loop: with a row that stays put, Clang 14 keeps it in
// registers and spills (2.4x slower for the 64-32 layer, measured; GCC 12 is within
// 25% either way). Every sum still runs over its index in order.

//! z = a w + b: a [B, In], w [In, Out], b [Out], z [B, Out], row-major.
template <std::size_t B, std::size_t In, std::size_t Out>
inline void affine(const vec<B * In>& a, const vec<In * Out>& w, const vec<Out>& b,
                   vec<B * Out>& z) {
  alignas(32) double c[B * Out];
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t j = 0; j < Out; ++j)
      c[i * Out + j] = b[j];
  for (std::size_t k = 0; k < In; ++k)
    for (std::size_t i = 0; i < B; ++i) {
      const double aik = a[i * In + k];
      for (std::size_t j = 0; j < Out; ++j)
        c[i * Out + j] += aik * w[k * Out + j];
    }
  std::copy(c, c + B * Out, z.begin());
}

//! dw = aᵀ dz and db = the column sums of dz.
template <std::size_t B, std::size_t In, std::size_t Out>
inline void affine_backward(const vec<B * In>& a, const vec<B * Out>& dz, vec<In * Out>& dw,
                            vec<Out>& db) {
  alignas(32) double c[In * Out] = {};
  alignas(32) double sum[Out] = {};
  for (std::size_t i = 0; i < B; ++i) {
    for (std::size_t k = 0; k < In; ++k) {
      const double aik = a[i * In + k];
      for (std::size_t j = 0; j < Out; ++j)
        c[k * Out + j] += aik * dz[i * Out + j];
    }
    for (std::size_t j = 0; j < Out; ++j)
      sum[j] += dz[i * Out + j];
  }
  std::copy(c, c + In * Out, dw.begin());
  std::copy(sum, sum + Out, db.begin());
}

//! da = dz wᵀ: da[i, k] = Σ_j dz[i, j] w[k, j], as rows of da accumulating dz[i, j]
//! times row j of wᵀ (transposed once: In * Out copies), so that the inner loop runs along k.
template <std::size_t B, std::size_t In, std::size_t Out>
inline void backprop_input(const vec<B * Out>& dz, const vec<In * Out>& w, vec<B * In>& da) {
  alignas(32) double wt[Out * In];
  for (std::size_t k = 0; k < In; ++k)
    for (std::size_t j = 0; j < Out; ++j)
      wt[j * In + k] = w[k * Out + j];
  alignas(32) double c[B * In] = {};
  for (std::size_t j = 0; j < Out; ++j)
    for (std::size_t i = 0; i < B; ++i) {
      const double dzij = dz[i * Out + j];
      for (std::size_t k = 0; k < In; ++k)
        c[i * In + k] += dzij * wt[j * In + k];
    }
  std::copy(c, c + B * In, da.begin());
}

//! p -= lr g
template <std::size_t N>
inline void sgd_update(vec<N>& p, const vec<N>& g, double lr) {
  for (std::size_t i = 0; i < N; ++i)
    p[i] -= lr * g[i];
}

// ---- 2-16-16-1 tanh network, mean squared error --------------------------------------------
//   A1 = tanh(X W0 + b0),  A2 = tanh(A1 W1 + b1),  Y = A2 W2 + b2,  L = mean((Y - T)²)
//   dY = 2 (Y - T) / B,  dZ2 = (dY W2ᵀ) ⊙ (1 - A2²),  dZ1 = (dZ2 W1ᵀ) ⊙ (1 - A1²)
template <std::size_t B>
struct tanh_mlp {
  static constexpr std::size_t In = 2, H = 16, Out = 1;

  struct params {
    alignas(32) vec<In * H> W0;
    alignas(32) vec<H> b0;
    alignas(32) vec<H * H> W1;
    alignas(32) vec<H> b1;
    alignas(32) vec<H * Out> W2;
    alignas(32) vec<Out> b2;
  };

  params p{};
  params g{};
  // The values the backward pass reads, kept between the passes.
  alignas(32) vec<B * H> a1{};
  alignas(32) vec<B * H> a2{};
  alignas(32) vec<B * H> d1{};
  alignas(32) vec<B * H> d2{};
  alignas(32) vec<B * Out> y{};
  alignas(32) vec<B * Out> dy{};

  //! One SGD step on the batch x [B, In], t [B, Out]; returns the loss before the step.
  double step(const vec<B * In>& x, const vec<B * Out>& t, double lr) {
    // forward
    affine<B, In, H>(x, p.W0, p.b0, a1);
    for (double& v : a1)
      v = std::tanh(v);
    affine<B, H, H>(a1, p.W1, p.b1, a2);
    for (double& v : a2)
      v = std::tanh(v);
    affine<B, H, Out>(a2, p.W2, p.b2, y);
    double loss = 0.0;
    for (std::size_t i = 0; i < B * Out; ++i) {
      const double e = y[i] - t[i];
      loss += e * e;
      dy[i] = 2.0 * e / static_cast<double>(B * Out);
    }
    loss /= static_cast<double>(B * Out);
    // backward
    affine_backward<B, H, Out>(a2, dy, g.W2, g.b2);
    backprop_input<B, H, Out>(dy, p.W2, d2);
    for (std::size_t i = 0; i < B * H; ++i)
      d2[i] *= 1.0 - a2[i] * a2[i];
    affine_backward<B, H, H>(a1, d2, g.W1, g.b1);
    backprop_input<B, H, H>(d2, p.W1, d1);
    for (std::size_t i = 0; i < B * H; ++i)
      d1[i] *= 1.0 - a1[i] * a1[i];
    affine_backward<B, In, H>(x, d1, g.W0, g.b0);
    // update
    sgd_update(p.W0, g.W0, lr);
    sgd_update(p.b0, g.b0, lr);
    sgd_update(p.W1, g.W1, lr);
    sgd_update(p.b1, g.b1, lr);
    sgd_update(p.W2, g.W2, lr);
    sgd_update(p.b2, g.b2, lr);
    return loss;
  }
};

// ---- 64-32-10 relu network, softmax cross-entropy --------------------------------------------
//   Z1 = X W0 + b0,  A1 = relu(Z1),  S = A1 W1 + b1,  L = -mean_i log softmax(S_i)[y_i]
//   dS = (softmax(S) - onehot(y)) / B,  dZ1 = (dS W1ᵀ) ⊙ 1[Z1 > 0]
template <std::size_t B>
struct digits_mlp {
  static constexpr std::size_t In = 64, H = 32, C = 10;

  struct params {
    alignas(32) vec<In * H> W0;
    alignas(32) vec<H> b0;
    alignas(32) vec<H * C> W1;
    alignas(32) vec<C> b1;
  };

  params p{};
  params g{};
  alignas(32) vec<B * H> z1{};
  alignas(32) vec<B * H> a1{};
  alignas(32) vec<B * H> d1{};
  alignas(32) vec<B * C> s{};
  alignas(32) vec<B * C> ds{};

  //! One SGD step on the batch x [B, In] with labels y [B] in [0, C); returns the loss before the
  //! step.
  double step(const vec<B * In>& x, const std::array<int, B>& y, double lr) {
    // forward
    affine<B, In, H>(x, p.W0, p.b0, z1);
    for (std::size_t i = 0; i < B * H; ++i)
      a1[i] = z1[i] > 0.0 ? z1[i] : 0.0;
    affine<B, H, C>(a1, p.W1, p.b1, s);
    // softmax cross-entropy, row by row, shifted by the row maximum
    double loss = 0.0;
    constexpr double inv_b = 1.0 / static_cast<double>(B);
    for (std::size_t i = 0; i < B; ++i) {
      const double* si = &s[i * C];
      double m = si[0];
      for (std::size_t j = 1; j < C; ++j)
        m = si[j] > m ? si[j] : m;
      double* dsi = &ds[i * C];
      double sum = 0.0;
      for (std::size_t j = 0; j < C; ++j) {
        dsi[j] = std::exp(si[j] - m);
        sum += dsi[j];
      }
      const auto label = static_cast<std::size_t>(y[i]);
      loss -= si[label] - m - std::log(sum);
      const double scale = inv_b / sum;  // dS = (softmax - onehot) / B
      for (std::size_t j = 0; j < C; ++j)
        dsi[j] *= scale;
      dsi[label] -= inv_b;
    }
    loss *= inv_b;
    // backward
    affine_backward<B, H, C>(a1, ds, g.W1, g.b1);
    backprop_input<B, H, C>(ds, p.W1, d1);
    for (std::size_t i = 0; i < B * H; ++i)
      d1[i] = z1[i] > 0.0 ? d1[i] : 0.0;
    affine_backward<B, In, H>(x, d1, g.W0, g.b0);
    // update
    sgd_update(p.W0, g.W0, lr);
    sgd_update(p.b0, g.b0, lr);
    sgd_update(p.W1, g.W1, lr);
    sgd_update(p.b1, g.b1, lr);
    return loss;
  }
};

}  // namespace typegrad_bench::hand
