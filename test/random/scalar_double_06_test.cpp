// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random scalar expressions in double, block 6 (expressions 192 to 223 of the family):
// every mode of differentiation against the others and against central differences. See
// test/support/differential.hpp and test/support/random_expr.hpp.

#include "support/differential.hpp"

namespace df = typegrad::test::differential;

namespace {
const bool registered = df::register_double_block<6>();
}  // namespace

TEST_CASE("random scalar expressions in double block 06") {
  CHECK(registered);
  df::check_double_block<6>();
}
