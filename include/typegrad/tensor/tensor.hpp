// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// tensor<T, Dims...>: a dense row-major array whose shape is part of its type,
// stored inline and usable in constant expressions. Arithmetic between tensors
// broadcasts as NumPy and PyTorch do (shapes aligned on the right; a dimension of
// 1 or a missing one repeats), and a mismatch is a compile error naming both shapes.

#include <typegrad/core/diagnostics.hpp>

#include <array>
#include <cstddef>
#include <ostream>
#include <type_traits>
#include <utility>

namespace typegrad {

//! A compile-time shape; appears in diagnostics as `shape<2, 3>`.
template <std::size_t... D>
struct shape {
  static constexpr std::size_t rank = sizeof...(D);
  static constexpr std::size_t size = (std::size_t{1} * ... * D);
  static constexpr std::array<std::size_t, sizeof...(D)> dims{D...};
};

namespace detail {
// Aligned for SIMD loads once the storage is at least one vector wide.
template <class T, std::size_t N>
inline constexpr std::size_t tensor_alignment = sizeof(T) * N >= 32 ? 32 : alignof(T);
}  // namespace detail

//! A static-shape tensor of T, row-major, storage inline.
//! Example: `tg::tensor<double, 2, 3> X{1, 2, 3, 4, 5, 6};  X(1, 0) == 4`
template <class T, std::size_t... Dims>
struct tensor {
  static_assert(sizeof...(Dims) >= 1, "typegrad: tensor<T, Dims...> needs at least one dimension");
  static_assert(((Dims > 0) && ...), "typegrad: tensor<T, Dims...>: every dimension must be positive");

  using value_type = T;
  using shape_type = shape<Dims...>;
  static constexpr std::size_t rank = sizeof...(Dims);
  static constexpr std::array<std::size_t, rank> dims{Dims...};

  alignas(detail::tensor_alignment<T, shape_type::size>) T elems[shape_type::size]{};

  //! The number of elements.
  static constexpr std::size_t size() noexcept { return shape_type::size; }
  //! Extent of dimension `axis`.
  static constexpr std::size_t extent(std::size_t axis) noexcept { return dims[axis]; }

  //! A tensor with every element v.
  static constexpr tensor filled(const T& v) noexcept {
    tensor t;
    t.fill(v);
    return t;
  }
  static constexpr tensor zeros() noexcept { return tensor{}; }

  constexpr void fill(const T& v) noexcept {
    for (auto& e : elems) e = v;
  }

  //! Element by flat (row-major) index.
  constexpr T& operator[](std::size_t i) noexcept { return elems[i]; }
  constexpr const T& operator[](std::size_t i) const noexcept { return elems[i]; }

  //! Element by one index per dimension: `W(i, j)`.
  template <class... I>
    requires(sizeof...(I) == rank && (std::is_integral_v<I> && ...))
  constexpr T& operator()(I... i) noexcept { return elems[flat(i...)]; }
  template <class... I>
    requires(sizeof...(I) == rank && (std::is_integral_v<I> && ...))
  constexpr const T& operator()(I... i) const noexcept { return elems[flat(i...)]; }

  constexpr T* data() noexcept { return elems; }
  constexpr const T* data() const noexcept { return elems; }
  constexpr T* begin() noexcept { return elems; }
  constexpr T* end() noexcept { return elems + size(); }
  constexpr const T* begin() const noexcept { return elems; }
  constexpr const T* end() const noexcept { return elems + size(); }

  friend constexpr bool operator==(const tensor& a, const tensor& b) noexcept {
    for (std::size_t i = 0; i < size(); ++i)
      if (!(a.elems[i] == b.elems[i])) return false;
    return true;
  }

 private:
  template <class... I>
  static constexpr std::size_t flat(I... i) noexcept {
    const std::size_t idx[] = {static_cast<std::size_t>(i)...};
    std::size_t f = 0;
    for (std::size_t k = 0; k < rank; ++k) f = f * dims[k] + idx[k];
    return f;
  }
};

//! tg::vector<T, N> and tg::matrix<T, Rows, Cols>.
template <class T, std::size_t N>
using vector = tensor<T, N>;
template <class T, std::size_t R, std::size_t C>
using matrix = tensor<T, R, C>;

namespace detail {

template <class T> inline constexpr bool is_tensor_v = false;
template <class T, std::size_t... D> inline constexpr bool is_tensor_v<tensor<T, D...>> = true;

//! A reference to a value held elsewhere (a tensor bound by reference, a gradient in
//! a caller's workspace); deref() looks through it.
template <class T>
struct ref {
  const T* p = nullptr;
};
template <class T> inline constexpr bool is_ref_v = false;
template <class T> inline constexpr bool is_ref_v<ref<T>> = true;

template <class T>
constexpr const T& deref(const T& x) noexcept { return x; }
template <class T>
constexpr const T& deref(const ref<T>& r) noexcept { return *r.p; }
//! A modifiable reference: a gradient that lives in a caller's workspace.
template <class T>
struct mut_ref {
  T* p = nullptr;
};
template <class T>
constexpr const T& deref(const mut_ref<T>& r) noexcept { return *r.p; }
//! A slot that holds more than its node's value (a scan's stored states).
template <class T>
  requires requires(const T& x) { x.node_value(); }
constexpr const auto& deref(const T& x) noexcept { return x.node_value(); }
template <class T> using deref_t = std::remove_cvref_t<decltype(detail::deref(std::declval<const T&>()))>;

//! The element type of a tensor, or T itself.
template <class T> struct scalar_of { using type = T; };
template <class T, std::size_t... D> struct scalar_of<tensor<T, D...>> { using type = T; };
template <class T> using scalar_of_t = typename scalar_of<T>::type;

//! The shape of a tensor type; shape<> for a scalar.
template <class T> struct shape_of { using type = shape<>; };
template <class T, std::size_t... D> struct shape_of<tensor<T, D...>> { using type = shape<D...>; };
template <class T> using shape_of_t = typename shape_of<std::remove_cvref_t<T>>::type;

template <class T, class Shape> struct tensor_of;
template <class T, std::size_t... D> struct tensor_of<T, shape<D...>> { using type = tensor<T, D...>; };
template <class T> struct tensor_of<T, shape<>> { using type = T; };
//! tensor<T, D...> for shape<D...>, T for shape<>.
template <class T, class Shape> using tensor_of_t = typename tensor_of<T, Shape>::type;

// ---- axes -------------------------------------------------------------------------------------

//! The axis argument that means every axis (a reduction to a scalar).
inline constexpr int all_axes = -1000;

//! Axis as a position: negative axes count from the end (-1 is the last).
template <class S, int Axis>
constexpr std::size_t axis_index() noexcept {
  return Axis < 0 ? static_cast<std::size_t>(static_cast<int>(S::rank) + Axis) : static_cast<std::size_t>(Axis);
}
template <class S, int Axis>
constexpr bool axis_exists() noexcept {
  return Axis == all_axes || (Axis < 0 ? -Axis <= static_cast<int>(S::rank) : Axis < static_cast<int>(S::rank));
}

//! A tensor viewed as [outer, n, inner] around one axis: element (o, j, i) is at
//! (o * n + j) * inner + i; the reduced tensor's element (o, i) at o * inner + i.
template <class S, int Axis>
struct axis_geometry {
  // An axis that does not exist has been reported (check_axis); 0 keeps this quiet.
  static constexpr std::size_t k = Axis == all_axes || !axis_exists<S, Axis>() ? 0 : axis_index<S, Axis>();
  static constexpr std::size_t n = Axis == all_axes ? S::size : S::dims[k];
  static constexpr std::size_t inner = [] {
    std::size_t p = 1;
    if (Axis != all_axes)
      for (std::size_t j = k + 1; j < S::rank; ++j) p *= S::dims[j];
    return p;
  }();
  static constexpr std::size_t outer = S::size / (n * inner);
};

template <class S, int Axis, class Seq = std::make_index_sequence<(S::rank > 0 ? S::rank - 1 : 0)>>
struct remove_axis;
template <class S, int Axis, std::size_t... I>
struct remove_axis<S, Axis, std::index_sequence<I...>> {
  static constexpr std::size_t k = axis_index<S, Axis>();
  using type = shape<S::dims[I < k ? I : I + 1]...>;
};
//! The shape of a reduction of S along Axis (shape<> for all_axes or a vector).
template <class S, int Axis>
using reduced_shape_t = typename std::conditional_t<Axis == all_axes, std::type_identity<shape<>>,
                                                    remove_axis<S, Axis>>::type;

// ---- broadcasting ------------------------------------------------------------------------------

template <class A, class B>
constexpr bool broadcastable() {
  constexpr std::size_t n = A::rank < B::rank ? A::rank : B::rank;
  for (std::size_t k = 1; k <= n; ++k) {
    const std::size_t a = A::dims[A::rank - k], b = B::dims[B::rank - k];
    if (a != b && a != 1 && b != 1) return false;
  }
  return true;
}

template <class A, class B>
struct broadcast2 {
  static constexpr std::size_t rank = A::rank > B::rank ? A::rank : B::rank;
  static constexpr auto dims = [] {
    std::array<std::size_t, rank> d{};
    for (std::size_t k = 1; k <= rank; ++k) {
      const std::size_t a = k <= A::rank ? A::dims[A::rank - k] : 1;
      const std::size_t b = k <= B::rank ? B::dims[B::rank - k] : 1;
      d[rank - k] = a == 1 ? b : a;
    }
    return d;
  }();
  template <std::size_t... I>
  static shape<dims[I]...> make(std::index_sequence<I...>);
  using type = decltype(make(std::make_index_sequence<rank>{}));
};

// A function, not a static_assert in the class: Clang marks a class whose assertion
// failed invalid and reports every later use of it.
template <class A, class B>
constexpr bool check_broadcast() {
  constexpr bool ok = broadcastable<A, B>();
  static_assert(shapes_must_broadcast<A, B, ok>::value,
                "typegrad: elementwise op: the operands' shapes do not broadcast (each dimension, "
                "aligned on the right, must be equal or 1)");
  return ok;
}

template <class... S> struct broadcast_shapes;
template <class S> struct broadcast_shapes<S> { using type = S; };
template <class A, class B, class... Rest>
struct broadcast_shapes<A, B, Rest...> {
  static constexpr bool ok = check_broadcast<A, B>();
  using type = typename broadcast_shapes<std::conditional_t<ok, typename broadcast2<A, B>::type, A>, Rest...>::type;
};
//! The shape that operands of shapes S... broadcast to.
template <class... S> using broadcast_shape_t = typename broadcast_shapes<S...>::type;

//! Flat index into an operand of shape From for flat index i of the broadcast shape To.
template <class From, class To>
constexpr std::size_t source_index(std::size_t i) noexcept {
  if constexpr (From::size == To::size) {
    return i;
  } else if constexpr (From::size == 1) {
    return 0;
  } else if constexpr ([] {  // From is a suffix of To: a row repeated
                         for (std::size_t k = 1; k <= From::rank; ++k)
                           if (From::dims[From::rank - k] != To::dims[To::rank - k]) return false;
                         return true;
                       }()) {
    return i % From::size;
  } else {
    std::size_t off = 0, stride = 1;
    for (std::size_t k = 1; k <= To::rank; ++k) {
      const std::size_t coord = i % To::dims[To::rank - k];
      i /= To::dims[To::rank - k];
      if (k <= From::rank) {
        const std::size_t d = From::dims[From::rank - k];
        if (d != 1) off += coord * stride;
        stride *= d;
      }
    }
    return off;
  }
}

template <class X>
constexpr decltype(auto) element(const X& x, std::size_t i) noexcept {
  if constexpr (is_tensor_v<X>) return x[i]; else return (x);
}

//! f applied elementwise to tensors and scalars, broadcast; a tensor of f's results.
template <class F, class... X>
constexpr auto map(const F& f, const X&... x) {
  using S = broadcast_shape_t<shape_of_t<X>...>;
  using E = std::remove_cvref_t<decltype(f(std::declval<const scalar_of_t<X>&>()...))>;
  tensor_of_t<E, S> r{};
  for (std::size_t i = 0; i < S::size; ++i)
    r[i] = f(detail::element(x, detail::source_index<shape_of_t<X>, S>(i))...);
  return r;
}

template <class X>
constexpr auto& element_ref(X& x, std::size_t i) noexcept {
  if constexpr (is_tensor_v<X>) return x[i]; else return x;
}

//! x brought to the shape of Target: broadcast up, or summed over the dimensions
//! that broadcasting repeated (the adjoint of a broadcast). Same shape: x itself.
template <class Target, class X>
constexpr Target fit_to(const X& x) {
  using TS = shape_of_t<Target>;
  using XS = shape_of_t<X>;
  if constexpr (std::is_same_v<Target, X>) {
    return x;
  } else {
    Target t{};
    if constexpr (TS::size >= XS::size) {
      for (std::size_t i = 0; i < TS::size; ++i)
        detail::element_ref(t, i) = detail::element(x, detail::source_index<XS, TS>(i));
    } else {
      for (std::size_t i = 0; i < XS::size; ++i)
        detail::element_ref(t, detail::source_index<TS, XS>(i)) += detail::element(x, i);
    }
    return t;
  }
}

}  // namespace detail

// ---- arithmetic on tensors (elementwise, broadcasting) -----------------------------------------

template <class A, class B>
concept TensorOperands = (detail::is_tensor_v<A> || detail::is_tensor_v<B>) &&
                         (detail::is_tensor_v<A> || std::is_arithmetic_v<A>) &&
                         (detail::is_tensor_v<B> || std::is_arithmetic_v<B>);

//! Elementwise a + b with broadcasting; likewise - * /.
//! Example: `tg::matrix<double, 2, 2>{1, 2, 3, 4} + tg::vector<double, 2>{10, 20}` is [[11, 22], [13, 24]]
template <class A, class B> requires TensorOperands<A, B>
constexpr auto operator+(const A& a, const B& b) { return detail::map([](const auto& x, const auto& y) { return x + y; }, a, b); }
template <class A, class B> requires TensorOperands<A, B>
constexpr auto operator-(const A& a, const B& b) { return detail::map([](const auto& x, const auto& y) { return x - y; }, a, b); }
template <class A, class B> requires TensorOperands<A, B>
constexpr auto operator*(const A& a, const B& b) { return detail::map([](const auto& x, const auto& y) { return x * y; }, a, b); }
template <class A, class B> requires TensorOperands<A, B>
constexpr auto operator/(const A& a, const B& b) { return detail::map([](const auto& x, const auto& y) { return x / y; }, a, b); }

template <class T, std::size_t... D>
constexpr tensor<T, D...> operator-(const tensor<T, D...>& a) { return detail::map([](const T& x) { return -x; }, a); }

//! In-place a op= b; b is a tensor of a's shape (or one that broadcasts to it) or a scalar.
template <class T, std::size_t... D, class B>
constexpr tensor<T, D...>& operator+=(tensor<T, D...>& a, const B& b) {
  using BS = detail::shape_of_t<B>;
  for (std::size_t i = 0; i < a.size(); ++i) a[i] += detail::element(b, detail::source_index<BS, shape<D...>>(i));
  return a;
}
template <class T, std::size_t... D, class B>
constexpr tensor<T, D...>& operator-=(tensor<T, D...>& a, const B& b) {
  using BS = detail::shape_of_t<B>;
  for (std::size_t i = 0; i < a.size(); ++i) a[i] -= detail::element(b, detail::source_index<BS, shape<D...>>(i));
  return a;
}
template <class T, std::size_t... D, class B>
constexpr tensor<T, D...>& operator*=(tensor<T, D...>& a, const B& b) {
  using BS = detail::shape_of_t<B>;
  for (std::size_t i = 0; i < a.size(); ++i) a[i] *= detail::element(b, detail::source_index<BS, shape<D...>>(i));
  return a;
}
template <class T, std::size_t... D, class B>
constexpr tensor<T, D...>& operator/=(tensor<T, D...>& a, const B& b) {
  using BS = detail::shape_of_t<B>;
  for (std::size_t i = 0; i < a.size(); ++i) a[i] /= detail::element(b, detail::source_index<BS, shape<D...>>(i));
  return a;
}

//! Nested brackets, as PyTorch prints: `[[1, 2, 3], [4, 5, 6]]`.
template <class T, std::size_t... D>
std::ostream& operator<<(std::ostream& os, const tensor<T, D...>& t) {
  constexpr std::size_t rank = sizeof...(D);
  constexpr std::array<std::size_t, rank> dims{D...};
  std::array<std::size_t, rank> idx{};
  for (std::size_t i = 0; i < t.size(); ++i) {
    std::size_t opening = 0;  // dimensions that start at this element
    for (std::size_t k = rank; k-- > 0 && idx[k] == 0;) ++opening;
    if (i > 0) os << ", ";
    for (std::size_t k = 0; k < opening; ++k) os << '[';
    os << t[i];
    std::size_t k = rank;
    while (k-- > 0) {
      if (++idx[k] < dims[k]) break;
      idx[k] = 0;
      os << ']';
    }
  }
  return os;
}

}  // namespace typegrad
