// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/nn/train.hpp>
#include <typegrad/nn/random.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstddef>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

// nn/train.hpp: the split (sizes, reproducibility, a partition of the samples), the
// standardisation's values, the batches of an epoch (each sample once, padding), accuracy
// on a hand example, and the progress line.

namespace {

namespace tg = typegrad;
namespace nn = tg::nn;

// n samples with 2 features (i and 10 i) and label i % 3: a sample's id is its first feature.
nn::dataset numbered(std::size_t n) {
  nn::dataset d(2, 3);
  for (std::size_t i = 0; i < n; ++i) {
    d.x.push_back(static_cast<double>(i));
    d.x.push_back(10.0 * static_cast<double>(i));
    d.y.push_back(static_cast<int>(i % 3));
  }
  return d;
}

std::vector<int> ids(const nn::dataset& d) {
  std::vector<int> r;
  for (std::size_t i = 0; i < d.size(); ++i) {
    r.push_back(static_cast<int>(d.row(i)[0]));
    CHECK(d.row(i)[1] == 10 * d.row(i)[0]);  // rows stay whole
    CHECK(d.y[i] == r.back() % 3);           // and keep their labels
  }
  return r;
}

TEST_CASE("train_test_split: sizes follow scikit-learn and the halves partition the data") {
  const auto d = numbered(10);
  nn::rng gen(1);
  const auto [train, test] = nn::train_test_split(d, 0.25, gen);  // ceil(2.5) = 3
  CHECK(test.size() == 3);
  CHECK(train.size() == 7);
  CHECK(train.features == 2);
  CHECK(test.classes == 3);
  auto all = ids(train);
  const auto t = ids(test);
  all.insert(all.end(), t.begin(), t.end());
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});

  nn::rng g2(1);
  CHECK(nn::train_test_split(numbered(1797), 0.2, g2).test.size() == 360);
  CHECK(nn::train_test_split(d, 0.0, g2).train.size() == 10);
  CHECK(nn::train_test_split(d, 1.0, g2).test.size() == 10);
  CHECK_THROWS_AS(nn::train_test_split(d, 1.5, g2), std::invalid_argument);
  CHECK_THROWS_AS(nn::train_test_split(d, -0.1, g2), std::invalid_argument);
}

TEST_CASE("train_test_split: the same seed gives the same split") {
  const auto d = numbered(50);
  nn::rng a(42), b(42), c(43);
  const auto s1 = nn::train_test_split(d, 0.2, a);
  const auto s2 = nn::train_test_split(d, 0.2, b);
  const auto s3 = nn::train_test_split(d, 0.2, c);
  CHECK(ids(s1.test) == ids(s2.test));
  CHECK(ids(s1.train) == ids(s2.train));
  CHECK(ids(s1.test) != ids(s3.test));
  // The generators advanced alike.
  CHECK(a == b);
}

TEST_CASE("standardizer: mean and population standard deviation of the training data") {
  nn::dataset train(3, 2);
  // Features: 1, 3 (mean 2, std 1); 2, 6 (mean 4, std 2); 5, 5 (constant).
  train.x = {1, 2, 5,  //
             3, 6, 5};
  train.y = {0, 1};
  const auto s = nn::standardizer::fit(train);
  CHECK(s.mean == std::vector<double>{2, 4, 5});
  CHECK(s.scale == std::vector<double>{1, 2, 1});  // a constant feature gets scale 1
  nn::dataset test(3, 2);
  test.x = {0, 0, 7};
  test.y = {1};
  s.apply(train);
  s.apply(test);
  CHECK(train.x == std::vector<double>{-1, -1, 0, 1, 1, 0});
  CHECK(test.x == std::vector<double>{-2, -2, 2});  // the training split's statistics
  nn::dataset other(2, 2);
  CHECK_THROWS_AS(s.apply(other), std::invalid_argument);
}

TEST_CASE("batches: every sample appears exactly once per epoch") {
  const auto d = numbered(64);
  nn::rng gen(5);
  std::vector<int> first_order;
  for (int epoch = 0; epoch < 3; ++epoch) {
    auto range = nn::batches<8, 2>(d, gen);
    CHECK(range.size() == 8);
    std::vector<int> seen;
    std::size_t count = 0;
    for (const auto& b : range) {
      ++count;
      CHECK(b.size == 8);
      for (std::size_t i = 0; i < 8; ++i) {
        seen.push_back(static_cast<int>(b.x(i, 0)));
        CHECK(b.x(i, 1) == 10 * b.x(i, 0));
        CHECK(b.y[i] == seen.back() % 3);
      }
    }
    CHECK(count == 8);
    if (epoch == 0)
      first_order = seen;
    else
      CHECK(seen != first_order);  // reshuffled each epoch
    std::sort(seen.begin(), seen.end());
    std::vector<int> expected(64);
    for (int i = 0; i < 64; ++i)
      expected[static_cast<std::size_t>(i)] = i;
    CHECK(seen == expected);
  }
}

TEST_CASE("batches: a shuffled epoch drops the incomplete batch and repeats no sample") {
  const auto d = numbered(21);
  nn::rng gen(9);
  std::vector<int> seen;
  for (const auto& b : nn::batches<4, 2, float>(d, gen))
    for (std::size_t i = 0; i < 4; ++i)
      seen.push_back(static_cast<int>(b.x(i, 0)));
  CHECK(seen.size() == 20);
  std::sort(seen.begin(), seen.end());
  CHECK(std::adjacent_find(seen.begin(), seen.end()) == seen.end());
  // The same seed gives the same batches.
  nn::rng g1(3), g2(3);
  auto r1 = nn::batches<4, 2>(d, g1);
  auto r2 = nn::batches<4, 2>(d, g2);
  CHECK((*r1.begin()).x == (*r2.begin()).x);
  CHECK_THROWS_AS((nn::batches<4, 3>(d, g1)), std::invalid_argument);
}

TEST_CASE("batches: an unshuffled pass keeps the order and pads the last batch") {
  const auto d = numbered(10);
  std::vector<std::size_t> sizes;
  std::vector<int> seen;
  for (const auto& b : nn::batches<4, 2>(d)) {
    sizes.push_back(b.size);
    for (std::size_t i = 0; i < 4; ++i) {
      if (i < b.size) {
        seen.push_back(static_cast<int>(b.x(i, 0)));
      } else {
        CHECK(b.x(i, 0) == 0);
        CHECK(b.x(i, 1) == 0);
        CHECK(b.y[i] == 0);
      }
    }
  }
  CHECK(sizes == std::vector<std::size_t>{4, 4, 2});
  CHECK(seen == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("accuracy: argmax of each row against the labels") {
  const tg::matrix<double, 4, 3> logits{0.1, 2.0, -1.0,   // 1
                                        5.0, 4.0, 3.0,    // 0
                                        0.0, 0.0, 0.5,    // 2
                                        1.0, 1.0, 0.0};   // 0 (the first of a tie)
  const tg::vector<int, 4> labels{1, 2, 2, 0};
  CHECK(nn::argmax(logits, 0) == 1);
  CHECK(nn::argmax(logits, 3) == 0);
  CHECK(nn::correct(logits, labels) == 3);
  CHECK(nn::accuracy(logits, labels) == 0.75);
  CHECK(nn::correct(logits, labels, 2) == 1);
  CHECK(nn::accuracy(logits, labels, 2) == 0.5);
  CHECK(nn::accuracy(logits, labels, 0) == 0.0);
  static_assert(nn::accuracy(tg::matrix<double, 2, 2>{0.1, 0.9, 0.8, 0.2}, tg::vector<int, 2>{1, 1}) == 0.5);
}

TEST_CASE("progress: one line per epoch and none when quiet") {
  std::ostringstream out;
  nn::progress p(20, false, out);
  CHECK(p.line(3, 0.25, 0.975, 0.42) == "epoch  3/20  loss 0.250000  accuracy 97.50%  0.42 s");
  p(1, 1.5, 0.5);
  p(2, 0.5, 1.0);
  const std::string text = out.str();
  CHECK(text.find("epoch  1/20  loss 1.500000  accuracy 50.00%  ") == 0);
  CHECK(text.find("\nepoch  2/20  loss 0.500000  accuracy 100.00%  ") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 2);
  CHECK(p.seconds() >= 0);

  std::ostringstream silent;
  nn::progress q(5, true, silent);
  q(1, 1.0, 1.0);
  CHECK(q.quiet());
  CHECK(silent.str().empty());
}

}  // namespace
