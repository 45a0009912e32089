// SPDX-FileCopyrightText: 2026 typegrad authors
// SPDX-License-Identifier: MIT

// Random scalar expressions in double, block 8 (expressions 256 to 287 of the family):
// every mode of differentiation against the others and against central differences. See
// test/support/differential.hpp and test/support/random_expr.hpp.

#include "support/differential.hpp"

namespace df = typegrad::test::differential;

namespace {
const bool registered = df::register_double_block<8>();
}  // namespace

TEST_CASE("random scalar expressions in double block 08") {
  CHECK(registered);
  df::check_double_block<8>();
}
