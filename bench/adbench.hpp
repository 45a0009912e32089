// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The harness of the ADBenchmark-style suite (bench/adbench_*_bench.cpp): every case computes
// one value and its full gradient in double, by hand, with typegrad and with each peer AD tool
// that CMake found (bench/adbench_peers.hpp), all in one binary so that ratios come from one run.
//
// Two kinds of case:
//
//  * a task (vector inputs, sizes fixed at compile time) is a struct with
//      static constexpr std::size_t n;        the number of differentiated inputs
//      static constexpr double tolerance;     the agreement the check asks for (relative)
//      static constexpr double floor;         below this magnitude agreement is absolute
//      std::array<double, n> x0;              the point (deterministic)
//      template <class S> S operator()(const S* x, const double* xv) const;
//                                             the function over any AD scalar S (what the
//                                             peers run; xv: the same point in plain doubles)
//    plus its data; a contestant is constructed from the task (untimed: it copies the point
//    and the data into the layout it prefers, allocates its workspace or records its tape)
//    and has `double run(Keep&& keep)`: one value and the whole gradient, each piece of which
//    it hands to keep(piece) (a double or a range of doubles), in the order of x0;
//
//  * a scalar function of (x, y) uses bench/common.hpp's protocol (value_grad2
//    operator()(double, double)) and cycles over common.hpp's 64 points.
//
// Before anything is timed, each contestant's value and gradient (from two consecutive calls,
// so that a tape or a workspace that is reused is reused once) are compared with the
// hand-written ones. A mismatch reports the benchmark as an error (state.SkipWithError), with
// the first differing entry, and main() returns 1, so the CTest smoke run fails. Setting the
// environment variable TYPEGRAD_BENCH_INJECT_MISMATCH=1 perturbs every checked gradient by
// 1e-6 (relative), which CTest uses to prove that a mismatch does fail the run.
//
// Names: BM_<case>/<size>/<contestant>, or BM_<case>/<contestant> without a size. bench/run_suite.py
// splits at the last '/' and computes every ratio to `hand` from the JSON output.

#include <benchmark/benchmark.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common.hpp"

namespace typegrad_bench::adb {

// ---- failures and main ---------------------------------------------------------------------

//! How many cases failed their check in this run.
inline int& failures() {
  static int n = 0;
  return n;
}

//! Whether TYPEGRAD_BENCH_INJECT_MISMATCH asks the checks to perturb what they compare.
inline bool inject_mismatch() {
  static const bool on = [] {
    const char* v = std::getenv("TYPEGRAD_BENCH_INJECT_MISMATCH");
    return v != nullptr && *v != '\0' && *v != '0';
  }();
  return on;
}

//! The peers this binary was configured without, for the message main() prints.
struct peer_note {
  const char* name;
  bool present;
  const char* install;
};

//! main() of every adbench binary: says which peers are absent, runs the benchmarks, and
//! returns 1 if any case failed its check.
template <std::size_t K>
int run_main(int argc, char** argv, const std::array<peer_note, K>& peers) {
  for (const peer_note& p : peers)
    if (!p.present)
      std::fprintf(stderr, "%s: %s was not found when this build was configured: its cases are skipped (%s)\n",
                   argv[0], p.name, p.install);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  if (failures() != 0) {
    std::fprintf(stderr, "%s: %d case(s) disagree with the hand-written gradient (see the errors above)\n",
                 argv[0], failures());
    return 1;
  }
  return 0;
}

// ---- what a contestant hands over ----------------------------------------------------------

//! Timed runs: every piece of the gradient must exist in memory or a register, nothing more.
struct escape {
  void operator()(double v) const { benchmark::DoNotOptimize(v); }
  template <class R>
    requires(!std::is_arithmetic_v<R>)
  void operator()(const R& r) const {
    benchmark::DoNotOptimize(&r);
    benchmark::ClobberMemory();
  }
};

//! Checks: the gradient gathered into one flat vector.
struct collect {
  std::vector<double>* out;
  void operator()(double v) const { out->push_back(v); }
  template <class R>
    requires(!std::is_arithmetic_v<R>)
  void operator()(const R& r) const {
    for (const auto& v : r)
      out->push_back(static_cast<double>(v));
  }
};

struct result {
  double value;
  std::vector<double> grad;
};

template <class Impl>
result collect_from(Impl& impl) {
  result r{};
  r.value = impl.run(collect{&r.grad});
  return r;
}

// ---- the check -----------------------------------------------------------------------------

//! |a - b| <= tol * max(floor, |a|, |b|); NaN only matches NaN.
inline bool agree(double a, double b, double tol, double floor) {
  if (std::isnan(a) || std::isnan(b))
    return std::isnan(a) && std::isnan(b);
  if (std::isinf(a) || std::isinf(b))
    return a == b;
  return std::fabs(a - b) <= tol * std::fmax(floor, std::fmax(std::fabs(a), std::fabs(b)));
}

//! An empty string if `got` agrees with `want` (value: entry by entry; gradient: normwise,
//! every entry within tol * max(floor, largest entry of want)), else what differs.
inline std::string compare(const result& got, const result& want, double tol, double floor) {
  char buf[256];
  if (got.grad.size() != want.grad.size()) {
    std::snprintf(buf, sizeof buf, "the gradient has %zu entries, the hand-written one %zu", got.grad.size(),
                  want.grad.size());
    return buf;
  }
  if (!agree(got.value, want.value, tol, floor)) {
    std::snprintf(buf, sizeof buf, "value %.17g, hand-written %.17g", got.value, want.value);
    return buf;
  }
  double scale = floor;
  for (double g : want.grad)
    scale = std::fmax(scale, std::fabs(g));
  for (std::size_t i = 0; i < got.grad.size(); ++i)
    if (!agree(got.grad[i], want.grad[i], tol, scale)) {
      std::snprintf(buf, sizeof buf, "gradient[%zu] = %.17g, hand-written %.17g (tolerance %g of %g)", i,
                    got.grad[i], want.grad[i], tol, scale);
      return buf;
    }
  return {};
}

//! The outcome of one contestant's check, remembered so that it runs once per process
//! (Google Benchmark calls a benchmark function several times).
struct check_state {
  bool done = false;
  std::string error;
};

//! Reports `error` as the benchmark's error and counts the failure (once per case).
inline bool report(benchmark::State& state, check_state& c, const char* what) {
  if (c.error.empty())
    return true;
  const std::string message = std::string(what) + ": disagrees with the hand-written gradient: " + c.error;
  state.SkipWithError(message.c_str());
  std::fprintf(stderr, "%s\n", message.c_str());
  return false;
}

// ---- tasks: check, then time -----------------------------------------------------------------

//! The one instance of Task (its point and data), made on first use.
template <class Task>
const Task& instance() {
  static const std::unique_ptr<const Task> t = std::make_unique<const Task>();
  return *t;
}

template <class Task, class Impl>
check_state& checked_task(const char* what) {
  static check_state c;
  if (c.done)
    return c;
  c.done = true;
  const Task& task = instance<Task>();
  auto hand = std::make_unique<typename Task::hand>(task);
  const result want = collect_from(*hand);
  auto impl = std::make_unique<Impl>(task);
  for (int call = 0; call < 2 && c.error.empty(); ++call) {
    result got = collect_from(*impl);
    if (inject_mismatch() && !std::is_same_v<Impl, typename Task::hand> && !got.grad.empty())
      got.grad[0] = got.grad[0] * (1 + 1e-6) + 1e-300;
    c.error = compare(got, want, Task::tolerance, Task::floor);
    if (!c.error.empty() && call == 1)
      c.error = "on the second call: " + c.error;
  }
  if (!c.error.empty())
    ++failures();
  (void)what;
  return c;
}

//! The benchmark function of one (task, contestant): check, then one value and gradient per
//! iteration. ClobberMemory makes every iteration read the point again.
template <class Task, class Impl>
void time_task(benchmark::State& state, const char* what) {
  if (!report(state, checked_task<Task, Impl>(what), what))
    return;
  auto impl = std::make_unique<Impl>(instance<Task>());
  for (auto _ : state) {
    benchmark::ClobberMemory();
    const double v = impl->run(escape{});
    benchmark::DoNotOptimize(v);
  }
  state.counters["n"] = static_cast<double>(Task::n);
}

//! Registers BM_<name>/<contestant> for Task and Impl.
template <class Task, class Impl>
void add_task(const std::string& name, const char* contestant) {
  const std::string full = name + "/" + contestant;
  // Registered names live as long as the program (Google Benchmark copies the name, the
  // check message wants a stable pointer).
  static std::vector<std::unique_ptr<std::string>> names;
  names.push_back(std::make_unique<std::string>(full));
  const char* what = names.back()->c_str();
  benchmark::RegisterBenchmark(full.c_str(), [what](benchmark::State& s) { time_task<Task, Impl>(s, what); });
}

// ---- scalar functions of (x, y) ------------------------------------------------------------

template <class Hand, class Impl>
check_state& checked_scalar(const std::array<point2, n_points>& points, double tol) {
  static check_state c;
  if (c.done)
    return c;
  c.done = true;
  const Hand hand{};
  const Impl impl{};
  for (const point2& p : points) {
    for (int call = 0; call < 2 && c.error.empty(); ++call) {
      const value_grad2 w = hand(p.x, p.y);
      value_grad2 g = impl(p.x, p.y);
      if (inject_mismatch() && !std::is_same_v<Impl, Hand>)
        g.dx = g.dx * (1 + 1e-6) + 1e-300;
      const result got{g.value, {g.dx, g.dy}};
      const result want{w.value, {w.dx, w.dy}};
      c.error = compare(got, want, tol, 1.0);
      if (!c.error.empty()) {
        char where[96];
        std::snprintf(where, sizeof where, " at (x, y) = (%.17g, %.17g)", p.x, p.y);
        c.error += where;
      }
    }
    if (!c.error.empty())
      break;
  }
  if (!c.error.empty())
    ++failures();
  return c;
}

template <class Hand, class Impl>
void time_scalar(benchmark::State& state, const std::array<point2, n_points>* points, double tol,
                 const char* what) {
  if (!report(state, checked_scalar<Hand, Impl>(*points, tol), what))
    return;
  const Impl impl{};
  time_over(state, *points, impl);
}

//! Registers BM_<name>/<contestant> for a scalar function of (x, y) over `points`.
template <class Hand, class Impl>
void add_scalar(const std::string& name, const char* contestant, const std::array<point2, n_points>& points,
                double tol) {
  const std::string full = name + "/" + contestant;
  static std::vector<std::unique_ptr<std::string>> names;
  names.push_back(std::make_unique<std::string>(full));
  const char* what = names.back()->c_str();
  const auto* pts = &points;
  benchmark::RegisterBenchmark(full.c_str(),
                               [pts, tol, what](benchmark::State& s) { time_scalar<Hand, Impl>(s, pts, tol, what); });
}

// ---- deterministic points ------------------------------------------------------------------

//! n numbers spread over [lo, hi) by a fixed linear congruential sequence (seeded per use).
template <std::size_t N>
std::array<double, N> uniform(std::uint64_t seed, double lo, double hi) {
  std::array<double, N> a{};
  std::uint64_t state = seed;
  for (double& v : a) {
    state = state * 6364136223846793005u + 1442695040888963407u;
    v = lo + (hi - lo) * static_cast<double>(state >> 11) * 0x1.0p-53;
  }
  return a;
}

}  // namespace typegrad_bench::adb
