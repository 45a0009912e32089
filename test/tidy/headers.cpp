// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// The translation unit clang-tidy checks typegrad's headers through (test "tidy.headers",
// see .clang-tidy): every header, and one use of each area so that the templates are
// instantiated and their bodies analysed too. It is compiled, not run.

#include <typegrad/typegrad.hpp>

#include <exception>
#include <filesystem>
#include <iostream>
#include <sstream>

namespace tg = typegrad;
namespace nn = typegrad::nn;

namespace {

void use_every_area() {
  constexpr auto x = tg::var<"x">;
  constexpr auto y = tg::var<"y">;
  constexpr auto h = tg::let<"h">(x * x + tg::c<3>);
  const auto f = tg::sin(h) * y + tg::exp(x) / (1 + y * y) + tg::max(x, y) + tg::where(x > y, tg::relu(x), tg::tanh(y));
  const auto at = tg::at(x = 0.5, y = -1.5);
  const auto [value, grad] = tg::value_and_grad(f, at, tg::wrt(x, y, h));
  const auto hess = tg::hessian(f, at);
  const auto tangent = tg::jvp(f, at, tg::along(x = 1.0)).tangent;
  const double symbolic = tg::eval(tg::d(f, x), at);
  const auto check = tg::check_gradient(f, at);
  std::cout << f << ' ' << tg::to_latex(f) << ' ' << value << ' ' << grad[x] << ' ' << hess(x, y) << ' ' << tangent
            << ' ' << symbolic << ' ' << check << '\n';

  constexpr auto h1 = tg::var<"h1">;
  constexpr auto a = tg::var<"a">;
  std::cout << tg::grad(tg::scan<10>(h1, a * h1 + 1.0, 0.5), tg::at(a = 0.9))[a] << '\n';

  using net = nn::mlp<double, nn::dense<4, 8, nn::tanh>, nn::dense<8, 3>>;
  constexpr auto X = tg::input<"X", net::input_type<5>>;
  constexpr auto labels = tg::input<"labels", tg::vector<int, 5>>;
  const auto loss = nn::cross_entropy(net::forward(X), labels) + tg::sum(tg::softmax(net::forward(X))) * 0.0 +
                    tg::mean(tg::logsumexp<1>(tg::matmul_nt(X, X)));
  net::params_type p;
  nn::rng gen(1);
  nn::init::kaiming_uniform(p, gen);
  net::input_type<5> xs{};
  for (std::size_t k = 0; k < net::input_type<5>::size(); ++k) xs[k] = gen.uniform(-1.0, 1.0);
  const tg::vector<int, 5> ys{0, 1, 2, 1, 0};
  tg::optim::adam opt(p, {.lr = 1e-3});
  tg::optim::sgd sgd(p, {.lr = 0.1, .momentum = 0.9});
  for (int step = 0; step < 2; ++step) {
    auto [l, g] = tg::value_and_grad(loss, tg::join(p.bind(), tg::at(X = xs, labels = ys)), net::wrt());
    tg::optim::clip_grad_norm(g, 1.0);
    opt.step(p, g);
    sgd.step(p, g);
    std::cout << l << '\n';
  }
  const auto path = std::filesystem::temp_directory_path() / "typegrad_tidy.ckpt";
  tg::io::save_checkpoint(path, p, opt);
  tg::io::load_checkpoint(path, p, opt);
  const auto table = tg::io::parse_csv("a,b\n1,2\n", "<tidy>", {.header = true});
  const auto data = tg::io::split_label_column(table, 1);
  std::cout << table.rows << data.classes << '\n';
}

}  // namespace

int main() {
  try {
    use_every_area();
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
