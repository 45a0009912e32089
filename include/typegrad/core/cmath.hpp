// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

#include <bit>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <limits>
#include <type_traits>

// typegrad::cmath: elementary functions usable in constant expressions.
//
// Every function F dispatches on std::is_constant_evaluated(): at run time it calls std::F,
// during constant evaluation it calls detail::ce_F, a portable implementation that uses no
// std:: math (clang's std:: math is never constexpr). The detail::ce_F functions are ordinary
// constexpr functions, so they can be called (and tested against std::F) at run time too.
//
// Implementation notes:
//  * float is evaluated in double and rounded once; double and long double share generic
//    algorithms whose series lengths depend on the precision of the type.
//  * Intermediate results that need more than working precision use double-word ("dd")
//    arithmetic built on exact two_sum / two_prod.
//  * NaN and infinity never come out of floating-point arithmetic in the ce_ paths (compilers
//    reject that in constant expressions); they are taken from std::numeric_limits.
//  * The classification functions (isnan, isinf, isfinite, signbit) return bool, like std::.

namespace typegrad::cmath {

// ---- Public interface ---------------------------------------------------------------------

// exponential and logarithmic functions
template <std::floating_point T>
constexpr T exp(T x);
template <std::floating_point T>
constexpr T expm1(T x);  // e^x - 1, accurate for small x
template <std::floating_point T>
constexpr T log(T x);
template <std::floating_point T>
constexpr T log1p(T x);  // log(1 + x), accurate for small x
template <std::floating_point T>
constexpr T log2(T x);
template <std::floating_point T>
constexpr T log10(T x);
// powers and roots
template <std::floating_point T>
constexpr T pow(T x, T y);
template <std::floating_point T>
constexpr T powi(T x, int n);  // x^n by repeated squaring
template <std::floating_point T>
constexpr T sqrt(T x);
template <std::floating_point T>
constexpr T cbrt(T x);
template <std::floating_point T>
constexpr T hypot(T x, T y);
// trigonometric functions
template <std::floating_point T>
constexpr T sin(T x);
template <std::floating_point T>
constexpr T cos(T x);
template <std::floating_point T>
constexpr T tan(T x);
template <std::floating_point T>
constexpr T asin(T x);
template <std::floating_point T>
constexpr T acos(T x);
template <std::floating_point T>
constexpr T atan(T x);
template <std::floating_point T>
constexpr T atan2(T y, T x);
// hyperbolic functions
template <std::floating_point T>
constexpr T sinh(T x);
template <std::floating_point T>
constexpr T cosh(T x);
template <std::floating_point T>
constexpr T tanh(T x);
template <std::floating_point T>
constexpr T asinh(T x);
template <std::floating_point T>
constexpr T acosh(T x);
template <std::floating_point T>
constexpr T atanh(T x);
// error functions
template <std::floating_point T>
constexpr T erf(T x);
template <std::floating_point T>
constexpr T erfc(T x);
// sign, rounding and classification
template <std::floating_point T>
constexpr T abs(T x);
template <std::floating_point T>
constexpr T floor(T x);
template <std::floating_point T>
constexpr T copysign(T x, T y);
template <std::floating_point T>
constexpr bool signbit(T x);
template <std::floating_point T>
constexpr bool isnan(T x);
template <std::floating_point T>
constexpr bool isinf(T x);
template <std::floating_point T>
constexpr bool isfinite(T x);

namespace detail {

// ---- Basics -------------------------------------------------------------------------------

template <class T>
using lim = std::numeric_limits<T>;
template <class T>
inline constexpr T inf_v = lim<T>::infinity();
template <class T>
inline constexpr T nan_v = lim<T>::quiet_NaN();
template <class T>
inline constexpr int digits_v = lim<T>::digits;

// The algorithms run in double for float arguments (the result is rounded once to float).
template <class T>
using work_t = std::conditional_t<std::is_same_v<T, float>, double, T>;

// Series lengths are tuned for double; wider long double formats use more terms.
template <class T>
constexpr int nterms(int for_double, int for_wider) {
  return digits_v<T> > 53 ? for_wider : for_double;
}

// Converts a work-type result to T; double values outside the float range become +-inf
// explicitly instead of through an overflowing conversion.
template <class T, class W>
constexpr T to_result(W v) {
  if constexpr (std::is_same_v<T, W>) {
    return v;
  } else {
    constexpr W rounds_to_inf = 0x1.ffffffp127;  // FLT_MAX + half an ulp
    if (v != v)
      return nan_v<T>;
    if (v >= rounds_to_inf)
      return inf_v<T>;
    if (v <= -rounds_to_inf)
      return -inf_v<T>;
    return static_cast<T>(v);
  }
}

template <std::floating_point T>
constexpr bool ce_isnan(T x) {
  return x != x;
}
template <std::floating_point T>
constexpr bool ce_isinf(T x) {
  return x == inf_v<T> || x == -inf_v<T>;
}
template <std::floating_point T>
constexpr bool ce_isfinite(T x) {
  return x >= -lim<T>::max() && x <= lim<T>::max();
}
template <std::floating_point T>
constexpr bool ce_signbit(T x) {
  if constexpr (sizeof(T) == 4 && digits_v<T> == 24) {
    return (std::bit_cast<std::uint32_t>(x) >> 31) != 0;
  } else if constexpr (sizeof(T) == 8 && digits_v<T> == 53) {
    return (std::bit_cast<std::uint64_t>(x) >> 63) != 0;
  } else {
    // long double: std::bit_cast of it is not usable in constant expressions everywhere.
    // Zeros and NaNs convert to double keeping their sign; the rest compare.
    if (x < 0)
      return true;
    if (x > 0)
      return false;
    return ce_signbit(static_cast<double>(x));
  }
}
template <std::floating_point T>
constexpr T ce_abs(T x) {
  if (x != x)
    return nan_v<T>;
  return ce_signbit(x) ? -x : x;
}
template <std::floating_point T>
constexpr T ce_copysign(T x, T y) {
  return ce_signbit(x) == ce_signbit(y) ? x : -x;
}

// 2^n, exact for n in the normal exponent range.
template <class T>
constexpr T pow2(int n) {
  T base = n < 0 ? T(0.5) : T(2);
  T r = 1;
  for (unsigned m = n < 0 ? 0u - unsigned(n) : unsigned(n); m != 0;) {
    if (m & 1u)
      r *= base;
    m >>= 1;
    if (m != 0)
      base *= base;
  }
  return r;
}

template <class T>
constexpr int iround(T v) {
  return static_cast<int>(v < 0 ? v - T(0.5) : v + T(0.5));
}

template <std::floating_point T>
constexpr T ce_floor(T x) {
  // Adding and subtracting 2^(digits-1) rounds to an integer; then correct downwards.
  constexpr T c = pow2<T>(digits_v<T> - 1);
  if (!(ce_abs(x) < c) || x == 0)
    return x;  // NaN, inf, already integral, +-0
  T r = x > 0 ? (x + c) - c : (x - c) + c;
  if (r > x)
    r -= 1;
  return r;
}

template <class T>
struct mant_exp {
  T m;
  int e;
};

// x = m * 2^e with m in [1, 2); x finite and > 0. Exact.
template <class T>
constexpr mant_exp<T> frexp1(T x) {
  T up[16] = {}, down[16] = {};  // up[j] = 2^(2^j), down[j] = 2^-(2^j), 2^j < max_exponent
  int levels = 1;
  up[0] = 2;
  down[0] = T(0.5);
  for (; (1 << levels) < lim<T>::max_exponent; ++levels) {
    up[levels] = up[levels - 1] * up[levels - 1];
    down[levels] = down[levels - 1] * down[levels - 1];
  }
  int e = 0;
  if (x < lim<T>::min()) {
    x *= pow2<T>(digits_v<T>);
    e -= digits_v<T>;
  }
  for (int j = levels - 1; j >= 0; --j) {  // binary search for the exponent, downwards ...
    if (x >= up[j]) {
      x *= down[j];
      e += 1 << j;
    }
  }
  for (int j = levels - 1; j >= 0; --j) {  // ... and upwards (x < 2^(1 - 2^j))
    if (x < 2 * down[j]) {
      x *= up[j];
      e -= 1 << j;
    }
  }
  return {x, e};
}

// x * 2^k with a single rounding (only when the result is subnormal); +-inf on overflow.
template <class T>
constexpr T scale2(T x, int k) {
  if (x == 0 || !ce_isfinite(x))
    return x;
  constexpr int emax = lim<T>::max_exponent - 1;
  constexpr int emin = lim<T>::min_exponent - 1;
  const bool neg = x < 0;
  const auto [m, e] = frexp1(neg ? -x : x);
  k += e;
  T r;
  if (k > emax) {
    r = inf_v<T>;
  } else if (k >= emin) {
    r = m * pow2<T>(k);
  } else if (k < emin - digits_v<T> - 1) {
    r = 0;
  } else {
    r = (m * pow2<T>(emin)) * pow2<T>(k - emin);
  }
  return neg ? -r : r;
}

// ---- Double-word arithmetic (value = hi + lo) ----------------------------------------------

template <class T>
struct dd {
  T hi, lo;
};

template <class T>
constexpr dd<T> two_sum(T a, T b) {
  const T s = a + b;
  const T bb = s - a;
  return {s, (a - (s - bb)) + (b - bb)};
}
template <class T>
constexpr dd<T> fast_two_sum(T a, T b) {  // needs |a| >= |b| or a == 0
  const T s = a + b;
  return {s, b - (s - a)};
}
template <class T>
constexpr dd<T> split(T a) {  // Veltkamp: a = hi + lo, half-width parts
  constexpr T c = pow2<T>((digits_v<T> + 1) / 2) + 1;
  const T t = c * a;
  const T hi = t - (t - a);
  return {hi, a - hi};
}
template <class T>
constexpr dd<T> two_prod(T a, T b) {  // exact a * b (moderate a, b)
  const T p = a * b;
  const dd<T> x = split(a);
  const dd<T> y = split(b);
  return {p, ((x.hi * y.hi - p) + x.hi * y.lo + x.lo * y.hi) + x.lo * y.lo};
}
template <class T>
constexpr dd<T> dd_add(dd<T> a, dd<T> b) {
  dd<T> s = two_sum(a.hi, b.hi);
  const dd<T> t = two_sum(a.lo, b.lo);
  s = fast_two_sum(s.hi, s.lo + t.hi);
  return fast_two_sum(s.hi, s.lo + t.lo);
}
template <class T>
constexpr dd<T> dd_mul(dd<T> a, dd<T> b) {
  const dd<T> p = two_prod(a.hi, b.hi);
  return fast_two_sum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi));
}
template <class T>
constexpr dd<T> dd_div(dd<T> a, dd<T> b) {
  const T q1 = a.hi / b.hi;
  const dd<T> p = dd_mul(b, dd<T>{q1, 0});
  const dd<T> r = dd_add(a, dd<T>{-p.hi, -p.lo});
  return fast_two_sum(q1, r.hi / b.hi);
}

// ---- Constants --------------------------------------------------------------------------
// All are exact doubles. Split constants have short significands so that their products
// with small integers are exact (Cody-Waite argument reduction).

inline constexpr double ln2_1 = 0x1.62e42ff000000p-1;  // ln 2 = ln2_1 + ln2_2 + ln2_3
inline constexpr double ln2_2 = -0x1.718432a200000p-35;
inline constexpr double ln2_3 = 0x1.3c7673007e5edp-69;
inline constexpr double lg2_1 = 0x1.3441350a00000p-2;  // log10(2) = lg2_1 + lg2_2 + lg2_3
inline constexpr double lg2_2 = -0x1.0c0219dc00000p-39;
inline constexpr double lg2_3 = -0x1.da994fd20dba2p-75;
inline constexpr double pio2_cw1 = 0x1.921fb54400000p+0;  // pi/2, 33 + 33 + 53 bits
inline constexpr double pio2_cw2 = 0x1.0b4611a600000p-34;
inline constexpr double pio2_cw3 = 0x1.3198a2e037073p-69;
inline constexpr double pio2_1 = 0x1.921fb54442d18p+0;  // pi/2 = pio2_1 + pio2_2 + pio2_3
inline constexpr double pio2_2 = 0x1.1a62633145c07p-54;
inline constexpr double pio2_3 = -0x1.f1976b7ed8fbcp-110;
inline constexpr double ivln2_hi = 0x1.71547652b82fep+0;  // 1 / ln 2
inline constexpr double ivln2_lo = 0x1.777d0ffda0d24p-56;
inline constexpr double ivln10_hi = 0x1.bcb7b1526e50ep-2;  // 1 / ln 10
inline constexpr double ivln10_lo = 0x1.95355baaafad3p-57;
inline constexpr double tsqpi_hi = 0x1.20dd750429b6dp+0;  // 2 / sqrt(pi)
inline constexpr double tsqpi_lo = 0x1.1ae3a914fed80p-56;
inline constexpr double two_over_pi = 0x1.45f306dc9c883p-1;
inline constexpr double pi3o4_hi = 0x1.2d97c7f3321d2p+1;  // 3 pi / 4
inline constexpr double pi3o4_lo = 0x1.a79394c9e8a0ap-54;
inline constexpr double sqrt2 = 0x1.6a09e667f3bcdp+0;
// atan at the breakpoints 1/2, 1, 3/2 and infinity (high and low parts)
inline constexpr double atan_hi[4] = {0x1.dac670561bb4fp-2, pio2_1 / 2, 0x1.f730bd281f69bp-1,
                                      pio2_1};
inline constexpr double atan_lo[4] = {0x1.a2b7f222f65e2p-56, pio2_2 / 2, 0x1.007887af0cbbdp-56,
                                      pio2_2};

// Below this magnitude sin, tan, asin, atan, sinh, tanh, asinh and atanh round to x.
template <class T>
constexpr T tiny() {
  return pow2<T>(-(digits_v<T> / 2 + 1));
}

// ---- Exponential ------------------------------------------------------------------------

template <class T>
constexpr T exp_hi_limit() {  // exp(x) overflows above this
  return T(lim<T>::max_exponent + 2) * T(ln2_1);
}
template <class T>
constexpr T exp_lo_limit() {  // exp(x) rounds to 0 below this
  return T(lim<T>::min_exponent - digits_v<T> - 3) * T(ln2_1);
}

template <class T>
struct exp_red {
  int k;
  dd<T> r;
};

// hi + lo = k ln2 + r with |r| <~ ln2 / 2 (Cody-Waite, three-part ln 2); |hi| < exp limits.
template <class T>
constexpr exp_red<T> exp_reduce(T hi, T lo) {
  const int k = iround(hi * T(ivln2_hi));
  const T kt = T(k);
  const T r1 = hi - kt * T(ln2_1);                // exact
  const dd<T> a = two_sum(r1, -(kt * T(ln2_2)));  // exact
  return {k, fast_two_sum(a.hi, (a.lo - kt * T(ln2_3)) + lo)};
}

// e^r - 1 as an unevaluated pair: r.hi + (r.lo + r^2 S(r)), S = sum r^n / (n+2)!.
template <class T>
constexpr dd<T> expm1_kernel(dd<T> r) {
  T t = 1;
  for (int j = nterms<T>(15, 18); j >= 3; --j)
    t = 1 + r.hi * t / T(j);
  return {r.hi, r.lo + r.hi * r.lo + r.hi * r.hi * (t / 2)};
}

// e^r as a double-word value, in about [0.7, 1.42].
template <class T>
constexpr dd<T> exp_mantissa(dd<T> r) {
  const dd<T> q = expm1_kernel(r);
  const dd<T> s = two_sum(T(1), q.hi);
  return fast_two_sum(s.hi, s.lo + q.lo);
}

template <class T>
constexpr T exp_impl(T x) {
  if (x != x)
    return x;
  if (x > exp_hi_limit<T>())
    return inf_v<T>;
  if (x < exp_lo_limit<T>())
    return 0;
  const exp_red<T> red = exp_reduce(x, T(0));
  return scale2(exp_mantissa(red.r).hi, red.k);
}

// e^x - 1 as dd, for x > -(digits + 3) ln 2 and 2^k (k = x / ln 2) in the normal range.
template <class T>
constexpr dd<T> expm1_dd(T x) {
  const exp_red<T> red = exp_reduce(x, T(0));
  if (red.k == 0) {
    const dd<T> q = expm1_kernel(red.r);
    return fast_two_sum(q.hi, q.lo);
  }
  const T pk = pow2<T>(red.k);
  const dd<T> m = exp_mantissa(red.r);
  return dd_add(dd<T>{pk * m.hi, pk * m.lo}, dd<T>{-1, 0});
}

template <class T>
constexpr T expm1_impl(T x) {
  if (x != x || x == 0)
    return x;
  if (x < -T(digits_v<T> + 3) * T(ln2_1))
    return -1;
  if (x > T(digits_v<T> + 3) * T(ln2_1))
    return exp_impl(x);  // the -1 does not matter
  return expm1_dd(x).hi;
}

// ---- Logarithms -------------------------------------------------------------------------

// log(1 + f) = 2 atanh(s), s = f / (2 + f), for f in [sqrt(1/2) - 1, sqrt(2) - 1], as dd.
template <class T>
constexpr dd<T> log1p_kernel(T f) {
  const dd<T> one{1, 0};
  const dd<T> s = dd_div(dd<T>{f, 0}, two_sum(T(2), f));
  const dd<T> z = dd_mul(s, s);  // z <= 0.0295
  T q = 0;                       // sum_{n >= 3} z^(n-3) / (2n + 1)
  for (int n = nterms<T>(14, 17); n >= 3; --n)
    q = q * z.hi + T(1) / T(2 * n + 1);
  dd<T> p = dd_add(dd_div(one, dd<T>{5, 0}), dd_mul(z, dd<T>{q, 0}));
  p = dd_add(dd_div(one, dd<T>{3, 0}), dd_mul(z, p));
  p = dd_add(one, dd_mul(z, p));  // atanh(s) / s
  return dd_mul(dd<T>{2 * s.hi, 2 * s.lo}, p);
}

// x = m 2^e with m in (sqrt(1/2), sqrt(2)]; x finite and > 0.
template <class T>
constexpr mant_exp<T> frexp_sqrt2(T x) {
  mant_exp<T> r = frexp1(x);
  if (r.m > T(sqrt2)) {
    r.m /= 2;
    ++r.e;
  }
  return r;
}

// e * (c1 + c2 + c3) as dd, for c1, c2 with short significands.
template <class T>
constexpr dd<T> int_times(int e, double c1, double c2, double c3) {
  const T et = T(e);
  return fast_two_sum(et * T(c1), et * T(c2) + et * T(c3));
}

template <class T>
constexpr dd<T> log_dd(T x) {  // x finite and > 0
  const mant_exp<T> me = frexp_sqrt2(x);
  return dd_add(int_times<T>(me.e, ln2_1, ln2_2, ln2_3), log1p_kernel(me.m - 1));
}

// Handles NaN, negative, zero and +inf arguments of the logarithms; true if it did.
template <class T>
constexpr bool log_special(T x, T& out) {
  if (x > 0 && x < inf_v<T>)
    return false;
  out = x != x ? x : x < 0 ? nan_v<T> : x == 0 ? -inf_v<T> : x;
  return true;
}

template <class T>
constexpr T log_impl(T x) {
  if (T s{}; log_special(x, s))
    return s;
  return log_dd(x).hi;
}

template <class T>
constexpr T log2_impl(T x) {
  if (T s{}; log_special(x, s))
    return s;
  const mant_exp<T> me = frexp_sqrt2(x);
  const dd<T> l = dd_mul(log1p_kernel(me.m - 1), dd<T>{T(ivln2_hi), T(ivln2_lo)});
  return dd_add(dd<T>{T(me.e), 0}, l).hi;
}

template <class T>
constexpr T log10_impl(T x) {
  if (T s{}; log_special(x, s))
    return s;
  const mant_exp<T> me = frexp_sqrt2(x);
  const dd<T> l = dd_mul(log1p_kernel(me.m - 1), dd<T>{T(ivln10_hi), T(ivln10_lo)});
  return dd_add(int_times<T>(me.e, lg2_1, lg2_2, lg2_3), l).hi;
}

// log(1 + x) as dd for finite x > -1.
template <class T>
constexpr dd<T> log1p_dd(T x) {
  if (ce_abs(x) < pow2<T>(-digits_v<T>))
    return {x, 0};
  if (x > T(1 / sqrt2 - 1) && x < T(sqrt2 - 1))
    return log1p_kernel(x);
  const dd<T> u = two_sum(T(1), x);  // 1 + x exactly
  const mant_exp<T> me = frexp_sqrt2(u.hi);
  const dd<T> l = dd_add(int_times<T>(me.e, ln2_1, ln2_2, ln2_3), log1p_kernel(me.m - 1));
  return dd_add(l, dd<T>{u.lo / u.hi, 0});
}

template <class T>
constexpr T log1p_impl(T x) {
  if (x != x || x == inf_v<T>)
    return x;
  if (x < -1)
    return nan_v<T>;
  if (x == -1)
    return -inf_v<T>;
  return log1p_dd(x).hi;
}

// log(u) and log(1 + u) for a double-word argument (u.lo only matters to first order).
template <class T>
constexpr T log_of_dd(dd<T> u) {
  return dd_add(log_dd(u.hi), dd<T>{u.lo / u.hi, 0}).hi;
}
template <class T>
constexpr T log1p_of_dd(dd<T> u) {
  return dd_add(log1p_dd(u.hi), dd<T>{u.lo / (1 + u.hi), 0}).hi;
}

// ---- Powers and roots ---------------------------------------------------------------------

// Sign of m - y^2 - c, exactly: m in [1, 4), y within an ulp of sqrt(m), c = +-y ulp(y).
// All terms are multiples of ulp(y)^2 and small, so the inner sum below is exact.
template <class T>
constexpr T sqrt_residual(T m, T y, T c) {
  const dd<T> p = two_prod(y, y);
  const dd<T> s = two_sum(m - p.hi, -c);  // m - p.hi is exact
  const dd<T> a = two_sum(s.hi, -p.lo);
  return a.hi + (a.lo + s.lo);
}

template <class T>
constexpr T sqrt_impl(T x) {
  if (x != x)
    return x;
  if (x < 0)
    return nan_v<T>;
  if (x == 0 || x == inf_v<T>)
    return x;
  auto [m, e] = frexp1(x);
  if (e % 2 != 0) {  // make the exponent even: m in [1, 4)
    m *= 2;
    --e;
  }
  T y = T(0.6) + T(0.35) * m;  // within 8% of sqrt(m); Newton converges quadratically
  for (int i = 0; i < 6; ++i)
    y = (y + m / y) / 2;
  const dd<T> yy = two_prod(y, y);
  y += ((m - yy.hi) - yy.lo) / (2 * y);  // correction with the exact residual
  // correct rounding: compare m with the squares of the midpoints around y
  // (sqrt(m) > y + u/2 <=> m - y^2 - y u > 0, as m, y^2 and y u are multiples of u^2)
  const T u = pow2<T>(1 - digits_v<T>);
  if (sqrt_residual(m, y, y * u) > 0) {
    y += u;
  } else if (y > 1 && sqrt_residual(m, y, -y * u) <= 0) {
    y -= u;
  }
  return scale2(y, e / 2);
}

// sqrt(w) as dd for a double-word w >= 0
template <class T>
constexpr dd<T> sqrt_dd(dd<T> w) {
  const T s = sqrt_impl(w.hi);
  if (s == 0)
    return {s, 0};
  const dd<T> p = two_prod(s, s);
  return {s, (((w.hi - p.hi) - p.lo) + w.lo) / (2 * s)};
}

template <class T>
constexpr T cbrt_impl(T x) {
  if (x != x || x == 0 || ce_isinf(x))
    return x;
  auto [m, e] = frexp1(ce_abs(x));
  const int rem = ((e % 3) + 3) % 3;  // make the exponent a multiple of 3: m in [1, 8)
  m *= pow2<T>(rem);
  e -= rem;
  T y = T(0.8) + T(0.15) * m;  // within 13% of cbrt(m)
  for (int i = 0; i < 7; ++i)
    y = (2 * y + m / (y * y)) / 3;
  const dd<T> y2 = two_prod(y, y);
  const dd<T> y3 = two_prod(y, y2.hi);
  y += (((m - y3.hi) - y3.lo) - y * y2.lo) / (3 * y * y);
  const T r = scale2(y, e / 3);
  return x < 0 ? -r : r;
}

template <class T>
constexpr T hypot_impl(T x, T y) {
  if (ce_isinf(x) || ce_isinf(y))
    return inf_v<T>;
  if (x != x || y != y)
    return nan_v<T>;
  T a = ce_abs(x), b = ce_abs(y);
  if (a < b) {
    const T t = a;
    a = b;
    b = t;
  }
  if (b == 0 || b < a * tiny<T>() * tiny<T>() * 4)
    return a;  // (b/a)^2 below half an ulp
  // scale so that a is in [1, 2), then sqrt(a^2 + b^2) with exact squares
  const int e = frexp1(a).e;
  a = scale2(a, -e);
  b = scale2(b, -e);
  const dd<T> r = sqrt_dd(dd_add(two_prod(a, a), two_prod(b, b)));
  return scale2(r.hi + r.lo, e);
}

template <class T>
constexpr bool is_odd_integer(T y) {  // y integral
  if (!(ce_abs(y) < pow2<T>(digits_v<T>)))
    return false;
  const T h = y / 2;
  return ce_floor(h) != h;
}

template <class T>
constexpr T pow_impl(T x, T y) {
  if (y == 0 || x == 1)
    return 1;
  if (x != x || y != y)
    return nan_v<T>;
  const T ax = ce_abs(x);
  if (ce_isinf(y)) {
    if (ax == 1)
      return 1;
    return (ax < 1) == (y < 0) ? inf_v<T> : T(0);
  }
  const bool y_int = ce_floor(y) == y;
  const bool y_odd = y_int && is_odd_integer(y);
  const bool neg = y_odd && ce_signbit(x);
  if (x == 0 || ce_isinf(x)) {
    const T r = (x == 0) == (y < 0) ? inf_v<T> : T(0);
    return neg ? -r : r;
  }
  if (x < 0 && !y_int)
    return nan_v<T>;
  if (ax == 1)
    return neg ? -1 : 1;
  // |x|^y = exp(y log|x|), with log|x| and the product in double-word precision
  const dd<T> l = log_dd(ax);
  const T ay = ce_abs(y);
  const T bound = -exp_lo_limit<T>();
  T r;
  if (ay > 1 && ce_abs(l.hi) > bound / ay) {
    r = (y > 0) == (l.hi > 0) ? inf_v<T> : T(0);
  } else {
    const dd<T> t = dd_mul(l, dd<T>{y, 0});
    if (t.hi > exp_hi_limit<T>()) {
      r = inf_v<T>;
    } else if (t.hi < exp_lo_limit<T>()) {
      r = 0;
    } else {
      const exp_red<T> red = exp_reduce(t.hi, t.lo);
      r = scale2(exp_mantissa(red.r).hi, red.k);
    }
  }
  return neg ? -r : r;
}

template <class T>
constexpr T mul_sat(T a, T b) {  // a * b, +-inf instead of overflowing
  if (ce_abs(b) > 1 && ce_abs(a) > lim<T>::max() / ce_abs(b)) {
    return (a < 0) != (b < 0) ? -inf_v<T> : inf_v<T>;
  }
  return a * b;
}

template <class T>
constexpr T powi_pos(T x, unsigned n) {  // x finite
  T r = 1;
  for (T base = x; n != 0;) {
    if (n & 1u)
      r = mul_sat(r, base);
    n >>= 1;
    if (n != 0)
      base = mul_sat(base, base);
    if (ce_isinf(base) || ce_isinf(r))
      return mul_sat(r, base);
  }
  return r;
}

template <class T>
constexpr T powi_impl(T x, int n) {
  if (n == 0)
    return 1;
  if (x != x)
    return x;
  const unsigned m = n < 0 ? 0u - unsigned(n) : unsigned(n);
  const bool neg = (m & 1u) != 0 && ce_signbit(x);
  if (x == 0 || ce_isinf(x)) {
    const T r = (x == 0) == (n < 0) ? inf_v<T> : T(0);
    return neg ? -r : r;
  }
  if (n > 0)
    return powi_pos(x, m);
  const T r = powi_pos(x, m);
  if (ce_isinf(r))
    return powi_pos(1 / x, m);  // |x| > 1 and x^n is tiny
  if (ce_abs(r) < 1 && ce_abs(r) * lim<T>::max() < 1)
    return neg ? -inf_v<T> : inf_v<T>;
  return 1 / r;
}

// ---- Trigonometric functions ----------------------------------------------------------------

// Bits of 2/pi after the binary point (hex), enough for the argument reduction of every
// finite long double (x87 format) and double.
inline constexpr char two_over_pi_hex[] =
    "A2F9836E4E441529FC2757D1F534DDC0DB6295993C439041FE5163ABDEBBC561B7246E3A424DD2E0"
    "06492EEA09D1921CFE1DEB1CB129A73EE88235F52EBB4484E99C7026B45F7E413991D639835339F4"
    "9C845F8BBDF9283B1FF897FFDE05980FEF2F118B5A0A6D1F6D367ECF27CB09B74F463F669E5FEA2D"
    "7527BAC7EBE5F17B3D0739F78A5292EA6BFB5FB11F8D5D0856033046FC7B6BABF0CFBC209AF4361D"
    "A9E391615EE61B086599855F14A068408DFFD8804D73273106061556CA73A8C960E27BC08C6B47C4"
    "19C367CDDCE8092A8359C4768B961CA6DDAF44D15719053EA5FF07053F7E33E832C2DE4F98327DBB"
    "C33D26EF6B1E5EF89F3A1F35CAF27F1D87F121907C7C246AFA6ED5772D30433B15C614B59D19C3C2"
    "C4AD414D2C5D000C467D862D71E39AC69B0062337CD2B497A7B4D55537F63ED71810A3FC764D2A9D"
    "64ABD770F87C6357B07AE715175649C0D9D63B3884A7CB2324778AD623545AB91F001B0AF1DFCE19"
    "FF319F6A1E6661579947FBACD87F7EB7652289E83260BFE6CDC4EF09366CD43F5DD7DE16DE3B5892"
    "9BDE2822D2E886284D58E232CAC616E308CB7DE050C017A71DF35BE01834132E6212830148835B8E"
    "F57FB0ADF2E91E434A48D36710D8DDAA425FAECE616AA4280AB499D3F2A6067F775C83C2A3883C61"
    "78738A5A8CAFBDD76F63A62DCBBFF4EF818D67C12645CA5536D9CAD2A8288D61C277C9121426049B"
    "4612C459C444C5C891B24DF31700AD43D4E5492910D5FDFCBE00CC941EEECE70F53E1380F1ECC3E7"
    "B328F8C79405933E71C1B3092EF3450B9C12887B20AB9FB52EC292472F327B6D550C90A7721FE76B"
    "96CB314A1679E2794189DFF49794E884E6E29731996BED88365F5F0EFDBBB49A486CA46742727132"
    "5D8DB8159F09E5BC25318D3974F71C0530010C0D68084B58EE2C90AA4702E77424D6BDA67DF77248"
    "6EEF169FA6948EF691B45153D1F20ACF3398207E4BF56863B25F3EDD035D407F8985295255C06437"
    "10D86D324832754C5BD4714E6E5445C1090B69F52AD566149D072750045DDB3BB4C576EA17F9877D"
    "6B49BA271D296996ACCCC65414AD6AE29089D98850722CBEA4049407777030F327FC00A871EA49C2"
    "663DE06483DD97973FA3FD94438C860DDE41319D39928C70DDE7B7173BDF082B3715A0805C93805A"
    "921110D8E80FAF806C4BFFDB0F903876185915A562BBCB61B989C7BD401004F2D2277549F6B6EBBB"
    "22DBAA140A2F2689768364333B091A940EAA3A51C2A31DAEEDAF12265C4DC26D9C7A2D9756C0833F"
    "03F6F0098C402B99316D07B43915200C5BC3D8C492F54BADC6A5CA4ECD37A736A9E69492AB6842DD"
    "DE6319EF8C76528B6837DBFCABA1AE3115DFA1AE00DAFB0C664D64B705ED306529BF56573AFF47B9"
    "F96AF3BE75DF93283080ABF68C6615CB040622FA1DE4D9A4B33D8F1B5709CD36E9424EA4BE13B523"
    "331AAAF0A8654FA5C1D20F3F0BCD785B76F923048B7B72178953A6C6E26E6F00EBEF584A9BB7DAC4"
    "BA66AACFCF761D02D12DF1B1C1998C77ADC3DA4886A05DF7F480C62FF0AC9AECDDBC5C3F6DDED01F"
    "C790B6DB2A3A25A39AAF009353AD0457B6B42D297E804BA707DA0EAA76A1597B2A12162DB7DCFDE5"
    "FAFEDB89FDBE896C76E4FCA90670803E156E85FF87FD073E2833676186182AEABD4DAFE7B36E6D8F"
    "3967955BBF3148D78416DF30432DC7356125CE70C9B8CB30FD6CBFA200A4E46C05A0DD5A476F21D2"
    "1262845CB9496170E0566B015299375550B7D51EC4F1335F6E13E4305DA92E85C3B21D3632A1A4B7"
    "08D4B1EA21F716E4698F77FF2780030C2D408DA0CD4F99A520D3A2B30A5D2F42F9B4CBDA11D0BE7D"
    "C1DB9BBD17AB81A2CA5C6A0817552E550027F0147F8607E1640B148D4196DEBE872AFDDAB6256B34"
    "897BFEF3059EBFB94F6A68A82A4A5AC44FBCF82D985AD795C7F48D4D0DA63A205F57A4B13F149538"
    "800120CC86DD71B6DEC9F560BF11654D6B0701ACB08CD0C0B24855510EFB1EC372953B06A33540C0"
    "7BDC06CC45E0FA294EC8CAD641F3E8DE647CD8649B31BED9C397A4D45877C5E36913DAF03C3ABA46"
    "18465F7555F5BDD2C6926E5D2EACED440E423E1C87C461E9FD29F3D6E7CA7C2235916FC5E0088DD7"
    "FFE26A6EC6FDB0C10893745D7CB2AD6B9D6ECD7B723E6A11C6A9CFF7DF7329BAC9B55100B70DB2E2"
    "24BA74607DE58AD8742C150D0C188194667E162901767A9FBEFDFDEF4556367ED913D9ECB9BA8BFC"
    "97C427A831C36EF136C59456A8D8B5A8B40ECCCF2D891234576F89562CE3CE99B920D6AA5E6B9C2A"
    "3ECC5F114A0BFDFBF4E16D3B8E2C86E284D4E9A9B4FCD1EEEFC9352E61392F442138C8D91B0AFC81"
    "6A4AFBD81C2F84B4538C994ECC2254DC552AD6C6C096190BB8701A649569605A26EE523F0F117F11"
    "B5F4F5CBFC2DBC34EEBC34CC5DE8605EDD9B8E67EF3392B817C99B5861BC57E1C68351103ED84871"
    "DDDD1C2DA118AF462C21D7F359987AD9C0549EFA864FFC0656AE79E536228922AD38DC9367AAE855"
    "3826829BE7CAA40D51B133990ED7A9480569F0B265A7887F974C8836D1F9B392214A827B21CF98DC"
    "9F405547DC3A74E142EB67DF9DFE5FD45EA4677B7AACBAA2F65523882B55BA41086E59862A218347"
    "39E6E389D49EE540FB49E956FFCA0F1C8A59C52BFA94C5C1D3CFC50FAE5ADB86C5476243853B8621"
    "94792C8761107B4C2A1A2C8012BF43902688893C78E4C4A87BDBE5C23AC4EAF4268A67F7BF920D2B"
    "A365B1933D0B7CBDDC51A463DD27DDE16919949A9529A828CE68B4ED09209F44CA984E638270237C"
    "7E32B90F8EF5A7E7561408F1212A9DB54D7E6F5119A5ABF9B5D6DF8261DD960236169F3AC4A1A283"
    "6DED727A8D39A9B8825C326B5B2746ED34007700D255F4FC4D59018071E0E13F";

constexpr unsigned two_over_pi_bit(int i) {  // i-th bit after the binary point, i >= 1
  const int d = (i - 1) / 4;
  if (d >= int(sizeof(two_over_pi_hex)) - 1)
    return 0;
  const char c = two_over_pi_hex[d];
  const unsigned v = c <= '9' ? unsigned(c - '0') : unsigned(c - 'A' + 10);
  return (v >> (3 - (i - 1) % 4)) & 1u;
}

// x * 2/pi modulo 4 in fixed point: integer part q and 192 fraction bits (f[0] the highest).
struct fixed_quadrant {
  unsigned q;
  std::uint64_t f[3];
};

// n <= 64 bits of the 320-bit little-endian number p, starting at bit pos (zero outside).
constexpr std::uint64_t bits_of(const std::uint32_t (&p)[10], int pos, int n) {
  std::uint64_t r = 0;
  for (int b = n - 1; b >= 0; --b) {
    const int k = pos + b;
    r = (r << 1) | ((k >= 0 && k < 320) ? (p[k / 32] >> (k % 32)) & 1u : 0u);
  }
  return r;
}

// acc += M * 2^E * (2/pi) mod 4 (Payne-Hanek: only 256 bits of 2/pi around 2^-E matter).
constexpr void add_times_two_over_pi(fixed_quadrant& acc, std::uint64_t M, int E) {
  const int i0 = E - 1 > 1 ? E - 1 : 1;  // earlier bits only add multiples of 4
  std::uint32_t v[8] = {};               // bits i0 .. i0+255 of 2/pi, little-endian limbs
  for (int j = 0; j < 256; ++j) {
    if (two_over_pi_bit(i0 + j) != 0)
      v[7 - j / 32] |= std::uint32_t(1) << (31 - j % 32);
  }
  std::uint32_t p[10] = {};  // p = M * v
  const std::uint32_t mw[2] = {std::uint32_t(M), std::uint32_t(M >> 32)};
  for (int j = 0; j < 2; ++j) {
    std::uint64_t carry = 0;
    for (int i = 0; i < 8; ++i) {
      const std::uint64_t t = std::uint64_t(mw[j]) * v[i] + p[i + j] + carry;
      p[i + j] = std::uint32_t(t);
      carry = t >> 32;
    }
    p[8 + j] = std::uint32_t(carry);
  }
  const int sh = i0 + 255 - E;  // x * 2/pi = p * 2^-sh (mod 4)
  const std::uint64_t g[3] = {bits_of(p, sh - 64, 64), bits_of(p, sh - 128, 64),
                              bits_of(p, sh - 192, 64)};
  unsigned carry = 0;
  for (int i = 2; i >= 0; --i) {
    const std::uint64_t s = acc.f[i] + g[i];
    const std::uint64_t s2 = s + carry;
    carry = unsigned(s < g[i]) + unsigned(s2 < s);
    acc.f[i] = s2;
  }
  acc.q = (acc.q + unsigned(bits_of(p, sh, 2)) + carry) & 3u;
}

template <class T>
struct trig_red {
  int q;    // quadrant: x = q pi/2 + r (mod 2 pi)
  dd<T> r;  // |r| <~ pi/4
};

template <class T>
constexpr trig_red<T> reduce_payne_hanek(T a) {  // a > 0 finite
  fixed_quadrant acc{};
  for (T y = a; y != 0;) {  // one pass for significands up to 64 bits
    const mant_exp<T> me = frexp1(y);
    const auto M = static_cast<std::uint64_t>(me.m * pow2<T>(63));
    add_times_two_over_pi(acc, M, me.e - 63);
    y -= scale2(T(M), me.e - 63);
  }
  unsigned q = acc.q;
  std::uint64_t f0 = acc.f[0], f1 = acc.f[1], f2 = acc.f[2];
  const bool neg = (f0 >> 63) != 0;
  if (neg) {  // fraction >= 1/2: use fraction - 1 and the next quadrant
    f0 = ~f0;
    f1 = ~f1;
    f2 = ~f2;
    if (++f2 == 0 && ++f1 == 0)
      ++f0;
    q = (q + 1) & 3u;
  }
  int lz = 0;  // normalize the 192-bit magnitude
  for (; f0 == 0 && lz < 192; lz += 64) {
    f0 = f1;
    f1 = f2;
    f2 = 0;
  }
  if (f0 == 0)
    return {int(q), {0, 0}};
  for (; (f0 >> 63) == 0; ++lz) {
    f0 = (f0 << 1) | (f1 >> 63);
    f1 = (f1 << 1) | (f2 >> 63);
    f2 <<= 1;
  }
  // fraction = (f0 + f1 2^-64) 2^-(64 + lz); hi takes the bits of f0 that fit exactly in T
  constexpr std::uint64_t low_mask =
      digits_v<T> >= 64 ? 0 : (std::uint64_t(1) << (64 - digits_v<T>)) - 1;
  const T hi = T(f0 & ~low_mask) * pow2<T>(-64 - lz);
  const T lo = (T(f0 & low_mask) * pow2<T>(64) + T(f1)) * pow2<T>(-128 - lz);
  dd<T> r = two_prod(hi, T(pio2_1));
  r = fast_two_sum(r.hi, r.lo + (hi * T(pio2_2) + lo * T(pio2_1) + hi * T(pio2_3)));
  if (neg)
    r = {-r.hi, -r.lo};
  return {int(q), r};
}

// x = q pi/2 + r for a >= 0 finite: Cody-Waite with a three-part pi/2 for moderate a,
// Payne-Hanek for huge a or when cancellation leaves too few correct bits.
template <class T>
constexpr trig_red<T> reduce_pio2(T a) {
  if (a <= T(pio2_1 / 2))
    return {0, {a, 0}};
  if (a < T(0x1p19) * T(pio2_1)) {
    const int k = iround(a * T(two_over_pi));
    const T kt = T(k);
    const T r1 = a - kt * T(pio2_cw1);                 // exact
    const dd<T> t = two_sum(r1, -(kt * T(pio2_cw2)));  // exact
    const dd<T> r = fast_two_sum(t.hi, t.lo - kt * T(pio2_cw3));
    if (ce_abs(r.hi) > T(0x1p-28))
      return {k & 3, r};
  }
  return reduce_payne_hanek(a);
}

template <class T>
constexpr dd<T> sin_kernel(dd<T> r) {  // sin(r.hi + r.lo), |r| <~ pi/4
  const T x = r.hi, z = x * x;
  T t = 1;  // sin x = x (1 - z/6 t), t = 1 - z/20 (1 - z/42 (...))
  for (int k = nterms<T>(10, 12); k >= 2; --k)
    t = 1 - z * t / T(2 * k * (2 * k + 1));
  return fast_two_sum(x, r.lo * (1 - z / 2) - x * (z * t / 6));
}

template <class T>
constexpr dd<T> cos_kernel(dd<T> r) {  // cos(r.hi + r.lo), |r| <~ pi/4
  const T x = r.hi, z = x * x;
  T t = 1;  // cos x = 1 - z/2 + z/2 (z/12 t), t = 1 - z/30 (1 - z/56 (...))
  for (int k = nterms<T>(10, 12); k >= 3; --k)
    t = 1 - z * t / T((2 * k - 1) * (2 * k));
  const T hz = z / 2, w = 1 - hz;
  return fast_two_sum(w, ((1 - w) - hz) + (hz * (z * t / 12) - x * r.lo));
}

template <class T>
constexpr T sin_impl(T x) {
  if (!ce_isfinite(x))
    return nan_v<T>;
  if (ce_abs(x) < tiny<T>())
    return x;
  const trig_red<T> red = reduce_pio2(ce_abs(x));
  T v = ((red.q & 1) != 0 ? cos_kernel(red.r) : sin_kernel(red.r)).hi;
  if ((red.q & 2) != 0)
    v = -v;
  return x < 0 ? -v : v;
}

template <class T>
constexpr T cos_impl(T x) {
  if (!ce_isfinite(x))
    return nan_v<T>;
  if (ce_abs(x) < tiny<T>())
    return 1;
  const trig_red<T> red = reduce_pio2(ce_abs(x));
  const T v = ((red.q & 1) != 0 ? sin_kernel(red.r) : cos_kernel(red.r)).hi;
  return ((red.q + 1) & 2) != 0 ? -v : v;
}

template <class T>
constexpr T tan_impl(T x) {
  if (!ce_isfinite(x))
    return nan_v<T>;
  if (ce_abs(x) < tiny<T>())
    return x;
  const trig_red<T> red = reduce_pio2(ce_abs(x));
  const dd<T> s = sin_kernel(red.r), c = cos_kernel(red.r);
  const T v = (red.q & 1) != 0 ? -dd_div(c, s).hi : dd_div(s, c).hi;
  return x < 0 ? -v : v;
}

// atan(a + da) for 0 <= a < 2^(digits + 3), da a small correction; unevaluated pair.
// Reduction: atan(a) = atan(c) + atan((a - c) / (1 + a c)) for c in {0, 1/2, 1, 3/2, inf}.
template <class T>
constexpr dd<T> atan_kernel(T a, T da) {
  int id = -1;
  T t = a;
  if (a >= T(0.4375)) {
    if (a < T(0.6875)) {
      id = 0;
      t = (2 * a - 1) / (2 + a);
    } else if (a < T(1.1875)) {
      id = 1;
      t = (a - 1) / (a + 1);
    } else if (a < T(2.4375)) {
      id = 2;
      t = (a - T(1.5)) / (1 + T(1.5) * a);
    } else {
      id = 3;
      t = -1 / a;
    }
  }
  const T z = t * t;
  T q = 0;  // atan t = t - t z q(z), q = 1/3 - z/5 + z^2/7 - ...
  for (int n = nterms<T>(22, 27); n >= 1; --n)
    q = T(1) / T(2 * n + 1) - z * q;
  const T tail = (da != 0 ? da / (1 + a * a) : T(0)) - t * z * q;
  if (id < 0)
    return {t, tail};
  const dd<T> s = two_sum(T(atan_hi[id]), t);
  return {s.hi, s.lo + (T(atan_lo[id]) + tail)};
}

template <class T>
constexpr T atan_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a < tiny<T>())
    return x;
  T v;
  if (a > pow2<T>(digits_v<T> + 2)) {
    v = T(pio2_1) + T(pio2_2);
  } else {
    const dd<T> r = atan_kernel(a, T(0));
    v = r.hi + r.lo;
  }
  return x < 0 ? -v : v;
}

template <class T>
constexpr T atan2_impl(T y, T x) {
  if (x != x || y != y)
    return nan_v<T>;
  const bool x_neg = ce_signbit(x);
  const T ay = ce_abs(y), ax = ce_abs(x);
  const T pi_hi = 2 * T(pio2_1), pi_lo = 2 * T(pio2_2);
  constexpr int gap = digits_v<T> + 3;  // |y/x| beyond 2^gap: atan is pi/2 or the ratio
  T v;                                  // result for y >= 0
  if (ay == 0) {
    v = x_neg ? pi_hi + pi_lo : T(0);
  } else if (ce_isinf(ax) && ce_isinf(ay)) {
    v = x_neg ? T(pi3o4_hi) + T(pi3o4_lo) : T(pio2_1 / 2) + T(pio2_2 / 2);
  } else if (ce_isinf(ax)) {
    v = x_neg ? pi_hi + pi_lo : T(0);
  } else if (ce_isinf(ay) || ax == 0 || ax < ay * pow2<T>(-gap)) {
    v = T(pio2_1) + (T(pio2_2) + (x_neg ? ax / ay : -(ax / ay)));
  } else if (ay < ax * pow2<T>(-gap)) {
    v = x_neg ? pi_hi + (pi_lo - ay / ax) : ay / ax;
  } else {
    const int e = frexp1(ax).e;  // scale to keep the exact products in range
    const T sx = scale2(ax, -e), sy = scale2(ay, -e);
    const T t = sy / sx;
    const dd<T> p = two_prod(t, sx);
    const dd<T> r = atan_kernel(t, ((sy - p.hi) - p.lo) / sx);
    if (!x_neg) {
      v = r.hi + r.lo;
    } else {
      const dd<T> d = two_sum(pi_hi, -r.hi);
      v = d.hi + (d.lo + (pi_lo - r.lo));
    }
  }
  return ce_signbit(y) ? -v : v;
}

// asin(x) - x = x z P(z), z = x^2, for |x| <= 1/2 (Taylor series).
template <class T>
constexpr T asin_tail(T x) {
  const T z = x * x;
  T t = 1;
  for (int n = nterms<T>(24, 30); n >= 2; --n) {
    t = 1 + z * t * T((2 * n - 1) * (2 * n - 1)) / T(2 * n * (2 * n + 1));
  }
  return x * z * t / 6;
}

// For 1/2 < a <= 1: asin(a) = pi/2 - 2 asin(s), s = sqrt((1 - a)/2). Returns s (dd) and
// b = 2 (asin(s) - s.hi).
template <class T>
struct asin_half {
  T s, b;
};
template <class T>
constexpr asin_half<T> asin_reduce(T a) {
  const T w = (1 - a) / 2;  // exact
  const dd<T> s = sqrt_dd(dd<T>{w, 0});
  // d asin(s)/ds = 1/sqrt(1 - w) ~ 1 + w/2 + 3w^2/8 (only multiplies the tiny s.lo)
  return {s.hi, 2 * (asin_tail(s.hi) + s.lo * (1 + w / 2 + 3 * w * w / 8))};
}

template <class T>
constexpr T asin_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a > 1)
    return nan_v<T>;
  if (a < tiny<T>())
    return x;
  T v;
  if (a <= T(0.5)) {
    v = a + asin_tail(a);
  } else {
    const asin_half<T> h = asin_reduce(a);
    const dd<T> d = two_sum(T(pio2_1), -2 * h.s);
    v = d.hi + (d.lo + (T(pio2_2) - h.b));
  }
  return x < 0 ? -v : v;
}

template <class T>
constexpr T acos_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a > 1)
    return nan_v<T>;
  if (a <= T(0.5)) {  // pi/2 - asin(x)
    const dd<T> d = two_sum(T(pio2_1), -x);
    return d.hi + (d.lo + (T(pio2_2) - asin_tail(x)));
  }
  const asin_half<T> h = asin_reduce(a);
  if (x > 0)
    return 2 * h.s + h.b;  // 2 asin(s)
  const dd<T> d = two_sum(2 * T(pio2_1), -2 * h.s);
  return d.hi + (d.lo + (2 * T(pio2_2) - h.b));  // pi - 2 asin(s)
}

// ---- Hyperbolic functions ---------------------------------------------------------------

template <class T>
constexpr T large_hyperbolic() {  // above: e^-2x is below the precision
  return T(digits_v<T> + 3) * T(0.35);
}

// e^a / 2 for a >= large_hyperbolic (scaled so that it does not overflow early).
template <class T>
constexpr T half_exp(T a) {
  if (a > 2 * exp_hi_limit<T>())
    return inf_v<T>;
  const exp_red<T> red = exp_reduce(a, T(0));
  return scale2(exp_mantissa(red.r).hi, red.k - 1);
}

template <class T>
constexpr T sinh_impl(T x) {
  if (x != x || ce_isinf(x))
    return x;
  const T a = ce_abs(x);
  if (a < tiny<T>())
    return x;
  T v;
  if (a < large_hyperbolic<T>()) {  // (t + t / (1 + t)) / 2 with t = e^a - 1
    const dd<T> t = expm1_dd(a);
    v = dd_add(t, dd_div(t, dd_add(t, dd<T>{1, 0}))).hi / 2;
  } else {
    v = half_exp(a);
  }
  return x < 0 ? -v : v;
}

template <class T>
constexpr T cosh_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a == inf_v<T>)
    return a;
  if (a >= large_hyperbolic<T>())
    return half_exp(a);
  const exp_red<T> red = exp_reduce(a, T(0));  // (e^a + e^-a) / 2
  const dd<T> m = exp_mantissa(red.r);
  const T pk = pow2<T>(red.k);
  const dd<T> e{pk * m.hi, pk * m.lo};
  return dd_add(e, dd_div(dd<T>{1, 0}, e)).hi / 2;
}

template <class T>
constexpr T tanh_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a < tiny<T>())
    return x;
  T v = 1;
  if (a < large_hyperbolic<T>()) {  // t / (t + 2) with t = e^2a - 1
    const dd<T> t = expm1_dd(2 * a);
    v = dd_div(t, dd_add(t, dd<T>{2, 0})).hi;
  }
  return x < 0 ? -v : v;
}

template <class T>
constexpr T asinh_impl(T x) {
  if (x != x || ce_isinf(x))
    return x;
  const T a = ce_abs(x);
  if (a < tiny<T>())
    return x;
  const dd<T> one{1, 0};
  T v;
  if (a > 1 / tiny<T>()) {  // log(2a)
    v = dd_add(log_dd(a), dd<T>{T(ln2_1), T(ln2_2) + T(ln2_3)}).hi;
  } else if (a > 2) {  // log(2a + 1 / (sqrt(a^2 + 1) + a))
    v = log_of_dd(dd_add(dd<T>{2 * a, 0}, dd<T>{1 / (sqrt_impl(a * a + 1) + a), 0}));
  } else {  // log1p(a + a^2 / (1 + sqrt(1 + a^2)))
    const dd<T> z = two_prod(a, a);
    const dd<T> den = dd_add(one, sqrt_dd(dd_add(one, z)));
    v = log1p_of_dd(dd_add(dd<T>{a, 0}, dd_div(z, den)));
  }
  return x < 0 ? -v : v;
}

template <class T>
constexpr T acosh_impl(T x) {
  if (x != x)
    return x;
  if (x < 1)
    return nan_v<T>;
  if (x == inf_v<T>)
    return x;
  if (x > 1 / tiny<T>())
    return dd_add(log_dd(x), dd<T>{T(ln2_1), T(ln2_2) + T(ln2_3)}).hi;
  if (x > 2) {  // log(2x - 1 / (x + sqrt(x^2 - 1)))
    return log_of_dd(dd_add(dd<T>{2 * x, 0}, dd<T>{-1 / (x + sqrt_impl(x * x - 1)), 0}));
  }
  const T t = x - 1;  // exact; log1p(t + sqrt(2t + t^2))
  const dd<T> w = dd_add(dd<T>{2 * t, 0}, two_prod(t, t));
  return log1p_of_dd(dd_add(dd<T>{t, 0}, sqrt_dd(w)));
}

template <class T>
constexpr T atanh_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a > 1)
    return nan_v<T>;
  if (a < tiny<T>())
    return x;
  T v = inf_v<T>;
  if (a < T(0.5)) {  // log1p(2a + 2a^2 / (1 - a)) / 2
    const dd<T> a2 = two_prod(2 * a, a);
    v = log1p_of_dd(dd_add(dd<T>{2 * a, 0}, dd_div(a2, two_sum(T(1), -a)))) / 2;
  } else if (a < 1) {  // log1p(2a / (1 - a)) / 2
    v = log1p_of_dd(dd_div(dd<T>{2 * a, 0}, dd<T>{1 - a, 0})) / 2;
  }
  return x < 0 ? -v : v;
}

// ---- Error functions --------------------------------------------------------------------

// erf(x) for |x| < 1/2 as dd (Taylor series).
template <class T>
constexpr dd<T> erf_small(T x) {
  if (ce_abs(x) < pow2<T>(lim<T>::min_exponent / 2)) {
    return fast_two_sum(x * T(tsqpi_hi), x * T(tsqpi_lo));
  }
  const T z = x * x;
  T t = 1;  // erf x = (2/sqrt(pi)) x (1 - z/3 t), t = 1 - 3z/10 (1 - 5z/21 (...))
  for (int n = nterms<T>(14, 17); n >= 2; --n) {
    t = 1 - z * t * T(2 * n - 1) / T(n * (2 * n + 1));
  }
  const dd<T> p = two_prod(x, T(tsqpi_hi));
  const dd<T> cx = fast_two_sum(p.hi, p.lo + x * T(tsqpi_lo));  // (2/sqrt(pi)) x
  return fast_two_sum(cx.hi, cx.lo - cx.hi * (z * t / 3));
}

// erfc(a) = m 2^k (m double-word) for 1/2 <= a <= 256, from e^(-a^2) and the continued
// fraction erfc(a) = (2a/sqrt(pi)) e^(-a^2) / (2a^2 + 1 - 1*2 / (2a^2 + 5 - 3*4 / (...))).
template <class T>
struct scaled_dd {
  dd<T> m;
  int k;
};
template <class T>
constexpr scaled_dd<T> erfc_parts(T a) {
  const dd<T> sq = two_prod(a, a);
  const dd<T> y{2 * sq.hi, 2 * sq.lo};
  const int depth = static_cast<int>(T(200) / sq.hi) + 10;  // relative error < 2^-70
  T t = y.hi + T(4 * depth + 1);
  int n = depth - 1;
  for (; n >= 8; --n)
    t = y.hi + T(4 * n + 1) - T(2 * n + 1) * T(2 * n + 2) / t;
  dd<T> td{t, 0};  // the last steps (which set the rounding) in double-word arithmetic
  for (; n >= 0; --n) {
    const dd<T> c = dd_div(dd<T>{T(2 * n + 1) * T(2 * n + 2), 0}, td);
    td = dd_add(dd_add(y, dd<T>{T(4 * n + 1), 0}), dd<T>{-c.hi, -c.lo});
  }
  const dd<T> f = dd_div(dd_mul(dd<T>{a, 0}, dd<T>{T(tsqpi_hi), T(tsqpi_lo)}), td);
  const exp_red<T> red = exp_reduce(-sq.hi, -sq.lo);
  return {dd_mul(exp_mantissa(red.r), f), red.k};
}

// c - erfc(a) for a >= 1/2, c in {1, 2}
template <class T>
constexpr T c_minus_erfc(T c, T a) {
  if (a > T(digits_v<T>) / 4 + 2)
    return c;  // erfc(a) < 2^-(digits + 3)
  const scaled_dd<T> e = erfc_parts(a);
  const T pk = pow2<T>(e.k);
  return dd_add(dd<T>{c, 0}, dd<T>{-pk * e.m.hi, -pk * e.m.lo}).hi;
}

template <class T>
constexpr T erf_impl(T x) {
  if (x != x)
    return x;
  const T a = ce_abs(x);
  if (a < T(0.5))
    return erf_small(x).hi;
  const T v = c_minus_erfc(T(1), a);
  return x < 0 ? -v : v;
}

template <class T>
constexpr T erfc_impl(T x) {
  if (x != x)
    return x;
  if (x <= T(-0.5))
    return c_minus_erfc(T(2), -x);
  if (x < T(0.5)) {
    const dd<T> e = erf_small(x);
    return dd_add(dd<T>{1, 0}, dd<T>{-e.hi, -e.lo}).hi;
  }
  if (x > 256 || -(x * x) < exp_lo_limit<T>())
    return 0;
  const scaled_dd<T> e = erfc_parts(x);
  return scale2(e.m.hi, e.k);
}

// ---- Constant-evaluation versions of the public functions ---------------------------------

template <std::floating_point T>
constexpr T ce_exp(T x) {
  return to_result<T>(exp_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_expm1(T x) {
  return to_result<T>(expm1_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_log(T x) {
  return to_result<T>(log_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_log1p(T x) {
  return to_result<T>(log1p_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_log2(T x) {
  return to_result<T>(log2_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_log10(T x) {
  return to_result<T>(log10_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_pow(T x, T y) {
  return to_result<T>(pow_impl<work_t<T>>(x, y));
}
template <std::floating_point T>
constexpr T ce_sqrt(T x) {
  return to_result<T>(sqrt_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_cbrt(T x) {
  return to_result<T>(cbrt_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_hypot(T x, T y) {
  return to_result<T>(hypot_impl<work_t<T>>(x, y));
}
template <std::floating_point T>
constexpr T ce_sin(T x) {
  return to_result<T>(sin_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_cos(T x) {
  return to_result<T>(cos_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_tan(T x) {
  return to_result<T>(tan_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_asin(T x) {
  return to_result<T>(asin_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_acos(T x) {
  return to_result<T>(acos_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_atan(T x) {
  return to_result<T>(atan_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_atan2(T y, T x) {
  return to_result<T>(atan2_impl<work_t<T>>(y, x));
}
template <std::floating_point T>
constexpr T ce_sinh(T x) {
  return to_result<T>(sinh_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_cosh(T x) {
  return to_result<T>(cosh_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_tanh(T x) {
  return to_result<T>(tanh_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_asinh(T x) {
  return to_result<T>(asinh_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_acosh(T x) {
  return to_result<T>(acosh_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_atanh(T x) {
  return to_result<T>(atanh_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_erf(T x) {
  return to_result<T>(erf_impl<work_t<T>>(x));
}
template <std::floating_point T>
constexpr T ce_erfc(T x) {
  return to_result<T>(erfc_impl<work_t<T>>(x));
}

}  // namespace detail

// ---- Public functions: constant evaluation -> detail::ce_F, run time -> std::F -------------

template <std::floating_point T>
constexpr T exp(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_exp(x);
  return std::exp(x);
}
template <std::floating_point T>
constexpr T expm1(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_expm1(x);
  return std::expm1(x);
}
template <std::floating_point T>
constexpr T log(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_log(x);
  return std::log(x);
}
template <std::floating_point T>
constexpr T log1p(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_log1p(x);
  return std::log1p(x);
}
template <std::floating_point T>
constexpr T log2(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_log2(x);
  return std::log2(x);
}
template <std::floating_point T>
constexpr T log10(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_log10(x);
  return std::log10(x);
}
template <std::floating_point T>
constexpr T pow(T x, T y) {
  if (std::is_constant_evaluated())
    return detail::ce_pow(x, y);
  return std::pow(x, y);
}
template <std::floating_point T>
constexpr T powi(T x, int n) {
  return detail::powi_impl(x, n);  // same code at run time (exact for small n)
}
template <std::floating_point T>
constexpr T sqrt(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_sqrt(x);
  return std::sqrt(x);
}
template <std::floating_point T>
constexpr T cbrt(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_cbrt(x);
  return std::cbrt(x);
}
template <std::floating_point T>
constexpr T hypot(T x, T y) {
  if (std::is_constant_evaluated())
    return detail::ce_hypot(x, y);
  return std::hypot(x, y);
}
template <std::floating_point T>
constexpr T sin(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_sin(x);
  return std::sin(x);
}
template <std::floating_point T>
constexpr T cos(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_cos(x);
  return std::cos(x);
}
template <std::floating_point T>
constexpr T tan(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_tan(x);
  return std::tan(x);
}
template <std::floating_point T>
constexpr T asin(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_asin(x);
  return std::asin(x);
}
template <std::floating_point T>
constexpr T acos(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_acos(x);
  return std::acos(x);
}
template <std::floating_point T>
constexpr T atan(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_atan(x);
  return std::atan(x);
}
template <std::floating_point T>
constexpr T atan2(T y, T x) {
  if (std::is_constant_evaluated())
    return detail::ce_atan2(y, x);
  return std::atan2(y, x);
}
template <std::floating_point T>
constexpr T sinh(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_sinh(x);
  return std::sinh(x);
}
template <std::floating_point T>
constexpr T cosh(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_cosh(x);
  return std::cosh(x);
}
template <std::floating_point T>
constexpr T tanh(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_tanh(x);
  return std::tanh(x);
}
template <std::floating_point T>
constexpr T asinh(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_asinh(x);
  return std::asinh(x);
}
template <std::floating_point T>
constexpr T acosh(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_acosh(x);
  return std::acosh(x);
}
template <std::floating_point T>
constexpr T atanh(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_atanh(x);
  return std::atanh(x);
}
template <std::floating_point T>
constexpr T erf(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_erf(x);
  return std::erf(x);
}
template <std::floating_point T>
constexpr T erfc(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_erfc(x);
  return std::erfc(x);
}
template <std::floating_point T>
constexpr T abs(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_abs(x);
  return std::abs(x);
}
template <std::floating_point T>
constexpr T floor(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_floor(x);
  return std::floor(x);
}
template <std::floating_point T>
constexpr T copysign(T x, T y) {
  if (std::is_constant_evaluated())
    return detail::ce_copysign(x, y);
  return std::copysign(x, y);
}
template <std::floating_point T>
constexpr bool signbit(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_signbit(x);
  return std::signbit(x);
}
template <std::floating_point T>
constexpr bool isnan(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_isnan(x);
  return std::isnan(x);
}
template <std::floating_point T>
constexpr bool isinf(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_isinf(x);
  return std::isinf(x);
}
template <std::floating_point T>
constexpr bool isfinite(T x) {
  if (std::is_constant_evaluated())
    return detail::ce_isfinite(x);
  return std::isfinite(x);
}

}  // namespace typegrad::cmath
