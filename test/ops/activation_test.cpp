// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#include <typegrad/ops/activation.hpp>
#include <typegrad/typegrad.hpp>

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <limits>
#include <type_traits>

#include "support/check.hpp"

// sigmoid, softplus, relu, leaky_relu, elu.

namespace {

namespace tg = typegrad;
using namespace tg::test::check;
using tg::test::check_op_laws;

// ---- sigmoid -------------------------------------------------------------------------------

TEST_CASE("activation: sigmoid known values and derivative") {
  CHECK_BOTH(tg::eval(tg::sigmoid(x), tg::at(x = 0.0)) == 0.5);
  CHECK_BOTH(all_modes_are(tg::sigmoid(x), tg::at(x = 0.0), x, 0.25));
  CHECK_BOTH(near_rel(tg::eval(tg::sigmoid(x), tg::at(x = 1.0)), 0.7310585786300049, eps));
  CHECK_BOTH(near_rel(tg::eval(tg::sigmoid(x), tg::at(x = -1.0)), 0.2689414213699951, eps));
  CHECK_BOTH(all_modes_near_rel(tg::sigmoid(x), tg::at(x = 2.0), x, 0.10499358540350662, eps));
  CHECK_BOTH(tg::eval(tg::sigmoid(xf), tg::at(xf = 0.0f)) == 0.5f);
  CHECK_BOTH(all_modes_are(tg::sigmoid(xf), tg::at(xf = 0.0f), xf, 0.25f));
  static_assert(std::is_same_v<decltype(tg::d(tg::sigmoid(x), x)),
                               decltype(tg::sigmoid(x) * (tg::c<1> - tg::sigmoid(x)))>);
  check_op_laws(tg::sigmoid(x), {{-5.0}, {-1.0}, {0.0}, {0.3}, {2.0}, {8.0}}, 1e-12, 1e-6);
  check_op_laws(tg::sigmoid(x * y), {{-1.0, 2.0}, {0.5, 0.5}, {3.0, -0.25}}, 1e-12, 1e-6);
}

TEST_CASE("activation: sigmoid never overflows for finite inputs") {
  // The naive 1 / (1 + exp(-x)) computes exp(800) = inf; 1 / inf is still right, but
  // exp(x) / (1 + exp(x)) would be inf / inf. Ours is exact at both ends.
  CHECK_BOTH(tg::eval(tg::sigmoid(x), tg::at(x = 800.0)) == 1);
  CHECK_BOTH(tg::eval(tg::sigmoid(x), tg::at(x = -800.0)) == 0);
  CHECK_BOTH(all_modes_are(tg::sigmoid(x), tg::at(x = 800.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::sigmoid(x), tg::at(x = -800.0), x, 0.0));
  CHECK_BOTH(tg::hessian(tg::sigmoid(x), tg::at(x = 800.0))(x, x) == 0);
  CHECK_BOTH(tg::hessian(tg::sigmoid(x), tg::at(x = -800.0))(x, x) == 0);
  // Deep in the negative tail it keeps full relative accuracy: sigmoid(-700) = e^-700.
  CHECK_BOTH(near_rel(tg::eval(tg::sigmoid(x), tg::at(x = -700.0)), 9.85967654375977e-305, 1e-14));
  CHECK_BOTH(tg::eval(tg::sigmoid(x), tg::at(x = -745.0)) > 0);
  CHECK_BOTH(tg::eval(tg::sigmoid(x), tg::at(x = inf)) == 1);
  CHECK_BOTH(tg::eval(tg::sigmoid(x), tg::at(x = -inf)) == 0);
  CHECK_BOTH(all_modes_are(tg::sigmoid(x), tg::at(x = -inf), x, 0.0));
  // float: exp(200) overflows float, the stable form never computes it.
  CHECK_BOTH(tg::eval(tg::sigmoid(xf), tg::at(xf = 200.0f)) == 1.0f);
  CHECK_BOTH(tg::eval(tg::sigmoid(xf), tg::at(xf = -200.0f)) == 0.0f);
  CHECK_BOTH(all_modes_are(tg::sigmoid(xf), tg::at(xf = 800.0f), xf, 0.0f));
  CHECK_BOTH(all_modes_are(tg::sigmoid(xf), tg::at(xf = -800.0f), xf, 0.0f));
}

TEST_CASE("activation: sigmoid propagates NaN") {
  CHECK(std::isnan(tg::eval(tg::sigmoid(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::sigmoid(x), tg::at(x = qnan), x, qnan));
}

// ---- softplus ------------------------------------------------------------------------------

TEST_CASE("activation: softplus known values and derivative sigmoid") {
  CHECK_BOTH(near_rel(tg::eval(tg::softplus(x), tg::at(x = 0.0)), 0.6931471805599453, eps));
  CHECK_BOTH(all_modes_are(tg::softplus(x), tg::at(x = 0.0), x, 0.5));
  CHECK_BOTH(near_rel(tg::eval(tg::softplus(x), tg::at(x = 1.0)), 1.3132616875182228, eps));
  CHECK_BOTH(near_rel(tg::eval(tg::softplus(x), tg::at(x = -1.0)), 0.31326168751822286, eps));
  CHECK_BOTH(all_modes_near_rel(tg::softplus(x), tg::at(x = 1.0), x, 0.7310585786300049, eps));
  CHECK_BOTH(near_rel(tg::eval(tg::softplus(xf), tg::at(xf = 1.0f)), 1.31326169f, 2e-7f));
  static_assert(std::is_same_v<decltype(tg::d(tg::softplus(x), x)), decltype(tg::sigmoid(x))>);
  check_op_laws(tg::softplus(x), {{-6.0}, {-1.0}, {0.0}, {0.7}, {4.0}, {30.0}}, 1e-12, 1e-6);
  check_op_laws(tg::softplus(x - y * y), {{-1.0, 2.0}, {0.5, 0.5}, {3.0, -0.25}}, 1e-12, 1e-6);
}

TEST_CASE("activation: softplus never overflows for finite inputs") {
  CHECK_BOTH(tg::eval(tg::softplus(x), tg::at(x = 800.0)) == 800);
  CHECK_BOTH(tg::eval(tg::softplus(x), tg::at(x = -800.0)) == 0);
  CHECK_BOTH(all_modes_are(tg::softplus(x), tg::at(x = 800.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::softplus(x), tg::at(x = -800.0), x, 0.0));
  CHECK_BOTH(tg::hessian(tg::softplus(x), tg::at(x = 800.0))(x, x) == 0);
  // Small values keep relative accuracy: softplus(-40) = log1p(e^-40) ~ e^-40.
  CHECK_BOTH(near_rel(tg::eval(tg::softplus(x), tg::at(x = -40.0)), 4.248354255291589e-18, 1e-14));
  CHECK_BOTH(tg::eval(tg::softplus(x), tg::at(x = inf)) == inf);
  CHECK_BOTH(tg::eval(tg::softplus(x), tg::at(x = -inf)) == 0);
  CHECK_BOTH(tg::eval(tg::softplus(xf), tg::at(xf = 800.0f)) == 800.0f);
  CHECK_BOTH(tg::eval(tg::softplus(xf), tg::at(xf = -800.0f)) == 0.0f);
  CHECK_BOTH(all_modes_are(tg::softplus(xf), tg::at(xf = -800.0f), xf, 0.0f));
  CHECK_BOTH(all_modes_are(tg::softplus(xf), tg::at(xf = 800.0f), xf, 1.0f));
}

TEST_CASE("activation: softplus propagates NaN") {
  CHECK(std::isnan(tg::eval(tg::softplus(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::softplus(x), tg::at(x = qnan), x, qnan));
}

// ---- relu ----------------------------------------------------------------------------------

constexpr double relu_points[] = {-inf, -1e300, -5.0, -1.0, -1e-300, -4.9e-324, -0.0, 0.0,
                                  4.9e-324, 1e-300, 0.5, 1.0, 7.0, 1e300, inf};

// relu's derivative is the indicator of x > 0, in every pass, at every point.
constexpr bool relu_gradient_is_indicator() {
  for (double p : relu_points)
    if (!all_modes_are(tg::relu(x), tg::at(x = p), x, p > 0 ? 1.0 : 0.0)) return false;
  return true;
}
constexpr bool relu_gradient_is_indicator_float() {
  for (double p : relu_points) {
    const float pf = static_cast<float>(p);
    if (!all_modes_are(tg::relu(xf), tg::at(xf = pf), xf, pf > 0 ? 1.0f : 0.0f)) return false;
  }
  return true;
}

TEST_CASE("activation: relu values and relu'(0) = 0") {
  CHECK_BOTH(tg::eval(tg::relu(x), tg::at(x = 2.5)) == 2.5);
  CHECK_BOTH(tg::eval(tg::relu(x), tg::at(x = -2.5)) == 0);
  CHECK_BOTH(!tg::cmath::signbit(tg::eval(tg::relu(x), tg::at(x = -0.0))));
  CHECK_BOTH(tg::eval(tg::relu(xf), tg::at(xf = 1.5f)) == 1.5f);
  CHECK_BOTH(all_modes_are(tg::relu(x), tg::at(x = 0.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::relu(x), tg::at(x = -0.0), x, 0.0));
  CHECK_BOTH(all_modes_are(tg::relu(xf), tg::at(xf = 0.0f), xf, 0.0f));
  CHECK_BOTH(relu_gradient_is_indicator());
  CHECK_BOTH(relu_gradient_is_indicator_float());
  // Through the chain rule: relu(x*y) at x*y = 0 sends nothing on.
  CHECK_BOTH(tg::grad(tg::relu(x * y), tg::at(x = 0.0, y = 3.0))[y] == 0);
  CHECK_BOTH(tg::hessian(tg::relu(x * x * x), tg::at(x = 2.0))(x, x) == 12);
  CHECK_BOTH(tg::hessian(tg::relu(x), tg::at(x = 0.0))(x, x) == 0);
  check_op_laws(tg::relu(x), {{-2.0}, {-0.5}, {0.7}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::relu(x * y - 1), {{-2.0, 1.5}, {0.5, 0.5}, {3.0, 1.0}}, 1e-12, 1e-6);
}

TEST_CASE("activation: relu propagates NaN and passes the adjoint at NaN") {
  CHECK(std::isnan(tg::eval(tg::relu(x), tg::at(x = qnan))));
  CHECK(std::isnan(tg::eval(tg::relu(xf), tg::at(xf = std::numeric_limits<float>::quiet_NaN()))));
  // As PyTorch (x <= 0 ? 0 : 1): not a silent zero.
  CHECK(all_modes_are(tg::relu(x), tg::at(x = qnan), x, 1.0));
  CHECK(std::isnan(tg::grad(tg::relu(x * y), tg::at(x = 1.0, y = qnan))[x]));
}

TEST_CASE("activation: relu sends +0 and not -0 where x <= 0") {
  // As PyTorch (threshold_backward): where x <= 0 the adjoint is replaced by 0, not
  // multiplied by 0, which would give -0 for a negative adjoint.
  for (double p : {-2.0, -0.0, 0.0}) {
    CAPTURE(p);
    const double g = tg::grad(-3.0 * tg::relu(x), tg::at(x = p))[x];
    CHECK(g == 0);
    CHECK(!std::signbit(g));
    const double t = tg::jvp(tg::relu(x), tg::at(x = p), tg::along(x = -1.0)).tangent;
    CHECK(!std::signbit(t));
  }
  CHECK(tg::grad(-3.0 * tg::relu(x), tg::at(x = 2.0))[x] == -3);
  static_assert(!tg::cmath::signbit(tg::grad(-3.0 * tg::relu(x), tg::at(x = -1.0))[x]));
  // Tensors: the elementwise loop of the reverse pass, on the stack and in a workspace.
  constexpr auto V = tg::var<"V", tg::vector<double, 4>>;
  const auto loss = tg::sum(tg::relu(V) * -2.0);
  const auto at = tg::at(V = tg::vector<double, 4>{-1.0, 0.0, -0.0, 3.0});
  const auto g = tg::grad(loss, at)[V];
  tg::workspace<decltype(loss)> ws;
  const auto gw = tg::value_and_grad(loss, at, tg::wrt(V), ws).grad[V];
  for (std::size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(!std::signbit(g[i]));
    CHECK(!std::signbit(gw[i]));
  }
  CHECK(g[3] == -2);
  CHECK(gw[3] == -2);
}

// ---- leaky_relu ----------------------------------------------------------------------------

TEST_CASE("activation: leaky_relu values slope and derivative at 0") {
  CHECK_BOTH(tg::eval(tg::leaky_relu(x), tg::at(x = 3.0)) == 3);
  CHECK_BOTH(tg::eval(tg::leaky_relu(x), tg::at(x = -3.0)) == -3 * 0.01);
  CHECK_BOTH(tg::eval(tg::leaky_relu(x, 0.2), tg::at(x = -3.0)) == -3 * 0.2);
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x), tg::at(x = -1.0), x, 0.01));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x), tg::at(x = 0.0), x, 0.01));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x), tg::at(x = 2.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x, 0.1), tg::at(x = -1.0), x, 0.1));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(xf), tg::at(xf = -1.0f), xf, 0.01f));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(xf, 0.25), tg::at(xf = 0.0f), xf, 0.25f));
  // The slope is an operand: the type does not depend on its value, and the
  // default slope is a compile-time constant, so leaky_relu(x) is stateless.
  static_assert(std::is_same_v<decltype(tg::leaky_relu(x, 0.1)), decltype(tg::leaky_relu(x, 0.3))>);
  static_assert(std::is_empty_v<decltype(tg::leaky_relu(x))>);
  // A learnable slope (PReLU): d/dslope = x where x <= 0, else 0.
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x, y), tg::at(x = -2.0, y = 0.1), y, -2.0));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x, y), tg::at(x = 2.0, y = 0.1), y, 0.0));
  CHECK_BOTH(all_modes_are(tg::leaky_relu(x, y), tg::at(x = -2.0, y = 0.1), x, 0.1));
  check_op_laws(tg::leaky_relu(x), {{-2.0}, {-0.5}, {0.7}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::leaky_relu(x * x - 1, y), {{0.5, 0.2}, {2.0, 0.2}, {-0.3, -0.5}}, 1e-12, 1e-6);
}

TEST_CASE("activation: leaky_relu propagates NaN") {
  CHECK(std::isnan(tg::eval(tg::leaky_relu(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::leaky_relu(x), tg::at(x = qnan), x, 0.01));
  CHECK(all_modes_are(tg::leaky_relu(x, y), tg::at(x = qnan, y = 0.1), y, qnan));
}

// ---- elu -----------------------------------------------------------------------------------

TEST_CASE("activation: elu values and derivative") {
  CHECK_BOTH(tg::eval(tg::elu(x), tg::at(x = 2.0)) == 2);
  CHECK_BOTH(near_rel(tg::eval(tg::elu(x), tg::at(x = -1.0)), -0.6321205588285577, eps));
  CHECK_BOTH(near_rel(tg::eval(tg::elu(x, 2), tg::at(x = -1.0)), 2 * -0.6321205588285577, eps));
  CHECK_BOTH(tg::eval(tg::elu(x), tg::at(x = -inf)) == -1);
  CHECK_BOTH(tg::eval(tg::elu(x, 0.5), tg::at(x = -inf)) == -0.5);
  CHECK_BOTH(all_modes_are(tg::elu(x), tg::at(x = 3.0), x, 1.0));
  CHECK_BOTH(all_modes_near_rel(tg::elu(x), tg::at(x = -1.0), x, 0.36787944117144233, eps));
  // At 0 the derivative is alpha (result + alpha with result 0), continuous for alpha = 1.
  CHECK_BOTH(all_modes_are(tg::elu(x), tg::at(x = 0.0), x, 1.0));
  CHECK_BOTH(all_modes_are(tg::elu(x, 2), tg::at(x = 0.0), x, 2.0));
  CHECK_BOTH(all_modes_are(tg::elu(xf), tg::at(xf = 0.0f), xf, 1.0f));
  CHECK_BOTH(tg::eval(tg::elu(xf), tg::at(xf = -800.0f)) == -1.0f);
  CHECK_BOTH(all_modes_are(tg::elu(x), tg::at(x = -800.0), x, 0.0));
  static_assert(std::is_empty_v<decltype(tg::elu(x))>);
  // A learnable alpha: d/dalpha = e^x - 1 where x <= 0.
  CHECK_BOTH(
      all_modes_near_rel(tg::elu(x, y), tg::at(x = -1.0, y = 2.0), y, -0.6321205588285577, eps));
  CHECK_BOTH(all_modes_are(tg::elu(x, y), tg::at(x = 1.0, y = 2.0), y, 0.0));
  check_op_laws(tg::elu(x), {{-3.0}, {-0.5}, {0.7}, {3.0}}, 1e-12, 1e-6);
  check_op_laws(tg::elu(x * y, y), {{-2.0, 1.5}, {0.5, 0.5}, {3.0, -1.0}}, 1e-12, 1e-6);
}

TEST_CASE("activation: elu propagates NaN") {
  CHECK(std::isnan(tg::eval(tg::elu(x), tg::at(x = qnan))));
  CHECK(all_modes_are(tg::elu(x), tg::at(x = qnan), x, qnan));
}

}  // namespace
