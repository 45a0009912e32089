// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Misuse: an MLP whose layer 0 gives 16 outputs to a layer 1 that takes 8 inputs. The
// condition shows the layer and both sizes: mlp_layer_output_must_match_next_input<0, 16, 8, false>.
// expected-error: typegrad: nn::mlp: a layer's Out must equal the next layer's In
#include <typegrad/typegrad.hpp>
#include <typegrad/nn/nn.hpp>

namespace tg = typegrad;
namespace nn = tg::nn;

#ifndef TYPEGRAD_COMPILE_FAIL_OK
using net = nn::mlp<double, nn::dense<2, 16, nn::tanh>, nn::dense<8, 1>>;
#else
using net = nn::mlp<double, nn::dense<2, 16, nn::tanh>, nn::dense<16, 1>>;
#endif

inline constexpr auto X = tg::input<"X", tg::matrix<double, 4, 2>>;
inline constexpr auto T = tg::input<"T", tg::matrix<double, 4, 1>>;

double loss_at(const net::params_type& p, const tg::matrix<double, 4, 2>& x, const tg::matrix<double, 4, 1>& t) {
  return tg::eval(nn::mse(net::forward(X), T), tg::join(p.bind(), tg::at(X = x, T = t)));
}
