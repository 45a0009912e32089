// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 15: fit the damping constant of an oscillator by gradient descent through its whole
// trajectory. The model is x'' = -k x - c x', integrated with explicit Euler steps of
// dt = 0.005 over 10 seconds (2,000 steps), state s = (x, v):
//
//   s_{t+1} = s_t + dt M s_t,   M = [[0, 1], [-k, -c]]
//
// written once as the step of tg::trajectory<2000>: the expression type holds one step,
// not 2,000, and the reverse pass runs the loop backwards through the step's rules. The
// observations are positions of the same system with c = 0.35, plus noise (seeded). The
// loss is the mean squared difference between simulated and observed positions; Adam
// moves c from 1.0 to the value that explains the data.
//
//   15_fit_damping [--plot FILE.png|FILE.svg]    the loss curve, drawn with gnuplot
#include <typegrad/typegrad.hpp>

#include "plot.hpp"

#include <cmath>
#include <cstddef>
#include <cstdio>
#include <memory>
#include <type_traits>
#include <vector>

namespace tg = typegrad;

namespace {

constexpr std::size_t steps = 2000;
using vec2 = tg::vector<double, 2>;
using mat2 = tg::matrix<double, 2, 2>;

constexpr auto s = tg::var<"s", vec2>;  // the state inside the step
constexpr auto c = tg::var<"c">;        // damping: fitted
constexpr auto k = tg::input<"k">;      // stiffness: known
constexpr auto E = tg::input<"E", mat2>;
constexpr auto K = tg::input<"K", mat2>;
constexpr auto C = tg::input<"C", mat2>;
constexpr auto s0 = tg::input<"s0", vec2>;
constexpr auto pos = tg::input<"pos", vec2>;  // (1, 0): picks x from (x, v)
constexpr auto obs = tg::input<"obs", tg::vector<double, steps>>;

// s + dt (E + k K + c C) s, with E + k K + c C = [[0, 1], [-k, -c]].
constexpr auto step = s + tg::c<1, 200> * tg::matmul(E + k * K + c * C, s);
constexpr auto positions = tg::matmul(tg::trajectory<steps>(s, step, s0), pos);  // x_1 .. x_N
constexpr auto loss = tg::mean(tg::square(positions - obs));

}  // namespace

int main(int argc, char** argv) {
  const auto opts = example_plot::parse_options(argc, argv);
  if (!opts.ok)
    return 2;

  const mat2 e{0, 1, 0, 0}, kk{0, 0, -1, 0}, cc{0, 0, 0, -1};
  const vec2 start{1.0, 0.0}, pick{1.0, 0.0};
  const double stiffness = 4.0, true_damping = 0.35;

  // Observations: the same model with the true damping, plus noise of sd 0.02.
  auto data = std::make_unique<tg::vector<double, steps>>();
  {
    const auto truth = tg::eval(positions, tg::at(c = true_damping, k = stiffness, E = e, K = kk, C = cc, s0 = start,
                                                  pos = pick));
    tg::nn::rng gen(2026);
    for (std::size_t t = 0; t < steps; ++t) (*data)[t] = truth[t] + gen.normal(0.0, 0.02);
  }

  std::printf("step: s -> %s\n", tg::to_string(step).c_str());
  std::printf("%zu Euler steps; distinct nodes in the loss expression: %zu (one step, not %zu)\n", steps,
              tg::detail::topo_order<std::remove_cvref_t<decltype(loss)>>::size, steps);

  tg::nn::parameters<decltype(c)> p;
  p[c] = 1.0;
  tg::optim::adam opt(p, {.lr = 0.05});
  auto ws = std::make_unique<tg::workspace<decltype(loss)>>();  // the 2,000 stored states
  std::vector<double> losses;
  std::printf("iter   damping c     loss        dL/dc\n");
  for (int it = 0; it <= 150; ++it) {
    auto [L, g] = tg::value_and_grad(
        loss, tg::join(p.bind(), tg::at(k = stiffness, E = e, K = kk, C = cc, s0 = start, pos = pick, obs = *data)),
        p.wrt(), *ws);
    losses.push_back(L);
    if (it % 15 == 0) std::printf("%4d   %.6f   %.3e   %+.3e\n", it, p[c], L, g[c]);
    if (it < 150) opt.step(p, g);
  }
  std::printf("fitted damping c = %.3f (true %.2f, noise sd 0.02)\n", p[c], true_damping);
  std::printf("%s\n", std::abs(p[c] - true_damping) < 0.01 ? "the fit recovers the damping within 0.01"
                                                             : "the fit did NOT recover the damping");

  if (!opts.plot_file.empty()) {
    example_plot::figure fig;
    fig.title = "fitting the damping of an oscillator through 2000 Euler steps";
    fig.log_y = true;
    fig.curves.push_back({"mean squared error", losses, false});
    example_plot::draw(fig, opts.plot_file);
  } else {
    example_plot::mention(argv[0]);
  }
}
// expect: distinct nodes in the loss expression: [0-9]+ \(one step, not 2000\)
// expect: the fit recovers the damping within 0\.01

// Output:
// step: s -> s + (1/200)*matmul(E + k*K + c*C, s)
// 2000 Euler steps; distinct nodes in the loss expression: 14 (one step, not 2000)
// iter   damping c     loss        dL/dc
//    0   1.000000   4.888e-02   +7.258e-02
//   15   0.273741   3.947e-03   -1.027e-01
//   30   0.420591   2.266e-03   +4.828e-02
//   45   0.328097   6.748e-04   -2.373e-02
//   60   0.350652   4.117e-04   -3.673e-04
//   75   0.357540   4.309e-04   +5.894e-03
//   90   0.350416   4.118e-04   -5.889e-04
//  105   0.349639   4.125e-04   -1.321e-03
//  120   0.350817   4.116e-04   -2.130e-04
//  135   0.351227   4.116e-04   +1.696e-04
//  150   0.351183   4.116e-04   +1.286e-04
// fitted damping c = 0.351 (true 0.35, noise sd 0.02)
// the fit recovers the damping within 0.01
// (run `15_fit_damping --plot curve.png` to draw these curves)
