// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 13: the demo that many people learn backpropagation from (Karpathy's micrograd,
// demo.ipynb), with the whole network as one typegrad expression instead of a graph of
// scalar objects: a binary classifier for the "two moons".
//
// Data: 100 points made as scikit-learn's make_moons(n_samples=100, noise=0.1) makes them,
// with nn::rng (seeded, the same numbers everywhere) for the shuffle and the noise:
//   the upper moon (label -1): (cos t, sin t)              for 50 values t = pi k / 49,
//   the lower moon (label +1): (1 - cos t, 0.5 - sin t)    for 50 values t = pi k / 49,
//   shuffled, then N(0, 0.1^2) noise added to every coordinate.
// Model: an MLP 2-16-16-1 with relu on the hidden layers, its score s = the output.
// Loss: the max-margin (hinge) loss mean(relu(1 - y s)) with y = -1 or +1, plus 1e-4 times
// the sum of squares of every parameter (micrograd's L2 regularisation, biases included).
// Training: 100 steps of SGD on the full batch, the learning rate decaying linearly from
// 1.0 towards 0.1 (optim::linear_lr: lr_k = 1.0 - 0.9 k / 100 at step k = 0..99, as
// micrograd); the weights start uniform on [-1, 1] and the biases at 0, as micrograd's
// neurons. The prediction is sign(s). With this exact recipe (seed 1337) every point is
// classified right from step 40 on.
//
// It prints the loss and the training accuracy as it learns, then the decision boundary as
// text: '.' where the network predicts -1, '#' where it predicts +1, and the points as
// 'o' (label -1) and 'x' (label +1).
//
//   13_moons [--plot FILE.png|FILE.svg]    the loss and accuracy curves, drawn with gnuplot
#include <typegrad/typegrad.hpp>

#include "plot.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <numeric>
#include <string>
#include <vector>

namespace tg = typegrad;
namespace nn = tg::nn;

namespace {

constexpr std::size_t n = 100;

using net = nn::mlp<double, nn::dense<2, 16, nn::relu>, nn::dense<16, 16, nn::relu>,
                    nn::dense<16, 1>>;
constexpr auto X = tg::input<"X", net::input_type<n>>;
constexpr auto Y = tg::input<"Y", tg::vector<double, n>>;
constexpr auto scores = tg::reshape<n>(net::forward(X));  // [n, 1] -> [n]
constexpr auto data_loss = nn::hinge(scores, Y);
constexpr auto l2 = tg::sum(tg::square(net::W<0>)) + tg::sum(tg::square(net::b<0>)) +
                    tg::sum(tg::square(net::W<1>)) + tg::sum(tg::square(net::b<1>)) +
                    tg::sum(tg::square(net::W<2>)) + tg::sum(tg::square(net::b<2>));
constexpr auto loss = data_loss + 1e-4 * l2;

struct moons {
  net::input_type<n> x{};
  tg::vector<double, n> y{};
};

// scikit-learn's make_moons(n_samples, shuffle=True, noise): the two half circles, their
// points in a random order, then the noise, row by row (x then y of each point).
moons make_moons(nn::rng& gen, double noise) {
  constexpr std::size_t n_out = n / 2, n_in = n - n_out;
  moons m;
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  gen.shuffle(order);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t k = order[i];
    const bool outer = k < n_out;
    const double t = outer ? std::numbers::pi * static_cast<double>(k) / (n_out - 1)
                           : std::numbers::pi * static_cast<double>(k - n_out) /
                                 (n_in - 1);
    m.x(i, 0) = outer ? tg::cmath::cos(t) : 1 - tg::cmath::cos(t);
    m.x(i, 1) = outer ? tg::cmath::sin(t) : 0.5 - tg::cmath::sin(t);
    m.y[i] = outer ? -1 : 1;
  }
  for (auto& v : m.x)
    v += gen.normal(0.0, noise);
  return m;
}

// The share of points whose score has the sign of their label.
double accuracy(const tg::vector<double, n>& s, const tg::vector<double, n>& y) {
  std::size_t right = 0;
  for (std::size_t i = 0; i < n; ++i)
    right += (s[i] > 0) == (y[i] > 0);
  return static_cast<double>(right) / n;
}

// The decision boundary as text: one batch of grid points per line of characters.
template <class Params>
void draw_boundary(const Params& p, const moons& m) {
  constexpr std::size_t cols = 64, rows = 20;
  constexpr double x0 = -1.5, x1 = 2.5, y0 = -1.0, y1 = 1.5;  // 16 columns and 8 rows per unit
  constexpr double dx = (x1 - x0) / cols, dy = (y1 - y0) / rows;
  constexpr auto G = tg::input<"G", net::input_type<cols>>;
  constexpr auto grid_scores = net::forward(G);
  std::vector<std::string> picture(rows, std::string(cols, ' '));
  for (std::size_t r = 0; r < rows; ++r) {
    net::input_type<cols> g{};
    for (std::size_t c = 0; c < cols; ++c) {
      g(c, 0) = x0 + (static_cast<double>(c) + 0.5) * dx;  // cell centres; row 0 at the top
      g(c, 1) = y1 - (static_cast<double>(r) + 0.5) * dy;
    }
    const auto s = tg::eval(grid_scores, tg::join(p.bind(), tg::at(G = g)));
    for (std::size_t c = 0; c < cols; ++c)
      picture[r][c] = s(c, 0) > 0 ? '#' : '.';
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double c = (m.x(i, 0) - x0) / dx, r = (y1 - m.x(i, 1)) / dy;
    if (c >= 0 && c < cols && r >= 0 && r < rows)
      picture[static_cast<std::size_t>(r)][static_cast<std::size_t>(c)] = m.y[i] > 0 ? 'x' : 'o';
  }
  std::printf("decision boundary on [%g, %g] x [%g, %g]: '.' predicts -1, '#' predicts +1;\n"
              "points: 'o' label -1 (upper moon), 'x' label +1 (lower moon)\n",
              x0, x1, y0, y1);
  for (const auto& line : picture)
    std::printf("|%s|\n", line.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const auto opts = example_plot::parse_options(argc, argv);
  if (!opts.ok)
    return 2;

  nn::rng gen(1337);
  const moons m = make_moons(gen, 0.1);
  net::params_type p;
  nn::init::uniform(p, gen, -1.0, 1.0);  // every weight U(-1, 1), biases 0

  const std::size_t steps = 100;
  const tg::optim::linear_lr schedule{1.0, 0.1, steps};
  tg::optim::sgd opt(p, {.lr = schedule(0)});

  std::printf("model: %s\n", tg::to_string(scores).c_str());
  std::printf("%zu parameters, %zu points\n", net::total_size, n);
  std::vector<double> losses, accuracies;
  for (std::size_t k = 0; k < steps; ++k) {
    const auto at = tg::join(p.bind(), tg::at(X = m.x, Y = m.y));
    const auto [L, g] = tg::value_and_grad(loss, at, p.wrt());
    const double acc = accuracy(tg::eval(scores, at), m.y);
    opt.set_lr(schedule(k));
    opt.step(p, g);
    losses.push_back(L);
    accuracies.push_back(acc);
    if (k % 10 == 0 || k + 1 == steps)
      std::printf("step %3zu  lr %.3f  loss %.6f  accuracy %3.0f%%\n", k, opt.lr(), L, 100 * acc);
  }
  const auto at = tg::join(p.bind(), tg::at(X = m.x, Y = m.y));
  const double final_acc = accuracy(tg::eval(scores, at), m.y);
  std::printf("after %zu steps: loss %.6f, training accuracy %.0f%%\n", steps, tg::eval(loss, at),
              100 * final_acc);
  draw_boundary(p, m);

  if (!opts.plot_file.empty()) {
    example_plot::figure fig;
    fig.title = "two moons: MLP 2-16-16-1, hinge loss + L2, SGD lr 1.0 -> 0.1";
    fig.xlabel = "step";
    fig.ylabel = "loss";
    fig.y2label = "training accuracy";
    fig.curves.push_back({"loss", losses, false});
    fig.curves.push_back({"accuracy", accuracies, true});
    example_plot::draw(fig, opts.plot_file);
  } else {
    example_plot::mention(argv[0]);
  }
  return final_acc == 1 ? 0 : 1;
}

// expect: model: reshape\(matmul\(relu\(matmul\(relu\(matmul\(X, W0\) \+ b0\), W1\) \+ b1\), W2\) \+ b2\)
// expect: step   0  lr 1\.000  loss 1\.148195  accuracy  50%
// expect: step  99  lr 0\.109  loss 0\.011622  accuracy 100%
// expect: after 100 steps: loss 0\.011622, training accuracy 100%
// expect: \|\.\.\.#################################xx#x#xx###x#################\|

// Output:
// model: reshape(matmul(relu(matmul(relu(matmul(X, W0) + b0), W1) + b1), W2) + b2)
// 337 parameters, 100 points
// step   0  lr 1.000  loss 1.148195  accuracy  50%
// step  10  lr 0.910  loss 0.180392  accuracy  94%
// step  20  lr 0.820  loss 0.085523  accuracy  99%
// step  30  lr 0.730  loss 0.065170  accuracy  97%
// step  40  lr 0.640  loss 0.033900  accuracy 100%
// step  50  lr 0.550  loss 0.036610  accuracy 100%
// step  60  lr 0.460  loss 0.012437  accuracy 100%
// step  70  lr 0.370  loss 0.012364  accuracy 100%
// step  80  lr 0.280  loss 0.011637  accuracy 100%
// step  90  lr 0.190  loss 0.011629  accuracy 100%
// step  99  lr 0.109  loss 0.011622  accuracy 100%
// after 100 steps: loss 0.011622, training accuracy 100%
// decision boundary on [-1.5, 2.5] x [-1, 1.5]: '.' predicts -1, '#' predicts +1;
// points: 'o' label -1 (upper moon), 'x' label +1 (lower moon)
// |.............................................................###|
// |...........................................................#####|
// |.....................o....................................######|
// |.................o..o.o......oo.........................########|
// |...................o.....oooo...oo....................##########|
// |............o.o..o.o...........o...o..o.............############|
// |...........oo..o.....####...o..o...o..o...........####x#########|
// |......o......o.....####x####.......o...o.........#######x#######|
// |.......o..o......#######x#####........oo.o......################|
// |.....o.........######x#xx######........o.......########xx#x#####|
// |.......o.oo...##########x########.......o....#############x#####|
// |.....o......############x##xx#####...o.o.o..##########x#########|
// |..........###############xx#########......#######x##x##xx#######|
// |........######################xx##################xx##x#########|
// |......#######################x####xxx#####x#######x#############|
// |....#######################x###########x##xx##x###x#############|
// |...#################################xx#x#xx###x#################|
// |.###############################x###############################|
// |################################################################|
// |################################################################|
// (run `13_moons --plot curve.png` to draw these curves)
