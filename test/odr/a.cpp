// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// One of two translation units that include the whole library and are linked together
// (test "odr"): a non-inline definition in any header breaks the link.
#include <typegrad/typegrad.hpp>
#include <typegrad/version.hpp>

static_assert(TYPEGRAD_VERSION_MAJOR >= 0);

int typegrad_odr_a() {
  return TYPEGRAD_VERSION_MAJOR * 10000 + TYPEGRAD_VERSION_MINOR * 100 + TYPEGRAD_VERSION_PATCH;
}
