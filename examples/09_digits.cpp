// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// 09: the flagship. A 64-32-10 relu MLP learns to read handwritten digits (UCI's 1797
// 8x8 images, data/digits.csv) with softmax cross-entropy and Adam, in mini-batches of 32.
// The network's forward pass and loss are one tensor expression; its gradient comes from
// one fused reverse pass. The data are standardised with the training split's statistics
// and split 80/20 with a fixed seed; after training, the parameters go through a
// checkpoint file and back, and the reloaded network must score exactly the same.
//
//   ./09_digits [--epochs N] [--quiet] [--plot FILE.png]   (the picture needs gnuplot)
//
// expect: test accuracy: (9[5-9]\.[0-9]+|100\.0+)%
// expect: checkpoint round trip: identical
#include <typegrad/typegrad.hpp>

#include "plot.hpp"

#include <charconv>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#ifndef TYPEGRAD_DATA_DIR
#define TYPEGRAD_DATA_DIR "data"
#endif

namespace tg = typegrad;
namespace nn = tg::nn;

namespace {

constexpr std::size_t pixels = 64, classes = 10, batch = 32;
using net = nn::mlp<double, nn::dense<pixels, 32, nn::relu>, nn::dense<32, classes>>;

constexpr auto X = tg::input<"X", net::input_type<batch>>;
constexpr auto y = tg::input<"y", tg::vector<int, batch>>;
constexpr auto logits = net::forward(X);
constexpr auto loss = nn::cross_entropy(logits, y);

// The fraction of data's samples that the network with parameters p classifies right.
double accuracy(const net::params_type& p, const nn::dataset& data) {
  std::size_t right = 0;
  for (const auto& b : nn::batches<batch, pixels>(data))
    right += nn::correct(tg::eval(logits, tg::join(p.bind(), tg::at(X = b.x))), b.y, b.size);
  return static_cast<double>(right) / static_cast<double>(data.size());
}

}  // namespace

int main(int argc, char** argv) try {
  std::size_t epochs = 12;
  bool quiet = false;
  std::string plot_file;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--quiet") {
      quiet = true;
    } else if (arg == "--epochs" && i + 1 < argc) {
      const std::string_view n = argv[++i];
      if (std::from_chars(n.data(), n.data() + n.size(), epochs).ec != std::errc{} || epochs == 0) {
        std::cerr << "09_digits: --epochs needs a positive integer, not '" << n << "'\n";
        return 2;
      }
    } else if (arg == "--plot" && i + 1 < argc) {
      plot_file = argv[++i];
    } else {
      std::cerr << "usage: 09_digits [--epochs N] [--quiet] [--plot FILE.png|FILE.svg]\n";
      return 2;
    }
  }

  // 1797 rows of 64 pixels (0..16) and the digit.
  const std::string path = TYPEGRAD_DATA_DIR "/digits.csv";
  const nn::dataset digits(tg::io::split_label_column(tg::io::read_csv(path), pixels));
  nn::rng gen(2026);
  auto [train, test] = nn::train_test_split(digits, 0.2, gen);
  const auto scaler = nn::standardizer::fit(train);
  scaler.apply(train);
  scaler.apply(test);
  if (!quiet)
    std::cout << "digits: " << digits.size() << " images of 8x8 pixels, " << digits.classes
              << " classes; " << train.size() << " for training, " << test.size() << " for testing\n"
              << "network: " << tg::to_string(logits) << " (" << net::total_size << " parameters)\n";

  net::params_type p;
  nn::init::kaiming_uniform(p, gen);  // He initialisation suits relu; biases 0
  tg::optim::adam opt(p, {.lr = 3e-3});
  // The reverse pass's memory (every intermediate of a batch), allocated once.
  auto ws = std::make_unique<tg::workspace<decltype(loss)>>();

  nn::progress progress(epochs, quiet);
  std::vector<double> losses, accuracies;
  for (std::size_t epoch = 1; epoch <= epochs; ++epoch) {
    double loss_sum = 0;
    std::size_t right = 0, seen = 0;
    for (const auto& b : nn::batches<batch, pixels>(train, gen)) {
      const auto [value, g] = tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = b.x, y = b.y)),
                                                 net::wrt(), *ws);
      loss_sum += value * batch;
      // The logits of this batch are in the workspace too, but evaluating them again is
      // clearer and cheap beside the backward pass.
      right += nn::correct(tg::eval(logits, tg::join(p.bind(), tg::at(X = b.x))), b.y);
      seen += batch;
      opt.step(p, g);
    }
    losses.push_back(loss_sum / static_cast<double>(seen));
    accuracies.push_back(static_cast<double>(right) / static_cast<double>(seen));
    progress(epoch, losses.back(), accuracies.back());
  }
  const double seconds = progress.seconds();
  const double test_accuracy = accuracy(p, test);
  std::printf("trained %zu epochs in %.2f s\n", epochs, seconds);
  std::printf("test accuracy: %.2f%% (%zu test images)\n", 100 * test_accuracy, test.size());

  // Through a checkpoint file and back into fresh parameters.
  const std::string checkpoint = "09_digits.ckpt";
  tg::io::save_checkpoint(checkpoint, p);
  net::params_type reloaded;
  tg::io::load_checkpoint(checkpoint, reloaded);
  const bool same = reloaded == p && accuracy(reloaded, test) == test_accuracy;
  std::cout << "saved " << checkpoint << "; checkpoint round trip: "
            << (same ? "identical" : "DIFFERENT") << '\n';
  if (!plot_file.empty()) {
    example_plot::figure fig;
    fig.title = "digits: MLP 64-32-10, Adam, batches of 32";
    fig.y2label = "training accuracy";
    fig.log_y = true;
    fig.curves.push_back({"loss", losses, false});
    fig.curves.push_back({"accuracy", accuracies, true});
    example_plot::draw(fig, plot_file);
  }
  return same ? 0 : 1;
} catch (const std::exception& e) {
  std::cerr << "09_digits: " << e.what() << '\n';
  return 1;
}
