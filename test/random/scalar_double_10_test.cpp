// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random scalar expressions in double, block 10 (expressions 320 to 351 of the family):
// every mode of differentiation against the others and against central differences. See
// test/support/differential.hpp and test/support/random_expr.hpp.

#include "support/differential.hpp"

namespace df = typegrad::test::differential;

namespace {
const bool registered = df::register_double_block<10>();
}  // namespace

TEST_CASE("random scalar expressions in double block 10") {
  CHECK(registered);
  df::check_double_block<10>();
}
