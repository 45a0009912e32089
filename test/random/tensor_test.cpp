// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random tensor expressions (test/support/random_tensor.hpp), in double and float: the
// gradient of each loss against central differences (tg::check_gradient) and forward mode
// against reverse mode (fd::check_jvp), at seeded random values of every variable.

#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <tuple>
#include <utility>

#include "support/random_tensor.hpp"
#include "support/tensor_fd.hpp"

namespace {

namespace tg = typegrad;
namespace fd = typegrad::test::fd;
namespace rt = typegrad::test::random_tensor;

constexpr std::uint64_t family = 2026;

// Values of the loss's inputs: weights of each shape a loss may use, labels in {0, 1}
// (a valid class of every matrix shape the generator uses).
template <class T>
struct inputs {
  tg::vector<T, 3> c3 = fd::uniform<tg::vector<T, 3>>(11);
  tg::matrix<T, 2, 3> c23 = fd::uniform<tg::matrix<T, 2, 3>>(12);
  tg::matrix<T, 3, 2> c32 = fd::uniform<tg::matrix<T, 3, 2>>(13);
  tg::matrix<T, 2, 2> c22 = fd::uniform<tg::matrix<T, 2, 2>>(14);
  tg::vector<int, 2> y2{1, 0};
  tg::vector<int, 3> y3{0, 1, 1};
  auto bind() const {
    return tg::at(rt::weights<T, tg::shape<3>> = c3, rt::weights<T, tg::shape<2, 3>> = c23,
                  rt::weights<T, tg::shape<3, 2>> = c32, rt::weights<T, tg::shape<2, 2>> = c22,
                  rt::labels<2> = y2, rt::labels<3> = y3);
  }
};

// Every variable of the loss bound to seeded values in [-2, 2), by reference.
template <class T, class E, class... V>
void check_with(const std::string& name, const E& loss, tg::wrt_t<V...>, std::uint64_t seed) {
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    const std::tuple<typename V::value_type...> values{fd::uniform<typename V::value_type>(seed + I)...};
    const inputs<T> in;
    const auto at = tg::join(tg::at((V{} = std::get<I>(values))...), in.bind());
    fd::check_fd<T>(name, loss, at);
  }(std::index_sequence_for<V...>{});
}

template <class T, int Index>
void check_one() {
  static constexpr auto g = rt::make<T, Index, family>();
  using E = std::remove_const_t<decltype(g.e)>;
  const std::string name = "random tensor loss " + std::to_string(Index);
  INFO(name, ": ", tg::to_string(g.e));
  check_with<T>(name, g.e, tg::detail::variables_of<E>{}, family + static_cast<std::uint64_t>(Index));
}

template <class T, int... I>
int check_all(std::integer_sequence<int, I...>) {
  (check_one<T, I>(), ...);
  return static_cast<int>(sizeof...(I));
}

}  // namespace

TEST_CASE("random tensor expressions against central differences in double") {
  const int types = check_all<double>(std::make_integer_sequence<int, 16>{});
  CHECK(types == 16);
  MESSAGE(types, " random tensor expression types in double");
}

TEST_CASE("random tensor expressions against central differences in float") {
  const int types = check_all<float>(std::make_integer_sequence<int, 8>{});
  CHECK(types == 8);
  MESSAGE(types, " random tensor expression types in float");
}
