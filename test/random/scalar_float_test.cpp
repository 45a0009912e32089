// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random scalar expressions in float: the first expressions of the family over float
// variables, every mode against the others and, value and gradient, against the same
// expression over double. See test/support/differential.hpp.

#include "support/differential.hpp"

namespace df = typegrad::test::differential;

namespace {
constexpr int float_types = 24;
const bool registered = df::register_float_block<float_types>();
}  // namespace

TEST_CASE("random scalar expressions in float") {
  CHECK(registered);
  df::check_float_block<float_types>();
}
