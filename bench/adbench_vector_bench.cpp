// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// FastAD's ADBenchmark task set, part 1: reductions of one vector x of N inputs, N fixed at
// compile time and swept over 1, 4, 16, 64, 256, 1024. Each case computes f(x) and the whole
// gradient in double (harness, check and names: bench/adbench.hpp; peers: adbench_peers.hpp).
//
//   BM_sum/N          f = sum_i x_i,             x in [-1, 1)
//   BM_sum_iter/N     the same as a scalar loop  (s += x_i)
//   BM_prod/N         f = prod_i x_i,            x in [0.5, 1.5) (positive: see typegrad below)
//   BM_prod_iter/N    the same as a scalar loop  (p *= x_i)
//   BM_log_sum_exp/N  f = log sum_i exp(x_i),    x in [-1, 1)
//
// Contestants:
//   hand               the loops a careful person writes: sum and ones; prod with prefix
//                      products forward and suffix products backward (3N multiplications,
//                      no division, right at zeros); log_sum_exp shifted by the maximum, the
//                      exponentials kept in the gradient and scaled once by 1/sum.
//   typegrad           tg::value_and_grad of one tensor expression over tg::var<"x",
//                      tg::vector<double, N>>, workspace on the stack: tg::sum(x),
//                      tg::exp(tg::sum(tg::log(x))) (typegrad has no product reduction yet:
//                      this costs N logarithms and is why prod's inputs are positive),
//                      tg::logsumexp(x).
//   typegrad_ws        the same in a caller's tg::workspace allocated once.
//   typegrad_unrolled  sum_iter and prod_iter only, N <= 16: the loop unrolled into one
//                      expression over N scalar variables x0000, x0001, ...: x0 + x1 + ... and
//                      x0 * x1 * ... (an unrolled fold over 64 variables already takes ~25 s to
//                      compile, see bench/README.md).
//   typegrad_fold      sum_iter and prod_iter: the loop as a loop, tg::fold<N>(e, tg::each(e, x))
//                      (tg::product_fold for prod_iter), e being x_t inside the step.
//   peers              the function template below (a plain loop over the AD scalar), so for a
//                      peer sum and sum_iter (prod and prod_iter) run the same code.
//
// The sum_iter and prod_iter rows repeat the typegrad tensor contestants, so that every row
// has typegrad in it.

#include <typegrad/typegrad.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "adbench.hpp"
#include "adbench_peers.hpp"

namespace tg = typegrad;
namespace adb = typegrad_bench::adb;

namespace {

template <std::size_t N>
tg::vector<double, N> to_tensor(const std::array<double, N>& a) {
  tg::vector<double, N> t{};
  std::copy(a.begin(), a.end(), t.begin());
  return t;
}


// ---- typegrad contestants over one tensor variable x ------------------------------------------

//! Spec: static constexpr `f` over `x`; the contestant binds x to its own copy of the point.
template <class Task, class Spec>
class typegrad_stack {
 public:
  explicit typegrad_stack(const Task& t) : x_(to_tensor(t.x0)) {}
  template <class Keep>
  double run(Keep&& keep) {
    const auto [v, g] = tg::value_and_grad(Spec::f, tg::at(Spec::x = x_));
    keep(g[Spec::x]);
    return v;
  }

 private:
  tg::vector<double, Task::n> x_;
};

template <class Task, class Spec>
class typegrad_workspace {
 public:
  explicit typegrad_workspace(const Task& t) : x_(to_tensor(t.x0)) {}
  template <class Keep>
  double run(Keep&& keep) {
    const auto [v, g] = tg::value_and_grad(Spec::f, tg::at(Spec::x = x_), tg::wrt(Spec::x), *ws_);
    keep(g[Spec::x]);
    return v;
  }

 private:
  tg::vector<double, Task::n> x_;
  std::unique_ptr<tg::workspace<decltype(Spec::f)>> ws_ = std::make_unique<tg::workspace<decltype(Spec::f)>>();
};

// ---- typegrad: a loop unrolled over N scalar variables -----------------------------------------

//! "x0000", "x0001", ...: the name of scalar variable I.
template <std::size_t I>
constexpr auto scalar_name() {
  static_assert(I < 10000);
  const char s[6] = {'x', static_cast<char>('0' + I / 1000 % 10), static_cast<char>('0' + I / 100 % 10),
                     static_cast<char>('0' + I / 10 % 10), static_cast<char>('0' + I % 10), '\0'};
  return tg::fixed_string<6>(s);
}
template <std::size_t I>
inline constexpr auto xi = tg::var<scalar_name<I>()>;

template <std::size_t... I>
constexpr auto unrolled_sum(std::index_sequence<I...>) {
  return (xi<0> + ... + xi<I + 1>);  // ((x0 + x1) + x2) + ...
}
template <std::size_t... I>
constexpr auto unrolled_prod(std::index_sequence<I...>) {
  return (xi<0> * ... * xi<I + 1>);
}

template <class Task, class Spec>
class typegrad_unrolled {
 public:
  explicit typegrad_unrolled(const Task& t) : x_(t.x0) {}
  template <class Keep>
  double run(Keep&& keep) {
    return run_at(keep, std::make_index_sequence<Task::n>{});
  }

 private:
  template <class Keep, std::size_t... I>
  double run_at(Keep& keep, std::index_sequence<I...>) {
    const auto [v, g] = tg::value_and_grad(Spec::f, tg::at((xi<I> = x_[I])...));
    (keep(g[xi<I>]), ...);
    return v;
  }
  std::array<double, Task::n> x_;
};

// ---- sum ---------------------------------------------------------------------------------------

template <std::size_t N>
struct sum_task {
  static constexpr std::size_t n = N;
  static constexpr double tolerance = 1e-12;
  static constexpr double floor = 1.0;
  std::array<double, n> x0 = adb::uniform<n>(0x5eed0001u + N, -1.0, 1.0);

  template <class S>
  S operator()(const S* x, const double*) const {
    S s = x[0];
    for (std::size_t i = 1; i < n; ++i)
      s += x[i];
    return s;
  }

  class hand {
   public:
    explicit hand(const sum_task& t) : x_(t.x0) {}
    template <class Keep>
    double run(Keep&& keep) {
      double s = 0.0;
      for (std::size_t i = 0; i < n; ++i)
        s += x_[i];
      for (std::size_t i = 0; i < n; ++i)
        g_[i] = 1.0;
      keep(g_);
      return s;
    }

   private:
    alignas(32) std::array<double, n> x_;
    alignas(32) std::array<double, n> g_{};
  };

  struct tensor_spec {
    static constexpr auto x = tg::var<"x", tg::vector<double, N>>;
    static constexpr auto f = tg::sum(x);
  };
  struct unrolled_spec {
    static constexpr auto f = unrolled_sum(std::make_index_sequence<N - 1>{});
  };
  struct fold_spec {
    static constexpr auto x = tg::var<"x", tg::vector<double, N>>;
    static constexpr auto e = tg::input<"e">;
    static constexpr auto f = tg::fold<N>(e, tg::each(e, x));
  };
};

// ---- prod --------------------------------------------------------------------------------------

template <std::size_t N>
struct prod_task {
  static constexpr std::size_t n = N;
  // exp(sum(log x)) against a plain product: the logarithms' rounding errors add up
  // (measured: below 2e-14 relative for N = 1024).
  static constexpr double tolerance = 1e-12;
  static constexpr double floor = 0.0;  // the product is small (about e^-46 for N = 1024): relative
  std::array<double, n> x0 = adb::uniform<n>(0x5eed0002u + N, 0.5, 1.5);

  template <class S>
  S operator()(const S* x, const double*) const {
    S p = x[0];
    for (std::size_t i = 1; i < n; ++i)
      p *= x[i];
    return p;
  }

  class hand {
   public:
    explicit hand(const prod_task& t) : x_(t.x0) {}
    template <class Keep>
    double run(Keep&& keep) {
      double p = 1.0;
      for (std::size_t i = 0; i < n; ++i) {  // g[i] = x[0] ... x[i-1]
        g_[i] = p;
        p *= x_[i];
      }
      double s = 1.0;
      for (std::size_t i = n; i-- > 0;) {  // times x[i+1] ... x[n-1]
        g_[i] *= s;
        s *= x_[i];
      }
      keep(g_);
      return p;
    }

   private:
    alignas(32) std::array<double, n> x_;
    alignas(32) std::array<double, n> g_{};
  };

  struct tensor_spec {
    static constexpr auto x = tg::var<"x", tg::vector<double, N>>;
    static constexpr auto f = tg::exp(tg::sum(tg::log(x)));
  };
  struct unrolled_spec {
    static constexpr auto f = unrolled_prod(std::make_index_sequence<N - 1>{});
  };
  struct fold_spec {
    static constexpr auto x = tg::var<"x", tg::vector<double, N>>;
    static constexpr auto e = tg::input<"e">;
    static constexpr auto f = tg::fold<N, tg::product_fold>(e, tg::each(e, x));
  };
};

// ---- log_sum_exp -------------------------------------------------------------------------------

template <std::size_t N>
struct log_sum_exp_task {
  static constexpr std::size_t n = N;
  static constexpr double tolerance = 1e-12;
  static constexpr double floor = 1.0;
  std::array<double, n> x0 = adb::uniform<n>(0x5eed0003u + N, -1.0, 1.0);

  //! Shifted by the maximum (a constant: the shift cancels in value and gradient), as a
  //! careful user of any tool writes it.
  template <class S>
  S operator()(const S* x, const double* xv) const {
    const double m = *std::max_element(xv, xv + n);
    S s = exp(x[0] - m);
    for (std::size_t i = 1; i < n; ++i)
      s += exp(x[i] - m);
    return log(s) + m;
  }

  class hand {
   public:
    explicit hand(const log_sum_exp_task& t) : x_(t.x0) {}
    template <class Keep>
    double run(Keep&& keep) {
      double m = x_[0];
      for (std::size_t i = 1; i < n; ++i)
        m = x_[i] > m ? x_[i] : m;
      double s = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        g_[i] = std::exp(x_[i] - m);
        s += g_[i];
      }
      const double inv = 1.0 / s;
      for (std::size_t i = 0; i < n; ++i)
        g_[i] *= inv;
      keep(g_);
      return m + std::log(s);
    }

   private:
    alignas(32) std::array<double, n> x_;
    alignas(32) std::array<double, n> g_{};
  };

  struct tensor_spec {
    static constexpr auto x = tg::var<"x", tg::vector<double, N>>;
    static constexpr auto f = tg::logsumexp(x);
  };
};

// ---- registration ------------------------------------------------------------------------------

template <class Task>
void add_tensor_contestants(const std::string& name) {
  adb::add_task<Task, typename Task::hand>(name, "hand");
  adb::add_task<Task, typegrad_stack<Task, typename Task::tensor_spec>>(name, "typegrad");
  adb::add_task<Task, typegrad_workspace<Task, typename Task::tensor_spec>>(name, "typegrad_ws");
}

template <std::size_t N>
std::string sized(const char* name) {
  return std::string(name) + "/" + std::to_string(N);
}

template <std::size_t N>
void add_sum() {
  using T = sum_task<N>;
  add_tensor_contestants<T>(sized<N>("BM_sum"));
  adb::add_task_peers<T>(sized<N>("BM_sum"));
}

template <std::size_t N>
void add_sum_iter() {
  using T = sum_task<N>;
  add_tensor_contestants<T>(sized<N>("BM_sum_iter"));
  if constexpr (N <= 16)
    adb::add_task<T, typegrad_unrolled<T, typename T::unrolled_spec>>(sized<N>("BM_sum_iter"), "typegrad_unrolled");
  adb::add_task<T, typegrad_stack<T, typename T::fold_spec>>(sized<N>("BM_sum_iter"), "typegrad_fold");
  adb::add_task_peers<T>(sized<N>("BM_sum_iter"));
}

template <std::size_t N>
void add_prod() {
  using T = prod_task<N>;
  add_tensor_contestants<T>(sized<N>("BM_prod"));
  adb::add_task_peers<T>(sized<N>("BM_prod"));
}

template <std::size_t N>
void add_prod_iter() {
  using T = prod_task<N>;
  add_tensor_contestants<T>(sized<N>("BM_prod_iter"));
  if constexpr (N <= 16)
    adb::add_task<T, typegrad_unrolled<T, typename T::unrolled_spec>>(sized<N>("BM_prod_iter"), "typegrad_unrolled");
  adb::add_task<T, typegrad_stack<T, typename T::fold_spec>>(sized<N>("BM_prod_iter"), "typegrad_fold");
  adb::add_task_peers<T>(sized<N>("BM_prod_iter"));
}

template <std::size_t N>
void add_log_sum_exp() {
  using T = log_sum_exp_task<N>;
  add_tensor_contestants<T>(sized<N>("BM_log_sum_exp"));
  adb::add_task_peers<T>(sized<N>("BM_log_sum_exp"));
}

// Registration order is the order of the output: case by case, size by size.
template <std::size_t... N>
bool add_all() {
  (add_sum<N>(), ...);
  (add_sum_iter<N>(), ...);
  (add_prod<N>(), ...);
  (add_prod_iter<N>(), ...);
  (add_log_sum_exp<N>(), ...);
  return true;
}
const bool registered = add_all<1, 4, 16, 64, 256, 1024>();

}  // namespace

int main(int argc, char** argv) { return adb::run_main(argc, argv, adb::peer_notes()); }
