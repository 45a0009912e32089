// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 12: XOR, the function no single linear layer can compute (no line separates {01, 10}
// from {00, 11}), learnt by a 2-8-1 network with a tanh hidden layer:
//
//   z = tanh(X W0 + b0) W1 + b1,   p = sigmoid(z),   predicted class = [z > 0]
//
// trained on the four points with the binary cross-entropy on the logit z
// (nn::binary_cross_entropy_with_logits, which never overflows), full batch, plain SGD.
// The weights start from Xavier's uniform initialisation (gain 5/3, for tanh) drawn
// from a seeded nn::rng, so every run and every compiler gives the same numbers.
#include <typegrad/typegrad.hpp>

#include <cmath>
#include <cstddef>
#include <cstdio>

namespace tg = typegrad;
namespace nn = tg::nn;

namespace {

using net = nn::mlp<double, nn::dense<2, 8, nn::tanh>, nn::dense<8, 1>>;
constexpr auto X = tg::input<"X", net::input_type<4>>;
constexpr auto T = tg::input<"T", net::output_type<4>>;
constexpr auto logits = net::forward(X);
constexpr auto loss = nn::binary_cross_entropy_with_logits(logits, T);

}  // namespace

int main() {
  const net::input_type<4> x{0, 0,  //
                             0, 1,  //
                             1, 0,  //
                             1, 1};
  const net::output_type<4> t{0, 1, 1, 0};

  net::params_type p;
  nn::rng gen(42);
  nn::init::xavier_uniform(p, gen, 5.0 / 3);  // weights; biases start at 0
  tg::optim::sgd opt(p, {.lr = 0.5});

  std::printf("network: %s\n", tg::to_string(logits).c_str());
  std::printf("%zu parameters; SGD lr %g, binary cross-entropy\n", net::total_size, opt.lr());
  const int epochs = 1000;
  double last = 0;
  for (int epoch = 1; epoch <= epochs; ++epoch) {
    const auto [L, g] = tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = x, T = t)), p.wrt());
    opt.step(p, g);
    if (epoch == 1 || epoch % 100 == 0)
      std::printf("epoch %4d  loss %.6f\n", epoch, L);
    last = L;
  }

  const auto z = tg::eval(logits, tg::join(p.bind(), tg::at(X = x)));
  std::printf("x1 x2  target  sigmoid(z)  predicted\n");
  int correct = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const int predicted = z(i, 0) > 0 ? 1 : 0;
    const double prob = 1 / (1 + std::exp(-z(i, 0)));
    correct += predicted == static_cast<int>(t(i, 0));
    std::printf(" %g  %g     %g      %.4f        %d\n", x(i, 0), x(i, 1), t(i, 0), prob, predicted);
  }
  std::printf("correct: %d of 4 after %d epochs (final loss %.6f)\n", correct, epochs, last);
  return correct == 4 ? 0 : 1;
}

// expect: network: matmul\(tanh\(matmul\(X, W0\) \+ b0\), W1\) \+ b1
// expect: epoch 1000  loss 0\.0030
// expect:  1  1     0      0\.0042        0
// expect: correct: 4 of 4 after 1000 epochs

// Output:
// network: matmul(tanh(matmul(X, W0) + b0), W1) + b1
// 33 parameters; SGD lr 0.5, binary cross-entropy
// epoch    1  loss 0.801015
// epoch  100  loss 0.077310
// epoch  200  loss 0.025605
// epoch  300  loss 0.014319
// epoch  400  loss 0.009691
// epoch  500  loss 0.007229
// epoch  600  loss 0.005719
// epoch  700  loss 0.004706
// epoch  800  loss 0.003983
// epoch  900  loss 0.003444
// epoch 1000  loss 0.003026
// x1 x2  target  sigmoid(z)  predicted
//  0  0     0      0.0013        0
//  0  1     1      0.9973        1
//  1  0     1      0.9961        1
//  1  1     0      0.0042        0
// correct: 4 of 4 after 1000 epochs (final loss 0.003026)
