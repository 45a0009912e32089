// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 10: Fisher's iris (data/iris.csv, 150 flowers, 4 measurements, 3 species) with a 4-16-3
// tanh MLP, softmax cross-entropy and SGD with momentum, in mini-batches of 8. The
// measurements are standardised with the training split's statistics; 30 flowers are
// held out for testing.
//
//   ./10_iris [--epochs N] [--quiet] [--plot FILE.png]   (the picture needs gnuplot)
//
// expect: test accuracy: (9[0-9]\.[0-9]+|100\.0+)%
#include <typegrad/typegrad.hpp>

#include "plot.hpp"

#include <charconv>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#ifndef TYPEGRAD_DATA_DIR
#define TYPEGRAD_DATA_DIR "data"
#endif

namespace tg = typegrad;
namespace nn = tg::nn;

namespace {

constexpr std::size_t features = 4, classes = 3, batch = 8;
using net = nn::mlp<double, nn::dense<features, 16, nn::tanh>, nn::dense<16, classes>>;

constexpr auto X = tg::input<"X", net::input_type<batch>>;
constexpr auto y = tg::input<"y", tg::vector<int, batch>>;
constexpr auto logits = net::forward(X);
constexpr auto loss = nn::cross_entropy(logits, y);

double accuracy(const net::params_type& p, const nn::dataset& data) {
  std::size_t right = 0;
  for (const auto& b : nn::batches<batch, features>(data))
    right += nn::correct(tg::eval(logits, tg::join(p.bind(), tg::at(X = b.x))), b.y, b.size);
  return static_cast<double>(right) / static_cast<double>(data.size());
}

}  // namespace

int main(int argc, char** argv) try {
  std::size_t epochs = 30;
  bool quiet = false;
  std::string plot_file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--quiet") {
      quiet = true;
    } else if (arg == "--epochs" && i + 1 < argc) {
      const std::string_view n = argv[++i];
      if (std::from_chars(n.data(), n.data() + n.size(), epochs).ec != std::errc{} || epochs == 0) {
        std::cerr << "10_iris: --epochs needs a positive integer, not '" << n << "'\n";
        return 2;
      }
    } else if (arg == "--plot" && i + 1 < argc) {
      plot_file = argv[++i];
    } else {
      std::cerr << "usage: 10_iris [--epochs N] [--quiet] [--plot FILE.png|FILE.svg]\n";
      return 2;
    }
  }

  // The first line is scikit-learn's "150,4,setosa,versicolor,virginica".
  const std::string path = TYPEGRAD_DATA_DIR "/iris.csv";
  const nn::dataset iris(tg::io::split_label_column(tg::io::read_csv(path, {.skip_lines = 1}), features));
  nn::rng gen(7);
  auto [train, test] = nn::train_test_split(iris, 0.2, gen);
  const auto scaler = nn::standardizer::fit(train);
  scaler.apply(train);
  scaler.apply(test);
  if (!quiet)
    std::cout << "iris: " << iris.size() << " flowers, " << train.size() << " for training, "
              << test.size() << " for testing\n";

  net::params_type p;
  nn::init::xavier_uniform(p, gen, 5.0 / 3);  // Glorot with tanh's gain; biases 0
  tg::optim::sgd opt(p, {.lr = 0.05, .momentum = 0.9});

  nn::progress progress(epochs, quiet);
  std::vector<double> losses, accuracies;
  for (std::size_t epoch = 1; epoch <= epochs; ++epoch) {
    double loss_sum = 0;
    std::size_t right = 0, seen = 0;
    for (const auto& b : nn::batches<batch, features>(train, gen)) {
      const auto at = tg::join(p.bind(), tg::at(X = b.x, y = b.y));
      const auto [value, g] = tg::value_and_grad(loss, at, net::wrt());
      loss_sum += value * batch;
      right += nn::correct(tg::eval(logits, at), b.y);
      seen += batch;
      opt.step(p, g);
    }
    losses.push_back(loss_sum / static_cast<double>(seen));
    accuracies.push_back(static_cast<double>(right) / static_cast<double>(seen));
    progress(epoch, losses.back(), accuracies.back());
  }
  std::printf("test accuracy: %.2f%% (%zu test flowers)\n", 100 * accuracy(p, test), test.size());
  if (!plot_file.empty()) {
    example_plot::figure fig;
    fig.title = "iris: MLP 4-16-3, SGD with momentum, batches of 8";
    fig.y2label = "training accuracy";
    fig.log_y = true;
    fig.curves.push_back({"loss", losses, false});
    fig.curves.push_back({"accuracy", accuracies, true});
    example_plot::draw(fig, plot_file);
  }
  return 0;
} catch (const std::exception& e) {
  std::cerr << "10_iris: " << e.what() << '\n';
  return 1;
}
