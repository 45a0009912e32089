// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
#pragma once

// The only place that knows about compilers.

#if defined(__clang__) || defined(__GNUC__)
// On the entry of each pass: inline the whole fused pass into one body, so that
// the workspace lives in registers. Without it GCC may refuse to inline a pass
// ("large-stack-frame-growth"), because it sizes the workspace before scalar
// replacement (measured in bench/scalar_bench.cpp: +22 instructions a call).
#define TYPEGRAD_FLATTEN [[gnu::flatten]]
// A type comparison that instantiates nothing: the DAG walk compares each new
// node's key with every key seen so far, and std::is_same would instantiate a
// class per pair.
#define TYPEGRAD_IS_SAME(...) __is_same(__VA_ARGS__)
#else
#define TYPEGRAD_FLATTEN
#include <type_traits>
#define TYPEGRAD_IS_SAME(...) std::is_same_v<__VA_ARGS__>
#endif
