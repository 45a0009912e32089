// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 07: a linear layer on static-shape tensors. Y = X W + b adds b to each row of X W
// (broadcasting, as NumPy), and L = sum(Y). The adjoint of a sum is all ones, so with
// 1 the [2, 2] matrix of ones:
//
//   dL/dW = X^T 1   (each row k holds the sum of column k of X)
//   dL/db = the column sums of 1 = [2, 2]   (one per row of X)
//   dL/dX = 1 W^T   (each row holds the row sums of W)
//
// The shapes are part of the types: matmul of a [2, 3] and a [2, 3] does not compile.
// The program computes each formula by hand too and prints "matches" when they agree.
#include <typegrad/typegrad.hpp>

#include <cstddef>
#include <iostream>

namespace tg = typegrad;

namespace {

bool all_matched = true;

// Prints "dL/dW = <formula> = <typegrad's value>" and whether the hand value agrees.
template <class Tensor>
void show(const char* name, const char* formula, const Tensor& autodiff, const Tensor& by_hand) {
  const bool same = autodiff == by_hand;
  all_matched = all_matched && same;
  std::cout << name << " = " << formula << " = " << autodiff;
  if (same)
    std::cout << "   by hand: matches\n";
  else
    std::cout << "   by hand: " << by_hand << " DIFFERS\n";
}

}  // namespace

int main() {
  constexpr auto X = tg::var<"X", tg::matrix<double, 2, 3>>;  // a var, so that dL/dX exists too
  constexpr auto W = tg::var<"W", tg::matrix<double, 3, 2>>;
  constexpr auto b = tg::var<"b", tg::vector<double, 2>>;
  constexpr auto Y = tg::matmul(X, W) + b;
  constexpr auto L = tg::sum(Y);

  const tg::matrix<double, 2, 3> x{1, 2, 3,  //
                                   4, 5, 6};
  const tg::matrix<double, 3, 2> w{0.5,  -1,    //
                                   2,    0.25,  //
                                   -0.5, 1.5};
  const tg::vector<double, 2> bias{1, -0.5};
  const auto at = tg::at(X = x, W = w, b = bias);  // lvalues: bound by reference, not copied

  std::cout << "L = " << L << '\n';
  std::cout << "Y = X W + b = " << tg::eval(Y, at) << '\n';
  const auto [value, g] = tg::value_and_grad(L, at);
  std::cout << "L = sum(Y) = " << value << '\n';

  // The same formulas with plain loops.
  tg::matrix<double, 3, 2> dW{};  // X^T 1: dW(k, j) = sum_i X(i, k)
  for (std::size_t k = 0; k < 3; ++k)
    for (std::size_t j = 0; j < 2; ++j)
      for (std::size_t i = 0; i < 2; ++i)
        dW(k, j) += x(i, k);
  tg::vector<double, 2> db{};  // column sums of 1
  for (std::size_t j = 0; j < 2; ++j)
    for (std::size_t i = 0; i < 2; ++i)
      db[j] += 1;
  tg::matrix<double, 2, 3> dX{};  // 1 W^T: dX(i, k) = sum_j W(k, j)
  for (std::size_t i = 0; i < 2; ++i)
    for (std::size_t k = 0; k < 3; ++k)
      for (std::size_t j = 0; j < 2; ++j)
        dX(i, k) += w(k, j);

  show("dL/dW", "X^T 1", g[W], dW);
  show("dL/db", "column sums of 1", g[b], db);
  show("dL/dX", "1 W^T", g[X], dX);
  return all_matched ? 0 : 1;
}

// expect: L = sum\(matmul\(X, W\) \+ b\)
// expect: Y = X W \+ b = \[\[4, 3\.5\], \[10, 5\.75\]\]
// expect: L = sum\(Y\) = 23\.25
// expect: dL/dW = X\^T 1 = \[\[5, 5\], \[7, 7\], \[9, 9\]\]   by hand: matches
// expect: dL/db = column sums of 1 = \[2, 2\]   by hand: matches
// expect: dL/dX = 1 W\^T = \[\[-0\.5, 2\.25, 1\], \[-0\.5, 2\.25, 1\]\]   by hand: matches

// Output:
// L = sum(matmul(X, W) + b)
// Y = X W + b = [[4, 3.5], [10, 5.75]]
// L = sum(Y) = 23.25
// dL/dW = X^T 1 = [[5, 5], [7, 7], [9, 9]]   by hand: matches
// dL/db = column sums of 1 = [2, 2]   by hand: matches
// dL/dX = 1 W^T = [[-0.5, 2.25, 1], [-0.5, 2.25, 1]]   by hand: matches
