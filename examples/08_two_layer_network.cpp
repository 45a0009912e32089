// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 08: a two-layer relu network with a mean squared error, forward and backward, beside the
// gradients derived by hand. With n = 6, the number of entries of Z2:
//
//   Z1 = X W1 + b1,  A1 = relu(Z1),  Z2 = A1 W2 + b2,  L = mean((Z2 - T)^2)
//   dZ2 = 2 (Z2 - T) / n,  dW2 = A1^T dZ2,  db2 = column sums of dZ2,
//   dA1 = dZ2 W2^T,  dZ1 = dA1 * [Z1 > 0],  dW1 = X^T dZ1,  db1 = column sums of dZ1
//
// Naming the intermediates with let<"..."> makes them targets of wrt(...), so one reverse
// pass gives dZ2, dA1 and dZ1 as well as the weights' gradients. Each formula is also
// computed with plain loops, and the largest difference between the two is printed.
// (dZ1 shows -0 where relu's rule multiplied a negative adjoint by 0; -0 == 0.)
#include <typegrad/typegrad.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <iostream>

namespace tg = typegrad;

namespace {

constexpr std::size_t B = 3, In = 2, Hidden = 4, Out = 2;
template <std::size_t R, std::size_t C>
using matrix = tg::matrix<double, R, C>;
template <std::size_t N>
using vector = tg::vector<double, N>;

// Plain loops: a^T b, a b^T, and the column sums of a.
template <std::size_t M, std::size_t K, std::size_t N>
matrix<K, N> transpose_times(const matrix<M, K>& a, const matrix<M, N>& b) {
  matrix<K, N> r{};
  for (std::size_t i = 0; i < M; ++i)
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t j = 0; j < N; ++j)
        r(k, j) += a(i, k) * b(i, j);
  return r;
}
template <std::size_t M, std::size_t N, std::size_t K>
matrix<M, K> times_transpose(const matrix<M, N>& a, const matrix<K, N>& b) {
  matrix<M, K> r{};
  for (std::size_t i = 0; i < M; ++i)
    for (std::size_t k = 0; k < K; ++k)
      for (std::size_t j = 0; j < N; ++j)
        r(i, k) += a(i, j) * b(k, j);
  return r;
}
template <std::size_t M, std::size_t N>
vector<N> column_sums(const matrix<M, N>& a) {
  vector<N> r{};
  for (std::size_t i = 0; i < M; ++i)
    for (std::size_t j = 0; j < N; ++j)
      r[j] += a(i, j);
  return r;
}

double worst = 0;

// Prints "name = formula = <typegrad's value>" and the largest difference from the hand value.
template <class Tensor>
void show(const char* name, const char* formula, const Tensor& autodiff, const Tensor& by_hand) {
  double d = 0;
  for (std::size_t i = 0; i < autodiff.size(); ++i)
    d = std::max(d, std::abs(autodiff[i] - by_hand[i]));
  worst = std::max(worst, d);
  std::cout << name << " = " << formula << " = " << autodiff
            << "\n    max |typegrad - by hand| = " << d << '\n';
}

}  // namespace

int main() {
  constexpr auto X = tg::input<"X", matrix<B, In>>;  // data: bound, never differentiated
  constexpr auto T = tg::input<"T", matrix<B, Out>>;
  constexpr auto W1 = tg::var<"W1", matrix<In, Hidden>>;
  constexpr auto b1 = tg::var<"b1", vector<Hidden>>;
  constexpr auto W2 = tg::var<"W2", matrix<Hidden, Out>>;
  constexpr auto b2 = tg::var<"b2", vector<Out>>;

  constexpr auto Z1 = tg::let<"Z1">(tg::matmul(X, W1) + b1);
  constexpr auto A1 = tg::let<"A1">(tg::relu(Z1));
  constexpr auto Z2 = tg::let<"Z2">(tg::matmul(A1, W2) + b2);
  constexpr auto L = tg::mean(tg::square(Z2 - T));

  const matrix<B, In> x{1,   2,    //
                        -1,  0.5,  //
                        0.5, -1.5};
  const matrix<In, Hidden> w1{0.5,  -1,   0.25, 1,  //
                              -0.5, 0.75, 1,    -0.25};
  const vector<Hidden> bias1{0.1, 0.2, -0.3, 0};
  const matrix<Hidden, Out> w2{1,    -0.5,  //
                               0.5,  1,     //
                               -1,   0.25,  //
                               0.75, 0.5};
  const vector<Out> bias2{0, 0.1};
  const matrix<B, Out> t{1,   0,  //
                         0,   1,  //
                         0.5, -0.5};
  const auto at = tg::at(X = x, T = t, W1 = w1, b1 = bias1, W2 = w2, b2 = bias2);

  std::cout << tg::to_string_with_lets(L) << '\n';

  // Forward, by typegrad and by hand.
  const auto z1 = tg::eval(Z1, at);
  const auto z2 = tg::eval(Z2, at);
  matrix<B, Hidden> h1{};
  matrix<B, Hidden> a1{};
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t k = 0; k < Hidden; ++k) {
      double s = 0;
      for (std::size_t j = 0; j < In; ++j)
        s += x(i, j) * w1(j, k);
      h1(i, k) = s + bias1[k];
      s = h1(i, k);
      a1(i, k) = std::max(s, 0.0);
    }
  matrix<B, Out> h2{};
  for (std::size_t i = 0; i < B; ++i)
    for (std::size_t k = 0; k < Out; ++k) {
      double s = 0;
      for (std::size_t j = 0; j < Hidden; ++j)
        s += a1(i, j) * w2(j, k);
      h2(i, k) = s + bias2[k];
    }
  constexpr double n = B * Out;
  double loss = 0;
  for (std::size_t i = 0; i < h2.size(); ++i)
    loss += (h2[i] - t[i]) * (h2[i] - t[i]);
  loss /= n;

  std::cout << "forward:\n";
  show("Z1", "X W1 + b1", z1, h1);
  show("Z2", "relu(Z1) W2 + b2", z2, h2);
  const auto [value, g] = tg::value_and_grad(L, at, tg::wrt(Z2, A1, Z1, W2, b2, W1, b1));
  std::cout << "L = mean((Z2 - T)^2) = " << value << "    by hand: " << loss << '\n';
  worst = std::max(worst, std::abs(value - loss));

  // Backward, by hand.
  const matrix<B, Out> dZ2 = (h2 - t) * (2 / n);
  const matrix<Hidden, Out> dW2 = transpose_times(a1, dZ2);
  const vector<Out> db2 = column_sums(dZ2);
  const matrix<B, Hidden> dA1 = times_transpose(dZ2, w2);
  matrix<B, Hidden> dZ1 = dA1;
  for (std::size_t i = 0; i < dZ1.size(); ++i)
    if (!(h1[i] > 0))
      dZ1[i] = 0;
  const matrix<In, Hidden> dW1 = transpose_times(x, dZ1);
  const vector<Hidden> db1 = column_sums(dZ1);

  std::cout << "backward (typegrad's reverse pass beside the hand formula):\n";
  show("dZ2", "2(Z2-T)/n", g[Z2], dZ2);
  show("dW2", "A1^T dZ2", g[W2], dW2);
  show("db2", "column sums of dZ2", g[b2], db2);
  show("dA1", "dZ2 W2^T", g[A1], dA1);
  show("dZ1", "dA1 * [Z1 > 0]", g[Z1], dZ1);
  show("dW1", "X^T dZ1", g[W1], dW1);
  show("db1", "column sums of dZ1", g[b1], db1);
  std::cout << "largest difference: " << worst
            << (worst <= 1e-15 ? " (ok: at most 1e-15)" : " (TOO LARGE)") << '\n';
  return worst <= 1e-15 ? 0 : 1;
}

// expect: Z1 = matmul\(X, W1\) \+ b1; A1 = relu\(Z1\); Z2 = matmul\(A1, W2\) \+ b2; mean\(square\(Z2 - T\)\)
// expect: Z2 = relu\(Z1\) W2 \+ b2 = \[\[-1\.225, 1\.5375\], \[0\.7875, 1\.675\], \[1\.75625, -0\.0125\]\]
// expect: L = mean\(\(Z2 - T\)\^2\) = 1\.70102    by hand: 1\.70102
// expect: dZ1 = dA1 \* \[Z1 > 0\] = \[\[-?0, 0\.141667, 0\.869792, -0\.3\], \[0, 0\.35625, -?0, 0\], \[0\.3375, 0, -?0, 0\.395313\]\]
// expect: dW1 = X\^T dZ1 = \[\[0\.16875, -0\.214583, 0\.869792, -0\.102344\], \[-0\.50625, 0\.461458, 1\.73958, -1\.19297\]\]
// expect: largest difference: [0-9.e-]+ \(ok: at most 1e-15\)

// Output:
// Z1 = matmul(X, W1) + b1; A1 = relu(Z1); Z2 = matmul(A1, W2) + b2; mean(square(Z2 - T))
// forward:
// Z1 = X W1 + b1 = [[-0.4, 0.7, 1.95, 0.5], [-0.65, 1.575, -0.05, -1.125], [1.1, -1.425, -1.675,
// 0.875]]
//     max |typegrad - by hand| = 0
// Z2 = relu(Z1) W2 + b2 = [[-1.225, 1.5375], [0.7875, 1.675], [1.75625, -0.0125]]
//     max |typegrad - by hand| = 0
// L = mean((Z2 - T)^2) = 1.70102    by hand: 1.70102
// backward (typegrad's reverse pass beside the hand formula):
// dZ2 = 2(Z2-T)/n = [[-0.741667, 0.5125], [0.2625, 0.225], [0.41875, 0.1625]]
//     max |typegrad - by hand| = 0
// dW2 = A1^T dZ2 = [[0.460625, 0.17875], [-0.105729, 0.713125], [-1.44625, 0.999375], [-0.00442708,
// 0.398437]]
//     max |typegrad - by hand| = 0
// db2 = column sums of dZ2 = [-0.0604167, 0.9]
//     max |typegrad - by hand| = 0
// dA1 = dZ2 W2^T = [[-0.997917, 0.141667, 0.869792, -0.3], [0.15, 0.35625, -0.20625, 0.309375],
// [0.3375, 0.371875, -0.378125, 0.395313]]
//     max |typegrad - by hand| = 0
// dZ1 = dA1 * [Z1 > 0] = [[-0, 0.141667, 0.869792, -0.3], [0, 0.35625, -0, 0], [0.3375, 0, -0,
// 0.395313]]
//     max |typegrad - by hand| = 0
// dW1 = X^T dZ1 = [[0.16875, -0.214583, 0.869792, -0.102344], [-0.50625, 0.461458, 1.73958,
// -1.19297]]
//     max |typegrad - by hand| = 0
// db1 = column sums of dZ1 = [0.3375, 0.497917, 0.869792, 0.0953125]
//     max |typegrad - by hand| = 0
// largest difference: 0 (ok: at most 1e-15)
