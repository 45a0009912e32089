// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once
// Training helpers for a labelled data set held in memory: nn::dataset (features as rows
// of doubles, integer labels), a seeded train/test split, feature standardisation,
// mini-batches as static-shape tensors, accuracy, and a per-epoch progress line.
//
//   auto [train, test] = nn::train_test_split(nn::dataset(io::split_label_column(t, 64)), 0.2, gen);
//   const auto scaler = nn::standardizer::fit(train);
//   scaler.apply(train);  scaler.apply(test);
//   nn::progress progress(epochs);
//   for (std::size_t epoch = 1; epoch <= epochs; ++epoch) {
//     for (const auto& b : nn::batches<32, 64>(train, gen)) { ... tg::at(X = b.x, y = b.y) ... }
//     progress(epoch, mean_loss, accuracy);
//   }
#include <typegrad/io/csv.hpp>
#include <typegrad/nn/random.hpp>
#include <typegrad/tensor/tensor.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <numeric>
#include <ostream>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace typegrad::nn {

//! A labelled data set in memory: size() samples of `features` doubles each (row-major in
//! x) and one integer class label each (in y, from 0 to classes - 1).
//! Example: `nn::dataset d(io::split_label_column(io::read_csv("data/iris.csv", {.skip_lines = 1}), 4));`
struct dataset {
  //! The number of features per sample.
  std::size_t features = 0;
  //! size() * features values, sample after sample.
  std::vector<double> x;
  //! One label per sample.
  std::vector<int> y;
  //! The number of classes (the largest label + 1 of the data set loaded).
  std::size_t classes = 0;

  dataset() = default;
  //! Empty, with the given numbers of features and classes.
  dataset(std::size_t features_, std::size_t classes_) : features(features_), classes(classes_) {}
  //! The features and labels of a table split by io::split_label_column.
  explicit dataset(const io::labelled_data& d)
      : features(d.features.cols), x(d.features.values), y(d.labels), classes(d.classes) {}

  //! The number of samples.
  std::size_t size() const noexcept { return y.size(); }
  //! Sample i's features (unchecked: i < size()).
  std::span<const double> row(std::size_t i) const noexcept {
    return std::span<const double>(x).subspan(i * features, features);
  }
  std::span<double> row(std::size_t i) noexcept { return std::span<double>(x).subspan(i * features, features); }
  //! Appends sample i of other (same number of features).
  void push_back(const dataset& other, std::size_t i) {
    const auto r = other.row(i);
    x.insert(x.end(), r.begin(), r.end());
    y.push_back(other.y[i]);
  }
};

//! The two halves of nn::train_test_split.
struct split_data {
  dataset train;
  dataset test;
};

//! A random split of data: ceil(test_fraction * n) samples for the test set (as
//! scikit-learn's train_test_split), the rest for training, both in the order of one
//! shuffle drawn from gen (the same seed gives the same split with every compiler).
//! Throws std::invalid_argument unless 0 <= test_fraction <= 1.
//! Example: `nn::rng gen(42);  auto [train, test] = nn::train_test_split(d, 0.2, gen);`
inline split_data train_test_split(const dataset& data, double test_fraction, rng& gen) {
  if (!(test_fraction >= 0 && test_fraction <= 1))
    throw std::invalid_argument("typegrad: nn::train_test_split: test_fraction must be in [0, 1]");
  const std::size_t n = data.size();
  const auto n_test = static_cast<std::size_t>(std::ceil(test_fraction * static_cast<double>(n)));
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  gen.shuffle(order);
  split_data s{dataset(data.features, data.classes), dataset(data.features, data.classes)};
  s.test.x.reserve(n_test * data.features);
  s.train.x.reserve((n - n_test) * data.features);
  for (std::size_t k = 0; k < n; ++k)
    (k < n_test ? s.test : s.train).push_back(data, order[k]);
  return s;
}

//! Feature standardisation (scikit-learn's StandardScaler): each feature j becomes
//! (x - mean[j]) / scale[j], with the mean and the population standard deviation of the
//! data it was fitted on (fit on the training split, apply to both splits). A constant
//! feature has scale 1, so it becomes 0.
//! Example: `const auto s = nn::standardizer::fit(train);  s.apply(train);  s.apply(test);`
struct standardizer {
  std::vector<double> mean;
  std::vector<double> scale;

  //! The means and standard deviations of data's features.
  static standardizer fit(const dataset& data) {
    standardizer s{std::vector<double>(data.features, 0.0), std::vector<double>(data.features, 0.0)};
    const std::size_t n = data.size();
    if (n == 0) {
      s.scale.assign(data.features, 1.0);
      return s;
    }
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < data.features; ++j)
        s.mean[j] += data.x[i * data.features + j];
    for (double& m : s.mean)
      m /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < data.features; ++j) {
        const double d = data.x[i * data.features + j] - s.mean[j];
        s.scale[j] += d * d;
      }
    for (double& v : s.scale) {
      v = std::sqrt(v / static_cast<double>(n));
      if (v == 0)
        v = 1;
    }
    return s;
  }
  //! Standardises data's features in place. Throws std::invalid_argument if data has
  //! another number of features than the data fitted.
  void apply(dataset& data) const {
    if (data.features != mean.size())
      throw std::invalid_argument("typegrad: nn::standardizer::apply: the data set has " +
                                  std::to_string(data.features) + " features, fitted on " +
                                  std::to_string(mean.size()));
    for (std::size_t i = 0; i < data.size(); ++i)
      for (std::size_t j = 0; j < data.features; ++j) {
        double& v = data.x[i * data.features + j];
        v = (v - mean[j]) / scale[j];
      }
  }
};

//! One mini-batch: x [B, F] (features, converted to T) and y [B] (labels). Rows from
//! `size` on are padding (zero features, label 0): only the last batch of an unshuffled
//! pass has any.
template <std::size_t B, std::size_t F, class T = double>
struct batch {
  matrix<T, B, F> x{};
  vector<int, B> y{};
  std::size_t size = B;
};

//! The mini-batches of one pass (an epoch) over a data set, as a range; each step fills
//! one batch buffer in place (the reference the loop sees stays the same object, so a
//! binding `tg::at(X = b.x)` made from it reads the current batch). See nn::batches.
template <std::size_t B, std::size_t F, class T = double>
class batch_range {
  static_assert(B > 0, "typegrad: nn::batches<B, F>: B must be positive");

 public:
  batch_range(const dataset& data, std::vector<std::size_t> order, bool keep_partial)
      : data_(&data), order_(std::move(order)) {
    if (data.features != F)
      throw std::invalid_argument("typegrad: nn::batches<B, F>: F = " + std::to_string(F) +
                                  " but the data set has " + std::to_string(data.features) +
                                  " features");
    count_ = keep_partial ? (order_.size() + B - 1) / B : order_.size() / B;
  }
  batch_range(const batch_range&) = delete;
  batch_range& operator=(const batch_range&) = delete;

  //! The number of batches in the pass.
  std::size_t size() const noexcept { return count_; }

  class iterator {
   public:
    using value_type = batch<B, F, T>;
    using difference_type = std::ptrdiff_t;
    const value_type& operator*() const noexcept { return range_->buffer_; }
    const value_type* operator->() const noexcept { return &range_->buffer_; }
    iterator& operator++() {
      ++index_;
      range_->fill(index_);
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.index_ == b.index_; }

   private:
    friend class batch_range;
    iterator(batch_range* r, std::size_t i) : range_(r), index_(i) {}
    batch_range* range_;
    std::size_t index_;
  };

  //! Fills the first batch; a range is meant to be iterated once.
  iterator begin() {
    fill(0);
    return iterator(this, 0);
  }
  iterator end() { return iterator(this, count_); }

 private:
  void fill(std::size_t k) {
    if (k >= count_)
      return;
    const std::size_t first = k * B;
    const std::size_t n = std::min(B, order_.size() - first);
    for (std::size_t i = 0; i < B; ++i) {
      if (i < n) {
        const std::size_t s = order_[first + i];
        const double* src = data_->x.data() + s * F;
        for (std::size_t j = 0; j < F; ++j)
          buffer_.x(i, j) = static_cast<T>(src[j]);
        buffer_.y[i] = data_->y[s];
      } else {
        for (std::size_t j = 0; j < F; ++j)
          buffer_.x(i, j) = T{};
        buffer_.y[i] = 0;
      }
    }
    buffer_.size = n;
  }

  const dataset* data_;
  std::vector<std::size_t> order_;
  std::size_t count_ = 0;
  batch<B, F, T> buffer_{};
};

//! The mini-batches of one epoch in an order shuffled by gen: size() / B batches of
//! exactly B samples; the size() % B samples left over (a different few each epoch) are
//! dropped, as PyTorch's DataLoader(drop_last=True). Every other sample appears exactly
//! once. Throws std::invalid_argument if data does not have F features. data must
//! outlive the range.
//! Example: `for (const auto& b : nn::batches<32, 64>(train, gen)) step(b.x, b.y);`
template <std::size_t B, std::size_t F, class T = double>
batch_range<B, F, T> batches(const dataset& data, rng& gen) {
  std::vector<std::size_t> order(data.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  gen.shuffle(order);
  return batch_range<B, F, T>(data, std::move(order), false);
}

//! Every sample in order, in ceil(size() / B) batches: the last one has b.size < B
//! real samples and zero padding after them (for evaluation).
//! Example: `for (const auto& b : nn::batches<32, 64>(test)) right += nn::correct(logits, b.y, b.size);`
template <std::size_t B, std::size_t F, class T = double>
batch_range<B, F, T> batches(const dataset& data) {
  std::vector<std::size_t> order(data.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  return batch_range<B, F, T>(data, std::move(order), true);
}

//! The index of the largest of row r of scores [B, C] (the first one on ties): the
//! predicted class.
//! Example: `nn::argmax(logits, 0)`
template <class T, std::size_t B, std::size_t C>
constexpr std::size_t argmax(const matrix<T, B, C>& scores, std::size_t r) {
  std::size_t best = 0;
  for (std::size_t c = 1; c < C; ++c)
    if (scores(r, c) > scores(r, best))
      best = c;
  return best;
}

//! The number of the first `rows` rows of scores [B, C] (logits or probabilities) whose
//! argmax equals the label.
//! Example: `right += nn::correct(tg::eval(net::forward(X), at), b.y, b.size);`
template <class T, std::size_t B, std::size_t C>
constexpr std::size_t correct(const matrix<T, B, C>& scores, const vector<int, B>& labels,
                              std::size_t rows = B) {
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows && r < B; ++r)
    n += labels[r] >= 0 && argmax(scores, r) == static_cast<std::size_t>(labels[r]);
  return n;
}

//! The fraction in [0, 1] of the first `rows` rows of scores whose argmax is the label.
//! Example: `nn::accuracy(tg::matrix<double, 2, 2>{0.1, 0.9, 0.8, 0.2}, tg::vector<int, 2>{1, 1}) == 0.5`
template <class T, std::size_t B, std::size_t C>
constexpr double accuracy(const matrix<T, B, C>& scores, const vector<int, B>& labels,
                          std::size_t rows = B) {
  const std::size_t n = rows < B ? rows : B;
  return n == 0 ? 0.0 : static_cast<double>(correct(scores, labels, n)) / static_cast<double>(n);
}

//! Prints one line per epoch: `epoch  3/20  loss 0.123456  accuracy 97.50%  0.42 s`
//! (seconds since the progress object was made), or nothing when quiet.
//! Example: `nn::progress progress(epochs, quiet);  ...  progress(epoch, loss, accuracy);`
class progress {
 public:
  //! Lines for `epochs` epochs, written to out unless quiet.
  explicit progress(std::size_t epochs, bool quiet = false, std::ostream& out = std::cout)
      : epochs_(epochs), quiet_(quiet), out_(&out), start_(std::chrono::steady_clock::now()) {}

  //! Prints the line for an epoch; accuracy is a fraction in [0, 1].
  void operator()(std::size_t epoch, double loss, double accuracy) const {
    if (!quiet_)
      *out_ << line(epoch, loss, accuracy, seconds()) << '\n' << std::flush;
  }

  //! The seconds since construction (or the last restart()).
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  //! Starts the clock again.
  void restart() { start_ = std::chrono::steady_clock::now(); }
  bool quiet() const noexcept { return quiet_; }

  //! The line printed for an epoch, without the newline.
  //! Example: `line(3, 0.25, 0.975, 0.42) == "epoch  3/20  loss 0.250000  accuracy 97.50%  0.42 s"`
  std::string line(std::size_t epoch, double loss, double accuracy, double seconds) const {
    const int width = static_cast<int>(std::to_string(epochs_).size());
    char buf[160];
    std::snprintf(buf, sizeof buf, "epoch %*zu/%zu  loss %.6f  accuracy %.2f%%  %.2f s", width, epoch,
                  epochs_, loss, 100 * accuracy, seconds);
    return buf;
  }

 private:
  std::size_t epochs_;
  bool quiet_;
  std::ostream* out_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace typegrad::nn
