// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The peer AD tools of the ADBenchmark-style suite, each behind the compile definition that
// bench/CMakeLists.txt sets when it finds the tool (absent: 0, and the tool's cases are not
// registered; main() says so):
//
//   TYPEGRAD_BENCH_HAVE_SACADO  Trilinos Sacado: sacado_sfad (static forward mode,
//                               Sacado::Fad::SFad<double, n>) and sacado_rad (reverse mode,
//                               Sacado::Rad::ADvar<double>, its global tape)
//   TYPEGRAD_BENCH_HAVE_ADOLC   ADOL-C: adolc (the function taped once when the contestant is
//                               set up, then zos_forward + fos_reverse per call) and
//                               adolc_retape (taped again on every call, kept Taylor values,
//                               fos_reverse)
//   TYPEGRAD_BENCH_HAVE_EIGEN   Eigen::AutoDiffScalar with a fixed-size derivative vector
//                               Eigen::Matrix<double, n, 1> (forward mode): eigen_autodiff
//   TYPEGRAD_BENCH_HAVE_CERES   ceres::Jet<double, n> (forward mode): ceres_jet
//   TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF  Boost.Math's autodiff (forward mode, one nesting level
//                               per variable, so only where n == 2): boost_autodiff
//
// Every peer runs the same code: the task's (or function's) template over the AD scalar S,
// `template <class S> S operator()(const S* x, const double* xv) const`, written the way a
// user of an operator-overloading tool writes it (a plain loop over S). An engine is
// constructed from that function object and the point (ADOL-C tapes there) and has
// `double compute(const double* x, double* g)`: the value at x, the gradient into g.
// The seeding and the extraction of the gradient are part of what each call costs.

#ifndef TYPEGRAD_BENCH_HAVE_SACADO
#define TYPEGRAD_BENCH_HAVE_SACADO 0
#endif
#ifndef TYPEGRAD_BENCH_HAVE_ADOLC
#define TYPEGRAD_BENCH_HAVE_ADOLC 0
#endif
#ifndef TYPEGRAD_BENCH_HAVE_EIGEN
#define TYPEGRAD_BENCH_HAVE_EIGEN 0
#endif
#ifndef TYPEGRAD_BENCH_HAVE_CERES
#define TYPEGRAD_BENCH_HAVE_CERES 0
#endif
#ifndef TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF
#define TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF 0
#endif

#if TYPEGRAD_BENCH_HAVE_SACADO
#include <Sacado_No_Kokkos.hpp>
#endif
#if TYPEGRAD_BENCH_HAVE_ADOLC
#include <adolc/adolc.h>
#endif
#if TYPEGRAD_BENCH_HAVE_EIGEN
#include <Eigen/Core>  // before AutoDiff, which uses it without including it
#include <unsupported/Eigen/AutoDiff>
#endif
#if TYPEGRAD_BENCH_HAVE_CERES
#include <ceres/jet.h>
#endif
#if TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF
#include <boost/math/differentiation/autodiff.hpp>
#endif

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "adbench.hpp"
#include "common.hpp"

namespace typegrad_bench::adb {

//! For main(): which peers this binary has.
inline std::array<peer_note, 5> peer_notes() {
  return {{
      {"Trilinos Sacado", TYPEGRAD_BENCH_HAVE_SACADO != 0, "Debian: libtrilinos-sacado-dev"},
      {"ADOL-C", TYPEGRAD_BENCH_HAVE_ADOLC != 0, "Debian: libadolc-dev"},
      {"Eigen (AutoDiffScalar)", TYPEGRAD_BENCH_HAVE_EIGEN != 0, "Debian: libeigen3-dev"},
      {"Ceres (Jet)", TYPEGRAD_BENCH_HAVE_CERES != 0, "Debian: libceres-dev"},
      {"Boost.Math autodiff", TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF != 0, "Debian: libboost-dev"},
  }};
}

#if TYPEGRAD_BENCH_HAVE_SACADO
template <class F, std::size_t N>
class sacado_sfad {
 public:
  using S = Sacado::Fad::SFad<double, static_cast<int>(N)>;
  sacado_sfad(F f, const double*) : f_(f), x_(N) {}
  double compute(const double* x, double* g) {
    for (std::size_t i = 0; i < N; ++i)
      x_[i] = S(static_cast<int>(N), static_cast<int>(i), x[i]);
    const S r = f_(x_.data(), x);
    for (std::size_t i = 0; i < N; ++i)
      g[i] = r.dx(static_cast<int>(i));
    return r.val();
  }

 private:
  F f_;
  std::vector<S> x_;
};

template <class F, std::size_t N>
class sacado_rad {
 public:
  using S = Sacado::Rad::ADvar<double>;
  sacado_rad(F f, const double*) : f_(f), x_(N) {}
  double compute(const double* x, double* g) {
    for (std::size_t i = 0; i < N; ++i)
      x_[i] = x[i];
    const S r = f_(x_.data(), x);
    S::Gradcomp();
    for (std::size_t i = 0; i < N; ++i)
      g[i] = x_[i].adj();
    return r.val();
  }

 private:
  F f_;
  std::vector<S> x_;
};
#endif

#if TYPEGRAD_BENCH_HAVE_ADOLC
//! One ADOL-C tape tag per engine type (taped again whenever one is constructed).
inline short next_adolc_tag() {
  static short tag = 0;
  return ++tag;
}

template <class F, std::size_t N>
class adolc_taped {
 public:
  adolc_taped(F f, const double* x0) : tag_(tag()) {
    std::vector<adouble> xa(N);
    trace_on(tag_);
    for (std::size_t i = 0; i < N; ++i)
      xa[i] <<= x0[i];
    {
      adouble r = f(xa.data(), x0);
      double v = 0;
      r >>= v;
    }
    trace_off();
  }
  adolc_taped(const adolc_taped&) = delete;
  adolc_taped& operator=(const adolc_taped&) = delete;
  // ADOL-C keeps a bounded number of Taylor buffers: a tape is removed with its engine.
  ~adolc_taped() { removeTape(tag_, ADOLC_REMOVE_COMPLETELY); }
  double compute(const double* x, double* g) {
    double v = 0;
    double one = 1;
    zos_forward(tag_, 1, static_cast<int>(N), 1, x, &v);
    fos_reverse(tag_, 1, static_cast<int>(N), &one, g);
    return v;
  }

 private:
  static short tag() {
    static const short t = next_adolc_tag();
    return t;
  }
  short tag_;
};

template <class F, std::size_t N>
class adolc_retaped {
 public:
  adolc_retaped(F f, const double*) : f_(f), tag_(tag()), x_(N) {}
  adolc_retaped(const adolc_retaped&) = delete;
  adolc_retaped& operator=(const adolc_retaped&) = delete;
  ~adolc_retaped() {
    if (taped_)
      removeTape(tag_, ADOLC_REMOVE_COMPLETELY);
  }
  double compute(const double* x, double* g) {
    double v = 0;
    double one = 1;
    trace_on(tag_, 1);  // keep the Taylor values: fos_reverse may follow at once
    for (std::size_t i = 0; i < N; ++i)
      x_[i] <<= x[i];
    {
      adouble r = f_(x_.data(), x);
      r >>= v;
    }
    trace_off();
    taped_ = true;
    fos_reverse(tag_, 1, static_cast<int>(N), &one, g);
    return v;
  }

 private:
  static short tag() {
    static const short t = next_adolc_tag();
    return t;
  }
  F f_;
  short tag_;
  bool taped_ = false;
  std::vector<adouble> x_;
};
#endif

#if TYPEGRAD_BENCH_HAVE_EIGEN
template <class F, std::size_t N>
class eigen_autodiff {
 public:
  using S = Eigen::AutoDiffScalar<Eigen::Matrix<double, static_cast<int>(N), 1>>;
  eigen_autodiff(F f, const double*) : f_(f), x_(N) {}
  double compute(const double* x, double* g) {
    for (std::size_t i = 0; i < N; ++i)
      x_[i] = S(x[i], static_cast<int>(N), static_cast<int>(i));
    const S r = f_(x_.data(), x);
    for (std::size_t i = 0; i < N; ++i)
      g[i] = r.derivatives()[static_cast<Eigen::Index>(i)];
    return r.value();
  }

 private:
  F f_;
  std::vector<S> x_;
};
#endif

#if TYPEGRAD_BENCH_HAVE_CERES
template <class F, std::size_t N>
class ceres_jet {
 public:
  using S = ceres::Jet<double, static_cast<int>(N)>;
  ceres_jet(F f, const double*) : f_(f), x_(N) {}
  double compute(const double* x, double* g) {
    for (std::size_t i = 0; i < N; ++i)
      x_[i] = S(x[i], static_cast<int>(i));
    const S r = f_(x_.data(), x);
    for (std::size_t i = 0; i < N; ++i)
      g[i] = r.v[static_cast<Eigen::Index>(i)];
    return r.a;
  }

 private:
  F f_;
  std::vector<S> x_;
};
#endif

#if TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF
//! Forward mode with one nesting level per variable: it computes every mixed derivative up
//! to order 1 in each variable (for two variables also d2f/dxdy), so it fits two inputs only.
template <class F, std::size_t N>
class boost_autodiff {
  static_assert(N == 2, "boost_autodiff: two inputs only");

 public:
  // make_ftuple's variables have different depths; both are brought to the common one.
  using S = boost::math::differentiation::autodiff_fvar<double, 1, 1>;
  boost_autodiff(F f, const double*) : f_(f) {}
  double compute(const double* x, double* g) {
    const auto v = boost::math::differentiation::make_ftuple<double, 1, 1>(x[0], x[1]);
    const S xs[2] = {S(std::get<0>(v)), S(std::get<1>(v))};
    const S r = f_(xs, x);
    g[0] = r.derivative(1, 0);
    g[1] = r.derivative(0, 1);
    return r.derivative(0, 0);
  }

 private:
  F f_;
};
#endif

// ---- adapters: an engine as a task contestant, or as a scalar (x, y) contestant ------------

//! The task as the function object an engine runs (the task outlives every contestant).
template <class Task>
struct task_function {
  const Task* task;
  template <class S>
  S operator()(const S* x, const double* xv) const {
    return (*task)(x, xv);
  }
};

template <class Task, template <class, std::size_t> class Engine>
class task_peer {
 public:
  explicit task_peer(const Task& t) : x_(t.x0), engine_(task_function<Task>{&t}, t.x0.data()) {}
  template <class Keep>
  double run(Keep&& keep) {
    const double v = engine_.compute(x_.data(), g_.data());
    keep(g_);
    return v;
  }

 private:
  std::array<double, Task::n> x_;
  std::array<double, Task::n> g_{};
  Engine<task_function<Task>, Task::n> engine_;
};

//! Fn: a stateless function object of two AD scalars, `template <class S> S operator()(const S* xy, const double*)`.
template <class Fn, template <class, std::size_t> class Engine>
class scalar_peer {
 public:
  value_grad2 operator()(double x, double y) const {
    const double in[2] = {x, y};
    double g[2];
    const double v = engine_->compute(in, g);
    return {v, g[0], g[1]};
  }

 private:
  static constexpr double tape_point[2] = {0.75, 0.75};
  std::shared_ptr<Engine<Fn, 2>> engine_ = std::make_shared<Engine<Fn, 2>>(Fn{}, tape_point);
};

//! Registers every peer this binary has on the task.
template <class Task>
void add_task_peers(const std::string& name) {
#if TYPEGRAD_BENCH_HAVE_SACADO
  add_task<Task, task_peer<Task, sacado_sfad>>(name, "sacado_sfad");
  add_task<Task, task_peer<Task, sacado_rad>>(name, "sacado_rad");
#endif
#if TYPEGRAD_BENCH_HAVE_ADOLC
  add_task<Task, task_peer<Task, adolc_taped>>(name, "adolc");
  add_task<Task, task_peer<Task, adolc_retaped>>(name, "adolc_retape");
#endif
#if TYPEGRAD_BENCH_HAVE_EIGEN
  add_task<Task, task_peer<Task, eigen_autodiff>>(name, "eigen_autodiff");
#endif
#if TYPEGRAD_BENCH_HAVE_CERES
  add_task<Task, task_peer<Task, ceres_jet>>(name, "ceres_jet");
#endif
#if TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF
  if constexpr (Task::n == 2)
    add_task<Task, task_peer<Task, boost_autodiff>>(name, "boost_autodiff");
#endif
  (void)name;
}

//! Registers every peer this binary has on a scalar function of (x, y).
template <class Hand, class Fn>
void add_scalar_peers(const std::string& name, const std::array<point2, n_points>& points, double tol) {
#if TYPEGRAD_BENCH_HAVE_SACADO
  add_scalar<Hand, scalar_peer<Fn, sacado_sfad>>(name, "sacado_sfad", points, tol);
  add_scalar<Hand, scalar_peer<Fn, sacado_rad>>(name, "sacado_rad", points, tol);
#endif
#if TYPEGRAD_BENCH_HAVE_ADOLC
  add_scalar<Hand, scalar_peer<Fn, adolc_taped>>(name, "adolc", points, tol);
  add_scalar<Hand, scalar_peer<Fn, adolc_retaped>>(name, "adolc_retape", points, tol);
#endif
#if TYPEGRAD_BENCH_HAVE_EIGEN
  add_scalar<Hand, scalar_peer<Fn, eigen_autodiff>>(name, "eigen_autodiff", points, tol);
#endif
#if TYPEGRAD_BENCH_HAVE_CERES
  add_scalar<Hand, scalar_peer<Fn, ceres_jet>>(name, "ceres_jet", points, tol);
#endif
#if TYPEGRAD_BENCH_HAVE_BOOST_AUTODIFF
  add_scalar<Hand, scalar_peer<Fn, boost_autodiff>>(name, "boost_autodiff", points, tol);
#endif
  (void)name;
  (void)points;
  (void)tol;
}

}  // namespace typegrad_bench::adb
