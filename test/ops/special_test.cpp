// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/special.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <type_traits>

#include "support/check.hpp"

// erf and erfc.

namespace {

namespace tg = typegrad;
using namespace tg::test::check;
using tg::test::check_op_laws;

constexpr double two_over_sqrt_pi = tg::constants::two_over_sqrt_pi.as<double>();

TEST_CASE("special: erf known values and derivative") {
  CHECK_BOTH(tg::eval(tg::erf(x), tg::at(x = 0.0)) == 0);
  CHECK_BOTH(near_rel(tg::eval(tg::erf(x), tg::at(x = 1.0)), 0.8427007929497149, eps));
  CHECK_BOTH(near_rel(tg::eval(tg::erf(x), tg::at(x = -0.5)), -0.5204998778130465, eps));
  CHECK_BOTH(near_rel(tg::eval(tg::erf(xf), tg::at(xf = 1.0f)), 0.84270079f, 2e-7f));
  CHECK_BOTH(all_modes_are(tg::erf(x), tg::at(x = 0.0), x, two_over_sqrt_pi));
  CHECK_BOTH(all_modes_near_rel(tg::erf(x), tg::at(x = 1.0), x, 0.4151074974205947, eps));
  CHECK_BOTH(all_modes_near_rel(tg::erf(x), tg::at(x = -1.0), x, 0.4151074974205947, eps));
  CHECK_BOTH(all_modes_near_rel(tg::erf(xf), tg::at(xf = 0.0f), xf, 1.12837917f, 1e-7f));
  // erf'' = -2x erf'
  CHECK_BOTH(
      near_rel(tg::hessian(tg::erf(x), tg::at(x = 1.0))(x, x), -2 * 0.4151074974205947, eps));
  static_assert(std::is_same_v<decltype(tg::d(tg::erf(x), x)),
                               decltype(tg::constants::two_over_sqrt_pi * tg::exp(-(x * x)))>);
  check_op_laws(tg::erf(x), {{-2.5}, {-0.7}, {0.0}, {0.3}, {1.0}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::erf(x * y), {{-1.0, 0.5}, {0.5, 0.5}, {2.0, -0.75}}, 1e-12, 1e-6);
}

TEST_CASE("special: erf tails and infinities") {
  CHECK_BOTH(tg::eval(tg::erf(x), tg::at(x = 30.0)) == 1);
  CHECK_BOTH(tg::eval(tg::erf(x), tg::at(x = -inf)) == -1);
  CHECK_BOTH(tg::eval(tg::erf(x), tg::at(x = inf)) == 1);
  CHECK_BOTH(all_modes_are(tg::erf(x), tg::at(x = 30.0), x, 0.0));  // exp(-900) underflows
  // At +-inf the gradient is 0 in every pass, but the Hessian pass's second-order part
  // is -2x * erf'(x) = inf * 0 = NaN, which constant evaluation rejects: run time only.
  CHECK(all_modes_are(tg::erf(x), tg::at(x = inf), x, 0.0));
  CHECK(all_modes_are(tg::erf(x), tg::at(x = -inf), x, 0.0));
  CHECK(std::isnan(tg::hessian(tg::erf(x), tg::at(x = inf))(x, x)));
  CHECK_BOTH(all_modes_are(tg::erf(xf), tg::at(xf = 12.0f), xf, 0.0f));
}

TEST_CASE("special: erfc known values derivative and accuracy in the tail") {
  CHECK_BOTH(tg::eval(tg::erfc(x), tg::at(x = 0.0)) == 1);
  CHECK_BOTH(near_rel(tg::eval(tg::erfc(x), tg::at(x = 1.0)), 1 - 0.8427007929497149, 1e-15));
  // Where 1 - erf(x) is 0, erfc keeps its relative accuracy.
  CHECK_BOTH(near_rel(tg::eval(tg::erfc(x), tg::at(x = 10.0)), 2.088487583762545e-45, 1e-14));
  CHECK_BOTH(tg::eval(1 - tg::erf(x), tg::at(x = 10.0)) == 0);
  CHECK_BOTH(tg::eval(tg::erfc(x), tg::at(x = inf)) == 0);
  CHECK_BOTH(tg::eval(tg::erfc(x), tg::at(x = -inf)) == 2);
  CHECK_BOTH(all_modes_are(tg::erfc(x), tg::at(x = 0.0), x, -two_over_sqrt_pi));
  CHECK_BOTH(all_modes_near_rel(tg::erfc(x), tg::at(x = 1.0), x, -0.4151074974205947, eps));
  CHECK(all_modes_are(tg::erfc(x), tg::at(x = -inf), x, 0.0));  // run time: see erf at inf
  CHECK_BOTH(all_modes_are(tg::erfc(xf), tg::at(xf = 0.0f), xf,
                           -tg::constants::two_over_sqrt_pi.as<float>()));
  static_assert(std::is_same_v<decltype(tg::d(tg::erfc(x), x)),
                               decltype(-(tg::constants::two_over_sqrt_pi * tg::exp(-(x * x))))>);
  // erf + erfc = 1, and their derivatives cancel.
  CHECK_BOTH(near_rel(tg::eval(tg::erf(x) + tg::erfc(x), tg::at(x = 0.6)), 1.0, eps));
  CHECK_BOTH(all_modes_are(tg::erf(x) + tg::erfc(x), tg::at(x = 0.6), x, 0.0));
  check_op_laws(tg::erfc(x), {{-2.5}, {-0.7}, {0.0}, {0.3}, {1.0}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::erfc(x - y * y), {{-1.0, 0.5}, {0.5, 0.5}, {2.0, -0.75}}, 1e-12, 1e-6);
}

TEST_CASE("special: erf and erfc propagate NaN") {
  CHECK(std::isnan(tg::eval(tg::erf(x), tg::at(x = qnan))));
  CHECK(std::isnan(tg::eval(tg::erfc(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::erf(x), tg::at(x = qnan), x, qnan));
  CHECK(all_modes_are(tg::erfc(x), tg::at(x = qnan), x, qnan));
}

}  // namespace
