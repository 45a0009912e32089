// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// Sanity case for the compile-fail harness itself (STYLE practice 6): no library code is
// involved, so if compile_fail.sanity fails, the harness is broken, not typegrad. The message
// deliberately contains regex metacharacters to exercise the escaping.
// expected-error: typegrad: compile-fail sanity check (harness works) [1+1=2?]
#include <typegrad/version.hpp>

template <class T>
inline constexpr bool typegrad_sanity_always_false = false;

#ifndef TYPEGRAD_COMPILE_FAIL_OK
static_assert(typegrad_sanity_always_false<int>,
              "typegrad: compile-fail sanity check (harness works) [1+1=2?]");
#endif
