// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
//
// 14: what textbooks draw. relu, tanh and sigmoid beside their derivatives (one
// reverse pass each: the gradient of sum(f(x)) over a vector x is f'(x) element by
// element), and a linear layer Y = XW + b under a squared-error loss: its input X,
// the heatmap of dL/dW and the bars of dL/db. Prints the numbers; with
// `--plot FILE` (gnuplot installed) also draws them.
//
// Run: ./14_visualize [--plot visualize.png]

#include <typegrad/typegrad.hpp>

#include "plot.hpp"

#include <cstddef>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>

namespace tg = typegrad;

namespace {

constexpr std::size_t n = 81;  // points on [-4, 4]
constexpr auto x = tg::var<"x", tg::vector<double, n>>;

constexpr auto X = tg::input<"X", tg::matrix<double, 6, 5>>;
constexpr auto T = tg::input<"T", tg::matrix<double, 6, 4>>;
constexpr auto W = tg::var<"W", tg::matrix<double, 5, 4>>;
constexpr auto b = tg::var<"b", tg::vector<double, 4>>;

// value and derivative of f over the grid, from one reverse pass
template <class F>
void curve_of(const F& f, const tg::vector<double, n>& grid, tg::vector<double, n>& value,
              tg::vector<double, n>& slope) {
  value = tg::eval(f(x), tg::at(x = grid));
  slope = tg::grad(tg::sum(f(x)), tg::at(x = grid))[x];
}

std::string data_block(const std::string& name, const std::string& rows) { return "$" + name + " << EOD\n" + rows + "EOD\n"; }

}  // namespace

int main(int argc, char** argv) {
  const auto opt = example_plot::parse_options(argc, argv);
  if (!opt.ok) return 2;

  tg::vector<double, n> grid;
  for (std::size_t i = 0; i < n; ++i) grid[i] = -4.0 + 0.1 * static_cast<double>(i);

  tg::vector<double, n> relu_v, relu_d, tanh_v, tanh_d, sig_v, sig_d;
  curve_of([](auto e) { return tg::relu(e); }, grid, relu_v, relu_d);
  curve_of([](auto e) { return tg::tanh(e); }, grid, tanh_v, tanh_d);
  curve_of([](auto e) { return tg::sigmoid(e); }, grid, sig_v, sig_d);

  std::cout << std::setprecision(6);
  std::cout << "activation derivatives from one reverse pass of sum(f(x)) over " << n << " points:\n";
  for (double at : {-1.0, 0.0, 1.0}) {
    const auto i = static_cast<std::size_t>((at + 4.0) * 10.0 + 0.5);
    std::cout << "  x = " << at << ": relu' = " << relu_d[i] << ", tanh' = " << tanh_d[i]
              << ", sigmoid' = " << sig_d[i] << '\n';
  }

  // A linear layer under L = sum((XW + b - T)^2) / 2: dL/dW = X^T (Y - T), dL/db = column sums.
  tg::nn::rng rng(7);
  tg::matrix<double, 6, 5> xs;
  tg::matrix<double, 6, 4> ts;
  tg::matrix<double, 5, 4> ws;
  tg::vector<double, 4> bs;
  for (auto& e : xs) e = rng.uniform(-1.0, 1.0);
  for (auto& e : ts) e = rng.uniform(-1.0, 1.0);
  for (auto& e : ws) e = rng.uniform(-0.5, 0.5);
  for (auto& e : bs) e = rng.uniform(-0.5, 0.5);
  const auto loss = tg::sum(tg::square(tg::matmul(X, W) + b - T)) * 0.5;
  const auto [l, g] = tg::value_and_grad(loss, tg::at(X = xs, T = ts, W = ws, b = bs));
  std::cout << "linear layer: L = " << tg::to_string(loss) << " = " << l << '\n';
  std::cout << "dL/dW = " << g[W] << '\n';
  std::cout << "dL/db = " << g[b] << '\n';

  // The same by hand.
  tg::matrix<double, 6, 4> r{};
  for (std::size_t i = 0; i < 6; ++i)
    for (std::size_t j = 0; j < 4; ++j) {
      double y = bs[j];
      for (std::size_t k = 0; k < 5; ++k) y += xs(i, k) * ws(k, j);
      r(i, j) = y - ts(i, j);
    }
  double worst = 0;
  for (std::size_t k = 0; k < 5; ++k)
    for (std::size_t j = 0; j < 4; ++j) {
      double s = 0;
      for (std::size_t i = 0; i < 6; ++i) s += xs(i, k) * r(i, j);
      worst = std::max(worst, std::abs(s - g[W](k, j)));
    }
  for (std::size_t j = 0; j < 4; ++j) {
    double s = 0;
    for (std::size_t i = 0; i < 6; ++i) s += r(i, j);
    worst = std::max(worst, std::abs(s - g[b][j]));
  }
  std::cout << "max |typegrad - hand (X^T (Y - T), column sums of Y - T)| = " << worst << '\n';
  if (worst > 1e-14) return 1;

  if (opt.plot_file.empty()) {
    example_plot::mention(argv[0]);
    return 0;
  }
  if (!example_plot::gnuplot_available()) {
    example_plot::mention(argv[0]);
    return 0;
  }
  std::ostringstream curves, heat_x, heat_w, bars;
  for (std::size_t i = 0; i < n; ++i)
    curves << grid[i] << ' ' << relu_v[i] << ' ' << relu_d[i] << ' ' << tanh_v[i] << ' ' << tanh_d[i] << ' '
           << sig_v[i] << ' ' << sig_d[i] << '\n';
  for (std::size_t i = 0; i < 6; ++i) {
    for (std::size_t k = 0; k < 5; ++k) heat_x << xs(i, k) << (k + 1 < 5 ? ' ' : '\n');
  }
  for (std::size_t k = 0; k < 5; ++k) {
    for (std::size_t j = 0; j < 4; ++j) heat_w << g[W](k, j) << (j + 1 < 4 ? ' ' : '\n');
  }
  for (std::size_t j = 0; j < 4; ++j) bars << j << ' ' << g[b][j] << '\n';
  std::string script = data_block("curves", curves.str()) + data_block("X", heat_x.str()) +
                       data_block("dW", heat_w.str()) + data_block("db", bars.str());
  const bool svg = opt.plot_file.size() > 4 && opt.plot_file.substr(opt.plot_file.size() - 4) == ".svg";
  script += std::string(svg ? "set terminal svg size 1200,900\n" : "set terminal pngcairo size 1200,900\n") +
            "set output '" + opt.plot_file + "'\nset multiplot layout 2,3\nset grid\n"
            "set title 'activations'\nplot $curves u 1:2 w l t 'relu', '' u 1:4 w l t 'tanh', '' u 1:6 w l t 'sigmoid'\n"
            "set title 'their derivatives (reverse mode)'\nplot $curves u 1:3 w l t \"relu'\", '' u 1:5 w l t \"tanh'\", '' u 1:7 w l t \"sigmoid'\"\n"
            "unset grid\nset title 'input X (6 x 5)'\nplot $X matrix w image notitle\n"
            "set title 'dL/dW (5 x 4)'\nplot $dW matrix w image notitle\n"
            "set grid\nset style fill solid 0.6\nset boxwidth 0.6\nset title 'dL/db'\nplot $db u 1:2 w boxes notitle\n"
            "unset multiplot\n";
  FILE* gp = popen("gnuplot", "w");
  if (gp == nullptr) return 0;
  std::fputs(script.c_str(), gp);
  if (pclose(gp) == 0) std::cout << "plot: wrote " << opt.plot_file << '\n';
  return 0;
}

// expect: x = -1: relu' = 0, tanh' = 0.419974, sigmoid' = 0.196612
// expect: x = 0: relu' = 0, tanh' = 1, sigmoid' = 0.25
// expect: x = 1: relu' = 1, tanh' = 0.419974, sigmoid' = 0.196612
// expect: max .typegrad - hand .* = [0-9.e-]+
