// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random scalar expressions in double, block 3 (expressions 96 to 127 of the family):
// every mode of differentiation against the others and against central differences. See
// test/support/differential.hpp and test/support/random_expr.hpp.

#include "support/differential.hpp"

namespace df = typegrad::test::differential;

namespace {
const bool registered = df::register_double_block<3>();
}  // namespace

TEST_CASE("random scalar expressions in double block 03") {
  CHECK(registered);
  df::check_double_block<3>();
}
