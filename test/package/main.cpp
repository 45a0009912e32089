// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT
// A consumer of the installed or embedded library: it only has to compile, link and run.
#include <typegrad/typegrad.hpp>
#include <typegrad/version.hpp>

static_assert(TYPEGRAD_VERSION_MAJOR >= 0);
static_assert(TYPEGRAD_VERSION_MINOR >= 0);
static_assert(TYPEGRAD_VERSION_PATCH >= 0);

int main() {
  return TYPEGRAD_VERSION_MAJOR >= 0 ? 0 : 1;
}
