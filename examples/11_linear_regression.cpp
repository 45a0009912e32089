// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 11: linear regression exactly as taught: one weight w and one bias b fit y = 2x from four
// points, x = [1, 2, 3, 4] and y = [2, 4, 6, 8], by minimising the mean squared error
//
//   L(w, b) = mean((w x + b - y)^2),  dL/dw = mean(2 (w x + b - y) x),  dL/db = mean(2 (w x + b - y))
//
// with SGD (lr 0.01) on the whole batch for 100 epochs. Before each step the gradient is
// clipped to norm 1 (optim::clip_grad_norm), as one does to keep a step from blowing up;
// here it means no step moves (w, b) by more than lr * 1 = 0.01. So (w, b) travels at most
// 1 in 100 epochs: from w = 0 it could not reach w = 2, and the example starts from w = 1,
// b = 0. The loss falls at every epoch; w heads for 2 and b for 0 (the fit is still on its
// way after 100 epochs: run longer and they get there).
//
//   11_linear_regression [--plot FILE.png|FILE.svg]    the loss curve, drawn with gnuplot
#include <typegrad/typegrad.hpp>

#include "plot.hpp"

#include <cstdio>
#include <vector>

namespace tg = typegrad;

int main(int argc, char** argv) {
  const auto opts = example_plot::parse_options(argc, argv);
  if (!opts.ok)
    return 2;

  constexpr auto w = tg::var<"w">;
  constexpr auto b = tg::var<"b">;
  constexpr auto X = tg::input<"X", tg::vector<double, 4>>;
  constexpr auto Y = tg::input<"Y", tg::vector<double, 4>>;
  constexpr auto loss = tg::nn::mse(w * X + b, Y);  // mean(square(w * X + b - Y))

  const tg::vector<double, 4> x{1, 2, 3, 4};
  const tg::vector<double, 4> y{2, 4, 6, 8};

  tg::nn::parameters<decltype(w), decltype(b)> p;
  p[w] = 1.0;
  p[b] = 0.0;
  tg::optim::sgd opt(p, {.lr = 0.01});

  std::printf("loss = %s\n", tg::to_string(loss).c_str());
  std::printf("start: w = %g, b = %g (with steps of length <= 0.01, w = 0 could not reach 2)\n",
              p[w], p[b]);
  std::printf("epoch      loss      |grad| before clipping      w          b\n");
  std::vector<double> losses;
  bool decreasing = true;
  for (int epoch = 1; epoch <= 100; ++epoch) {
    auto [L, g] = tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = x, Y = y)), p.wrt());
    const double norm = tg::optim::clip_grad_norm(g, 1.0);  // g now has norm <= 1
    opt.step(p, g);                                         // w -= 0.01 dL/dw, b -= 0.01 dL/db
    std::printf("%5d  %10.6f  %12.6f            %9.6f  %9.6f\n", epoch, L, norm, p[w], p[b]);
    if (!losses.empty() && !(L < losses.back()))
      decreasing = false;
    losses.push_back(L);
  }
  const double final_loss = tg::eval(loss, tg::join(p.bind(), tg::at(X = x, Y = y)));
  std::printf("after 100 epochs: w = %.6f, b = %.6f, loss = %.6f (from %.6f)\n", p[w], p[b],
              final_loss, losses.front());
  std::printf("prediction at x = 5: %.4f (the line y = 2x gives 10)\n", p[w] * 5 + p[b]);
  std::printf("%s\n", decreasing ? "the loss decreased at every epoch"
                                 : "the loss did NOT decrease at every epoch");

  if (!opts.plot_file.empty()) {
    example_plot::figure fig;
    fig.title = "linear regression: SGD lr 0.01, gradient clipped to norm 1";
    fig.log_y = true;
    fig.curves.push_back({"mean squared error", losses, false});
    example_plot::draw(fig, opts.plot_file);
  } else {
    example_plot::mention(argv[0]);
  }
  return decreasing ? 0 : 1;
}

// expect: loss = mean\(square\(w\*X \+ b - Y\)\)
// expect:     1    7\.500000     15\.811388             1\.009487   0\.003162
// expect:   100    0\.013955      0\.177083             1\.897244   0\.278408
// expect: after 100 epochs: w = 1\.897244, b = 0\.278408, loss = 0\.013661 \(from 7\.500000\)
// expect: the loss decreased at every epoch

// Output (epochs 7 to 91 left out):
// loss = mean(square(w*X + b - Y))
// start: w = 1, b = 0 (with steps of length <= 0.01, w = 0 could not reach 2)
// epoch      loss      |grad| before clipping      w          b
//     1    7.500000     15.811388             1.009487   0.003162
//     2    7.342721     15.644388             1.018974   0.006324
//     3    7.187112     15.477389             1.028461   0.009485
//     4    7.033173     15.310389             1.037949   0.012645
//     5    6.880904     15.143389             1.047436   0.015805
//     6    6.730306     14.976390             1.056924   0.018964
// ...
//    92    0.026955      0.666480             1.870976   0.277081
//    93    0.022877      0.557420             1.876476   0.277991
//    94    0.020023      0.466995             1.881105   0.278607
//    95    0.018017      0.392165             1.885009   0.278980
//    96    0.016601      0.330407             1.888308   0.279150
//    97    0.015594      0.279624             1.891105   0.279152
//    98    0.014871      0.238074             1.893481   0.279013
//    99    0.014344      0.204302             1.895509   0.278759
//   100    0.013955      0.177083             1.897244   0.278408
// after 100 epochs: w = 1.897244, b = 0.278408, loss = 0.013661 (from 7.500000)
// prediction at x = 5: 9.7646 (the line y = 2x gives 10)
// the loss decreased at every epoch
// (run `11_linear_regression --plot curve.png` to draw these curves)
