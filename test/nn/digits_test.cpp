// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <filesystem>
#include <memory>

// The flagship's claim (examples/09_digits.cpp): a 64-32-10 relu MLP trained with Adam on
// 80% of the digits data set reaches 95% accuracy on the other 20%, with a fixed seed.

namespace {

namespace tg = typegrad;
namespace nn = tg::nn;

std::filesystem::path data_dir() {
#ifdef TYPEGRAD_DATA_DIR
  return std::filesystem::path(TYPEGRAD_DATA_DIR);
#else
  return std::filesystem::path(__FILE__).parent_path() / "../../data";
#endif
}

constexpr std::size_t pixels = 64, batch = 32;
using net = nn::mlp<double, nn::dense<pixels, 32, nn::relu>, nn::dense<32, 10>>;
constexpr auto X = tg::input<"X", net::input_type<batch>>;
constexpr auto y = tg::input<"y", tg::vector<int, batch>>;
constexpr auto logits = net::forward(X);
constexpr auto loss = nn::cross_entropy(logits, y);

double accuracy(const net::params_type& p, const nn::dataset& data) {
  std::size_t right = 0;
  for (const auto& b : nn::batches<batch, pixels>(data))
    right += nn::correct(tg::eval(logits, tg::join(p.bind(), tg::at(X = b.x))), b.y, b.size);
  return static_cast<double>(right) / static_cast<double>(data.size());
}

TEST_CASE("digits: a 64-32-10 MLP reaches 95 percent test accuracy") {
  const nn::dataset digits(
      tg::io::split_label_column(tg::io::read_csv(data_dir() / "digits.csv"), pixels));
  REQUIRE(digits.size() == 1797);
  REQUIRE(digits.classes == 10);
  nn::rng gen(2026);
  auto [train, test] = nn::train_test_split(digits, 0.2, gen);
  const auto scaler = nn::standardizer::fit(train);
  scaler.apply(train);
  scaler.apply(test);

  net::params_type p;
  nn::init::kaiming_uniform(p, gen);
  tg::optim::adam opt(p, {.lr = 3e-3});
  auto ws = std::make_unique<tg::workspace<decltype(loss)>>();
  const double before = accuracy(p, test);
  double first_loss = 0, last_loss = 0;
  constexpr std::size_t epochs = 8;
  for (std::size_t epoch = 0; epoch < epochs; ++epoch) {
    double sum = 0;
    std::size_t n = 0;
    for (const auto& b : nn::batches<batch, pixels>(train, gen)) {
      const auto [value, g] =
          tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = b.x, y = b.y)), net::wrt(), *ws);
      sum += value;
      ++n;
      opt.step(p, g);
    }
    (epoch == 0 ? first_loss : last_loss) = sum / static_cast<double>(n);
  }
  const double after = accuracy(p, test);
  MESSAGE("test accuracy " << before << " before training, " << after << " after " << epochs
                           << " epochs; mean loss " << first_loss << " -> " << last_loss);
  CHECK(before < 0.5);
  CHECK(last_loss < first_loss / 4);
  CHECK(after >= 0.95);
}

}  // namespace
