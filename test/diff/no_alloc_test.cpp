// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>

// No pass allocates: allocations are counted between start() and stop()
// (test/support/counting_new.hpp; this is the one file of test_diff that includes it).

#include "support/counting_new.hpp"

namespace {

namespace tg = typegrad;

constexpr auto x = tg::var<"x">;
constexpr auto y = tg::var<"y">;
constexpr auto z = tg::var<"z">;
constexpr auto w = tg::var<"w">;

TEST_CASE("no_alloc: the counter sees every form of operator new") {
  // Explicit calls (not new-expressions), so that the compiler may not elide them.
  constexpr auto big = std::align_val_t{64};
  void* volatile p[8] = {};
  start();
  p[0] = ::operator new(8);
  p[1] = ::operator new[](16);
  p[2] = ::operator new(8, std::nothrow);
  p[3] = ::operator new[](8, std::nothrow);
  p[4] = ::operator new(100, big);
  p[5] = ::operator new[](100, big);
  p[6] = ::operator new(8, big, std::nothrow);
  p[7] = ::operator new[](8, big, std::nothrow);
  ::operator delete(p[0]);
  ::operator delete[](p[1], 16);
  ::operator delete(p[2], std::nothrow);
  ::operator delete[](p[3]);
  ::operator delete(p[4], 100, big);
  ::operator delete[](p[5], big);
  ::operator delete(p[6], big, std::nothrow);
  ::operator delete[](p[7], 8, big);
  const std::size_t n = stop();
  CHECK(n == 8);
  CHECK(deallocations.load() == 8);
  CHECK(reinterpret_cast<std::size_t>(p[4]) % 64 == 0);
  CHECK(reinterpret_cast<std::size_t>(p[5]) % 64 == 0);
}

TEST_CASE("no_alloc: no pass allocates") {
  // A moderately large expression: four variables, a let used several times,
  // run-time constants, transcendental ops.
  volatile double source[4] = {0.7, -1.3, 2.1, 0.4};
  const double a = source[0], b = source[1], c = source[2], k = source[3];
  const auto h = tg::let<"h">(x * y + k * z - 1.5);
  const auto u = tg::exp(h * k) + tg::sin(x - w) * tg::cos(y + z);
  const auto f = u * u / (h * h + 1.0) + tg::log(x * x + y * y + z * z + w * w + 1.0) * h
                 - tg::tanh(w * z) * (x + 2.0 * y - 3.0 * z) + tg::sqrt(h * h + 4.0)
                 - 0.25 * w * w * w;
  const auto at = tg::at(x = a, y = b, z = c, w = k);

  start();
  const auto r = tg::value_and_grad(f, at);
  const auto g = tg::grad(f, at);
  const auto gh = tg::grad(f, at, tg::wrt(h, x));
  const double v = tg::eval(f, at);
  const auto t = tg::jvp(f, at, tg::along(x = 1.0, y = -0.5, w = 2.0));
  const auto H = tg::hessian(f, at);
  const auto check = tg::check_gradient(f, at);
  const double dfdx = tg::eval(tg::d(f, x), at);
  const std::size_t n = stop();

  CHECK(n == 0);
  // The results are real (and so were computed).
  CHECK(std::isfinite(r.value));
  CHECK(v == r.value);
  CHECK(g[x] == r.grad[x]);
  CHECK(gh[x] == r.grad[x]);
  CHECK(t.tangent == doctest::Approx(r.grad[x] - 0.5 * r.grad[y] + 2 * r.grad[w]).epsilon(1e-12));
  CHECK(H(x, y) == doctest::Approx(H(y, x)).epsilon(1e-12));
  CHECK(H.gradient[0] == doctest::Approx(r.grad[x]).epsilon(1e-14));
  CHECK(check.ok);
  CHECK(dfdx == doctest::Approx(r.grad[x]).epsilon(1e-12));
}

}  // namespace
