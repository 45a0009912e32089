// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// FastAD's ADBenchmark task set, part 2: a matrix product and two log densities, sizes fixed
// at compile time. Each case computes f and its whole gradient in double (harness, check and
// names: bench/adbench.hpp; peers: bench/adbench_peers.hpp).
//
//   BM_matrix_product/KxK   f = sum_ij (A B)_ij for K x K matrices A, B (2 K^2 inputs, K^2 = 1,
//                           4, 16, 64, 256, 1024), entries in [-1, 1).
//                           hand: the product C = A B (i-k-j loops), its sum, and the gradient
//                           in closed form, dA[i, k] = sum_j B[k, j], dB[k, j] = sum_i A[i, k]
//                           (O(K^2)). An AD tool cannot know that dC is all ones and does two
//                           more products (dA = dC B^T, dB = A^T dC): expect ~3x at large K.
//   BM_normal_log_pdf/N     f = -1/2 sum_i ((x_i - mu) / sigma)^2 - N log sigma (up to the constant
//                           -N/2 log 2 pi) with respect to mu and sigma (2 inputs), data x of N
//                           values in [-1, 1), mu = -0.56, sigma = 1.37.
//                           hand: one loop for sum (x - mu) and sum (x - mu)^2.
//   BM_regression/P         Bayesian linear regression, log posterior up to a constant, 1000 rows,
//                           P = 10 and 50 features, inputs w (P), b, sigma (P + 2):
//                             f = -1/2 sum_i r_i^2 / sigma^2 - 1000 log sigma - 1/2 |w|^2 - 1/2 b^2,
//                             r = y - X w - b,
//                           X and y in [-1, 1), w and b in [-1, 1), sigma in [0.1, 1.1) (the prior
//                           on sigma is uniform: a constant). hand: one pass over the rows
//                           computing r_i and adding r_i X_i into dw (the row read once).
//
// typegrad: one expression, `typegrad` with the workspace on the stack, `typegrad_ws` in a
// caller's tg::workspace allocated once; data as tg::input (bound by reference, never copied):
//   sum(matmul(A, B))
//   c<-1, 2> * sum(square(X - mu)) / square(sigma) - c<N> * log(sigma)
//   c<-1, 2> * sum(square(y - (matmul(X, w) + b))) / square(sigma) - c<1000> * log(sigma)
//     - c<1, 2> * sum(square(w)) - c<1, 2> * square(b)
// Peers run the function templates below (plain loops over the AD scalar).
//
// stochastic_volatility (ADBenchmark's fifth model, N = 4 ... 1024; at N = 1 there is no
// recursion): a latent AR(1) log-volatility driven by N standard-normal inputs z,
//   h_0 = mu + sigma z_0 / sqrt(1 - phi^2),  h_t = mu + phi (h_{t-1} - mu) + sigma z_t,
//   f = sum_t (-h_t / 2 - y_t^2 exp(-h_t) / 2 - z_t^2 / 2) - log(1 + (sigma/5)^2) - log(1 + (mu/10)^2)
// (the log densities of y_t ~ N(0, exp(h_t / 2)), z_t ~ N(0, 1), the Cauchy priors of sigma and
// mu and phi's uniform prior, without their constants), with respect to z, phi, sigma and mu.
// The hand-written adjoint walks the recursion backward: l_t = a_t + phi l_{t+1}. typegrad
// writes the recursion once as tg::trajectory (every h_t as a vector).

#include <typegrad/typegrad.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adbench.hpp"
#include "adbench_peers.hpp"

namespace tg = typegrad;
namespace adb = typegrad_bench::adb;

namespace {

constexpr std::intmax_t as_int(std::size_t n) { return static_cast<std::intmax_t>(n); }

template <class Tensor, std::size_t N>
void copy_to(const std::array<double, N>& from, std::size_t offset, Tensor& to) {
  std::copy(from.begin() + static_cast<std::ptrdiff_t>(offset),
            from.begin() + static_cast<std::ptrdiff_t>(offset + Tensor::size()), to.begin());
}

// ---- matrix_product ----------------------------------------------------------------------------

template <std::size_t K>
struct matrix_product_task {
  static constexpr std::size_t n = 2 * K * K;  // A then B, row-major
  static constexpr double tolerance = 1e-12;
  static constexpr double floor = 1.0;
  std::array<double, n> x0 = adb::uniform<n>(0x5eed0004u + K, -1.0, 1.0);

  template <class S>
  S operator()(const S* x, const double*) const {
    const S* a = x;
    const S* b = x + K * K;
    S total(0.0);
    for (std::size_t i = 0; i < K; ++i)
      for (std::size_t j = 0; j < K; ++j) {
        S c = a[i * K] * b[j];
        for (std::size_t k = 1; k < K; ++k)
          c += a[i * K + k] * b[k * K + j];
        total += c;
      }
    return total;
  }

  class hand {
   public:
    explicit hand(const matrix_product_task& t) : x_(t.x0) {}
    template <class Keep>
    double run(Keep&& keep) {
      const double* a = x_.data();
      const double* b = x_.data() + K * K;
      double* da = g_.data();
      double* db = g_.data() + K * K;
      // C = A B, row by row (rows of B innermost), and its sum
      double total = 0.0;
      for (std::size_t i = 0; i < K; ++i) {
        alignas(32) double c[K] = {};
        for (std::size_t k = 0; k < K; ++k) {
          const double aik = a[i * K + k];
          for (std::size_t j = 0; j < K; ++j)
            c[j] += aik * b[k * K + j];
        }
        for (std::size_t j = 0; j < K; ++j)
          total += c[j];
      }
      // dA = 1 B^T: every row is the row sums of B; dB = A^T 1: every column the column sums of A
      alignas(32) double row_b[K] = {};
      alignas(32) double col_a[K] = {};
      for (std::size_t k = 0; k < K; ++k)
        for (std::size_t j = 0; j < K; ++j)
          row_b[k] += b[k * K + j];
      for (std::size_t i = 0; i < K; ++i)
        for (std::size_t k = 0; k < K; ++k)
          col_a[k] += a[i * K + k];
      for (std::size_t i = 0; i < K; ++i)
        for (std::size_t k = 0; k < K; ++k)
          da[i * K + k] = row_b[k];
      for (std::size_t k = 0; k < K; ++k)
        for (std::size_t j = 0; j < K; ++j)
          db[k * K + j] = col_a[k];
      keep(g_);
      return total;
    }

   private:
    alignas(32) std::array<double, n> x_;
    alignas(32) std::array<double, n> g_{};
  };

  static constexpr auto A = tg::var<"A", tg::matrix<double, K, K>>;
  static constexpr auto B = tg::var<"B", tg::matrix<double, K, K>>;
  static constexpr auto f = tg::sum(tg::matmul(A, B));

  //! OwnWorkspace: `typegrad_ws`, in a caller's tg::workspace allocated once; else on the stack.
  template <bool OwnWorkspace>
  class typegrad_impl {
   public:
    explicit typegrad_impl(const matrix_product_task& t) {
      copy_to(t.x0, 0, a_);
      copy_to(t.x0, K * K, b_);
    }
    template <class Keep>
    double run(Keep&& keep) {
      const auto [v, g] = [&] {
        if constexpr (OwnWorkspace)
          return tg::value_and_grad(f, tg::at(A = a_, B = b_), tg::wrt(A, B), *ws_);
        else
          return tg::value_and_grad(f, tg::at(A = a_, B = b_));
      }();
      keep(g[A]);
      keep(g[B]);
      return v;
    }

   private:
    tg::matrix<double, K, K> a_, b_;
    std::unique_ptr<tg::workspace<decltype(f)>> ws_ = std::make_unique<tg::workspace<decltype(f)>>();
  };
  using typegrad = typegrad_impl<false>;
  using typegrad_ws = typegrad_impl<true>;
};

// ---- normal_log_pdf ----------------------------------------------------------------------------

template <std::size_t N>
struct normal_log_pdf_task {
  static constexpr std::size_t n = 2;  // mu, sigma
  static constexpr double tolerance = 1e-12;
  static constexpr double floor = 1.0;
  std::array<double, n> x0 = {-0.56, 1.37};
  std::array<double, N> data = adb::uniform<N>(0x5eed0005u + N, -1.0, 1.0);

  template <class S>
  S operator()(const S* p, const double*) const {
    const S& mu = p[0];
    const S& sigma = p[1];
    S s2(0.0);
    for (std::size_t i = 0; i < N; ++i) {
      const S d = data[i] - mu;
      s2 += d * d;
    }
    return -0.5 * s2 / (sigma * sigma) - static_cast<double>(N) * log(sigma);
  }

  class hand {
   public:
    explicit hand(const normal_log_pdf_task& t) : mu_(t.x0[0]), sigma_(t.x0[1]), x_(t.data) {}
    template <class Keep>
    double run(Keep&& keep) {
      double s1 = 0.0, s2 = 0.0;
      for (std::size_t i = 0; i < N; ++i) {
        const double d = x_[i] - mu_;
        s1 += d;
        s2 += d * d;
      }
      const double inv = 1.0 / sigma_;
      const double inv2 = inv * inv;
      g_[0] = s1 * inv2;
      g_[1] = s2 * inv2 * inv - static_cast<double>(N) * inv;
      keep(g_);
      return -0.5 * s2 * inv2 - static_cast<double>(N) * std::log(sigma_);
    }

   private:
    double mu_, sigma_;
    alignas(32) std::array<double, N> x_;
    std::array<double, 2> g_{};
  };

  static constexpr auto X = tg::input<"X", tg::vector<double, N>>;
  static constexpr auto mu = tg::var<"mu">;
  static constexpr auto sigma = tg::var<"sigma">;
  static constexpr auto f = tg::c<-1, 2> * tg::sum(tg::square(X - mu)) / tg::square(sigma)
                            - tg::c<as_int(N)> * tg::log(sigma);

  template <bool OwnWorkspace>
  class typegrad_impl {
   public:
    explicit typegrad_impl(const normal_log_pdf_task& t) : mu_(t.x0[0]), sigma_(t.x0[1]) { copy_to(t.data, 0, x_); }
    template <class Keep>
    double run(Keep&& keep) {
      const auto [v, g] = [&] {
        if constexpr (OwnWorkspace)
          return tg::value_and_grad(f, tg::at(X = x_, mu = mu_, sigma = sigma_), tg::wrt(mu, sigma), *ws_);
        else
          return tg::value_and_grad(f, tg::at(X = x_, mu = mu_, sigma = sigma_));
      }();
      keep(g[mu]);
      keep(g[sigma]);
      return v;
    }

   private:
    double mu_, sigma_;
    tg::vector<double, N> x_;
    std::unique_ptr<tg::workspace<decltype(f)>> ws_ = std::make_unique<tg::workspace<decltype(f)>>();
  };
  using typegrad = typegrad_impl<false>;
  using typegrad_ws = typegrad_impl<true>;
};

// ---- regression --------------------------------------------------------------------------------

constexpr std::size_t rows = 1000;

template <std::size_t P>
struct regression_task {
  static constexpr std::size_t n = P + 2;  // w, b, sigma
  // Sums of 1000 squared residuals of size ~sqrt(P) in different orders: ~1e-14 relative.
  static constexpr double tolerance = 1e-11;
  static constexpr double floor = 1.0;
  std::array<double, n> x0 = [] {
    auto x = adb::uniform<n>(0x5eed0006u + P, -1.0, 1.0);
    x[P + 1] = std::fabs(x[P + 1]) + 0.1;  // sigma > 0
    return x;
  }();
  std::vector<double> X = [] {  // rows x P, row-major
    const auto a = adb::uniform<rows * P>(0x5eed0007u + P, -1.0, 1.0);
    return std::vector<double>(a.begin(), a.end());
  }();
  std::vector<double> y = [] {
    const auto a = adb::uniform<rows>(0x5eed0008u + P, -1.0, 1.0);
    return std::vector<double>(a.begin(), a.end());
  }();

  template <class S>
  S operator()(const S* p, const double*) const {
    const S* w = p;
    const S& b = p[P];
    const S& sigma = p[P + 1];
    S s2(0.0);
    for (std::size_t i = 0; i < rows; ++i) {
      S r = y[i] - b;
      for (std::size_t j = 0; j < P; ++j)
        r -= X[i * P + j] * w[j];
      s2 += r * r;
    }
    S ww(0.0);
    for (std::size_t j = 0; j < P; ++j)
      ww += w[j] * w[j];
    return -0.5 * s2 / (sigma * sigma) - static_cast<double>(rows) * log(sigma) - 0.5 * ww - 0.5 * b * b;
  }

  class hand {
   public:
    explicit hand(const regression_task& t) : p_(t.x0) {
      std::copy(t.X.begin(), t.X.end(), xs_->begin());
      std::copy(t.y.begin(), t.y.end(), ys_->begin());
    }
    template <class Keep>
    double run(Keep&& keep) {
      const double* w = p_.data();
      const double b = p_[P];
      const double sigma = p_[P + 1];
      const double* xs = xs_->data();
      const double* ys = ys_->data();
      alignas(32) double gw[P] = {};
      double s1 = 0.0, s2 = 0.0;
      for (std::size_t i = 0; i < rows; ++i) {
        const double* xi = xs + i * P;
        double xw = 0.0;
        for (std::size_t j = 0; j < P; ++j)
          xw += xi[j] * w[j];
        const double r = ys[i] - xw - b;
        s1 += r;
        s2 += r * r;
        for (std::size_t j = 0; j < P; ++j)
          gw[j] += r * xi[j];
      }
      const double inv = 1.0 / sigma;
      const double inv2 = inv * inv;
      double ww = 0.0;
      for (std::size_t j = 0; j < P; ++j) {
        ww += w[j] * w[j];
        g_[j] = gw[j] * inv2 - w[j];
      }
      g_[P] = s1 * inv2 - b;
      g_[P + 1] = s2 * inv2 * inv - static_cast<double>(rows) * inv;
      keep(g_);
      return -0.5 * s2 * inv2 - static_cast<double>(rows) * std::log(sigma) - 0.5 * ww - 0.5 * b * b;
    }

   private:
    alignas(32) std::array<double, n> p_;
    alignas(32) std::array<double, n> g_{};
    std::unique_ptr<std::array<double, rows * P>> xs_ = std::make_unique<std::array<double, rows * P>>();
    std::unique_ptr<std::array<double, rows>> ys_ = std::make_unique<std::array<double, rows>>();
  };

  static constexpr auto X_ = tg::input<"X", tg::matrix<double, rows, P>>;
  static constexpr auto y_ = tg::input<"y", tg::vector<double, rows>>;
  static constexpr auto w = tg::var<"w", tg::vector<double, P>>;
  static constexpr auto b = tg::var<"b">;
  static constexpr auto sigma = tg::var<"sigma">;
  static constexpr auto f = tg::c<-1, 2> * tg::sum(tg::square(y_ - (tg::matmul(X_, w) + b))) / tg::square(sigma)
                            - tg::c<as_int(rows)> * tg::log(sigma) - tg::c<1, 2> * tg::sum(tg::square(w))
                            - tg::c<1, 2> * tg::square(b);

  //! The data as typegrad tensors (on the heap: X is 8000 P bytes).
  struct tensors {
    tg::matrix<double, rows, P> xv;
    tg::vector<double, rows> yv;
    tg::vector<double, P> wv;
    double bv, sv;
    explicit tensors(const regression_task& t) : bv(t.x0[P]), sv(t.x0[P + 1]) {
      std::copy(t.X.begin(), t.X.end(), xv.begin());
      std::copy(t.y.begin(), t.y.end(), yv.begin());
      copy_to(t.x0, 0, wv);
    }
  };

  template <bool OwnWorkspace>
  class typegrad_impl {
   public:
    explicit typegrad_impl(const regression_task& t) : d_(std::make_unique<tensors>(t)) {}
    template <class Keep>
    double run(Keep&& keep) {
      const auto at = tg::at(X_ = d_->xv, y_ = d_->yv, w = d_->wv, b = d_->bv, sigma = d_->sv);
      const auto [v, g] = [&] {
        if constexpr (OwnWorkspace)
          return tg::value_and_grad(f, at, tg::wrt(w, b, sigma), *ws_);
        else
          return tg::value_and_grad(f, at, tg::wrt(w, b, sigma));
      }();
      keep(g[w]);
      keep(g[b]);
      keep(g[sigma]);
      return v;
    }

   private:
    std::unique_ptr<tensors> d_;
    std::unique_ptr<tg::workspace<decltype(f)>> ws_ = std::make_unique<tg::workspace<decltype(f)>>();
  };
  using typegrad = typegrad_impl<false>;
  using typegrad_ws = typegrad_impl<true>;
};

// ---- stochastic_volatility -------------------------------------------------------------------

template <std::size_t N>
struct stochastic_volatility_task {
  static_assert(N >= 2, "the recursion needs two steps");
  static constexpr std::size_t n = N + 3;  // z, then phi, sigma, mu
  // Sums of N terms with exp in different orders.
  static constexpr double tolerance = 1e-11;
  static constexpr double floor = 1.0;
  std::array<double, n> x0 = [] {
    auto x = adb::uniform<n>(0x5eed0009u + N, -1.5, 1.5);
    x[N] = 0.8;       // phi
    x[N + 1] = 0.4;   // sigma
    x[N + 2] = -0.3;  // mu
    return x;
  }();
  std::array<double, N> y = adb::uniform<N>(0x5eed000au + N, -2.0, 2.0);

  template <class S>
  S operator()(const S* x, const double*) const {
    const S& phi = x[N];
    const S& sigma = x[N + 1];
    const S& mu = x[N + 2];
    S h = mu + sigma * x[0] / sqrt(1.0 - phi * phi);
    S total = -0.5 * h - 0.5 * (y[0] * y[0]) * exp(-h) - 0.5 * x[0] * x[0];
    for (std::size_t t = 1; t < N; ++t) {
      h = mu + phi * (h - mu) + sigma * x[t];
      total += -0.5 * h - 0.5 * (y[t] * y[t]) * exp(-h) - 0.5 * x[t] * x[t];
    }
    const S s5 = sigma / 5.0;
    const S m10 = mu / 10.0;
    return total - log(1.0 + s5 * s5) - log(1.0 + m10 * m10);
  }

  class hand {
   public:
    explicit hand(const stochastic_volatility_task& t) : x_(t.x0), y_(t.y) {}
    template <class Keep>
    double run(Keep&& keep) {
      const double* z = x_.data();
      const double phi = x_[N], sigma = x_[N + 1], mu = x_[N + 2];
      const double root = std::sqrt(1 - phi * phi);
      h_[0] = mu + sigma * z[0] / root;
      for (std::size_t t = 1; t < N; ++t)
        h_[t] = mu + phi * (h_[t - 1] - mu) + sigma * z[t];
      double value = 0;
      for (std::size_t t = 0; t < N; ++t) {
        const double e = y_[t] * y_[t] * std::exp(-h_[t]);
        value += -0.5 * h_[t] - 0.5 * e - 0.5 * z[t] * z[t];
        l_[t] = -0.5 + 0.5 * e;  // d f / d h_t, before the recursion
      }
      for (std::size_t t = N - 1; t-- > 0;)
        l_[t] += phi * l_[t + 1];
      double dphi = l_[0] * sigma * z[0] * phi / (root * root * root);
      double dsigma = l_[0] * z[0] / root;
      double dmu = l_[0];
      g_[0] = l_[0] * sigma / root - z[0];
      for (std::size_t t = 1; t < N; ++t) {
        dmu += l_[t] * (1 - phi);
        dphi += l_[t] * (h_[t - 1] - mu);
        dsigma += l_[t] * z[t];
        g_[t] = l_[t] * sigma - z[t];
      }
      const double s2 = sigma * sigma, m2 = mu * mu;
      g_[N] = dphi;
      g_[N + 1] = dsigma - 2 * sigma / (25 + s2);
      g_[N + 2] = dmu - 2 * mu / (100 + m2);
      keep(g_);
      return value - std::log(1 + s2 / 25) - std::log(1 + m2 / 100);
    }

   private:
    std::array<double, n> x_;
    std::array<double, N> y_;
    std::array<double, N> h_{}, l_{};
    std::array<double, n> g_{};
  };

  using rest = tg::vector<double, N - 1>;
  static constexpr auto phi = tg::var<"phi">;
  static constexpr auto sigma = tg::var<"sigma">;
  static constexpr auto mu = tg::var<"mu">;
  static constexpr auto z0 = tg::var<"z0">;
  static constexpr auto zs = tg::var<"zs", rest>;  // z_1 .. z_{N-1}
  static constexpr auto y0 = tg::input<"y0">;
  static constexpr auto ys = tg::input<"ys", rest>;
  static constexpr auto h = tg::var<"h">;  // the state of the recursion
  static constexpr auto z = tg::input<"z">;  // z_t inside a step
  static constexpr auto first = mu + sigma * z0 / tg::sqrt(1 - tg::square(phi));
  static constexpr auto hs = tg::trajectory<N - 1>(h, mu + phi * (h - mu) + sigma * z, first, tg::each(z, zs));
  static constexpr auto f = tg::c<-1, 2> * (first + y0 * y0 * tg::exp(-first) + z0 * z0) +
                            tg::sum(tg::c<-1, 2> * (hs + ys * ys * tg::exp(-hs) + zs * zs)) -
                            tg::log(1 + tg::square(tg::c<1, 5> * sigma)) - tg::log(1 + tg::square(tg::c<1, 10> * mu));

  struct point {
    double z0v, y0v, phiv, sigmav, muv;
    rest zv, yv;
    explicit point(const stochastic_volatility_task& t)
        : z0v(t.x0[0]), y0v(t.y[0]), phiv(t.x0[N]), sigmav(t.x0[N + 1]), muv(t.x0[N + 2]) {
      copy_to(t.x0, 1, zv);
      std::array<double, N> yy = t.y;
      copy_to(yy, 1, yv);
    }
    auto at() const {
      return tg::at(phi = phiv, sigma = sigmav, mu = muv, z0 = z0v, zs = zv, y0 = y0v, ys = yv);
    }
  };

  template <bool OwnWorkspace>
  class typegrad_impl {
   public:
    explicit typegrad_impl(const stochastic_volatility_task& t) : p_(t) {}
    template <class Keep>
    double run(Keep&& keep) {
      const auto [v, g] = [&] {
        if constexpr (OwnWorkspace)
          return tg::value_and_grad(f, p_.at(), tg::wrt(z0, zs, phi, sigma, mu), *ws_);
        else
          return tg::value_and_grad(f, p_.at(), tg::wrt(z0, zs, phi, sigma, mu));
      }();
      keep(g[z0]);
      keep(g[zs]);
      keep(g[phi]);
      keep(g[sigma]);
      keep(g[mu]);
      return v;
    }

   private:
    point p_;
    std::unique_ptr<tg::workspace<decltype(f)>> ws_ = std::make_unique<tg::workspace<decltype(f)>>();
  };
  using typegrad = typegrad_impl<false>;
  using typegrad_ws = typegrad_impl<true>;
};

// ---- registration ------------------------------------------------------------------------------

template <class Task>
void add_contestants(const std::string& name) {
  adb::add_task<Task, typename Task::hand>(name, "hand");
  adb::add_task<Task, typename Task::typegrad>(name, "typegrad");
  adb::add_task<Task, typename Task::typegrad_ws>(name, "typegrad_ws");
  adb::add_task_peers<Task>(name);
}

template <std::size_t... K>
void add_matrix_products() {
  (add_contestants<matrix_product_task<K>>("BM_matrix_product/" + std::to_string(K) + "x" + std::to_string(K)),
   ...);
}
template <std::size_t... N>
void add_normal_log_pdfs() {
  (add_contestants<normal_log_pdf_task<N>>("BM_normal_log_pdf/" + std::to_string(N)), ...);
}
template <std::size_t... N>
void add_stochastic_volatilities() {
  (add_contestants<stochastic_volatility_task<N>>("BM_stochastic_volatility/" + std::to_string(N)), ...);
}
template <std::size_t... P>
void add_regressions() {
  (add_contestants<regression_task<P>>("BM_regression/" + std::to_string(P)), ...);
}

const bool registered = [] {
  add_matrix_products<1, 2, 4, 8, 16, 32>();
  add_normal_log_pdfs<1, 4, 16, 64, 256, 1024>();
  add_regressions<10, 50>();
  add_stochastic_volatilities<4, 16, 64, 256, 1024>();
  return true;
}();

}  // namespace

int main(int argc, char** argv) { return adb::run_main(argc, argv, adb::peer_notes()); }
